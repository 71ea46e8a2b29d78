// SPDX-License-Identifier: MIT
/*
 * test_atfork.c - src/lib/atfork.c: every registered room's handlers run
 * around fork(), prepare from the highest layer down, parent and child
 * from the lowest up, whatever the order of registration.
 */
#include <sys/wait.h>

#include "ukt_test.h"
#include "lib/atfork.h"

static char trace[64];
static int ntrace;

static void note(char c)
{
	if (ntrace < (int)sizeof(trace) - 1)
		trace[ntrace++] = c;
}

static void prep_lib(void) { note('L'); }
static void prep_sched(void) { note('S'); }
static void prep_kthread(void) { note('K'); }
static void parent_lib(void) { note('l'); }
static void parent_sched(void) { note('s'); }
static void parent_kthread(void) { note('k'); }
static void child_lib(void) { note('1'); }
static void child_sched(void) { note('2'); }
static void child_kthread(void) { note('4'); }

static const struct ukt_atfork h_kthread = {
	UKT_LAYER_KTHREAD, prep_kthread, parent_kthread, child_kthread };
static const struct ukt_atfork h_lib = { UKT_LAYER_LIB, prep_lib, parent_lib, child_lib };
static const struct ukt_atfork h_sched = {
	UKT_LAYER_SCHED, prep_sched, parent_sched, child_sched };
static const struct ukt_atfork h_none = { UKT_LAYER_TIME, NULL, NULL, NULL };

START_TEST(test_order_by_layer)
{
	int status;
	pid_t pid;

	/* Out of order on purpose, and one with no handlers at all. */
	ukt__atfork_register(&h_kthread);
	ukt__atfork_register(&h_none);
	ukt__atfork_register(&h_lib);
	ukt__atfork_register(&h_sched);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0)
		t_child_exit(strcmp(trace, "KSL124") == 0 ? 0 : 1);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_str_eq(trace, "KSLlsk");
	ck_assert(WIFEXITED(status));
	ck_assert_int_eq(WEXITSTATUS(status), 0);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("lib/atfork");
	TCase *tc = t_tcase(s, "atfork");

	tcase_add_test(tc, test_order_by_layer);
	return t_run_suite(s);
}
