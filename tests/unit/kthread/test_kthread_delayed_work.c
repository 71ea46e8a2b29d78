// SPDX-License-Identifier: MIT
/*
 * test_kthread_delayed_work.c - kthread_delayed_work
 * (src/kernel/kthread_delayed_work.c on top of src/kernel/time/timer.c):
 * initialisation, delays, flush with an armed timer, destroy with armed
 * works, misuse.  mod and cancel: test_kthread_delayed_work_cancel.c.
 */
#include "worker_fixture.h"

/* ---- initialisation ------------------------------------------------------ */

static int static_runs;

static void static_fn(struct kthread_work *work)
{
	(void)work;
	T_INC(&static_runs);
}

static DEFINE_KTHREAD_DELAYED_WORK(defined_dw, static_fn);
static struct td static_td = {
	.magic = TD_MAGIC,
	.dw = KTHREAD_DELAYED_WORK_INIT(static_td.dw, td_fn),
};

START_TEST(test_init_variants)
{
	struct kthread_worker *w = start_worker("dw-init");
	struct td t;

	td_init(&t, NULL);
	ck_assert(!timer_pending(&t.dw.timer));
	ck_assert(!timer_pending(&defined_dw.timer));
	ck_assert(!timer_pending(&static_td.dw.timer));
	ck_assert(kthread_queue_delayed_work(w, &t.dw, 2));
	ck_assert(kthread_queue_delayed_work(w, &defined_dw, 2));
	ck_assert(kthread_queue_delayed_work(w, &static_td.dw, 2));
	ck_assert(timer_pending(&static_td.dw.timer));
	kthread_flush_work(&t.dw.work);
	kthread_flush_work(&defined_dw.work);
	kthread_flush_work(&static_td.dw.work);
	ck_assert_int_eq(T_LOAD(&t.runs), 1);
	ck_assert_int_eq(T_LOAD(&static_runs), 1);
	ck_assert_int_eq(T_LOAD(&static_td.runs), 1);
	ck_assert_ptr_eq(t.task, w->task);
	/* Statically initialised ones queue immediately too. */
	ck_assert(kthread_mod_delayed_work(w, &static_td.dw, 0) == false);
	kthread_flush_work(&static_td.dw.work);
	ck_assert_int_eq(T_LOAD(&static_td.runs), 2);
	end_worker(w);
}
END_TEST

/* ---- delays ---------------------------------------------------------------- */

START_TEST(test_delay_zero_queues_at_once)
{
	struct kthread_worker *w = start_worker("dw-zero");
	struct blocker b;
	struct td t;

	td_init(&t, NULL);
	block_worker(w, &b);
	ck_assert(kthread_queue_delayed_work(w, &t.dw, 0));
	ck_assert(!timer_pending(&t.dw.timer));		/* no timer involved */
	ck_assert(!kthread_queue_delayed_work(w, &t.dw, 0));	/* pending */
	ck_assert(!kthread_queue_delayed_work(w, &t.dw, 100));
	ck_assert(!timer_pending(&t.dw.timer));
	t_gate_open(&b.gate);
	/* On the work list: flush_worker, which ignores armed timers, covers it. */
	kthread_flush_worker(w);
	ck_assert_int_eq(T_LOAD(&t.runs), 1);

	/* The same through mod: idle -> queued at once, false. */
	ck_assert(!kthread_mod_delayed_work(w, &t.dw, 0));
	ck_assert(!timer_pending(&t.dw.timer));
	kthread_flush_worker(w);
	ck_assert_int_eq(T_LOAD(&t.runs), 2);
	end_worker(w);
}
END_TEST

START_TEST(test_queue_delayed_false_while_pending)
{
	struct kthread_worker *w = start_worker("dw-pend");
	struct td t;

	td_init(&t, NULL);
	ck_assert(kthread_queue_delayed_work(w, &t.dw, 30));
	ck_assert(timer_pending(&t.dw.timer));
	ck_assert(!kthread_queue_delayed_work(w, &t.dw, 30));
	ck_assert(!kthread_queue_delayed_work(w, &t.dw, 0));
	ck_assert(!kthread_queue_work(w, &t.dw.work));
	kthread_flush_work(&t.dw.work);
	ck_assert_int_eq(T_LOAD(&t.runs), 1);
	ck_assert(!timer_pending(&t.dw.timer));
	ck_assert(kthread_queue_delayed_work(w, &t.dw, 1));
	kthread_flush_work(&t.dw.work);
	ck_assert_int_eq(T_LOAD(&t.runs), 2);
	end_worker(w);
}
END_TEST

START_TEST(test_never_runs_before_its_time)
{
	static const unsigned long delays[] = { 1, 2, 3, 5, 10, 25 };
	struct kthread_worker *w = start_worker("dw-time");
	struct td t;

	td_init(&t, NULL);
	for (unsigned int i = 0; i < sizeof(delays) / sizeof(delays[0]); i++) {
		for (int rep = 0; rep < 5; rep++) {
			long long t0 = t_now_ns();

			ck_assert(kthread_queue_delayed_work(w, &t.dw, delays[i]));
			kthread_flush_work(&t.dw.work);
			ck_assert_msg(t.start_ns - t0 >= (long long)delays[i] * 1000000,
				      "delay %lu ran after %lld ns", delays[i], t.start_ns - t0);

			t0 = t_now_ns();
			ck_assert(!kthread_mod_delayed_work(w, &t.dw, delays[i]));
			kthread_flush_work(&t.dw.work);
			ck_assert_msg(t.start_ns - t0 >= (long long)delays[i] * 1000000,
				      "mod delay %lu ran after %lld ns", delays[i], t.start_ns - t0);
		}
	}
	end_worker(w);
}
END_TEST

/* Spin until CLOCK_MONOTONIC is @before_ns short of a millisecond (a tick). */
static void align_to_tick(long before_ns)
{
	for (;;) {
		long long r = t_now_ns() % 1000000;

		if (r >= 1000000 - before_ns - 50 && r <= 1000000 - before_ns)
			return;
	}
}

/* Calls that straddle a tick: the delay still counts from the call. */
START_TEST(test_never_early_across_a_tick)
{
	struct kthread_worker *w = start_worker("dw-tick");
	int early = 0, n = 0;
	long long worst = 1LL << 62;
	struct td t;

	td_init(&t, NULL);
	for (int rep = 0; rep < 400; rep++) {
		unsigned long delay = 1 + rep % 2;
		long long t0;

		align_to_tick((rep * 37) % 3000);
		t0 = t_now_ns();
		ck_assert(kthread_queue_delayed_work(w, &t.dw, delay));
		kthread_flush_work(&t.dw.work);
		n++;
		if (t.start_ns - t0 < (long long)delay * 1000000) {
			early++;
			if (t.start_ns - t0 - (long long)delay * 1000000 < worst)
				worst = t.start_ns - t0 - (long long)delay * 1000000;
		}
	}
	ck_assert_msg(early == 0, "%d of %d delayed works ran early (worst by %lld ns)",
		      early, n, -worst);
	end_worker(w);
}
END_TEST

/* ---- flush ------------------------------------------------------------------- */

START_TEST(test_flush_with_armed_timer_waits_for_timer_and_run)
{
	struct kthread_worker *w = start_worker("dw-flush");
	struct td t;
	long long t0;

	td_init(&t, NULL);
	t0 = t_now_ns();
	ck_assert(kthread_queue_delayed_work(w, &t.dw, 50));
	kthread_flush_work(&t.dw.work);
	ck_assert_int_eq(T_LOAD(&t.runs), 1);
	ck_assert_int_eq(T_LOAD(&t.finished), 1);
	ck_assert_int_ge(t_now_ns() - t0, 50 * 1000000LL);
	/* Idle now: returns at once. */
	t0 = t_now_ns();
	kthread_flush_work(&t.dw.work);
	ck_assert_int_lt(t_now_ns() - t0, 1000 * 1000000LL);
	/* Moved later while the flusher waits: it waits for the run. */
	{
		struct t_bg bg;

		ck_assert(kthread_queue_delayed_work(w, &t.dw, 1000));
		t_bg_start(&bg, bg_flush_work, &t.dw.work);
		ck_assert(t_bg_sleeping(&bg));
		ck_assert(kthread_mod_delayed_work(w, &t.dw, 60));
		ck_assert(t_bg_finished(&bg, 5000));
		t_bg_join(&bg);
		ck_assert_int_eq(T_LOAD(&t.finished), 2);
	}
	/* Canceled while the flusher waits for the timer: it returns. */
	{
		struct t_bg bg;

		ck_assert(kthread_queue_delayed_work(w, &t.dw, 100000));
		t_bg_start(&bg, bg_flush_work, &t.dw.work);
		ck_assert(t_bg_sleeping(&bg));
		ck_assert(kthread_cancel_delayed_work_sync(&t.dw));
		ck_assert_msg(t_bg_finished(&bg, 5000), "flush hung after the cancel");
		t_bg_join(&bg);
		ck_assert_int_eq(T_LOAD(&t.runs), 2);
	}
	end_worker(w);
}
END_TEST

/* flush_worker does not wait for armed timers (the kernel's rule). */
START_TEST(test_flush_worker_ignores_armed_timers)
{
	struct kthread_worker *w = start_worker("dw-flushw");
	struct td t;
	long long t0;

	td_init(&t, NULL);
	ck_assert(kthread_queue_delayed_work(w, &t.dw, 100000));
	t0 = t_now_ns();
	kthread_flush_worker(w);
	ck_assert_int_lt(t_now_ns() - t0, 2000 * 1000000LL);
	ck_assert_int_eq(T_LOAD(&t.runs), 0);
	ck_assert(kthread_cancel_delayed_work_sync(&t.dw));
	end_worker(w);
}
END_TEST

/* ---- destroy and misuse ----------------------------------------------------------- */

START_TEST(test_destroy_warns_and_cancels_armed_delayed_works)
{
	struct kthread_worker *w = start_worker("dw-destroy");
	struct td t1, t2, t3;
	unsigned long warns;

	td_init(&t1, NULL);
	td_init(&t2, NULL);
	td_init(&t3, NULL);
	ck_assert(kthread_queue_delayed_work(w, &t1.dw, 100000));
	ck_assert(kthread_queue_delayed_work(w, &t2.dw, 200000));
	ck_assert(kthread_queue_delayed_work(w, &t3.dw, 0));	/* queued: flushed */
	warns = ukt_warn_count();
	kthread_destroy_worker(w);
	ck_assert_uint_gt(ukt_warn_count(), warns);
	ck_assert(!timer_pending(&t1.dw.timer));
	ck_assert(!timer_pending(&t2.dw.timer));
	ck_assert_int_eq(T_LOAD(&t3.runs), 1);
	t_sleep_ms(10);
	ck_assert_int_eq(T_LOAD(&t1.runs), 0);
	ck_assert_int_eq(T_LOAD(&t2.runs), 0);
	/* They are idle: re-initialised, they work on a new worker. */
	w = start_worker("dw-destroy2");
	kthread_init_delayed_work(&t1.dw, td_fn);
	ck_assert(kthread_queue_delayed_work(w, &t1.dw, 1));
	kthread_flush_work(&t1.dw.work);
	ck_assert_int_eq(T_LOAD(&t1.runs), 1);
	warns = ukt_warn_count();
	end_worker(w);
	ck_assert_uint_eq(ukt_warn_count(), warns);	/* nothing armed: no warning */
}
END_TEST

START_TEST(test_delayed_work_belongs_to_one_worker)
{
	struct kthread_worker *w1 = start_worker("dw-one1");
	struct kthread_worker *w2 = start_worker("dw-one2");
	unsigned long warns;
	struct td t;

	td_init(&t, NULL);
	ck_assert(kthread_queue_delayed_work(w1, &t.dw, 1));
	kthread_flush_work(&t.dw.work);
	warns = ukt_warn_count();
	ck_assert(!kthread_queue_delayed_work(w2, &t.dw, 1));
	ck_assert_uint_eq(ukt_warn_count(), warns + 1);
	ck_assert(!kthread_mod_delayed_work(w2, &t.dw, 1));
	ck_assert_uint_eq(ukt_warn_count(), warns + 2);
	ck_assert(!timer_pending(&t.dw.timer));
	t_sleep_ms(10);
	ck_assert_int_eq(T_LOAD(&t.runs), 1);
	kthread_init_delayed_work(&t.dw, td_fn);
	ck_assert(kthread_queue_delayed_work(w2, &t.dw, 1));
	kthread_flush_work(&t.dw.work);
	ck_assert_ptr_eq(t.task, w2->task);
	end_worker(w1);
	end_worker(w2);
}
END_TEST

struct self_misuse {
	struct kthread_delayed_work dw;
	struct kthread_worker *w;
	int what;
	unsigned long warns_before, warns_after;
	int ret;
	int done;
};

static void self_misuse_fn(struct kthread_work *work)
{
	struct self_misuse *m = ukt_container_of(work, struct self_misuse, dw.work);

	if (T_LOAD(&m->done))
		return;			/* only the first run misbehaves */
	m->warns_before = ukt_warn_count();
	if (m->what == 0) {
		/* Re-armed, then flushed from its own worker. */
		kthread_queue_delayed_work(m->w, &m->dw, 1);
		kthread_flush_work(&m->dw.work);
	} else {
		kthread_queue_delayed_work(m->w, &m->dw, 1000);
		m->ret = kthread_cancel_delayed_work_sync(&m->dw);
	}
	m->warns_after = ukt_warn_count();
	T_INC(&m->done);
}

START_TEST(test_flush_and_cancel_delayed_from_own_callback)
{
	for (int what = 0; what < 2; what++) {
		struct kthread_worker *w = start_worker("dw-self");
		struct self_misuse m = { .w = w, .what = what, .ret = -1 };

		kthread_init_delayed_work(&m.dw, self_misuse_fn);
		ck_assert(kthread_queue_delayed_work(w, &m.dw, 0));
		ck_assert(T_WAIT_FOR(T_LOAD(&m.done) >= 1, 10000));
		ck_assert_uint_eq(m.warns_after, m.warns_before + 1);
		if (what == 1) {
			ck_assert_int_eq(m.ret, 1);
			ck_assert(!timer_pending(&m.dw.timer));
		}
		kthread_cancel_delayed_work_sync(&m.dw);
		end_worker(w);
	}
}
END_TEST

/* A zeroed delayed work, never initialised: a warning and false, no crash. */
START_TEST(test_mod_zeroed_delayed_work_warns)
{
	struct kthread_worker *w = start_worker("dw-zeroed");
	struct kthread_delayed_work dw;
	unsigned long warns;

	memset(&dw, 0, sizeof(dw));
	warns = ukt_warn_count();
	ck_assert(!kthread_mod_delayed_work(w, &dw, 5));
	ck_assert_uint_eq(ukt_warn_count(), warns + 1);
	ck_assert(!kthread_mod_delayed_work(w, &dw, 0));
	ck_assert(!kthread_queue_delayed_work(w, &dw, 5));
	ck_assert(!kthread_queue_delayed_work(w, &dw, 0));
	ck_assert_uint_eq(ukt_warn_count(), warns + 4);
	ck_assert(!timer_pending(&dw.timer));
	kthread_flush_worker(w);
	end_worker(w);
}
END_TEST

/* The timer thread cannot start: the delayed work is refused, cleanly. */
START_TEST(test_delayed_work_without_timer_thread)
{
	struct kthread_worker *w = start_worker("dw-notimer");
	unsigned long warns;
	struct td t;

	td_init(&t, NULL);
	warns = ukt_warn_count();
	ukt_fault_inject(UKT_SITE_TIMER_THREAD, 1, 2);
	ck_assert(!kthread_queue_delayed_work(w, &t.dw, 5));
	ck_assert(!kthread_mod_delayed_work(w, &t.dw, 5));
	ck_assert_uint_ge(ukt_warn_count(), warns + 1);
	ck_assert(!timer_pending(&t.dw.timer));
	kthread_flush_work(&t.dw.work);		/* idle: returns at once */
	ck_assert(!kthread_cancel_delayed_work_sync(&t.dw));
	/* A delay of 0 needs no timer thread. */
	ukt_fault_inject(UKT_SITE_TIMER_THREAD, 1, 1);
	ck_assert(kthread_queue_delayed_work(w, &t.dw, 0));
	kthread_flush_work(&t.dw.work);
	ck_assert_int_eq(T_LOAD(&t.runs), 1);
	ukt_fault_inject(UKT_SITE_TIMER_THREAD, 0, 0);
	/* Then it starts and works. */
	ck_assert(kthread_queue_delayed_work(w, &t.dw, 2));
	kthread_flush_work(&t.dw.work);
	ck_assert_int_eq(T_LOAD(&t.runs), 2);
	end_worker(w);
}
END_TEST

static Suite *delayed_suite(void)
{
	Suite *s = suite_create("kthread_delayed_work");
	TCase *tc;

	tc = t_tcase(s, "queue");
	tcase_add_test(tc, test_init_variants);
	tcase_add_test(tc, test_delay_zero_queues_at_once);
	tcase_add_test(tc, test_queue_delayed_false_while_pending);
	tcase_add_test(tc, test_never_runs_before_its_time);
	tcase_add_test(tc, test_never_early_across_a_tick);

	tc = t_tcase(s, "flush");
	tcase_add_test(tc, test_flush_with_armed_timer_waits_for_timer_and_run);
	tcase_add_test(tc, test_flush_worker_ignores_armed_timers);

	tc = t_tcase(s, "misuse");
	tcase_add_test(tc, test_destroy_warns_and_cancels_armed_delayed_works);
	tcase_add_test(tc, test_delayed_work_belongs_to_one_worker);
	tcase_add_test(tc, test_flush_and_cancel_delayed_from_own_callback);
	tcase_add_test(tc, test_mod_zeroed_delayed_work_warns);
	tcase_add_test(tc, test_delayed_work_without_timer_thread);
	return s;
}

int main(void)
{
	return t_run_suite(delayed_suite());
}
