// SPDX-License-Identifier: MIT
/*
 * test_alloc.c - allocation sites and fault injection, through the public
 * <ukthread/debug.h> API (src/lib/alloc.c): ukt_site_live() and
 * ukt_site_total() follow what the library makes and frees,
 * ukt_fault_inject() fails the n-th next attempt, so many times in a row,
 * and can be cancelled; a bad site is refused with a warning.
 */
#include <ukthread/debug.h>

#include "ukt_test.h"

static void *adopt_and_leave(void *arg)
{
	(void)arg;
	(void)get_current();
	return NULL;
}

static void adopt_one(void)
{
	pthread_t th;

	ck_assert_int_eq(pthread_create(&th, NULL, adopt_and_leave, NULL), 0);
	ck_assert_int_eq(pthread_join(th, NULL), 0);
}

/* A task per adopted thread: counted live while it is there, total ever. */
START_TEST(test_task_site_counts)
{
	long live;
	unsigned long total;

	(void)get_current();
	live = ukt_site_live(UKT_SITE_TASK);
	total = ukt_site_total(UKT_SITE_TASK);
	ck_assert_int_ge(live, 1);			/* ours */
	ck_assert_uint_ge(total, (unsigned long)live);
	for (int i = 1; i <= 10; i++) {
		adopt_one();
		ck_assert_uint_eq(ukt_site_total(UKT_SITE_TASK), total + (unsigned long)i);
		ck_assert_int_eq(ukt_site_live(UKT_SITE_TASK), live);
	}
}
END_TEST

/* Sleep until kthread_stop(), no timer involved: only kthreadd's threads
 * come and go at UKT_SITE_THREAD meanwhile. */
static int stop_fn(void *data)
{
	if (data)
		T_STORE((int *)data, 1);	/* started: a stop now returns 0 */
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (kthread_should_stop())
			break;
		schedule();
	}
	__set_current_state(TASK_RUNNING);
	return 0;
}

/* A kthread and its long name: live while it exists, freed with it. */
START_TEST(test_kthread_sites_live_and_total)
{
	struct task_struct *p;
	long live, names;
	unsigned long total, names_total;
	int started = 0;

	(void)kthreadd_task;
	live = ukt_site_live(UKT_SITE_KTHREAD);
	total = ukt_site_total(UKT_SITE_KTHREAD);
	names = ukt_site_live(UKT_SITE_KTHREAD_NAME);
	names_total = ukt_site_total(UKT_SITE_KTHREAD_NAME);
	p = kthread_run(stop_fn, &started, "a-name-of-more-than-fifteen-bytes");
	ck_assert(!IS_ERR(p));
	ck_assert_int_eq(ukt_site_live(UKT_SITE_KTHREAD), live + 1);
	ck_assert_uint_eq(ukt_site_total(UKT_SITE_KTHREAD), total + 1);
	ck_assert_int_eq(ukt_site_live(UKT_SITE_KTHREAD_NAME), names + 1);
	ck_assert_uint_eq(ukt_site_total(UKT_SITE_KTHREAD_NAME), names_total + 1);
	ck_assert(T_WAIT_FOR(T_LOAD(&started), 5000));
	ck_assert_int_eq(kthread_stop(p), 0);
	ck_assert(T_WAIT_FOR(ukt_site_live(UKT_SITE_KTHREAD) == live, 5000));
	ck_assert(T_WAIT_FOR(ukt_site_live(UKT_SITE_KTHREAD_NAME) == names, 5000));
	ck_assert_uint_eq(ukt_site_total(UKT_SITE_KTHREAD), total + 1);

	/* A short name needs no allocation of its own. */
	started = 0;
	p = kthread_run(stop_fn, &started, "short");
	ck_assert(!IS_ERR(p));
	ck_assert_uint_eq(ukt_site_total(UKT_SITE_KTHREAD_NAME), names_total + 1);
	ck_assert(T_WAIT_FOR(T_LOAD(&started), 5000));
	ck_assert_int_eq(kthread_stop(p), 0);
}
END_TEST

/* Fault injection: the n-th next attempt fails, @count times in a row. */
START_TEST(test_fault_inject_nth_and_count)
{
	struct kthread_worker *w[3];
	unsigned long total;

	(void)kthreadd_task;
	total = ukt_site_total(UKT_SITE_WORKER);
	ukt_fault_inject(UKT_SITE_WORKER, 2, 1);
	w[0] = kthread_create_worker(0, "alloc-1");
	ck_assert(!IS_ERR(w[0]));				/* the 1st: fine */
	w[1] = kthread_create_worker(0, "alloc-2");
	ck_assert(IS_ERR(w[1]));				/* the 2nd fails */
	ck_assert_int_eq(PTR_ERR(w[1]), -ENOMEM);
	w[2] = kthread_create_worker(0, "alloc-3");
	ck_assert(!IS_ERR(w[2]));				/* once only */
	ck_assert_uint_eq(ukt_site_total(UKT_SITE_WORKER), total + 2);
	kthread_destroy_worker(w[0]);
	kthread_destroy_worker(w[2]);

	/* Three in a row, from the next attempt on. */
	total = ukt_site_total(UKT_SITE_WORKER);
	ukt_fault_inject(UKT_SITE_WORKER, 1, 3);
	for (int i = 0; i < 3; i++) {
		struct kthread_worker *f = kthread_create_worker(0, "alloc-f%d", i);

		ck_assert_msg(IS_ERR(f), "attempt %d was not failed", i);
		ck_assert_int_eq(PTR_ERR(f), -ENOMEM);
	}
	w[0] = kthread_create_worker(0, "alloc-ok");
	ck_assert(!IS_ERR(w[0]));
	ck_assert_uint_eq(ukt_site_total(UKT_SITE_WORKER), total + 1);
	kthread_destroy_worker(w[0]);
}
END_TEST

START_TEST(test_fault_inject_cancel)
{
	struct kthread_worker *w;
	unsigned long total;

	(void)kthreadd_task;
	total = ukt_site_total(UKT_SITE_WORKER);
	ukt_fault_inject(UKT_SITE_WORKER, 1, 5);
	ukt_fault_inject(UKT_SITE_WORKER, 0, 0);		/* cancelled */
	w = kthread_create_worker(0, "alloc-nofault");
	ck_assert(!IS_ERR(w));
	ck_assert_uint_eq(ukt_site_total(UKT_SITE_WORKER), total + 1);
	kthread_destroy_worker(w);

	/* An injection at one site leaves the others alone. */
	total = ukt_site_total(UKT_SITE_TASK);
	ukt_fault_inject(UKT_SITE_WORKER, 1, 1);
	adopt_one();
	ck_assert_uint_eq(ukt_site_total(UKT_SITE_TASK), total + 1);
	w = kthread_create_worker(0, "alloc-other");
	ck_assert(IS_ERR(w));
	ck_assert_int_eq(PTR_ERR(w), -ENOMEM);
}
END_TEST

/* The thread site: a spawn that fails is EAGAIN and counts nothing. */
START_TEST(test_fault_inject_thread_site)
{
	struct task_struct *p;
	long threads;
	unsigned long threads_total;
	int started = 0;

	t_spares_mode(true);		/* every kthread is a fresh spawn */
	ck_assert_ptr_nonnull(kthreadd_task);
	threads = ukt_site_live(UKT_SITE_THREAD);
	ck_assert_int_ge(threads, 1);	/* kthreadd */
	threads_total = ukt_site_total(UKT_SITE_THREAD);
	ukt_fault_inject(UKT_SITE_THREAD, 1, 1);
	p = kthread_create(stop_fn, NULL, "nothread");
	ck_assert(IS_ERR(p));
	ck_assert_int_eq(PTR_ERR(p), -EAGAIN);
	ck_assert_int_eq(ukt_site_live(UKT_SITE_THREAD), threads);
	ck_assert_uint_eq(ukt_site_total(UKT_SITE_THREAD), threads_total);
	p = kthread_run(stop_fn, &started, "thread");
	ck_assert(!IS_ERR(p));
	ck_assert_int_eq(ukt_site_live(UKT_SITE_THREAD), threads + 1);
	/* Counted once pthread_create() returned in kthreadd, which may be
	 * after the new kthread already reported for duty. */
	ck_assert(T_WAIT_FOR(ukt_site_total(UKT_SITE_THREAD) == threads_total + 1, 5000));
	ck_assert_uint_eq(ukt_site_total(UKT_SITE_THREAD), threads_total + 1);
	ck_assert(T_WAIT_FOR(T_LOAD(&started), 5000));
	ck_assert_int_eq(kthread_stop(p), 0);
	ck_assert(T_WAIT_FOR(ukt_site_live(UKT_SITE_THREAD) == threads, 5000));
}
END_TEST

START_TEST(test_bad_site)
{
	unsigned long w = ukt_warn_count();

	ck_assert_int_eq(ukt_site_live(UKT_SITE_NR), 0);
	ck_assert_uint_eq(ukt_site_total(UKT_SITE_NR), 0);
	ck_assert_int_eq(ukt_site_live((enum ukt_alloc_site)-1), 0);
	ck_assert_uint_eq(ukt_site_total((enum ukt_alloc_site)1000), 0);
	ck_assert_uint_eq(ukt_warn_count(), w);
	ukt_fault_inject(UKT_SITE_NR, 1, 1);
	ck_assert_uint_eq(ukt_warn_count(), w + 1);
	ukt_fault_inject((enum ukt_alloc_site)-1, 1, 1);
	ck_assert_uint_eq(ukt_warn_count(), w + 2);
	/* Nothing was armed by it: the library still allocates. */
	{
		struct kthread_worker *kw = kthread_create_worker(0, "alloc-after");

		ck_assert(!IS_ERR(kw));
		kthread_destroy_worker(kw);
	}
	ck_assert_uint_eq(ukt_warn_count(), w + 2);
}
END_TEST

static Suite *alloc_suite(void)
{
	Suite *s = suite_create("alloc");
	TCase *tc;

	tc = t_tcase(s, "sites");
	tcase_add_test(tc, test_task_site_counts);
	tcase_add_test(tc, test_kthread_sites_live_and_total);
	tcase_add_test(tc, test_bad_site);

	tc = t_tcase(s, "fault_inject");
	tcase_add_test(tc, test_fault_inject_nth_and_count);
	tcase_add_test(tc, test_fault_inject_cancel);
	tcase_add_test(tc, test_fault_inject_thread_site);
	return s;
}

int main(void)
{
	return t_run_suite(alloc_suite());
}
