// SPDX-License-Identifier: MIT
/*
 * test_quarantine.c - src/lib/quarantine.c: an object put in quarantine
 * stays allocated until UKT_QUARANTINE_SIZE more came after it, and the
 * quarantine works in a fork() child even when the fork came while
 * another thread was using it.
 */
#include <sys/wait.h>

#include "ukt_test.h"
#include "lib/alloc.h"
#include "lib/quarantine.h"

START_TEST(test_freed_late)
{
	long live0 = ukt_site_live(UKT_SITE_WORKER);
	void *first = ukt__zalloc(UKT_SITE_WORKER, 64);

	ck_assert_ptr_nonnull(first);
	ukt__quarantine_free(UKT_SITE_WORKER, first);
	for (int i = 0; i < UKT_QUARANTINE_SIZE - 1; i++) {
		ukt__quarantine_free(UKT_SITE_WORKER, ukt__zalloc(UKT_SITE_WORKER, 64));
		/* Nothing freed yet: every object is still in quarantine. */
		ck_assert_int_eq(ukt_site_live(UKT_SITE_WORKER), live0 + i + 2);
	}
	/* One more pushes the first out. */
	ukt__quarantine_free(UKT_SITE_WORKER, ukt__zalloc(UKT_SITE_WORKER, 64));
	ck_assert_int_eq(ukt_site_live(UKT_SITE_WORKER), live0 + UKT_QUARANTINE_SIZE);
}
END_TEST

static int stop;

static void *churn(void *arg)
{
	(void)arg;
	while (!T_LOAD(&stop))
		ukt__quarantine_free(UKT_SITE_WORKER, ukt__zalloc(UKT_SITE_WORKER, 32));
	return NULL;
}

START_TEST(test_fork_while_in_use)
{
	pthread_t t;

	ck_assert_int_eq(pthread_create(&t, NULL, churn, NULL), 0);
	for (int i = 0; i < 50; i++) {
		int status;
		pid_t pid = fork();

		ck_assert_int_ge(pid, 0);
		if (pid == 0) {
			/* Would hang here if the child inherited the lock held. */
			for (int j = 0; j < 2 * UKT_QUARANTINE_SIZE; j++)
				ukt__quarantine_free(UKT_SITE_WORKER,
						     ukt__zalloc(UKT_SITE_WORKER, 32));
			_exit(0);
		}
		ck_assert_int_eq(waitpid(pid, &status, 0), pid);
		ck_assert(WIFEXITED(status));
		ck_assert_int_eq(WEXITSTATUS(status), 0);
	}
	T_STORE(&stop, 1);
	pthread_join(t, NULL);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("lib/quarantine");
	TCase *tc = t_tcase(s, "quarantine");

	tcase_add_test(tc, test_freed_late);
	tcase_add_test(tc, test_fork_while_in_use);
	return t_run_suite(s);
}
