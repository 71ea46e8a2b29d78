// SPDX-License-Identifier: MIT
/*
 * test_kthread_delayed_work_cancel.c - kthread_mod_delayed_work() and
 * kthread_cancel_delayed_work_sync() (src/kernel/kthread_delayed_work.c):
 * return values, the timer firing during the call, self-requeueing works,
 * and the kernel's 2021 mod-vs-cancel deadlock.
 */
#include "worker_fixture.h"

/* ---- kthread_mod_delayed_work() ------------------------------------------------ */

START_TEST(test_mod_return_values)
{
	struct kthread_worker *w = start_worker("dw-mod");
	struct blocker b;
	struct td t;
	long long t0;

	td_init(&t, NULL);
	/* Never queued -> queued: false. */
	ck_assert(!kthread_mod_delayed_work(w, &t.dw, 1000));
	ck_assert(timer_pending(&t.dw.timer));
	/* Armed -> re-armed: true, and it runs once, after the new delay. */
	t0 = t_now_ns();
	ck_assert(kthread_mod_delayed_work(w, &t.dw, 20));
	ck_assert(kthread_mod_delayed_work(w, &t.dw, 30));
	kthread_flush_work(&t.dw.work);
	ck_assert_int_eq(T_LOAD(&t.runs), 1);
	ck_assert_int_ge(t.start_ns - t0, 30 * 1000000LL);
	ck_assert_int_lt(t.start_ns - t0, 900 * 1000000LL);
	/* Idle after a run -> queued: false. */
	ck_assert(!kthread_mod_delayed_work(w, &t.dw, 1));
	kthread_flush_work(&t.dw.work);
	ck_assert_int_eq(T_LOAD(&t.runs), 2);
	/* Armed -> delay 0: true, runs at once. */
	ck_assert(!kthread_mod_delayed_work(w, &t.dw, 10000));
	ck_assert(kthread_mod_delayed_work(w, &t.dw, 0));
	ck_assert(!timer_pending(&t.dw.timer));
	kthread_flush_worker(w);
	ck_assert_int_eq(T_LOAD(&t.runs), 3);
	/* Queued on the work list (worker busy) -> armed again: true. */
	block_worker(w, &b);
	ck_assert(kthread_queue_delayed_work(w, &t.dw, 0));
	ck_assert(kthread_mod_delayed_work(w, &t.dw, 300));
	ck_assert(timer_pending(&t.dw.timer));
	t_gate_open(&b.gate);
	kthread_flush_worker(w);
	ck_assert_int_eq(T_LOAD(&t.runs), 3);	/* moved off the list */
	kthread_flush_work(&t.dw.work);
	ck_assert_int_eq(T_LOAD(&t.runs), 4);
	/* Canceled -> idle again: false. */
	ck_assert(!kthread_mod_delayed_work(w, &t.dw, 1000));
	ck_assert(kthread_cancel_delayed_work_sync(&t.dw));
	ck_assert(!kthread_mod_delayed_work(w, &t.dw, 1000));
	ck_assert(kthread_cancel_delayed_work_sync(&t.dw));
	t_sleep_ms(5);
	ck_assert_int_eq(T_LOAD(&t.runs), 4);
	end_worker(w);
}
END_TEST

START_TEST(test_mod_moves_earlier)
{
	struct kthread_worker *w = start_worker("dw-earlier");
	struct td t;
	long long t0;

	td_init(&t, NULL);
	ck_assert(kthread_queue_delayed_work(w, &t.dw, 5000));
	t0 = t_now_ns();
	ck_assert(kthread_mod_delayed_work(w, &t.dw, 5));
	kthread_flush_work(&t.dw.work);
	ck_assert_int_ge(t.start_ns - t0, 5 * 1000000LL);
	ck_assert_int_lt(t.start_ns - t0, 2000 * 1000000LL);
	ck_assert_int_eq(T_LOAD(&t.runs), 1);
	end_worker(w);
}
END_TEST

/* A mod while a cancel waits for the running work: the cancel wins, true. */
START_TEST(test_mod_loses_to_cancel_returns_true)
{
	struct kthread_worker *w = start_worker("dw-lose");
	struct dcancel_call c = { 0 };
	struct t_gate g = { 0 };
	struct t_bg bg;
	struct td t;

	td_init(&t, &g);
	ck_assert(kthread_queue_delayed_work(w, &t.dw, 0));
	ck_assert(t_gate_reached(&g));
	c.dw = &t.dw;
	c.target = &t;
	t_bg_start(&bg, bg_cancel_delayed, &c);
	ck_assert(t_bg_sleeping(&bg));
	ck_assert(kthread_mod_delayed_work(w, &t.dw, 0) == true);
	ck_assert(kthread_mod_delayed_work(w, &t.dw, 1) == true);
	ck_assert(!timer_pending(&t.dw.timer));
	ck_assert(!kthread_queue_delayed_work(w, &t.dw, 0));	/* canceling */
	ck_assert(!kthread_queue_delayed_work(w, &t.dw, 1));
	t_gate_open(&g);
	ck_assert(t_bg_finished(&bg, 5000));
	t_bg_join(&bg);
	ck_assert(!c.ret);
	ck_assert_int_eq(c.finished_at_return, 1);
	kthread_flush_worker(w);
	t_sleep_ms(5);
	ck_assert_int_eq(T_LOAD(&t.runs), 1);		/* the mods queued nothing */
	ck_assert(!timer_pending(&t.dw.timer));
	/* Idle: mod is idle -> queued again. */
	ck_assert(!kthread_mod_delayed_work(w, &t.dw, 0));
	kthread_flush_work(&t.dw.work);
	ck_assert_int_eq(T_LOAD(&t.runs), 2);
	end_worker(w);
}
END_TEST

/*
 * The timer fires while mod holds it off: the work was pending all along
 * (the worker is busy, it cannot have run), so mod must say true.
 */
START_TEST(test_mod_as_the_timer_fires_returns_true)
{
	struct kthread_worker *w = start_worker("dw-modfire");
	int wrong = 0, iters = 0;
	struct blocker b;
	struct td t;

	td_init(&t, NULL);
	block_worker(w, &b);
	ck_assert(!kthread_mod_delayed_work(w, &t.dw, 1));
	for (long long end = t_now_ns() + 1500000000LL; t_now_ns() < end; iters++) {
		/* Hit the moment the timer thread takes it. */
		while (timer_pending(&t.dw.timer))
			;
		if (!kthread_mod_delayed_work(w, &t.dw, 1))
			wrong++;
	}
	ck_assert_msg(wrong == 0, "mod of a pending work returned false %d times in %d",
		      wrong, iters);
	ck_assert(kthread_cancel_delayed_work_sync(&t.dw));
	t_gate_open(&b.gate);
	kthread_flush_worker(w);
	ck_assert_int_eq(T_LOAD(&t.runs), 0);
	end_worker(w);
}
END_TEST

/* ---- cancel ------------------------------------------------------------------- */

START_TEST(test_cancel_delayed_return_values)
{
	struct kthread_worker *w = start_worker("dw-cancel");
	struct blocker b;
	struct td t;

	td_init(&t, NULL);
	ck_assert(!kthread_cancel_delayed_work_sync(&t.dw));	/* never queued */
	ck_assert(kthread_queue_delayed_work(w, &t.dw, 20));
	ck_assert(kthread_cancel_delayed_work_sync(&t.dw));	/* armed */
	ck_assert(!timer_pending(&t.dw.timer));
	ck_assert(!kthread_cancel_delayed_work_sync(&t.dw));	/* idle */
	t_sleep_ms(40);
	ck_assert_int_eq(T_LOAD(&t.runs), 0);
	/* Timer fired, work waiting on the list. */
	block_worker(w, &b);
	ck_assert(kthread_queue_delayed_work(w, &t.dw, 1));
	ck_assert(T_WAIT_FOR(!timer_pending(&t.dw.timer), 5000));
	t_sleep_ms(5);
	ck_assert(kthread_cancel_delayed_work_sync(&t.dw));
	t_gate_open(&b.gate);
	kthread_flush_worker(w);
	ck_assert_int_eq(T_LOAD(&t.runs), 0);
	/* Queued again after a cancel. */
	ck_assert(kthread_queue_delayed_work(w, &t.dw, 1));
	kthread_flush_work(&t.dw.work);
	ck_assert_int_eq(T_LOAD(&t.runs), 1);
	ck_assert(!kthread_cancel_delayed_work_sync(&t.dw));
	end_worker(w);
}
END_TEST

START_TEST(test_cancel_delayed_waits_for_running)
{
	struct kthread_worker *w = start_worker("dw-cancelr");
	struct dcancel_call c = { 0 };
	struct t_gate g = { 0 };
	struct t_bg bg;
	struct td t;

	td_init(&t, &g);
	ck_assert(kthread_queue_delayed_work(w, &t.dw, 1));
	ck_assert(t_gate_reached(&g));
	c.dw = &t.dw;
	c.target = &t;
	t_bg_start(&bg, bg_cancel_delayed, &c);
	ck_assert(t_bg_sleeping(&bg));
	t_sleep_ms(20);
	ck_assert(!T_LOAD(&bg.done));
	t_gate_open(&g);
	ck_assert(t_bg_finished(&bg, 5000));
	t_bg_join(&bg);
	ck_assert(!c.ret);
	ck_assert_int_eq(c.finished_at_return, 1);
	end_worker(w);
}
END_TEST

/*
 * The timer fires while the cancel disarms it: the work was pending all
 * along (the worker is busy), so the cancel must say true.
 */
START_TEST(test_cancel_as_the_timer_fires_reports_pending)
{
	struct kthread_worker *w = start_worker("dw-cancelfire");
	int wrong = 0, iters = 0;
	struct blocker b;
	struct td t;

	td_init(&t, NULL);
	block_worker(w, &b);
	for (long long end = t_now_ns() + 1500000000LL; t_now_ns() < end; iters++) {
		ck_assert(kthread_queue_delayed_work(w, &t.dw, 1));
		while (timer_pending(&t.dw.timer))
			;
		if (!kthread_cancel_delayed_work_sync(&t.dw))
			wrong++;
	}
	ck_assert_msg(wrong == 0, "cancel of a pending work returned false %d times in %d",
		      wrong, iters);
	t_gate_open(&b.gate);
	kthread_flush_worker(w);
	ck_assert_int_eq(T_LOAD(&t.runs), 0);
	end_worker(w);
}
END_TEST

START_TEST(test_cancel_self_requeueing_delayed_work)
{
	struct kthread_worker *w = start_worker("dw-selfrq");
	struct td t;

	td_init(&t, NULL);
	t.worker = w;
	for (int round = 0; round < 10; round++) {
		int base = T_LOAD(&t.runs), runs;

		t.requeue_delay = (unsigned long)(round % 3);
		T_STORE(&t.requeue, 1);
		ck_assert(kthread_queue_delayed_work(w, &t.dw, 0));
		ck_assert(T_WAIT_FOR(T_LOAD(&t.runs) > base + 5, 5000));
		kthread_cancel_delayed_work_sync(&t.dw);
		runs = T_LOAD(&t.runs);
		ck_assert_int_eq(T_LOAD(&t.finished), runs);
		ck_assert(!timer_pending(&t.dw.timer));
		t_sleep_ms(10);
		ck_assert_int_eq(T_LOAD(&t.runs), runs);
		T_STORE(&t.requeue, 0);
		ck_assert(kthread_queue_delayed_work(w, &t.dw, 0));	/* idle */
		kthread_flush_work(&t.dw.work);
		ck_assert_int_eq(T_LOAD(&t.runs), runs + 1);
	}
	end_worker(w);
}
END_TEST

/* ---- mod vs cancel: never a hang (the kernel's 2021 deadlock) ------------------ */

struct race {
	struct kthread_worker *w;
	struct td *t;
	int stop;
	long mods, cancels, queues;
};

static void *race_modder(void *arg)
{
	struct race *r = arg;
	unsigned int seed = 1;

	while (!T_LOAD(&r->stop)) {
		kthread_mod_delayed_work(r->w, &r->t->dw, rand_r(&seed) % 3);
		T_INC(&r->mods);
		if (rand_r(&seed) % 4 == 0) {
			kthread_queue_delayed_work(r->w, &r->t->dw, rand_r(&seed) % 3);
			T_INC(&r->queues);
		}
	}
	return NULL;
}

START_TEST(test_mod_vs_cancel_sync_never_hangs)
{
	struct kthread_worker *w = start_worker("dw-race");
	struct race r = { .w = w };
	pthread_t m[2];
	struct td t;

	td_init(&t, NULL);
	r.t = &t;
	for (int i = 0; i < 2; i++)
		ck_assert_int_eq(pthread_create(&m[i], NULL, race_modder, &r), 0);
	for (long long end = t_now_ns() + 1500000000LL; t_now_ns() < end; ) {
		kthread_cancel_delayed_work_sync(&t.dw);	/* a hang: test timeout */
		T_INC(&r.cancels);
	}
	T_STORE(&r.stop, 1);
	for (int i = 0; i < 2; i++)
		ck_assert_int_eq(pthread_join(m[i], NULL), 0);
	kthread_cancel_delayed_work_sync(&t.dw);
	/* Idle: nothing runs any more, and queueing works. */
	{
		int runs = T_LOAD(&t.runs);

		t_sleep_ms(10);
		ck_assert_int_eq(T_LOAD(&t.runs), runs);
		ck_assert(!timer_pending(&t.dw.timer));
		ck_assert(kthread_queue_delayed_work(w, &t.dw, 0));
		kthread_flush_work(&t.dw.work);
		ck_assert_int_eq(T_LOAD(&t.runs), runs + 1);
	}
	ck_assert_int_gt(r.cancels, 100);
	ck_assert_int_gt(r.mods, 100);
	end_worker(w);
}
END_TEST

/*
 * kthread_queue_work() on a delayed work's own work (lock-free) against
 * mod (locked): the return values must add up, +1 for each "queued"
 * answer, -1 per removal and per run, and the lists must stay whole.
 */
static int count_runs;

static void count_fn(struct kthread_work *work)
{
	(void)work;
	T_INC(&count_runs);
}

struct qw_race {
	struct kthread_worker *w;
	struct kthread_delayed_work *dw;
	int stop;
	long queued;
};

static void *qw_racer(void *arg)
{
	struct qw_race *r = arg;

	while (!T_LOAD(&r->stop))
		if (kthread_queue_work(r->w, &r->dw->work))
			T_INC(&r->queued);
	return NULL;
}

START_TEST(test_queue_work_vs_mod_keeps_count)
{
	struct kthread_worker *w = start_worker("dw-qwmod");
	struct kthread_delayed_work dw;
	struct qw_race r = { .w = w, .dw = &dw };
	long mod_queued = 0, removed = 0, mods = 0;
	unsigned int seed = 3;
	pthread_t th;

	kthread_init_delayed_work(&dw, count_fn);
	ck_assert_int_eq(pthread_create(&th, NULL, qw_racer, &r), 0);
	for (long long end = t_now_ns() + 1500000000LL; t_now_ns() < end; mods++) {
		if (!kthread_mod_delayed_work(w, &dw, rand_r(&seed) % 3))
			mod_queued++;
		if (rand_r(&seed) % 16 == 0 && kthread_cancel_delayed_work_sync(&dw))
			removed++;
	}
	T_STORE(&r.stop, 1);
	ck_assert_int_eq(pthread_join(th, NULL), 0);
	if (kthread_cancel_delayed_work_sync(&dw))
		removed++;
	kthread_flush_worker(w);
	ck_assert_msg(r.queued + mod_queued - removed == T_LOAD(&count_runs),
		      "queued %ld + %ld, removed %ld, but %d runs",
		      r.queued, mod_queued, removed, T_LOAD(&count_runs));
	ck_assert(kthread_queue_delayed_work(w, &dw, 0));	/* idle */
	kthread_flush_work(&dw.work);
	ck_assert_int_gt(mods, 100);
	end_worker(w);
}
END_TEST

static Suite *cancel_suite(void)
{
	Suite *s = suite_create("kthread_delayed_work_cancel");
	TCase *tc;

	tc = t_tcase(s, "mod");
	tcase_add_test(tc, test_mod_return_values);
	tcase_add_test(tc, test_mod_moves_earlier);
	tcase_add_test(tc, test_mod_loses_to_cancel_returns_true);
	tcase_add_test(tc, test_mod_as_the_timer_fires_returns_true);
	tcase_add_test(tc, test_mod_vs_cancel_sync_never_hangs);
	tcase_add_test(tc, test_queue_work_vs_mod_keeps_count);

	tc = t_tcase(s, "cancel");
	tcase_add_test(tc, test_cancel_delayed_return_values);
	tcase_add_test(tc, test_cancel_delayed_waits_for_running);
	tcase_add_test(tc, test_cancel_as_the_timer_fires_reports_pending);
	tcase_add_test(tc, test_cancel_self_requeueing_delayed_work);
	return s;
}

int main(void)
{
	return t_run_suite(cancel_suite());
}
