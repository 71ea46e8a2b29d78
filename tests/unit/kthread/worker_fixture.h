/* SPDX-License-Identifier: MIT */
/*
 * worker_fixture.h - what the kthread_worker and delayed-work tests
 * (test_kthread_worker*.c, test_kthread_delayed_work*.c) share: a test
 * work and a test delayed work that record their runs and can block in a
 * gate, a work that keeps the worker busy, starting and ending a worker,
 * background flushes and cancels, and the misuse of the API from inside
 * a work.
 */
#ifndef UKT_TEST_WORKER_FIXTURE_H
#define UKT_TEST_WORKER_FIXTURE_H

#include "ukt_test.h"

/* ---- a test work ------------------------------------------------------ */

struct tw {
	int magic;
	struct kthread_work work;
	struct t_gate *gate;		/* block here while running, if set */
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
/* Counted by tw_fn() and td_fn() on a bad container; end_worker() checks it. */
static int bad_magic;

static inline void tw_fn(struct kthread_work *work)
{
	struct tw *t = ukt_container_of(work, struct tw, work);

	if (t->magic != TW_MAGIC)
		T_INC(&bad_magic);	/* no ck_assert here: it allocates */
	t->start_ns = t_now_ns();
	t->tid = t_gettid();
	t->task = get_current();
	T_INC(&t->runs);
	if (t->gate)
		t_gate_pass(t->gate);
	if (T_LOAD(&t->requeue)) {
		if (kthread_queue_work(t->worker, &t->work))
			T_INC(&t->requeue_true);
		else
			T_INC(&t->requeue_false);
	}
	T_INC(&t->finished);
}

static int dw_runs;

static inline void dw_fn(struct kthread_work *work)
{
	(void)work;
	T_INC(&dw_runs);
}

static inline void tw_init(struct tw *t, struct t_gate *gate)
{
	memset(t, 0, sizeof(*t));
	t->magic = TW_MAGIC;
	t->gate = gate;
	kthread_init_work(&t->work, tw_fn);
}

/* Destroy @w and check that no work saw a bad container. */
static inline void end_worker(struct kthread_worker *w)
{
	kthread_destroy_worker(w);
	ck_assert_int_eq(T_LOAD(&bad_magic), 0);
}

static inline struct kthread_worker *start_worker(const char *name)
{
	struct kthread_worker *w = kthread_run_worker(0, "%s", name);

	ck_assert_msg(!IS_ERR(w), "kthread_run_worker: %ld", PTR_ERR(w));
	return w;
}

/* Background calls. */
static inline void bg_flush_work(void *arg)
{
	kthread_flush_work(arg);
}

static inline void bg_flush_worker(void *arg)
{
	kthread_flush_worker(arg);
}

struct cancel_call {
	struct kthread_work *work;
	bool ret;
	int finished_at_return;		/* the target's finished count then */
	struct tw *target;
};

static inline void bg_cancel(void *arg)
{
	struct cancel_call *c = arg;

	c->ret = kthread_cancel_work_sync(c->work);
	if (c->target)
		c->finished_at_return = T_LOAD(&c->target->finished);
}

/* ---- a test delayed work ------------------------------------------------ */

struct td {
	int magic;
	struct kthread_delayed_work dw;
	struct t_gate *gate;
	int runs;
	int finished;
	long long start_ns;
	struct task_struct *task;
	int requeue;			/* queue itself again, with @requeue_delay */
	unsigned long requeue_delay;
	struct kthread_worker *worker;
};

#define TD_MAGIC 0x0de1a4ed

static inline void td_fn(struct kthread_work *work)
{
	struct kthread_delayed_work *dw = ukt_container_of(work, struct kthread_delayed_work, work);
	struct td *t = ukt_container_of(dw, struct td, dw);

	if (t->magic != TD_MAGIC)
		T_INC(&bad_magic);
	t->start_ns = t_now_ns();
	t->task = get_current();
	T_INC(&t->runs);
	if (t->gate)
		t_gate_pass(t->gate);
	if (T_LOAD(&t->requeue))
		kthread_queue_delayed_work(t->worker, &t->dw, t->requeue_delay);
	T_INC(&t->finished);
}

static inline void td_init(struct td *t, struct t_gate *gate)
{
	memset(t, 0, sizeof(*t));
	t->magic = TD_MAGIC;
	t->gate = gate;
	kthread_init_delayed_work(&t->dw, td_fn);
}

/* A plain work to keep the worker busy. */
struct blocker {
	struct kthread_work work;
	struct t_gate gate;
};

static inline void blocker_fn(struct kthread_work *work)
{
	t_gate_pass(&ukt_container_of(work, struct blocker, work)->gate);
}

static inline void block_worker(struct kthread_worker *w, struct blocker *b)
{
	memset(b, 0, sizeof(*b));
	kthread_init_work(&b->work, blocker_fn);
	ck_assert(kthread_queue_work(w, &b->work));
	ck_assert(t_gate_reached(&b->gate));
}

struct dcancel_call {
	struct kthread_delayed_work *dw;
	bool ret;
	struct td *target;
	int finished_at_return;
};

static inline void bg_cancel_delayed(void *arg)
{
	struct dcancel_call *c = arg;

	c->ret = kthread_cancel_delayed_work_sync(c->dw);
	if (c->target)
		c->finished_at_return = T_LOAD(&c->target->finished);
}

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

static inline void misuse_fn(struct kthread_work *work)
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
	T_INC(&m->done);
}

static inline void check_misuse(enum misuse what, int expect_ret)
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
	ck_assert(T_WAIT_FOR(T_LOAD(&m.done) == 1, 10000));
	ck_assert_uint_eq(m.warns_after, m.warns_before + 1);
	if (expect_ret >= 0)
		ck_assert_int_eq(m.ret, expect_ret);
	/* The worker still works. */
	ck_assert(kthread_queue_work(w, &after.work));
	kthread_flush_work(&after.work);
	ck_assert_int_eq(T_LOAD(&after.runs), 1);
	kthread_flush_worker(w);
	ck_assert_int_eq(T_LOAD(&m.done), 1);		/* cancel-self removed the requeue */
	if (what == FLUSH_OTHER_PENDING)
		ck_assert_int_eq(T_LOAD(&other.runs), 1);
	end_worker(w);
}

#endif /* UKT_TEST_WORKER_FIXTURE_H */
