// SPDX-License-Identifier: MIT
/*
 * test_quarantine.c - src/lib/quarantine.c: type-stable pools.  A freed
 * object is never given back to malloc; the last UKT_QUARANTINE_SIZE
 * freed are never reused, older ones are, oldest first; the counts of the
 * site follow allocations, not memory; and a pool works in a fork()
 * child even when the fork came while another thread was using it.
 */
#include <sys/wait.h>

#include "ukt_test.h"
#include "lib/alloc.h"
#include "lib/quarantine.h"

struct obj {
	int mark;
	struct ukt_list_head link;
};

UKT_POOL_DEFINE(test_pool, UKT_SITE_WORKER, struct obj)

START_TEST(test_recent_kept_older_reused)
{
	long live0 = ukt_site_live(UKT_SITE_WORKER);
	struct obj *o[UKT_QUARANTINE_SIZE + 1];
	struct obj *again;

	for (int i = 0; i <= UKT_QUARANTINE_SIZE; i++) {
		o[i] = ukt__pool_alloc(&test_pool);
		ck_assert_ptr_nonnull(o[i]);
		ck_assert_int_eq(o[i]->mark, 0);	/* fresh memory is zeroed */
		o[i]->mark = i + 1;
	}
	ck_assert_int_eq(ukt_site_live(UKT_SITE_WORKER), live0 + UKT_QUARANTINE_SIZE + 1);
	for (int i = 0; i <= UKT_QUARANTINE_SIZE; i++)
		ukt__pool_free(&test_pool, o[i]);
	ck_assert_int_eq(ukt_site_live(UKT_SITE_WORKER), live0);
	/* Freed memory still holds what it held. */
	for (int i = 0; i <= UKT_QUARANTINE_SIZE; i++)
		ck_assert_int_eq(o[i]->mark, i + 1);
	/* One more than the quarantine waits: the oldest is reused, as it was. */
	again = ukt__pool_alloc(&test_pool);
	ck_assert_ptr_eq(again, o[0]);
	ck_assert_int_eq(again->mark, 1);
	/* The rest are the last UKT_QUARANTINE_SIZE freed: fresh memory now. */
	{
		struct obj *fresh = ukt__pool_alloc(&test_pool);

		for (int i = 1; i <= UKT_QUARANTINE_SIZE; i++)
			ck_assert_ptr_ne(fresh, o[i]);
		ukt__pool_free(&test_pool, fresh);
	}
	ukt__pool_free(&test_pool, again);
	ck_assert_int_eq(ukt_site_live(UKT_SITE_WORKER), live0);
}
END_TEST

START_TEST(test_fault_injection)
{
	ukt_fault_inject(UKT_SITE_WORKER, 1, 1);
	ck_assert_ptr_null(ukt__pool_alloc(&test_pool));
	ukt__pool_free(&test_pool, ukt__pool_alloc(&test_pool));
}
END_TEST

static int stop;

static void *churn(void *arg)
{
	(void)arg;
	while (!T_LOAD(&stop))
		ukt__pool_free(&test_pool, ukt__pool_alloc(&test_pool));
	return NULL;
}

START_TEST(test_fork_while_in_use)
{
	pthread_t t;

	ck_assert_int_eq(pthread_create(&t, NULL, churn, NULL), 0);
	for (int i = 0; i < 200; i++) {
		int status;
		pid_t pid = fork();

		ck_assert_int_ge(pid, 0);
		if (pid == 0) {
			/* Would hang here if the child inherited the lock held. */
			for (int j = 0; j < 2 * UKT_QUARANTINE_SIZE; j++)
				ukt__pool_free(&test_pool, ukt__pool_alloc(&test_pool));
			t_child_exit(0);
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

	tcase_add_test(tc, test_recent_kept_older_reused);
	tcase_add_test(tc, test_fault_injection);
	tcase_add_test(tc, test_fork_while_in_use);
	return t_run_suite(s);
}
