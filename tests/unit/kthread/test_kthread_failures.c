// SPDX-License-Identifier: MIT
/*
 * test_kthread_failures.c - kthread_create() when it cannot: no
 * threadfn, no thread, no memory; kthreadd still serves afterwards
 * (src/kernel/kthread.c, with the fault injection of src/lib/alloc.c).
 */
#include "kthread_fixture.h"

/* ---- failures ------------------------------------------------------------------ */

START_TEST(test_null_threadfn)
{
	long live, threads;
	unsigned long w;
	struct task_struct *p;

	t_spares_mode(_i);
	live = ukt_site_live(UKT_SITE_KTHREAD);
	threads = ukt_site_live(UKT_SITE_THREAD);
	w = ukt_warn_count();
	p = kthread_create(NULL, NULL, "nullfn");
	ck_assert(IS_ERR(p));
	ck_assert_int_eq(PTR_ERR(p), -EINVAL);
	ck_assert_uint_eq(ukt_warn_count(), w + 1);
	p = kthread_run(NULL, NULL, "nullfn");
	ck_assert(IS_ERR(p));
	ck_assert_int_eq(PTR_ERR(p), -EINVAL);
	ck_assert_int_eq(ukt_site_live(UKT_SITE_KTHREAD), live);
	ck_assert_int_eq(ukt_site_live(UKT_SITE_THREAD), threads);
}
END_TEST

START_TEST(test_thread_spawn_failure)
{
	struct probe pr = { .value = 9 };
	long live, names, threads;
	struct task_struct *p;

	t_spares_mode(true);
	live = ukt_site_live(UKT_SITE_KTHREAD);
	names = ukt_site_live(UKT_SITE_KTHREAD_NAME);
	threads = ukt_site_live(UKT_SITE_THREAD);
	ukt_fault_inject(UKT_SITE_THREAD, 1, 1);
	p = kthread_create(until_stop_fn, &pr, "spawn-fails-with-a-long-name");
	ck_assert(IS_ERR(p));
	ck_assert_int_eq(PTR_ERR(p), -EAGAIN);
	ck_assert_int_eq(ukt_site_live(UKT_SITE_KTHREAD), live);
	ck_assert_int_eq(ukt_site_live(UKT_SITE_KTHREAD_NAME), names);
	ck_assert_int_eq(ukt_site_live(UKT_SITE_THREAD), threads);
	ck_assert_int_eq(ran(&pr), 0);
	/* kthreadd still serves. */
	p = kthread_run(until_stop_fn, &pr, "after_failure");
	ck_assert(!IS_ERR(p));
	ck_assert(T_WAIT_FOR(is_ready(&pr), 5000));
	ck_assert_int_eq(kthread_stop(p), 9);
	ck_assert_int_eq(kthread_live_settled(live), live);
	/* Two failures in a row, then success. */
	ukt_fault_inject(UKT_SITE_THREAD, 1, 2);
	ck_assert_int_eq(PTR_ERR(kthread_create(until_stop_fn, &pr, "f1")), -EAGAIN);
	ck_assert_int_eq(PTR_ERR(kthread_create(until_stop_fn, &pr, "f2")), -EAGAIN);
	p = kthread_create(until_stop_fn, &pr, "ok");
	ck_assert(!IS_ERR(p));
	ck_assert_int_eq(kthread_stop(p), -EINTR);
	ck_assert_int_eq(kthread_live_settled(live), live);
}
END_TEST

START_TEST(test_alloc_failure)
{
	struct probe pr = { .value = 4 };
	long live, threads;
	struct task_struct *p;

	t_spares_mode(_i);
	ck_assert_ptr_nonnull(kthreadd_task);
	live = ukt_site_live(UKT_SITE_KTHREAD);
	ukt_fault_inject(UKT_SITE_KTHREAD, 1, 1);
	threads = ukt_site_live(UKT_SITE_THREAD);
	p = kthread_create(until_stop_fn, &pr, "nomem");
	ck_assert(IS_ERR(p));
	ck_assert_int_eq(PTR_ERR(p), -ENOMEM);
	ck_assert_int_eq(ukt_site_live(UKT_SITE_KTHREAD), live);
	if (_i)	/* no spare to refill: no thread came or went */
		ck_assert_int_eq(ukt_site_live(UKT_SITE_THREAD), threads);
	p = kthread_run(until_stop_fn, &pr, "mem_again");
	ck_assert(!IS_ERR(p));
	ck_assert(T_WAIT_FOR(is_ready(&pr), 5000));
	ck_assert_int_eq(kthread_stop(p), 4);
	ck_assert_int_eq(kthread_live_settled(live), live);
}
END_TEST

static Suite *failures_suite(void)
{
	Suite *s = suite_create("kthread_failures");
	TCase *tc;

	tc = t_tcase(s, "failures");
	tcase_add_loop_test(tc, test_null_threadfn, 0, 2);
	tcase_add_test(tc, test_thread_spawn_failure);
	tcase_add_loop_test(tc, test_alloc_failure, 0, 2);
	return s;
}

int main(void)
{
	return t_run_suite(failures_suite());
}
