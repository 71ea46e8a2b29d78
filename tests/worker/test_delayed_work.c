// SPDX-License-Identifier: MIT
/*
 * test_delayed_work.c - kthread_delayed_work (src/kthread_worker.c on top
 * of src/timer.c): delays, kthread_mod_delayed_work()'s return values,
 * cancel and flush with an armed timer, destroy with armed works, and the
 * kernel's 2021 mod-vs-cancel deadlock.
 */
#include "wtest.h"

struct td {
	int magic;
	struct kthread_delayed_work dw;
	struct wt_gate *gate;
	int runs;
	int finished;
	long long start_ns;
	struct task_struct *task;
	int requeue;			/* queue itself again, with @requeue_delay */
	unsigned long requeue_delay;
	struct kthread_worker *worker;
};

#define TD_MAGIC 0x0de1a4ed
static int bad_magic;

static void td_fn(struct kthread_work *work)
{
	struct kthread_delayed_work *dw = ukt_container_of(work, struct kthread_delayed_work, work);
	struct td *t = ukt_container_of(dw, struct td, dw);

	if (t->magic != TD_MAGIC)
		WT_INC(&bad_magic);
	t->start_ns = wt_now_ns();
	t->task = get_current();
	WT_INC(&t->runs);
	if (t->gate)
		wt_gate_pass(t->gate);
	if (WT_LOAD(&t->requeue))
		kthread_queue_delayed_work(t->worker, &t->dw, t->requeue_delay);
	WT_INC(&t->finished);
}

static void td_init(struct td *t, struct wt_gate *gate)
{
	memset(t, 0, sizeof(*t));
	t->magic = TD_MAGIC;
	t->gate = gate;
	kthread_init_delayed_work(&t->dw, td_fn);
}

/* A plain work to keep the worker busy. */
struct blocker {
	struct kthread_work work;
	struct wt_gate gate;
};

static void blocker_fn(struct kthread_work *work)
{
	wt_gate_pass(&ukt_container_of(work, struct blocker, work)->gate);
}

static void block_worker(struct kthread_worker *w, struct blocker *b)
{
	memset(b, 0, sizeof(*b));
	kthread_init_work(&b->work, blocker_fn);
	ck_assert(kthread_queue_work(w, &b->work));
	ck_assert(wt_gate_reached(&b->gate));
}

static struct kthread_worker *start_worker(const char *name)
{
	struct kthread_worker *w = kthread_run_worker(0, "%s", name);

	ck_assert_msg(!IS_ERR(w), "kthread_run_worker: %ld", PTR_ERR(w));
	return w;
}

static void end_worker(struct kthread_worker *w)
{
	kthread_destroy_worker(w);
	ck_assert_int_eq(WT_LOAD(&bad_magic), 0);
}

struct dcancel_call {
	struct kthread_delayed_work *dw;
	bool ret;
	struct td *target;
	int finished_at_return;
};

static void bg_cancel_delayed(void *arg)
{
	struct dcancel_call *c = arg;

	c->ret = kthread_cancel_delayed_work_sync(c->dw);
	if (c->target)
		c->finished_at_return = WT_LOAD(&c->target->finished);
}

static void bg_flush_work(void *arg)
{
	kthread_flush_work(arg);
}

/* ---- initialisation ------------------------------------------------------ */

static int static_runs;

static void static_fn(struct kthread_work *work)
{
	(void)work;
	WT_INC(&static_runs);
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
	ck_assert_int_eq(WT_LOAD(&t.runs), 1);
	ck_assert_int_eq(WT_LOAD(&static_runs), 1);
	ck_assert_int_eq(WT_LOAD(&static_td.runs), 1);
	ck_assert_ptr_eq(t.task, w->task);
	/* Statically initialised ones queue immediately too. */
	ck_assert(kthread_mod_delayed_work(w, &static_td.dw, 0) == false);
	kthread_flush_work(&static_td.dw.work);
	ck_assert_int_eq(WT_LOAD(&static_td.runs), 2);
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
	wt_gate_open(&b.gate);
	/* On the work list: flush_worker, which ignores armed timers, covers it. */
	kthread_flush_worker(w);
	ck_assert_int_eq(WT_LOAD(&t.runs), 1);

	/* The same through mod: idle -> queued at once, false. */
	ck_assert(!kthread_mod_delayed_work(w, &t.dw, 0));
	ck_assert(!timer_pending(&t.dw.timer));
	kthread_flush_worker(w);
	ck_assert_int_eq(WT_LOAD(&t.runs), 2);
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
	ck_assert_int_eq(WT_LOAD(&t.runs), 1);
	ck_assert(!timer_pending(&t.dw.timer));
	ck_assert(kthread_queue_delayed_work(w, &t.dw, 1));
	kthread_flush_work(&t.dw.work);
	ck_assert_int_eq(WT_LOAD(&t.runs), 2);
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
			long long t0 = wt_now_ns();

			ck_assert(kthread_queue_delayed_work(w, &t.dw, delays[i]));
			kthread_flush_work(&t.dw.work);
			ck_assert_msg(t.start_ns - t0 >= (long long)delays[i] * 1000000,
				      "delay %lu ran after %lld ns", delays[i], t.start_ns - t0);

			t0 = wt_now_ns();
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
		long long r = wt_now_ns() % 1000000;

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
		t0 = wt_now_ns();
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
	t0 = wt_now_ns();
	ck_assert(kthread_mod_delayed_work(w, &t.dw, 20));
	ck_assert(kthread_mod_delayed_work(w, &t.dw, 30));
	kthread_flush_work(&t.dw.work);
	ck_assert_int_eq(WT_LOAD(&t.runs), 1);
	ck_assert_int_ge(t.start_ns - t0, 30 * 1000000LL);
	ck_assert_int_lt(t.start_ns - t0, 900 * 1000000LL);
	/* Idle after a run -> queued: false. */
	ck_assert(!kthread_mod_delayed_work(w, &t.dw, 1));
	kthread_flush_work(&t.dw.work);
	ck_assert_int_eq(WT_LOAD(&t.runs), 2);
	/* Armed -> delay 0: true, runs at once. */
	ck_assert(!kthread_mod_delayed_work(w, &t.dw, 10000));
	ck_assert(kthread_mod_delayed_work(w, &t.dw, 0));
	ck_assert(!timer_pending(&t.dw.timer));
	kthread_flush_worker(w);
	ck_assert_int_eq(WT_LOAD(&t.runs), 3);
	/* Queued on the work list (worker busy) -> armed again: true. */
	block_worker(w, &b);
	ck_assert(kthread_queue_delayed_work(w, &t.dw, 0));
	ck_assert(kthread_mod_delayed_work(w, &t.dw, 300));
	ck_assert(timer_pending(&t.dw.timer));
	wt_gate_open(&b.gate);
	kthread_flush_worker(w);
	ck_assert_int_eq(WT_LOAD(&t.runs), 3);	/* moved off the list */
	kthread_flush_work(&t.dw.work);
	ck_assert_int_eq(WT_LOAD(&t.runs), 4);
	/* Canceled -> idle again: false. */
	ck_assert(!kthread_mod_delayed_work(w, &t.dw, 1000));
	ck_assert(kthread_cancel_delayed_work_sync(&t.dw));
	ck_assert(!kthread_mod_delayed_work(w, &t.dw, 1000));
	ck_assert(kthread_cancel_delayed_work_sync(&t.dw));
	wt_sleep_ms(5);
	ck_assert_int_eq(WT_LOAD(&t.runs), 4);
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
	t0 = wt_now_ns();
	ck_assert(kthread_mod_delayed_work(w, &t.dw, 5));
	kthread_flush_work(&t.dw.work);
	ck_assert_int_ge(t.start_ns - t0, 5 * 1000000LL);
	ck_assert_int_lt(t.start_ns - t0, 2000 * 1000000LL);
	ck_assert_int_eq(WT_LOAD(&t.runs), 1);
	end_worker(w);
}
END_TEST

/* A mod while a cancel waits for the running work: the cancel wins, true. */
START_TEST(test_mod_loses_to_cancel_returns_true)
{
	struct kthread_worker *w = start_worker("dw-lose");
	struct dcancel_call c = { 0 };
	struct wt_gate g = { 0 };
	struct wt_bg bg;
	struct td t;

	td_init(&t, &g);
	ck_assert(kthread_queue_delayed_work(w, &t.dw, 0));
	ck_assert(wt_gate_reached(&g));
	c.dw = &t.dw;
	c.target = &t;
	wt_bg_start(&bg, bg_cancel_delayed, &c);
	ck_assert(wt_bg_sleeping(&bg));
	ck_assert(kthread_mod_delayed_work(w, &t.dw, 0) == true);
	ck_assert(kthread_mod_delayed_work(w, &t.dw, 1) == true);
	ck_assert(!timer_pending(&t.dw.timer));
	ck_assert(!kthread_queue_delayed_work(w, &t.dw, 0));	/* canceling */
	ck_assert(!kthread_queue_delayed_work(w, &t.dw, 1));
	wt_gate_open(&g);
	ck_assert(wt_bg_finished(&bg, 5000));
	wt_bg_join(&bg);
	ck_assert(!c.ret);
	ck_assert_int_eq(c.finished_at_return, 1);
	kthread_flush_worker(w);
	wt_sleep_ms(5);
	ck_assert_int_eq(WT_LOAD(&t.runs), 1);		/* the mods queued nothing */
	ck_assert(!timer_pending(&t.dw.timer));
	/* Idle: mod is idle -> queued again. */
	ck_assert(!kthread_mod_delayed_work(w, &t.dw, 0));
	kthread_flush_work(&t.dw.work);
	ck_assert_int_eq(WT_LOAD(&t.runs), 2);
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
	for (long long end = wt_now_ns() + 1500000000LL; wt_now_ns() < end; iters++) {
		/* Hit the moment the timer thread takes it. */
		while (timer_pending(&t.dw.timer))
			;
		if (!kthread_mod_delayed_work(w, &t.dw, 1))
			wrong++;
	}
	ck_assert_msg(wrong == 0, "mod of a pending work returned false %d times in %d",
		      wrong, iters);
	ck_assert(kthread_cancel_delayed_work_sync(&t.dw));
	wt_gate_open(&b.gate);
	kthread_flush_worker(w);
	ck_assert_int_eq(WT_LOAD(&t.runs), 0);
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
	wt_sleep_ms(40);
	ck_assert_int_eq(WT_LOAD(&t.runs), 0);
	/* Timer fired, work waiting on the list. */
	block_worker(w, &b);
	ck_assert(kthread_queue_delayed_work(w, &t.dw, 1));
	ck_assert(WT_WAIT_FOR(!timer_pending(&t.dw.timer), 5000));
	wt_sleep_ms(5);
	ck_assert(kthread_cancel_delayed_work_sync(&t.dw));
	wt_gate_open(&b.gate);
	kthread_flush_worker(w);
	ck_assert_int_eq(WT_LOAD(&t.runs), 0);
	/* Queued again after a cancel. */
	ck_assert(kthread_queue_delayed_work(w, &t.dw, 1));
	kthread_flush_work(&t.dw.work);
	ck_assert_int_eq(WT_LOAD(&t.runs), 1);
	ck_assert(!kthread_cancel_delayed_work_sync(&t.dw));
	end_worker(w);
}
END_TEST

START_TEST(test_cancel_delayed_waits_for_running)
{
	struct kthread_worker *w = start_worker("dw-cancelr");
	struct dcancel_call c = { 0 };
	struct wt_gate g = { 0 };
	struct wt_bg bg;
	struct td t;

	td_init(&t, &g);
	ck_assert(kthread_queue_delayed_work(w, &t.dw, 1));
	ck_assert(wt_gate_reached(&g));
	c.dw = &t.dw;
	c.target = &t;
	wt_bg_start(&bg, bg_cancel_delayed, &c);
	ck_assert(wt_bg_sleeping(&bg));
	wt_sleep_ms(20);
	ck_assert(!WT_LOAD(&bg.done));
	wt_gate_open(&g);
	ck_assert(wt_bg_finished(&bg, 5000));
	wt_bg_join(&bg);
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
	for (long long end = wt_now_ns() + 1500000000LL; wt_now_ns() < end; iters++) {
		ck_assert(kthread_queue_delayed_work(w, &t.dw, 1));
		while (timer_pending(&t.dw.timer))
			;
		if (!kthread_cancel_delayed_work_sync(&t.dw))
			wrong++;
	}
	ck_assert_msg(wrong == 0, "cancel of a pending work returned false %d times in %d",
		      wrong, iters);
	wt_gate_open(&b.gate);
	kthread_flush_worker(w);
	ck_assert_int_eq(WT_LOAD(&t.runs), 0);
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
		int base = WT_LOAD(&t.runs), runs;

		t.requeue_delay = (unsigned long)(round % 3);
		WT_STORE(&t.requeue, 1);
		ck_assert(kthread_queue_delayed_work(w, &t.dw, 0));
		ck_assert(WT_WAIT_FOR(WT_LOAD(&t.runs) > base + 5, 5000));
		kthread_cancel_delayed_work_sync(&t.dw);
		runs = WT_LOAD(&t.runs);
		ck_assert_int_eq(WT_LOAD(&t.finished), runs);
		ck_assert(!timer_pending(&t.dw.timer));
		wt_sleep_ms(10);
		ck_assert_int_eq(WT_LOAD(&t.runs), runs);
		WT_STORE(&t.requeue, 0);
		ck_assert(kthread_queue_delayed_work(w, &t.dw, 0));	/* idle */
		kthread_flush_work(&t.dw.work);
		ck_assert_int_eq(WT_LOAD(&t.runs), runs + 1);
	}
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
	t0 = wt_now_ns();
	ck_assert(kthread_queue_delayed_work(w, &t.dw, 50));
	kthread_flush_work(&t.dw.work);
	ck_assert_int_eq(WT_LOAD(&t.runs), 1);
	ck_assert_int_eq(WT_LOAD(&t.finished), 1);
	ck_assert_int_ge(wt_now_ns() - t0, 50 * 1000000LL);
	/* Idle now: returns at once. */
	t0 = wt_now_ns();
	kthread_flush_work(&t.dw.work);
	ck_assert_int_lt(wt_now_ns() - t0, 1000 * 1000000LL);
	/* Moved later while the flusher waits: it waits for the run. */
	{
		struct wt_bg bg;

		ck_assert(kthread_queue_delayed_work(w, &t.dw, 1000));
		wt_bg_start(&bg, bg_flush_work, &t.dw.work);
		ck_assert(wt_bg_sleeping(&bg));
		ck_assert(kthread_mod_delayed_work(w, &t.dw, 60));
		ck_assert(wt_bg_finished(&bg, 5000));
		wt_bg_join(&bg);
		ck_assert_int_eq(WT_LOAD(&t.finished), 2);
	}
	/* Canceled while the flusher waits for the timer: it returns. */
	{
		struct wt_bg bg;

		ck_assert(kthread_queue_delayed_work(w, &t.dw, 100000));
		wt_bg_start(&bg, bg_flush_work, &t.dw.work);
		ck_assert(wt_bg_sleeping(&bg));
		ck_assert(kthread_cancel_delayed_work_sync(&t.dw));
		ck_assert_msg(wt_bg_finished(&bg, 5000), "flush hung after the cancel");
		wt_bg_join(&bg);
		ck_assert_int_eq(WT_LOAD(&t.runs), 2);
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
	t0 = wt_now_ns();
	kthread_flush_worker(w);
	ck_assert_int_lt(wt_now_ns() - t0, 2000 * 1000000LL);
	ck_assert_int_eq(WT_LOAD(&t.runs), 0);
	ck_assert(kthread_cancel_delayed_work_sync(&t.dw));
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

	while (!WT_LOAD(&r->stop)) {
		kthread_mod_delayed_work(r->w, &r->t->dw, rand_r(&seed) % 3);
		WT_INC(&r->mods);
		if (rand_r(&seed) % 4 == 0) {
			kthread_queue_delayed_work(r->w, &r->t->dw, rand_r(&seed) % 3);
			WT_INC(&r->queues);
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
	for (long long end = wt_now_ns() + 1500000000LL; wt_now_ns() < end; ) {
		kthread_cancel_delayed_work_sync(&t.dw);	/* a hang: test timeout */
		WT_INC(&r.cancels);
	}
	WT_STORE(&r.stop, 1);
	for (int i = 0; i < 2; i++)
		ck_assert_int_eq(pthread_join(m[i], NULL), 0);
	kthread_cancel_delayed_work_sync(&t.dw);
	/* Idle: nothing runs any more, and queueing works. */
	{
		int runs = WT_LOAD(&t.runs);

		wt_sleep_ms(10);
		ck_assert_int_eq(WT_LOAD(&t.runs), runs);
		ck_assert(!timer_pending(&t.dw.timer));
		ck_assert(kthread_queue_delayed_work(w, &t.dw, 0));
		kthread_flush_work(&t.dw.work);
		ck_assert_int_eq(WT_LOAD(&t.runs), runs + 1);
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
	WT_INC(&count_runs);
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

	while (!WT_LOAD(&r->stop))
		if (kthread_queue_work(r->w, &r->dw->work))
			WT_INC(&r->queued);
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
	for (long long end = wt_now_ns() + 1500000000LL; wt_now_ns() < end; mods++) {
		if (!kthread_mod_delayed_work(w, &dw, rand_r(&seed) % 3))
			mod_queued++;
		if (rand_r(&seed) % 16 == 0 && kthread_cancel_delayed_work_sync(&dw))
			removed++;
	}
	WT_STORE(&r.stop, 1);
	ck_assert_int_eq(pthread_join(th, NULL), 0);
	if (kthread_cancel_delayed_work_sync(&dw))
		removed++;
	kthread_flush_worker(w);
	ck_assert_msg(r.queued + mod_queued - removed == WT_LOAD(&count_runs),
		      "queued %ld + %ld, removed %ld, but %d runs",
		      r.queued, mod_queued, removed, WT_LOAD(&count_runs));
	ck_assert(kthread_queue_delayed_work(w, &dw, 0));	/* idle */
	kthread_flush_work(&dw.work);
	ck_assert_int_gt(mods, 100);
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
	ck_assert_int_eq(WT_LOAD(&t3.runs), 1);
	wt_sleep_ms(10);
	ck_assert_int_eq(WT_LOAD(&t1.runs), 0);
	ck_assert_int_eq(WT_LOAD(&t2.runs), 0);
	/* They are idle: re-initialised, they work on a new worker. */
	w = start_worker("dw-destroy2");
	kthread_init_delayed_work(&t1.dw, td_fn);
	ck_assert(kthread_queue_delayed_work(w, &t1.dw, 1));
	kthread_flush_work(&t1.dw.work);
	ck_assert_int_eq(WT_LOAD(&t1.runs), 1);
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
	wt_sleep_ms(10);
	ck_assert_int_eq(WT_LOAD(&t.runs), 1);
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

	if (WT_LOAD(&m->done))
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
	WT_INC(&m->done);
}

START_TEST(test_flush_and_cancel_delayed_from_own_callback)
{
	for (int what = 0; what < 2; what++) {
		struct kthread_worker *w = start_worker("dw-self");
		struct self_misuse m = { .w = w, .what = what, .ret = -1 };

		kthread_init_delayed_work(&m.dw, self_misuse_fn);
		ck_assert(kthread_queue_delayed_work(w, &m.dw, 0));
		ck_assert(WT_WAIT_FOR(WT_LOAD(&m.done) >= 1, 10000));
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

static Suite *delayed_suite(void)
{
	Suite *s = suite_create("kthread_delayed_work");
	TCase *tc;

	tc = wt_tcase(s, "queue");
	tcase_add_test(tc, test_init_variants);
	tcase_add_test(tc, test_delay_zero_queues_at_once);
	tcase_add_test(tc, test_queue_delayed_false_while_pending);
	tcase_add_test(tc, test_never_runs_before_its_time);
	tcase_add_test(tc, test_never_early_across_a_tick);

	tc = wt_tcase(s, "mod");
	tcase_add_test(tc, test_mod_return_values);
	tcase_add_test(tc, test_mod_moves_earlier);
	tcase_add_test(tc, test_mod_loses_to_cancel_returns_true);
	tcase_add_test(tc, test_mod_as_the_timer_fires_returns_true);
	tcase_add_test(tc, test_mod_vs_cancel_sync_never_hangs);
	tcase_add_test(tc, test_queue_work_vs_mod_keeps_count);

	tc = wt_tcase(s, "cancel");
	tcase_add_test(tc, test_cancel_delayed_return_values);
	tcase_add_test(tc, test_cancel_delayed_waits_for_running);
	tcase_add_test(tc, test_cancel_as_the_timer_fires_reports_pending);
	tcase_add_test(tc, test_cancel_self_requeueing_delayed_work);

	tc = wt_tcase(s, "flush");
	tcase_add_test(tc, test_flush_with_armed_timer_waits_for_timer_and_run);
	tcase_add_test(tc, test_flush_worker_ignores_armed_timers);

	tc = wt_tcase(s, "misuse");
	tcase_add_test(tc, test_destroy_warns_and_cancels_armed_delayed_works);
	tcase_add_test(tc, test_delayed_work_belongs_to_one_worker);
	tcase_add_test(tc, test_flush_and_cancel_delayed_from_own_callback);
	return s;
}

int main(void)
{
	return wt_run_suite(delayed_suite());
}
