// SPDX-License-Identifier: MIT
/*
 * test_kthread_misuse.c - misuse of the kthread API that the kernel would
 * crash on (src/kernel/kthread.c): task references dropped once too
 * often, a second kthread_stop() without a reference, kthread_stop() of an
 * ERR_PTR or NULL.  Each gets a warning and a defined result, and the
 * library goes on working.
 */
#include "kthread_fixture.h"

/* get; stop; put; put: the second put is one too many. */
START_TEST(test_put_after_stop_twice_warns)
{
	struct probe pr = { .value = 7 };
	struct task_struct *p = kthread_run(until_stop_fn, &pr, "kt-put2");
	unsigned long warns;

	ck_assert(!IS_ERR(p));
	get_task_struct(p);
	ck_assert(T_WAIT_FOR(is_ready(&pr), 5000));
	ck_assert_int_eq(kthread_stop(p), 7);
	warns = ukt_warn_count();
	put_task_struct(p);
	ck_assert_uint_eq(ukt_warn_count(), warns);
	put_task_struct(p);		/* underflow: warn, nothing freed twice */
	ck_assert_uint_eq(ukt_warn_count(), warns + 1);
	/* The library still works, and no later kthread is freed early. */
	pr.value = 8;
	pr.ready = 0;
	p = kthread_run(until_stop_fn, &pr, "kt-put2b");
	ck_assert(!IS_ERR(p));
	ck_assert(T_WAIT_FOR(is_ready(&pr), 5000));
	ck_assert_int_eq(kthread_stop(p), 8);
}
END_TEST

/* A stray put on a running kthread cannot free it: its thread holds a reference. */
START_TEST(test_stray_put_cannot_free_running_kthread)
{
	struct probe pr = { .value = 3 };
	struct task_struct *p = kthread_run(until_stop_fn, &pr, "kt-stray");
	long live = ukt_site_live(UKT_SITE_KTHREAD);
	unsigned long warns;

	ck_assert(!IS_ERR(p));
	ck_assert(T_WAIT_FOR(is_ready(&pr), 5000));
	put_task_struct(p);		/* takes the stopper's reference */
	warns = ukt_warn_count();
	put_task_struct(p);		/* one more: underflow */
	ck_assert_uint_eq(ukt_warn_count(), warns + 1);
	ck_assert_int_eq(ukt_site_live(UKT_SITE_KTHREAD), live);
	/* Still alive and stoppable. */
	ck_assert_int_eq(p->pid, pr.tid);
	ck_assert(!(t_flags(p) & PF_EXITING));
	ck_assert_int_eq(kthread_stop(p), 3);
}
END_TEST

/* stop; stop without a reference: the second warns instead of freeing again. */
START_TEST(test_stop_twice_without_reference)
{
	struct probe pr = { .value = 5 };
	struct task_struct *p = kthread_run(until_stop_fn, &pr, "kt-stop2");
	unsigned long warns;
	long live;

	ck_assert(!IS_ERR(p));
	ck_assert(T_WAIT_FOR(is_ready(&pr), 5000));
	live = ukt_site_live(UKT_SITE_KTHREAD);
	ck_assert_int_eq(kthread_stop(p), 5);
	/*
	 * kthread_stop() returns once the thread is done; its own last
	 * reference goes a moment later, and only then is the task freed.
	 */
	ck_assert_int_eq(kthread_live_settled(live - 1), live - 1);
	live = ukt_site_live(UKT_SITE_KTHREAD);
	warns = ukt_warn_count();
	ck_assert_int_eq(kthread_stop(p), -ESRCH);
	ck_assert_uint_eq(ukt_warn_count(), warns + 1);
	ck_assert_int_eq(ukt_site_live(UKT_SITE_KTHREAD), live);
	pr.value = 6;
	pr.ready = 0;
	p = kthread_run(until_stop_fn, &pr, "kt-stop2b");
	ck_assert(!IS_ERR(p));
	ck_assert(T_WAIT_FOR(is_ready(&pr), 5000));
	ck_assert_int_eq(kthread_stop(p), 6);
}
END_TEST

/* kthread_stop(ERR_PTR(-ENOMEM)) and kthread_stop(NULL): -EINVAL, a warning. */
START_TEST(test_stop_err_ptr_einval)
{
	unsigned long warns = ukt_warn_count();

	ck_assert_int_eq(kthread_stop(ERR_PTR(-ENOMEM)), -EINVAL);
	ck_assert_uint_eq(ukt_warn_count(), warns + 1);
	ck_assert_int_eq(kthread_stop(NULL), -EINVAL);
	ck_assert_uint_eq(ukt_warn_count(), warns + 2);
	ck_assert_int_eq(kthread_park(ERR_PTR(-EINTR)), -EINVAL);
	kthread_unpark(ERR_PTR(-EINTR));
	ck_assert_ptr_null(kthread_probe_data(ERR_PTR(-ENOMEM)));
	ck_assert_uint_eq(ukt_warn_count(), warns + 4);
}
END_TEST

static Suite *misuse_suite(void)
{
	Suite *s = suite_create("kthread_misuse");
	TCase *tc = t_tcase(s, "refs");

	tcase_add_test(tc, test_put_after_stop_twice_warns);
	tcase_add_test(tc, test_stray_put_cannot_free_running_kthread);
	tcase_add_test(tc, test_stop_twice_without_reference);
	tcase_add_test(tc, test_stop_err_ptr_einval);
	return s;
}

int main(void)
{
	return t_run_suite(misuse_suite());
}
