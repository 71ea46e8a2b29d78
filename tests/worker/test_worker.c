// SPDX-License-Identifier: MIT
/*
 * test_worker.c - kthread_worker and kthread_work (src/kthread_worker.c):
 * queueing, order, flush, cancel, destroy, misuse, both API spellings,
 * and no heap allocation on the queue, flush and cancel paths.
 */
#include "wtest.h"

#include <sys/stat.h>

/* ---- a test work ------------------------------------------------------ */

struct tw {
	int magic;
	struct kthread_work work;
	struct wt_gate *gate;		/* block here while running, if set */
	int runs;			/* times the function started */
	int finished;			/* times it returned */
	int tid;			/* thread of the last run */
	struct task_struct *task;	/* task of the last run */
	long long start_ns;
	int requeue;			/* queue itself again while set */
	struct kthread_worker *worker;	/* for requeue and misuse tests */
	int requeue_true, requeue_false;
};

#define TW_MAGIC 0x5eed1234
static int bad_magic;

static void tw_fn(struct kthread_work *work)
{
	struct tw *t = ukt_container_of(work, struct tw, work);

	if (t->magic != TW_MAGIC)
		WT_INC(&bad_magic);	/* no ck_assert here: it allocates */
	t->start_ns = wt_now_ns();
	t->tid = wt_gettid();
	t->task = get_current();
	WT_INC(&t->runs);
	if (t->gate)
		wt_gate_pass(t->gate);
	if (WT_LOAD(&t->requeue)) {
		if (kthread_queue_work(t->worker, &t->work))
			WT_INC(&t->requeue_true);
		else
			WT_INC(&t->requeue_false);
	}
	WT_INC(&t->finished);
}

static int dw_runs;

static void dw_fn(struct kthread_work *work)
{
	(void)work;
	WT_INC(&dw_runs);
}

static void tw_init(struct tw *t, struct wt_gate *gate)
{
	memset(t, 0, sizeof(*t));
	t->magic = TW_MAGIC;
	t->gate = gate;
	kthread_init_work(&t->work, tw_fn);
}

/* Destroy @w and check that no work saw a bad container. */
static void end_worker(struct kthread_worker *w)
{
	kthread_destroy_worker(w);
	ck_assert_int_eq(WT_LOAD(&bad_magic), 0);
}

static struct kthread_worker *start_worker(const char *name)
{
	struct kthread_worker *w = kthread_run_worker(0, "%s", name);

	ck_assert_msg(!IS_ERR(w), "kthread_run_worker: %ld", PTR_ERR(w));
	return w;
}

/* Background calls. */
static void bg_flush_work(void *arg)
{
	kthread_flush_work(arg);
}

static void bg_flush_worker(void *arg)
{
	kthread_flush_worker(arg);
}

struct cancel_call {
	struct kthread_work *work;
	bool ret;
	int finished_at_return;		/* the target's finished count then */
	struct tw *target;
};

static void bg_cancel(void *arg)
{
	struct cancel_call *c = arg;

	c->ret = kthread_cancel_work_sync(c->work);
	if (c->target)
		c->finished_at_return = WT_LOAD(&c->target->finished);
}

/* ---- queueing --------------------------------------------------------- */

START_TEST(test_queue_true_then_false_while_pending)
{
	struct kthread_worker *w = start_worker("wt-pending");
	struct wt_gate g = { 0 };
	struct tw blocker, a;

	tw_init(&blocker, &g);
	tw_init(&a, NULL);
	ck_assert(kthread_queue_work(w, &blocker.work));
	ck_assert(wt_gate_reached(&g));
	ck_assert(kthread_queue_work(w, &a.work));
	for (int i = 0; i < 5; i++)
		ck_assert(!kthread_queue_work(w, &a.work));
	wt_gate_open(&g);
	kthread_flush_work(&a.work);
	ck_assert_int_eq(WT_LOAD(&a.runs), 1);
	ck_assert_int_eq(WT_LOAD(&a.finished), 1);
	/* Idle again: queueing works again, and runs it once more. */
	ck_assert(kthread_queue_work(w, &a.work));
	kthread_flush_work(&a.work);
	ck_assert_int_eq(WT_LOAD(&a.runs), 2);
	end_worker(w);
}
END_TEST

START_TEST(test_queue_false_while_being_canceled)
{
	struct kthread_worker *w = start_worker("wt-canceling");
	struct wt_gate g = { 0 };
	struct cancel_call c = { 0 };
	struct wt_bg bg;
	struct tw a;

	tw_init(&a, &g);
	ck_assert(kthread_queue_work(w, &a.work));
	ck_assert(wt_gate_reached(&g));		/* running, blocked */
	c.work = &a.work;
	c.target = &a;
	wt_bg_start(&bg, bg_cancel, &c);
	ck_assert_msg(wt_bg_sleeping(&bg), "cancel did not wait for the running work");
	/* Not pending, but being canceled: queueing is refused. */
	ck_assert(!kthread_queue_work(w, &a.work));
	ck_assert(!kthread_queue_work(w, &a.work));
	wt_gate_open(&g);
	ck_assert(wt_bg_finished(&bg, 5000));
	wt_bg_join(&bg);
	ck_assert(!c.ret);			/* it was running, not pending */
	ck_assert_int_eq(c.finished_at_return, 1);
	kthread_flush_worker(w);
	ck_assert_int_eq(WT_LOAD(&a.runs), 1);	/* the refused queueings did nothing */
	/* Cancel over: queueing works again. */
	ck_assert(kthread_queue_work(w, &a.work));
	kthread_flush_work(&a.work);
	ck_assert_int_eq(WT_LOAD(&a.runs), 2);
	end_worker(w);
}
END_TEST

/* Order recording. */
#define ORDER_MAX 20000
static int order_log[ORDER_MAX];
static int order_n;
static int in_run, max_in_run;

struct ow {
	struct kthread_work work;
	int id;
};

static void ow_fn(struct kthread_work *work)
{
	struct ow *o = ukt_container_of(work, struct ow, work);
	int n = WT_INC(&in_run);

	if (n > WT_LOAD(&max_in_run))
		WT_STORE(&max_in_run, n);
	if (order_n < ORDER_MAX)
		order_log[order_n++] = o->id;
	if ((o->id & 63) == 0)
		sched_yield();		/* give another "runner" a chance to show up */
	WT_DEC(&in_run);
}

START_TEST(test_fifo_single_producer)
{
	static struct ow works[4000];
	struct kthread_worker *w = start_worker("wt-fifo");
	struct wt_gate g = { 0 };
	struct tw blocker;

	/* Half queued behind a blocked worker, half while it runs freely. */
	tw_init(&blocker, &g);
	ck_assert(kthread_queue_work(w, &blocker.work));
	ck_assert(wt_gate_reached(&g));
	for (int i = 0; i < 4000; i++) {
		works[i].id = i;
		kthread_init_work(&works[i].work, ow_fn);
	}
	for (int i = 0; i < 2000; i++)
		ck_assert(kthread_queue_work(w, &works[i].work));
	wt_gate_open(&g);
	for (int i = 2000; i < 4000; i++)
		ck_assert(kthread_queue_work(w, &works[i].work));
	kthread_flush_worker(w);
	ck_assert_int_eq(order_n, 4000);
	for (int i = 0; i < 4000; i++)
		ck_assert_int_eq(order_log[i], i);
	ck_assert_int_eq(WT_LOAD(&max_in_run), 1);
	end_worker(w);
}
END_TEST

#define PRODUCERS 4
#define PER_PRODUCER 3000

struct producer {
	struct kthread_worker *w;
	struct ow *works;
	int refused;
};

static void *producer_main(void *arg)
{
	struct producer *p = arg;

	for (int i = 0; i < PER_PRODUCER; i++) {
		if (!kthread_queue_work(p->w, &p->works[i].work))
			p->refused++;
		if (i % 500 == 0)
			sched_yield();
	}
	return NULL;
}

START_TEST(test_fifo_multi_producer_one_at_a_time)
{
	static struct ow works[PRODUCERS][PER_PRODUCER];
	struct kthread_worker *w = start_worker("wt-mp");
	struct producer p[PRODUCERS];
	pthread_t th[PRODUCERS];
	int last[PRODUCERS];

	for (int k = 0; k < PRODUCERS; k++) {
		for (int i = 0; i < PER_PRODUCER; i++) {
			works[k][i].id = k * PER_PRODUCER + i;
			kthread_init_work(&works[k][i].work, ow_fn);
		}
		p[k] = (struct producer){ .w = w, .works = works[k] };
		ck_assert_int_eq(pthread_create(&th[k], NULL, producer_main, &p[k]), 0);
	}
	for (int k = 0; k < PRODUCERS; k++) {
		ck_assert_int_eq(pthread_join(th[k], NULL), 0);
		ck_assert_int_eq(p[k].refused, 0);
	}
	kthread_flush_worker(w);
	ck_assert_int_eq(order_n, PRODUCERS * PER_PRODUCER);
	/* Each producer's works ran in the order it queued them, each once. */
	for (int k = 0; k < PRODUCERS; k++)
		last[k] = -1;
	for (int i = 0; i < order_n; i++) {
		int k = order_log[i] / PER_PRODUCER, seq = order_log[i] % PER_PRODUCER;

		ck_assert_int_eq(seq, last[k] + 1);
		last[k] = seq;
	}
	ck_assert_int_eq(WT_LOAD(&max_in_run), 1);
	end_worker(w);
}
END_TEST

START_TEST(test_works_run_on_the_worker_thread)
{
	struct kthread_worker *w = start_worker("wt-thread");
	struct tw a, b;

	tw_init(&a, NULL);
	tw_init(&b, NULL);
	ck_assert(kthread_queue_work(w, &a.work));
	ck_assert(kthread_queue_work(w, &b.work));
	kthread_flush_worker(w);
	ck_assert_ptr_eq(a.task, WT_LOAD(&w->task));
	ck_assert_ptr_eq(b.task, WT_LOAD(&w->task));
	ck_assert_int_eq(a.tid, WT_LOAD(&w->task)->pid);
	ck_assert_int_ne(a.tid, wt_gettid());
	end_worker(w);
}
END_TEST

START_TEST(test_work_belongs_to_one_worker)
{
	struct kthread_worker *w1 = start_worker("wt-one1");
	struct kthread_worker *w2 = start_worker("wt-one2");
	struct wt_gate g = { 0 };
	struct tw blocker, a;
	unsigned long warns;

	tw_init(&a, NULL);
	ck_assert(kthread_queue_work(w1, &a.work));
	kthread_flush_work(&a.work);
	ck_assert_ptr_eq(a.task, WT_LOAD(&w1->task));
	ck_assert_ptr_eq(a.work.worker, w1);

	/* Idle, but still attached to w1: refused with a warning. */
	warns = ukt_warn_count();
	ck_assert(!kthread_queue_work(w2, &a.work));
	ck_assert_uint_eq(ukt_warn_count(), warns + 1);
	kthread_flush_worker(w2);
	ck_assert_int_eq(WT_LOAD(&a.runs), 1);

	/* Pending on w1: refused on w2 too, with a warning. */
	tw_init(&blocker, &g);
	ck_assert(kthread_queue_work(w1, &blocker.work));
	ck_assert(wt_gate_reached(&g));
	ck_assert(kthread_queue_work(w1, &a.work));
	warns = ukt_warn_count();
	ck_assert(!kthread_queue_work(w2, &a.work));
	ck_assert_uint_eq(ukt_warn_count(), warns + 1);
	wt_gate_open(&g);
	kthread_flush_worker(w1);
	kthread_flush_worker(w2);
	ck_assert_int_eq(WT_LOAD(&a.runs), 2);
	ck_assert_ptr_eq(a.task, WT_LOAD(&w1->task));

	/* Still fine on w1, without a warning. */
	warns = ukt_warn_count();
	ck_assert(kthread_queue_work(w1, &a.work));
	kthread_flush_work(&a.work);
	ck_assert_uint_eq(ukt_warn_count(), warns);

	/* Re-initialised: free to go to w2. */
	kthread_init_work(&a.work, tw_fn);
	ck_assert(kthread_queue_work(w2, &a.work));
	kthread_flush_work(&a.work);
	ck_assert_ptr_eq(a.task, WT_LOAD(&w2->task));
	ck_assert_int_eq(WT_LOAD(&a.runs), 4);
	ck_assert_uint_eq(ukt_warn_count(), warns);
	end_worker(w1);
	end_worker(w2);
}
END_TEST

/* Fresh memory (stack, malloc) holds garbage that may look like a work. */
START_TEST(test_init_work_on_garbage)
{
	struct kthread_worker *w = start_worker("wt-garbage");
	unsigned long warns = ukt_warn_count();
	struct kthread_delayed_work dw;
	struct tw a;

	for (int fill = 0; fill < 256; fill += 0x55) {
		memset(&a, fill, sizeof(a));
		a.magic = TW_MAGIC;
		a.gate = NULL;
		a.requeue = 0;
		a.runs = a.finished = 0;
		kthread_init_work(&a.work, tw_fn);
		ck_assert_ptr_null(a.work.worker);
		ck_assert(kthread_queue_work(w, &a.work));
		kthread_flush_work(&a.work);
		ck_assert_int_eq(WT_LOAD(&a.runs), 1);

		memset(&dw, fill, sizeof(dw));
		kthread_init_delayed_work(&dw, dw_fn);
		ck_assert(!timer_pending(&dw.timer));
		ck_assert(kthread_queue_delayed_work(w, &dw, 1));
		kthread_flush_work(&dw.work);
	}
	ck_assert_int_eq(WT_LOAD(&dw_runs), 4);
	ck_assert_uint_eq(ukt_warn_count(), warns);
	end_worker(w);
}
END_TEST

/* ---- the worker never touches a work after its function ---------------- */

struct selfree {
	struct kthread_work work;
	int *counter;
	struct wt_gate *gate;
};

static void selfree_fn(struct kthread_work *work)
{
	struct selfree *s = ukt_container_of(work, struct selfree, work);
	int *counter = s->counter;

	if (s->gate)
		wt_gate_pass(s->gate);
	/* Scribble over it first: a later read by the worker would see junk. */
	memset(s, 0xa5, sizeof(*s));
	free(s);
	WT_INC(counter);
}

START_TEST(test_work_frees_itself)
{
	struct kthread_worker *w = start_worker("wt-free");
	struct wt_gate g = { 0 };
	int freed = 0;

	for (int i = 0; i < 500; i++) {
		struct selfree *s = malloc(sizeof(*s));

		ck_assert_ptr_nonnull(s);
		kthread_init_work(&s->work, selfree_fn);
		s->counter = &freed;
		s->gate = NULL;
		ck_assert(kthread_queue_work(w, &s->work));
	}
	kthread_flush_worker(w);
	ck_assert_int_eq(WT_LOAD(&freed), 500);

	/* While a flusher waits for it. */
	for (int i = 0; i < 20; i++) {
		struct selfree *s = malloc(sizeof(*s));
		struct wt_bg bg;

		ck_assert_ptr_nonnull(s);
		memset(&g, 0, sizeof(g));
		kthread_init_work(&s->work, selfree_fn);
		s->counter = &freed;
		s->gate = &g;
		ck_assert(kthread_queue_work(w, &s->work));
		ck_assert(wt_gate_reached(&g));
		wt_bg_start(&bg, bg_flush_work, &s->work);
		ck_assert(wt_bg_sleeping(&bg));
		wt_gate_open(&g);
		ck_assert(wt_bg_finished(&bg, 5000));
		wt_bg_join(&bg);
		ck_assert_int_eq(WT_LOAD(&freed), 501 + i);
	}
	end_worker(w);
}
END_TEST

/* The work's memory handed back to the test: no write to it after the run. */
static unsigned char poison_buf[4096] __attribute__((aligned(64)));
static int poison_runs;

static void poison_fn(struct kthread_work *work)
{
	memset(work, 0x5a, sizeof(*work));
	WT_INC(&poison_runs);
}

START_TEST(test_worker_does_not_write_work_after_run)
{
	struct kthread_worker *w = start_worker("wt-poison");
	const int n = (int)(sizeof(poison_buf) / sizeof(struct kthread_work));
	struct kthread_work *works = (struct kthread_work *)poison_buf;

	for (int round = 0; round < 50; round++) {
		for (int i = 0; i < n; i++)
			kthread_init_work(&works[i], poison_fn);
		for (int i = 0; i < n; i++)
			ck_assert(kthread_queue_work(w, &works[i]));
		kthread_flush_worker(w);
		wt_sleep_us(200);
		for (size_t i = 0; i < (size_t)n * sizeof(struct kthread_work); i++)
			ck_assert_msg(poison_buf[i] == 0x5a,
				      "byte %zu of a finished work changed to %#x",
				      i, poison_buf[i]);
	}
	ck_assert_int_eq(WT_LOAD(&poison_runs), 50 * n);
	end_worker(w);
}
END_TEST

/* ---- flush ------------------------------------------------------------- */

START_TEST(test_flush_never_queued_or_idle_returns_at_once)
{
	struct kthread_worker *w = start_worker("wt-flush0");
	struct wt_gate g = { 0 };
	struct tw blocker, never, idle;
	struct wt_bg bg;

	tw_init(&never, NULL);
	tw_init(&idle, NULL);
	ck_assert(kthread_queue_work(w, &idle.work));
	kthread_flush_work(&idle.work);
	ck_assert_int_eq(WT_LOAD(&idle.runs), 1);

	/* The worker is busy: a flush that waited for anything would hang. */
	tw_init(&blocker, &g);
	ck_assert(kthread_queue_work(w, &blocker.work));
	ck_assert(wt_gate_reached(&g));
	wt_bg_start(&bg, bg_flush_work, &never.work);
	ck_assert_msg(wt_bg_finished(&bg, 2000), "flush of a never-queued work waited");
	wt_bg_join(&bg);
	wt_bg_start(&bg, bg_flush_work, &idle.work);
	ck_assert_msg(wt_bg_finished(&bg, 2000), "flush of an idle work waited");
	wt_bg_join(&bg);
	ck_assert_int_eq(WT_LOAD(&never.runs), 0);
	ck_assert_int_eq(WT_LOAD(&idle.runs), 1);
	wt_gate_open(&g);
	end_worker(w);
}
END_TEST

START_TEST(test_flush_queued_waits_for_that_run_only)
{
	struct kthread_worker *w = start_worker("wt-flushq");
	struct wt_gate g1 = { 0 }, g2 = { 0 };
	struct tw blocker, a, later;
	struct wt_bg bg;

	tw_init(&blocker, &g1);
	tw_init(&a, NULL);
	tw_init(&later, &g2);
	ck_assert(kthread_queue_work(w, &blocker.work));
	ck_assert(wt_gate_reached(&g1));
	ck_assert(kthread_queue_work(w, &a.work));
	ck_assert(kthread_queue_work(w, &later.work));
	wt_bg_start(&bg, bg_flush_work, &a.work);
	ck_assert(wt_bg_sleeping(&bg));
	wt_sleep_ms(20);
	ck_assert_msg(!WT_LOAD(&bg.done), "flush returned before the work ran");
	ck_assert_int_eq(WT_LOAD(&a.runs), 0);
	wt_gate_open(&g1);
	/* Returns once a ran, although the work behind it is stuck. */
	ck_assert_msg(wt_bg_finished(&bg, 5000), "flush waited for a later work");
	wt_bg_join(&bg);
	ck_assert_int_eq(WT_LOAD(&a.finished), 1);
	ck_assert_int_eq(WT_LOAD(&later.finished), 0);
	wt_gate_open(&g2);
	end_worker(w);
}
END_TEST

START_TEST(test_flush_running_waits_for_that_run_only)
{
	struct kthread_worker *w = start_worker("wt-flushr");
	struct wt_gate g1 = { 0 }, g2 = { 0 };
	struct tw a, later;
	struct wt_bg bg;

	tw_init(&a, &g1);
	tw_init(&later, &g2);
	ck_assert(kthread_queue_work(w, &a.work));
	ck_assert(wt_gate_reached(&g1));
	wt_bg_start(&bg, bg_flush_work, &a.work);
	ck_assert(wt_bg_sleeping(&bg));
	/* Queued after the flush started: not waited for. */
	ck_assert(kthread_queue_work(w, &later.work));
	wt_sleep_ms(20);
	ck_assert_msg(!WT_LOAD(&bg.done), "flush returned while the work ran");
	wt_gate_open(&g1);
	ck_assert_msg(wt_bg_finished(&bg, 5000), "flush waited for a later work");
	wt_bg_join(&bg);
	ck_assert_int_eq(WT_LOAD(&a.finished), 1);
	ck_assert_int_eq(WT_LOAD(&later.finished), 0);
	wt_gate_open(&g2);
	end_worker(w);
}
END_TEST

START_TEST(test_flush_worker_covers_what_was_queued_before)
{
	struct kthread_worker *w = start_worker("wt-flushw");
	struct wt_gate g1 = { 0 }, g2 = { 0 };
	struct tw a, before[10], after;
	struct wt_bg bg;

	tw_init(&a, &g1);
	tw_init(&after, &g2);
	ck_assert(kthread_queue_work(w, &a.work));
	ck_assert(wt_gate_reached(&g1));
	for (int i = 0; i < 10; i++) {
		tw_init(&before[i], NULL);
		ck_assert(kthread_queue_work(w, &before[i].work));
	}
	wt_bg_start(&bg, bg_flush_worker, w);
	ck_assert(wt_bg_sleeping(&bg));
	ck_assert(kthread_queue_work(w, &after.work));
	wt_sleep_ms(20);
	ck_assert(!WT_LOAD(&bg.done));
	wt_gate_open(&g1);
	ck_assert_msg(wt_bg_finished(&bg, 5000), "flush_worker waited for a later work");
	wt_bg_join(&bg);
	ck_assert_int_eq(WT_LOAD(&a.finished), 1);
	for (int i = 0; i < 10; i++)
		ck_assert_int_eq(WT_LOAD(&before[i].finished), 1);
	ck_assert_int_eq(WT_LOAD(&after.finished), 0);
	wt_gate_open(&g2);
	/* flush_worker of an idle worker returns at once. */
	kthread_flush_worker(w);
	kthread_flush_worker(w);
	ck_assert_int_eq(WT_LOAD(&after.finished), 1);
	end_worker(w);
}
END_TEST

/* ---- cancel ------------------------------------------------------------ */

START_TEST(test_cancel_pending_returns_true_and_removes)
{
	struct kthread_worker *w = start_worker("wt-cancel");
	struct wt_gate g = { 0 };
	struct tw blocker, a, b, never;

	tw_init(&blocker, &g);
	tw_init(&a, NULL);
	tw_init(&b, NULL);
	tw_init(&never, NULL);
	ck_assert(!kthread_cancel_work_sync(&never.work));
	ck_assert(kthread_queue_work(w, &blocker.work));
	ck_assert(wt_gate_reached(&g));
	ck_assert(kthread_queue_work(w, &a.work));
	ck_assert(kthread_queue_work(w, &b.work));
	ck_assert(kthread_cancel_work_sync(&a.work));
	ck_assert(!kthread_cancel_work_sync(&a.work));
	wt_gate_open(&g);
	kthread_flush_worker(w);
	ck_assert_int_eq(WT_LOAD(&a.runs), 0);
	ck_assert_int_eq(WT_LOAD(&b.runs), 1);
	ck_assert(!kthread_cancel_work_sync(&b.work));	/* idle */
	/* Canceled works can be queued again. */
	ck_assert(kthread_queue_work(w, &a.work));
	kthread_flush_work(&a.work);
	ck_assert_int_eq(WT_LOAD(&a.runs), 1);
	end_worker(w);
}
END_TEST

START_TEST(test_cancel_waits_for_running)
{
	struct kthread_worker *w = start_worker("wt-cancelr");
	struct wt_gate g = { 0 };
	struct cancel_call c = { 0 };
	struct wt_bg bg;
	struct tw a;

	tw_init(&a, &g);
	ck_assert(kthread_queue_work(w, &a.work));
	ck_assert(wt_gate_reached(&g));
	c.work = &a.work;
	c.target = &a;
	wt_bg_start(&bg, bg_cancel, &c);
	ck_assert(wt_bg_sleeping(&bg));
	wt_sleep_ms(20);
	ck_assert_msg(!WT_LOAD(&bg.done), "cancel returned while the work ran");
	wt_gate_open(&g);
	ck_assert(wt_bg_finished(&bg, 5000));
	wt_bg_join(&bg);
	ck_assert(!c.ret);
	ck_assert_int_eq(c.finished_at_return, 1);
	end_worker(w);
}
END_TEST

START_TEST(test_cancel_running_and_pending)
{
	struct kthread_worker *w = start_worker("wt-cancelrp");
	struct wt_gate g = { 0 };
	struct cancel_call c = { 0 };
	struct wt_bg bg;
	struct tw a;

	tw_init(&a, &g);
	ck_assert(kthread_queue_work(w, &a.work));
	ck_assert(wt_gate_reached(&g));
	ck_assert(kthread_queue_work(w, &a.work));	/* pending while it runs */
	c.work = &a.work;
	c.target = &a;
	wt_bg_start(&bg, bg_cancel, &c);
	ck_assert(wt_bg_sleeping(&bg));
	wt_gate_open(&g);
	ck_assert(wt_bg_finished(&bg, 5000));
	wt_bg_join(&bg);
	ck_assert(c.ret);				/* it was pending */
	ck_assert_int_eq(c.finished_at_return, 1);
	kthread_flush_worker(w);
	ck_assert_int_eq(WT_LOAD(&a.runs), 1);		/* the pending run was removed */
	end_worker(w);
}
END_TEST

START_TEST(test_cancel_self_requeueing_work)
{
	struct kthread_worker *w = start_worker("wt-selfrq");
	struct tw a;

	tw_init(&a, NULL);
	a.worker = w;
	for (int round = 0; round < 20; round++) {
		int base = WT_LOAD(&a.runs), runs;

		WT_STORE(&a.requeue, 1);
		ck_assert(kthread_queue_work(w, &a.work));
		ck_assert(WT_WAIT_FOR(WT_LOAD(&a.runs) > base + 10, 5000));
		kthread_cancel_work_sync(&a.work);
		/* Stopped: neither pending nor running, and it stays so. */
		runs = WT_LOAD(&a.runs);
		ck_assert_int_eq(WT_LOAD(&a.finished), runs);
		wt_sleep_ms(5);
		ck_assert_int_eq(WT_LOAD(&a.runs), runs);
		/* Idle: the requeue during the cancel was refused. */
		WT_STORE(&a.requeue, 0);
		ck_assert(kthread_queue_work(w, &a.work));
		kthread_flush_work(&a.work);
		ck_assert_int_eq(WT_LOAD(&a.runs), runs + 1);
	}
	end_worker(w);
}
END_TEST

/* The requeue from the run that the cancel waits for is refused. */
START_TEST(test_cancel_refuses_requeue_of_running_work)
{
	struct kthread_worker *w = start_worker("wt-selfrq2");
	struct wt_gate g = { 0 };
	struct cancel_call c = { 0 };
	struct wt_bg bg;
	struct tw a;

	tw_init(&a, &g);
	a.worker = w;
	WT_STORE(&a.requeue, 1);
	ck_assert(kthread_queue_work(w, &a.work));
	ck_assert(wt_gate_reached(&g));
	c.work = &a.work;
	c.target = &a;
	wt_bg_start(&bg, bg_cancel, &c);
	ck_assert(wt_bg_sleeping(&bg));
	wt_gate_open(&g);
	ck_assert(wt_bg_finished(&bg, 5000));
	wt_bg_join(&bg);
	ck_assert(!c.ret);
	ck_assert_int_eq(c.finished_at_return, 1);
	ck_assert_int_eq(WT_LOAD(&a.requeue_false), 1);
	ck_assert_int_eq(WT_LOAD(&a.requeue_true), 0);
	wt_sleep_ms(10);
	ck_assert_int_eq(WT_LOAD(&a.runs), 1);
	WT_STORE(&a.requeue, 0);
	ck_assert(kthread_queue_work(w, &a.work));
	kthread_flush_work(&a.work);
	ck_assert_int_eq(WT_LOAD(&a.runs), 2);
	end_worker(w);
}
END_TEST

/* ---- misuse from inside a work ----------------------------------------- */

enum misuse { FLUSH_SELF, FLUSH_OTHER_PENDING, FLUSH_OWN_WORKER, CANCEL_SELF,
	      CANCEL_SELF_REQUEUED, DESTROY_OWN_WORKER };

struct misuse_work {
	struct kthread_work work;
	struct kthread_worker *w;
	struct kthread_work *other;
	enum misuse what;
	unsigned long warns_before, warns_after;
	int ret;
	int done;
};

static void misuse_fn(struct kthread_work *work)
{
	struct misuse_work *m = ukt_container_of(work, struct misuse_work, work);

	m->warns_before = ukt_warn_count();
	switch (m->what) {
	case FLUSH_SELF:
		kthread_flush_work(&m->work);
		break;
	case FLUSH_OTHER_PENDING:
		m->ret = kthread_queue_work(m->w, m->other);
		kthread_flush_work(m->other);	/* behind us: would never run */
		break;
	case FLUSH_OWN_WORKER:
		kthread_flush_worker(m->w);
		break;
	case CANCEL_SELF:
		m->ret = kthread_cancel_work_sync(&m->work);
		break;
	case CANCEL_SELF_REQUEUED:
		if (kthread_queue_work(m->w, &m->work))
			m->ret = kthread_cancel_work_sync(&m->work);
		break;
	case DESTROY_OWN_WORKER:
		kthread_destroy_worker(m->w);
		break;
	}
	m->warns_after = ukt_warn_count();
	WT_INC(&m->done);
}

static void check_misuse(enum misuse what, int expect_ret)
{
	struct kthread_worker *w = start_worker("wt-misuse");
	struct misuse_work m = { .w = w, .what = what, .ret = -1 };
	struct tw other, after;

	tw_init(&other, NULL);
	tw_init(&after, NULL);
	m.other = &other.work;
	kthread_init_work(&m.work, misuse_fn);
	ck_assert(kthread_queue_work(w, &m.work));
	/* A hang here is a test timeout. */
	ck_assert(WT_WAIT_FOR(WT_LOAD(&m.done) == 1, 10000));
	ck_assert_uint_eq(m.warns_after, m.warns_before + 1);
	if (expect_ret >= 0)
		ck_assert_int_eq(m.ret, expect_ret);
	/* The worker still works. */
	ck_assert(kthread_queue_work(w, &after.work));
	kthread_flush_work(&after.work);
	ck_assert_int_eq(WT_LOAD(&after.runs), 1);
	kthread_flush_worker(w);
	ck_assert_int_eq(WT_LOAD(&m.done), 1);		/* cancel-self removed the requeue */
	if (what == FLUSH_OTHER_PENDING)
		ck_assert_int_eq(WT_LOAD(&other.runs), 1);
	end_worker(w);
}

START_TEST(test_flush_self_from_callback_warns)
{
	check_misuse(FLUSH_SELF, -1);
}
END_TEST

START_TEST(test_flush_other_from_callback_warns)
{
	check_misuse(FLUSH_OTHER_PENDING, 1);
}
END_TEST

START_TEST(test_flush_worker_from_callback_warns)
{
	check_misuse(FLUSH_OWN_WORKER, -1);
}
END_TEST

START_TEST(test_cancel_self_from_callback_warns)
{
	check_misuse(CANCEL_SELF, 0);
}
END_TEST

START_TEST(test_cancel_self_requeued_from_callback_warns)
{
	check_misuse(CANCEL_SELF_REQUEUED, 1);
}
END_TEST

START_TEST(test_destroy_from_own_thread_warns)
{
	check_misuse(DESTROY_OWN_WORKER, -1);
}
END_TEST

START_TEST(test_queue_on_destroyed_worker_warns)
{
	struct kthread_worker *w = start_worker("wt-dead");
	struct kthread_delayed_work dw;
	unsigned long warns;
	struct tw a;

	tw_init(&a, NULL);
	kthread_init_delayed_work(&dw, dw_fn);
	end_worker(w);
	/* The memory of a destroyed worker is kept a while to catch this. */
	warns = ukt_warn_count();
	ck_assert(!kthread_queue_work(w, &a.work));
	ck_assert_uint_eq(ukt_warn_count(), warns + 1);
	ck_assert(!kthread_queue_delayed_work(w, &dw, 0));
	ck_assert_uint_eq(ukt_warn_count(), warns + 2);
	ck_assert(!kthread_mod_delayed_work(w, &dw, 1));
	ck_assert_uint_eq(ukt_warn_count(), warns + 3);
	wt_sleep_ms(20);
	ck_assert_int_eq(WT_LOAD(&a.runs), 0);
	ck_assert(!timer_pending(&dw.timer));
	ck_assert_ptr_null(a.work.worker);
}
END_TEST

/* ---- destroy ------------------------------------------------------------ */

static void slow_fn(struct kthread_work *work)
{
	struct tw *t = ukt_container_of(work, struct tw, work);

	wt_sleep_ms(2);
	WT_INC(&t->finished);
}

static bool task_dir_exists(int tid)
{
	char path[64];
	struct stat st;

	snprintf(path, sizeof(path), "/proc/self/task/%d", tid);
	return stat(path, &st) == 0;
}

START_TEST(test_destroy_flushes_and_stops)
{
	struct kthread_worker *w = start_worker("wt-destroy");
	unsigned long warns = ukt_warn_count();
	struct tw works[20];
	int tid = WT_LOAD(&w->task)->pid;

	ck_assert(task_dir_exists(tid));
	for (int i = 0; i < 20; i++) {
		memset(&works[i], 0, sizeof(works[i]));
		kthread_init_work(&works[i].work, slow_fn);
		ck_assert(kthread_queue_work(w, &works[i].work));
	}
	end_worker(w);
	for (int i = 0; i < 20; i++)
		ck_assert_int_eq(WT_LOAD(&works[i].finished), 1);
	ck_assert_uint_eq(ukt_warn_count(), warns);
	ck_assert_msg(WT_WAIT_FOR(!task_dir_exists(tid), 2000),
		      "the worker's thread %d is still there", tid);
}
END_TEST

START_TEST(test_destroy_unstarted_worker_runs_queued)
{
	struct kthread_worker *w = kthread_create_worker(0, "wt-unstarted");
	unsigned long warns;
	struct tw a;

	ck_assert(!IS_ERR(w));
	tw_init(&a, NULL);
	ck_assert(kthread_queue_work(w, &a.work));
	warns = ukt_warn_count();
	end_worker(w);
	ck_assert_int_eq(WT_LOAD(&a.runs), 1);
	ck_assert_uint_eq(ukt_warn_count(), warns);
}
END_TEST

START_TEST(test_destroy_frees_worker)
{
	long live0 = ukt_site_live(UKT_SITE_WORKER);
	unsigned long total0 = ukt_site_total(UKT_SITE_WORKER);

	for (int i = 0; i < 60; i++) {
		struct kthread_worker *w = start_worker("wt-free");
		struct tw a;

		tw_init(&a, NULL);
		ck_assert(kthread_queue_work(w, &a.work));
		end_worker(w);
		ck_assert_int_eq(WT_LOAD(&a.runs), 1);
	}
	ck_assert_uint_eq(ukt_site_total(UKT_SITE_WORKER), total0 + 60);
	/* A few destroyed workers are kept (quarantine) to catch late use. */
	ck_assert_int_le(ukt_site_live(UKT_SITE_WORKER) - live0, 16);
}
END_TEST

/* ---- the 2.6.35 API ----------------------------------------------------- */

static DEFINE_KTHREAD_WORKER(static_worker);
static struct tw static_tw = {
	.magic = TW_MAGIC,
	.work = KTHREAD_WORK_INIT(static_tw.work, tw_fn),
};
static int defined_runs;

static void defined_fn(struct kthread_work *work)
{
	(void)work;
	WT_INC(&defined_runs);
}

static DEFINE_KTHREAD_WORK(defined_work, defined_fn);

START_TEST(test_api_2635_static_worker)
{
	struct task_struct *task;
	char comm[TASK_COMM_LEN];

	task = kthread_run(kthread_worker_fn, &static_worker, "wt-static%d", 35);
	ck_assert(!IS_ERR(task));
	ck_assert(queue_kthread_work(&static_worker, &static_tw.work));
	ck_assert(queue_kthread_work(&static_worker, &defined_work));
	flush_kthread_work(&static_tw.work);
	ck_assert_int_eq(WT_LOAD(&static_tw.runs), 1);
	flush_kthread_worker(&static_worker);
	ck_assert_int_eq(WT_LOAD(&defined_runs), 1);
	ck_assert_ptr_eq(static_tw.task, task);
	ck_assert_ptr_eq(WT_LOAD(&static_worker.task), task);
	__get_task_comm(comm, sizeof(comm), task);
	ck_assert_str_eq(comm, "wt-static35");
	ck_assert_int_eq(kthread_stop(task), 0);
	ck_assert_ptr_null(WT_LOAD(&static_worker.task));
}
END_TEST

START_TEST(test_api_2635_init_and_onstack)
{
	struct kthread_worker worker;
	struct task_struct *task, *task2;
	struct tw a;

	init_kthread_worker(&worker);
	memset(&a, 0, sizeof(a));
	a.magic = TW_MAGIC;
	init_kthread_work(&a.work, tw_fn);
	task = kthread_run(kthread_worker_fn, &worker, "wt-init");
	ck_assert(!IS_ERR(task));
	ck_assert(queue_kthread_work(&worker, &a.work));
	flush_kthread_work(&a.work);
	ck_assert_int_eq(WT_LOAD(&a.runs), 1);
	ck_assert_int_eq(kthread_stop(task), 0);

	{
		DEFINE_KTHREAD_WORKER_ONSTACK(onstack);
		struct tw b = { .magic = TW_MAGIC, .work = KTHREAD_WORK_INIT(b.work, tw_fn) };

		task2 = kthread_run(kthread_worker_fn, &onstack, "wt-onstack");
		ck_assert(!IS_ERR(task2));
		ck_assert(queue_kthread_work(&onstack, &b.work));
		flush_kthread_worker(&onstack);
		ck_assert_int_eq(WT_LOAD(&b.runs), 1);
		ck_assert_ptr_eq(b.task, task2);
		ck_assert_int_eq(kthread_stop(task2), 0);
	}
}
END_TEST

START_TEST(test_worker_fn_by_a_second_thread_refused)
{
	struct kthread_worker worker;
	struct task_struct *t1, *t2;
	unsigned long warns;

	kthread_init_worker(&worker);
	t1 = kthread_run(kthread_worker_fn, &worker, "wt-first");
	ck_assert(!IS_ERR(t1));
	ck_assert(WT_WAIT_FOR(WT_LOAD(&worker.task) == t1, 5000));
	warns = ukt_warn_count();
	t2 = kthread_run(kthread_worker_fn, &worker, "wt-second");
	ck_assert(!IS_ERR(t2));
	/* Let it run (a stop before that would give -EINTR). */
	ck_assert(WT_WAIT_FOR(ukt_warn_count() == warns + 1, 5000));
	ck_assert_int_eq(kthread_stop(t2), -EBUSY);
	ck_assert_uint_eq(ukt_warn_count(), warns + 1);
	ck_assert_ptr_eq(WT_LOAD(&worker.task), t1);
	ck_assert_int_eq(kthread_stop(t1), 0);
}
END_TEST

/* ---- the mainline API ---------------------------------------------------- */

struct owner {
	long before;
	struct kthread_work work;
	long after;
	int seen;
};

static void owner_fn(struct kthread_work *work)
{
	struct owner *o = ukt_container_of(work, struct owner, work);

	if (o->before == 111 && o->after == 222)
		WT_INC(&o->seen);
}

START_TEST(test_container_of_work_owner)
{
	struct kthread_worker *w = start_worker("wt-owner");
	struct owner o = { .before = 111, .after = 222 };

	kthread_init_work(&o.work, owner_fn);
	ck_assert(kthread_queue_work(w, &o.work));
	kthread_flush_work(&o.work);
	ck_assert_int_eq(WT_LOAD(&o.seen), 1);
	end_worker(w);
}
END_TEST

START_TEST(test_create_worker_does_not_start)
{
	struct kthread_worker *w = kthread_create_worker(0, "wt-kw%d", 7);
	char comm[TASK_COMM_LEN];
	struct tw a;

	ck_assert(!IS_ERR(w));
	ck_assert_ptr_nonnull(WT_LOAD(&w->task));
	__get_task_comm(comm, sizeof(comm), WT_LOAD(&w->task));
	ck_assert_str_eq(comm, "wt-kw7");
	tw_init(&a, NULL);
	ck_assert(kthread_queue_work(w, &a.work));
	wt_sleep_ms(50);
	ck_assert_int_eq(WT_LOAD(&a.runs), 0);
	ck_assert(!kthread_queue_work(w, &a.work));	/* still pending */
	wake_up_process(WT_LOAD(&w->task));
	kthread_flush_work(&a.work);
	ck_assert_int_eq(WT_LOAD(&a.runs), 1);
	ck_assert_ptr_eq(a.task, WT_LOAD(&w->task));
	end_worker(w);
}
END_TEST

START_TEST(test_create_worker_on_node_and_freezable)
{
	struct kthread_worker *w = kthread_create_worker_on_node(KTW_FREEZABLE, NUMA_NO_NODE,
								 "wt-%s", "node");
	char comm[TASK_COMM_LEN];
	struct tw a;

	ck_assert(!IS_ERR(w));
	__get_task_comm(comm, sizeof(comm), WT_LOAD(&w->task));
	ck_assert_str_eq(comm, "wt-node");
	tw_init(&a, NULL);
	ck_assert(kthread_queue_work(w, &a.work));
	wt_sleep_ms(20);
	ck_assert_int_eq(WT_LOAD(&a.runs), 0);
	wake_up_process(WT_LOAD(&w->task));
	kthread_flush_work(&a.work);
	ck_assert_int_eq(WT_LOAD(&a.runs), 1);
	end_worker(w);

	w = kthread_run_worker(KTW_FREEZABLE, "wt-frz");
	ck_assert(!IS_ERR(w));
	kthread_init_work(&a.work, tw_fn);	/* it belonged to the old worker */
	ck_assert(kthread_queue_work(w, &a.work));
	kthread_flush_work(&a.work);
	ck_assert_int_eq(WT_LOAD(&a.runs), 2);
	end_worker(w);
}
END_TEST

static int last_online_cpu(void)
{
	int last = -1;

	for (int cpu = 0; cpu < NR_CPUS; cpu++)
		if (cpu_online(cpu))
			last = cpu;
	return last;
}

struct cpu_probe {
	struct kthread_work work;
	int cpu;
	int allowed;
	int allowed_cpu;
};

static void cpu_probe_fn(struct kthread_work *work)
{
	struct cpu_probe *p = ukt_container_of(work, struct cpu_probe, work);
	cpu_set_t set;

	p->cpu = sched_getcpu();
	CPU_ZERO(&set);
	if (sched_getaffinity(0, sizeof(set), &set) == 0) {
		p->allowed = CPU_COUNT(&set);
		for (int c = 0; c < CPU_SETSIZE; c++)
			if (CPU_ISSET(c, &set))
				p->allowed_cpu = c;
	}
}

static void check_bound_worker(struct kthread_worker *w, int cpu, bool started,
			       const char *name)
{
	struct cpu_probe p = { .cpu = -1 };
	char comm[TASK_COMM_LEN];

	ck_assert_msg(!IS_ERR(w), "create on cpu %d: %ld", cpu, PTR_ERR(w));
	__get_task_comm(comm, sizeof(comm), WT_LOAD(&w->task));
	ck_assert_str_eq(comm, name);
	kthread_init_work(&p.work, cpu_probe_fn);
	ck_assert(kthread_queue_work(w, &p.work));
	if (!started) {
		wt_sleep_ms(20);
		ck_assert_int_eq(p.cpu, -1);
		wake_up_process(WT_LOAD(&w->task));
	}
	kthread_flush_work(&p.work);
	ck_assert_int_eq(p.cpu, cpu);
	ck_assert_int_eq(p.allowed, 1);
	ck_assert_int_eq(p.allowed_cpu, cpu);
	end_worker(w);
}

START_TEST(test_create_worker_on_cpu)
{
	int cpu = last_online_cpu();
	char name[32];

	ck_assert_int_ge(cpu, 0);
	snprintf(name, sizeof(name), "wt-cpu/%d", cpu);
	check_bound_worker(kthread_create_worker_on_cpu(cpu, 0, "wt-cpu/%u"), cpu, false, name);
	snprintf(name, sizeof(name), "wt-rcpu%d", cpu);
	check_bound_worker(kthread_run_worker_on_cpu(cpu, 0, "wt-rcpu%d"), cpu, true, name);
	snprintf(name, sizeof(name), "wt-cpu0/%d", 0);
	check_bound_worker(kthread_create_worker_on_cpu(0, 0, "wt-cpu0/%u"), 0, false, name);
}
END_TEST

START_TEST(test_create_worker_errors)
{
	struct kthread_worker *w;
	unsigned long warns = ukt_warn_count();

	w = kthread_create_worker_on_cpu(-1, 0, "wt-bad%u");
	ck_assert(IS_ERR(w));
	ck_assert_int_eq(PTR_ERR(w), -EINVAL);
	ck_assert_uint_eq(ukt_warn_count(), warns + 1);
	w = kthread_create_worker_on_cpu(NR_CPUS + 5, 0, "wt-bad%u");
	ck_assert(IS_ERR(w));
	ukt_fault_inject(UKT_SITE_WORKER, 1, 1);
	w = kthread_create_worker(0, "wt-nomem");
	ck_assert(IS_ERR(w));
	ck_assert_int_eq(PTR_ERR(w), -ENOMEM);
	/* The next one succeeds. */
	w = kthread_run_worker(0, "wt-ok");
	ck_assert(!IS_ERR(w));
	end_worker(w);
}
END_TEST

START_TEST(test_run_worker_starts)
{
	struct kthread_worker *w = kthread_run_worker(0, "wt-run%s", "x");
	char comm[TASK_COMM_LEN];
	struct tw a;

	ck_assert(!IS_ERR(w));
	__get_task_comm(comm, sizeof(comm), WT_LOAD(&w->task));
	ck_assert_str_eq(comm, "wt-runx");
	tw_init(&a, NULL);
	ck_assert(kthread_queue_work(w, &a.work));
	/* Runs without any wake_up_process() or flush. */
	ck_assert(WT_WAIT_FOR(WT_LOAD(&a.runs) == 1, 5000));
	end_worker(w);
}
END_TEST

/* ---- no heap allocation on the queue, flush and cancel paths ------------- */

#if !WT_SANITIZED
extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *p, size_t size);

static int alloc_armed;
static unsigned long alloc_calls;

static void count_alloc(void)
{
	if (__atomic_load_n(&alloc_armed, __ATOMIC_RELAXED))
		__atomic_add_fetch(&alloc_calls, 1, __ATOMIC_RELAXED);
}

void *malloc(size_t size)
{
	count_alloc();
	return __libc_malloc(size);
}

void *calloc(size_t n, size_t size)
{
	count_alloc();
	return __libc_calloc(n, size);
}

void *realloc(void *p, size_t size)
{
	count_alloc();
	return __libc_realloc(p, size);
}

static void alloc_arm(bool on)
{
	if (on)
		__atomic_store_n(&alloc_calls, 0, __ATOMIC_SEQ_CST);
	__atomic_store_n(&alloc_armed, on, __ATOMIC_SEQ_CST);
}
#else
static unsigned long alloc_calls;

static void alloc_arm(bool on)
{
	(void)on;
}
#endif

static void all_paths(struct kthread_worker *w, struct tw *a, struct tw *b,
		      struct kthread_delayed_work *dw, int rounds)
{
	for (int i = 0; i < rounds; i++) {
		kthread_queue_work(w, &a->work);
		kthread_queue_work(w, &b->work);
		kthread_flush_work(&a->work);
		kthread_queue_work(w, &a->work);
		kthread_cancel_work_sync(&a->work);
		kthread_flush_worker(w);
		kthread_queue_delayed_work(w, dw, 0);
		kthread_flush_work(&dw->work);
		kthread_queue_delayed_work(w, dw, 1000);
		kthread_mod_delayed_work(w, dw, 2000);
		kthread_cancel_delayed_work_sync(dw);
		kthread_mod_delayed_work(w, dw, 0);
		kthread_cancel_delayed_work_sync(dw);
		if (i % 50 == 0) {
			/* The timer path: a short delay that fires. */
			kthread_mod_delayed_work(w, dw, 1);
			kthread_flush_work(&dw->work);
		}
	}
	kthread_flush_worker(w);
}

START_TEST(test_no_allocation_on_queue_flush_cancel)
{
	unsigned long totals[UKT_SITE_NR];
	struct kthread_delayed_work dw;
	struct kthread_worker *w;
	struct tw a, b;

	/* No spare threads made behind our back (kthreadd refills them). */
	setenv("UKTHREAD_SPARES", "0", 1);
	ukt_kthreadd_set_spares(0);
	w = start_worker("wt-noalloc");
	tw_init(&a, NULL);
	tw_init(&b, NULL);
	kthread_init_delayed_work(&dw, dw_fn);
	all_paths(w, &a, &b, &dw, 60);		/* warm up: timer thread, tasks */
	wt_sleep_ms(20);

	for (int s = 0; s < UKT_SITE_NR; s++)
		totals[s] = ukt_site_total(s);
	alloc_arm(true);
	all_paths(w, &a, &b, &dw, 2000);
	alloc_arm(false);
	for (int s = 0; s < UKT_SITE_NR; s++)
		ck_assert_msg(ukt_site_total(s) == totals[s], "site %d allocated %lu times",
			      s, ukt_site_total(s) - totals[s]);
	ck_assert_msg(alloc_calls == 0, "%lu heap allocations on the queue/flush/cancel paths",
		      alloc_calls);
	ck_assert_int_ge(WT_LOAD(&a.runs), 2000);
	ck_assert_int_ge(WT_LOAD(&b.runs), 2000);
	ck_assert_int_ge(WT_LOAD(&dw_runs), 2000);
	end_worker(w);
}
END_TEST

#if !WT_SANITIZED
/* The interposition itself works: a known allocation is seen. */
START_TEST(test_allocation_counter_sees_malloc)
{
	void *volatile p;

	alloc_arm(true);
	p = malloc(100);
	free(p);
	p = calloc(1, 100);
	p = realloc(p, 1000);
	free(p);
	alloc_arm(false);
	ck_assert_uint_eq(alloc_calls, 3);
	/* A worker's creation allocates. */
	alloc_arm(true);
	{
		struct kthread_worker *w = kthread_create_worker(0, "wt-alloc");

		ck_assert(!IS_ERR(w));
		alloc_arm(false);
		ck_assert_uint_ge(alloc_calls, 1);
		end_worker(w);
	}
}
END_TEST
#endif

static Suite *worker_suite(void)
{
	Suite *s = suite_create("kthread_worker");
	TCase *tc;

	tc = wt_tcase(s, "queue");
	tcase_add_test(tc, test_queue_true_then_false_while_pending);
	tcase_add_test(tc, test_queue_false_while_being_canceled);
	tcase_add_test(tc, test_fifo_single_producer);
	tcase_add_test(tc, test_fifo_multi_producer_one_at_a_time);
	tcase_add_test(tc, test_works_run_on_the_worker_thread);
	tcase_add_test(tc, test_work_belongs_to_one_worker);
	tcase_add_test(tc, test_init_work_on_garbage);
	tcase_add_test(tc, test_work_frees_itself);
	tcase_add_test(tc, test_worker_does_not_write_work_after_run);

	tc = wt_tcase(s, "flush");
	tcase_add_test(tc, test_flush_never_queued_or_idle_returns_at_once);
	tcase_add_test(tc, test_flush_queued_waits_for_that_run_only);
	tcase_add_test(tc, test_flush_running_waits_for_that_run_only);
	tcase_add_test(tc, test_flush_worker_covers_what_was_queued_before);

	tc = wt_tcase(s, "cancel");
	tcase_add_test(tc, test_cancel_pending_returns_true_and_removes);
	tcase_add_test(tc, test_cancel_waits_for_running);
	tcase_add_test(tc, test_cancel_running_and_pending);
	tcase_add_test(tc, test_cancel_self_requeueing_work);
	tcase_add_test(tc, test_cancel_refuses_requeue_of_running_work);

	tc = wt_tcase(s, "misuse");
	tcase_add_test(tc, test_flush_self_from_callback_warns);
	tcase_add_test(tc, test_flush_other_from_callback_warns);
	tcase_add_test(tc, test_flush_worker_from_callback_warns);
	tcase_add_test(tc, test_cancel_self_from_callback_warns);
	tcase_add_test(tc, test_cancel_self_requeued_from_callback_warns);
	tcase_add_test(tc, test_destroy_from_own_thread_warns);
	tcase_add_test(tc, test_queue_on_destroyed_worker_warns);

	tc = wt_tcase(s, "destroy");
	tcase_add_test(tc, test_destroy_flushes_and_stops);
	tcase_add_test(tc, test_destroy_unstarted_worker_runs_queued);
	tcase_add_test(tc, test_destroy_frees_worker);

	tc = wt_tcase(s, "api");
	tcase_add_test(tc, test_api_2635_static_worker);
	tcase_add_test(tc, test_api_2635_init_and_onstack);
	tcase_add_test(tc, test_worker_fn_by_a_second_thread_refused);
	tcase_add_test(tc, test_container_of_work_owner);
	tcase_add_test(tc, test_create_worker_does_not_start);
	tcase_add_test(tc, test_create_worker_on_node_and_freezable);
	tcase_add_test(tc, test_create_worker_on_cpu);
	tcase_add_test(tc, test_create_worker_errors);
	tcase_add_test(tc, test_run_worker_starts);

	tc = wt_tcase(s, "alloc");
	tcase_add_test(tc, test_no_allocation_on_queue_flush_cancel);
#if !WT_SANITIZED
	tcase_add_test(tc, test_allocation_counter_sees_malloc);
#endif
	return s;
}

int main(void)
{
	return wt_run_suite(worker_suite());
}
