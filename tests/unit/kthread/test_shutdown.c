// SPDX-License-Identifier: MIT
/*
 * test_shutdown.c - ukt_shutdown() (src/kernel/shutdown.c): every kthread
 * and worker the program left running is stopped, newest first; armed
 * timers are disarmed; kthreadd, its spares and the timer thread end; no
 * thread of the library's is left; and everything starts again on next
 * use.
 */
#include <dirent.h>

#include "worker_fixture.h"
#include "kthread_fixture.h"

static void *nothing(void *arg)
{
	return arg;
}

/*
 * Threads of this process before the library made any: ThreadSanitizer
 * starts a thread of its own with the first pthread_create(), so make one
 * first.
 */
static int nr_threads(void);

static int threads_before(void)
{
	pthread_t th;

	ck_assert_int_eq(pthread_create(&th, NULL, nothing, NULL), 0);
	ck_assert_int_eq(pthread_join(th, NULL), 0);
	return nr_threads();
}

/* Threads of this process (/proc/self/task). */
static int nr_threads(void)
{
	DIR *d = opendir("/proc/self/task");
	struct dirent *e;
	int n = 0;

	ck_assert_ptr_nonnull(d);
	while ((e = readdir(d)))
		if (e->d_name[0] != '.')
			n++;
	closedir(d);
	return n;
}

static int order[8], nr_order;

static int ordered_fn(void *data)
{
	wait_for_stop();
	order[T_INC(&nr_order) - 1] = (int)(long)data;
	return 0;
}

static int timer_fires;

static void timer_fn(struct timer_list *t)
{
	(void)t;
	T_INC(&timer_fires);
}

START_TEST(test_shutdown_ends_everything)
{
	int threads0 = threads_before();	/* main, and a sanitizer's own threads */
	struct ukt_shutdown_report r;
	struct task_struct *k[4], *parked, *zombie, *unstarted;
	struct kthread_worker *w1, *w2;
	struct probe pz = { .value = 9 };
	struct timer_list tl;
	struct blocker b;
	struct td armed;
	struct tw queued;

	for (int i = 0; i < 4; i++) {
		k[i] = kthread_run(ordered_fn, (void *)(long)i, "sd-%d", i);
		ck_assert(!IS_ERR(k[i]));
	}
	parked = kthread_create(ordered_fn, (void *)4L, "sd-parked");
	ck_assert(!IS_ERR(parked));
	ck_assert_int_eq(kthread_park(parked), 0);
	unstarted = kthread_create(ordered_fn, (void *)5L, "sd-unstarted");
	ck_assert(!IS_ERR(unstarted));
	zombie = kthread_run(return_at_once_fn, &pz, "sd-zombie");
	ck_assert(!IS_ERR(zombie));
	w1 = start_worker("sd-w1");
	w2 = start_worker("sd-w2");
	td_init(&armed, NULL);
	ck_assert(kthread_queue_delayed_work(w1, &armed.dw, 100000));
	block_worker(w2, &b);
	tw_init(&queued, NULL);
	ck_assert(kthread_queue_work(w2, &queued.work));
	timer_setup(&tl, timer_fn, 0);
	ck_assert_int_eq(mod_timer(&tl, jiffies + 100000), 0);
	ck_assert(T_WAIT_FOR(ran(&pz) == 1, 5000));
	t_gate_open(&b.gate);	/* let the blocker finish; the queued work may run or be dropped */

	ck_assert_int_eq(ukt_shutdown(5000, &r), 0);
	/* 4 + parked + unstarted + zombie + 2 workers */
	ck_assert_uint_eq(r.kthreads, 9);
	ck_assert_uint_eq(r.workers, 2);
	ck_assert_uint_ge(r.works_dropped, 1);		/* the armed delayed work */
	ck_assert_uint_ge(r.timers, 1);
	ck_assert_uint_ge(r.threads, 2);		/* kthreadd and ktimers at least */
	ck_assert_uint_eq(r.left, 0);
	ck_assert_int_eq(nr_threads(), threads0);
	ck_assert_int_eq(ukt_site_live(UKT_SITE_THREAD), 0);
	ck_assert_int_eq(ukt_site_live(UKT_SITE_TIMER_THREAD), 0);
	ck_assert_int_eq(ukt_site_live(UKT_SITE_KTHREAD), 0);
	ck_assert_int_eq(ukt_site_live(UKT_SITE_WORKER), 0);
	ck_assert(!timer_pending(&tl));
	ck_assert(!timer_pending(&armed.dw.timer));
	ck_assert_int_eq(T_LOAD(&armed.runs), 0);
	/* Newest first: the four running ones stopped in reverse. */
	for (int i = 0; i + 1 < T_LOAD(&nr_order); i++)
		ck_assert_int_gt(order[i], order[i + 1]);

	/* What it stopped is gone; a late stop or queue is caught. */
	ck_assert_int_eq(kthread_stop(k[0]), -ESRCH);
	ck_assert(!kthread_queue_work(w1, &queued.work));

	/* Everything starts again on next use. */
	pz.ready = 0;
	zombie = kthread_run(until_stop_fn, &pz, "sd-again");
	ck_assert(!IS_ERR(zombie));
	ck_assert(T_WAIT_FOR(is_ready(&pz), 5000));
	ck_assert_int_eq(kthread_stop(zombie), 9);
	ck_assert_int_eq(mod_timer(&tl, jiffies + 1), 0);
	ck_assert(T_WAIT_FOR(T_LOAD(&timer_fires) == 1, 5000));
	ck_assert_int_eq(ukt_shutdown(5000, NULL), 0);
	ck_assert_int_eq(nr_threads(), threads0);
}
END_TEST

static int stubborn_go, stubborn_in;

/* Ignores kthread_stop() until the test lets it go. */
static int stubborn_fn(void *data)
{
	(void)data;
	T_STORE(&stubborn_in, 1);
	while (!T_LOAD(&stubborn_go))
		t_sleep_ms(1);
	return 0;
}

START_TEST(test_shutdown_timeout_busy)
{
	int threads0 = threads_before();
	struct ukt_shutdown_report r;
	struct task_struct *p = kthread_run(stubborn_fn, NULL, "sd-stubborn");

	ck_assert(!IS_ERR(p));
	get_task_struct(p);
	ck_assert(T_WAIT_FOR(T_LOAD(&stubborn_in), 5000));
	ck_assert_int_eq(ukt_shutdown(50, &r), -EBUSY);
	ck_assert_uint_eq(r.left, 1);
	ck_assert_uint_eq(r.kthreads, 0);
	T_STORE(&stubborn_go, 1);
	/* It was asked to stop: it leaves, and a stop reaps it. */
	ck_assert_int_eq(kthread_stop(p), 0);
	put_task_struct(p);
	ck_assert_int_eq(ukt_shutdown(5000, &r), 0);
	ck_assert_int_eq(nr_threads(), threads0);
}
END_TEST

static int from_kthread_fn(void *data)
{
	T_STORE((int *)data, ukt_shutdown(100, NULL));
	wait_for_stop();
	return 0;
}

START_TEST(test_shutdown_from_kthread_refused)
{
	unsigned long warns = ukt_warn_count();
	int ret = 1;
	struct task_struct *p = kthread_run(from_kthread_fn, &ret, "sd-self");

	ck_assert(!IS_ERR(p));
	ck_assert(T_WAIT_FOR(T_LOAD(&ret) != 1, 5000));
	ck_assert_int_eq(ret, -EDEADLK);
	ck_assert_uint_eq(ukt_warn_count(), warns + 1);
	ck_assert_int_eq(kthread_stop(p), 0);
}
END_TEST

START_TEST(test_shutdown_nothing_running)
{
	struct ukt_shutdown_report r;

	ck_assert_int_eq(ukt_shutdown(100, &r), 0);
	ck_assert_uint_eq(r.kthreads + r.workers + r.timers + r.threads + r.left, 0);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("shutdown");
	TCase *tc = t_tcase(s, "shutdown");

	tcase_add_test(tc, test_shutdown_ends_everything);
	tcase_add_test(tc, test_shutdown_timeout_busy);
	tcase_add_test(tc, test_shutdown_from_kthread_refused);
	tcase_add_test(tc, test_shutdown_nothing_running);
	return t_run_suite(s);
}
