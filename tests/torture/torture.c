// SPDX-License-Identifier: MIT
/*
 * torture.c - random operations on every API from several threads, with
 * invariants checked as it goes and at the end.
 *
 *   torture [--seconds N] [--threads N] [--seed N] [--quiet]
 *
 * Each torture thread owns its objects (kthreads, works, delayed works,
 * timers) and is the only one to queue, arm, stop or cancel them, so that
 * it can keep exact books on them; the workers, the completions and a wait
 * queue are shared by all threads.  Each operation is drawn from the
 * thread's own generator (seeded from --seed and the thread's number) and
 * every parameter of the operation from a generator seeded by that draw,
 * so --seed N replays the same sequence of operations per thread whatever
 * their outcomes (the interleaving of threads is up to the machine).
 *
 * Invariants checked as it goes:
 *  - a work runs once per successful queue, minus the successful cancels:
 *    after kthread_flush_work() or kthread_cancel_(delayed_)work_sync()
 *    returns, runs == queued - canceled exactly (the flush returned only
 *    after the run; nothing is left pending or running);
 *  - after kthread_flush_worker(), every plain work queued on it has run;
 *  - nothing runs after cancel_sync (or del_timer_sync) returns, until the
 *    next queue (or arm): the work or timer function checks it;
 *  - kthread_stop() returns threadfn's value (or kthread_exit()'s), or
 *    -EINTR for a thread that never ran threadfn (always for one never
 *    woken);
 *  - a parked kthread makes no progress until unparked;
 *  - no operation takes longer than the watchdog allows (a hang).
 * And at the end: every object's books balance, the completions' passes
 * balance, every self-freeing work ran, no warning was raised, and every
 * allocation site's live count is back where it started (the library's
 * own threads and the quarantine of destroyed workers allowed for).
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <ukthread.h>
#include <ukthread/debug.h>

#define MAX_THREADS	64
#define NR_WORKERS	3	/* shared workers */
#define NR_KT		4	/* kthread slots per thread */
#define NR_WORKS	6	/* plain works per thread */
#define NR_DWORKS	4	/* delayed works per thread */
#define NR_TIMERS	3	/* timers per thread */
#define NR_COMPL	4	/* shared completions */
#define QUARANTINE	16	/* destroyed workers the library keeps (lib/quarantine.h) */

#define LOAD(p)		__atomic_load_n((p), __ATOMIC_SEQ_CST)
#define STORE(p, v)	__atomic_store_n((p), (v), __ATOMIC_SEQ_CST)
#define INC(p)		__atomic_add_fetch((p), 1, __ATOMIC_SEQ_CST)
#define ADD(p, v)	__atomic_add_fetch((p), (v), __ATOMIC_SEQ_CST)

/* ---- options, failures, the watchdog --------------------------------------- */

static unsigned long long opt_seed;
static int opt_threads = 4;
static int opt_seconds = 5;
static int opt_quiet;
static int stopping;		/* the run is over: threads finish up */
static unsigned long failures;

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void fail(int tid, unsigned long op, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	fprintf(stderr, "torture: FAIL thread %d op %lu: %s (seed %llu)\n",
		tid, op, msg, opt_seed);
	if (INC(&failures) > 20) {
		fprintf(stderr, "torture: too many failures, giving up\n");
		_exit(1);
	}
}

#define CHECK(cond, ...) do {						\
	if (!(cond))							\
		fail(me->id, me->nops, __VA_ARGS__);			\
} while (0)

/* ---- the generator: splitmix64 ------------------------------------------- */

static uint64_t rnd(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static unsigned int below(uint64_t *s, unsigned int n)
{
	return (unsigned int)(rnd(s) % n);
}

/* ---- shared objects ------------------------------------------------------- */

static struct kthread_worker *workers[NR_WORKERS];
static struct kthread_worker user_worker;	/* run by kthread_worker_fn directly */
static struct task_struct *user_worker_task;
static struct completion compls[NR_COMPL];
static unsigned long compl_given[NR_COMPL], compl_taken[NR_COMPL];
static DECLARE_WAIT_QUEUE_HEAD(shared_wq);
static unsigned long shared_gen;
static unsigned long sf_queued, sf_ran;		/* self-freeing works */
static unsigned long workers_destroyed;		/* library-allocated ones */

/* ---- per-thread objects --------------------------------------------------- */

enum kt_kind {
	KT_EMPTY,
	KT_NOWAKE,	/* created, never woken (until parked or stopped) */
	KT_LOOP,	/* loops until stopped, parks on request */
	KT_RETURN,	/* returns at once: a zombie until stopped */
	KT_EXIT,	/* kthread_exit() from a nested call */
	KT_WQ,		/* waits on a wait queue for a flag */
	KT_COMPL,	/* waits on a completion completed with complete_all() */
	KT_NR
};

struct tkt {
	int kind;
	int value;		/* what threadfn gives back */
	int parked;		/* we parked it */
	int flag;		/* KT_WQ: the condition */
	int ran;		/* threadfn started */
	unsigned long progress;	/* KT_LOOP: loop passes */
	wait_queue_head_t wq;
	struct completion done;
	struct task_struct *task;
};

struct twork {
	struct kthread_delayed_work dw;	/* plain works use dw.work only */
	struct torturer *owner;
	int delayed;
	int self_requeue;
	int worker;		/* index in workers[] (NR_WORKERS: user_worker) */
	unsigned long queued, runs, canceled;
	int quiet;		/* set after a cancel_sync: no run allowed */
	int requeue_left;
};

struct ttimer {
	struct timer_list t;
	struct torturer *owner;
	unsigned long armed, fires, canceled;
	int quiet;
	int shut;
};

struct torturer {
	int id;
	pthread_t thread;
	uint64_t rng;
	unsigned long nops;
	long long op_start;	/* 0 between operations: for the watchdog */
	const char *op_name;
	unsigned long counts[32];
	struct tkt kt[NR_KT];
	struct twork works[NR_WORKS + NR_DWORKS + 1];
	struct ttimer timers[NR_TIMERS];
};

static struct torturer torturers[MAX_THREADS];

static struct kthread_worker *worker_of(int idx)
{
	return idx == NR_WORKERS ? &user_worker : workers[idx];
}

/* ---- kthreads ------------------------------------------------------------- */

static int kt_loop(void *data)
{
	struct tkt *k = data;

	STORE(&k->ran, 1);
	while (!kthread_should_stop()) {
		if (kthread_should_park())
			kthread_parkme();
		INC(&k->progress);
		schedule_timeout_interruptible(LOAD(&k->progress) % 2);
	}
	return k->value;
}

static int kt_return(void *data)
{
	struct tkt *k = data;

	STORE(&k->ran, 1);
	return k->value;
}

static void __attribute__((noinline)) nested_exit(struct tkt *k)
{
	kthread_exit(k->value);
}

static int kt_exit(void *data)
{
	struct tkt *k = data;

	STORE(&k->ran, 1);
	nested_exit(k);
	return -1;	/* never */
}

static int kt_wq(void *data)
{
	struct tkt *k = data;

	STORE(&k->ran, 1);
	wait_event(k->wq, LOAD(&k->flag));
	return k->value;
}

static int kt_compl(void *data)
{
	struct tkt *k = data;

	STORE(&k->ran, 1);
	wait_for_completion(&k->done);
	wait_for_completion(&k->done);	/* complete_all: passes for everyone */
	return k->value;
}

static int (*const kt_fns[KT_NR])(void *) = {
	[KT_NOWAKE] = kt_loop, [KT_LOOP] = kt_loop, [KT_RETURN] = kt_return,
	[KT_EXIT] = kt_exit, [KT_WQ] = kt_wq, [KT_COMPL] = kt_compl,
};

static void kt_create(struct torturer *me, struct tkt *k, uint64_t *r)
{
	int kind = 1 + (int)below(r, KT_NR - 1);
	struct task_struct *t;

	memset(k, 0, sizeof(*k));
	k->value = 1000 + me->id * 100 + (int)below(r, 100);
	init_waitqueue_head(&k->wq);
	init_completion(&k->done);
	if (below(r, 2))
		t = kthread_create(kt_fns[kind], k, "tort/%d-%s", me->id,
				   below(r, 2) ? "a-name-longer-than-comm" : "k");
	else
		t = kthread_create_on_node(kt_fns[kind], k, NUMA_NO_NODE, "tort%d", me->id);
	CHECK(!IS_ERR(t), "kthread_create: %ld", IS_ERR(t) ? PTR_ERR(t) : 0);
	if (IS_ERR(t))
		return;
	k->task = t;
	k->kind = kind;
	if (kind != KT_NOWAKE)
		wake_up_process(t);
}

static void kt_stop(struct torturer *me, struct tkt *k)
{
	int ret;

	if (k->kind == KT_WQ) {
		STORE(&k->flag, 1);
		wake_up(&k->wq);
	} else if (k->kind == KT_COMPL) {
		complete_all(&k->done);
	}
	ret = kthread_stop(k->task);
	if (k->kind == KT_NOWAKE)
		CHECK(ret == -EINTR, "stop of a kthread never woken gave %d", ret);
	else
		CHECK(ret == k->value || ret == -EINTR,
		      "stop of kind %d gave %d, not %d or -EINTR", k->kind, ret, k->value);
	if (ret == -EINTR)
		CHECK(!LOAD(&k->ran) || k->kind == KT_NOWAKE,
		      "stop gave -EINTR for a kthread whose threadfn ran (kind %d)", k->kind);
	k->kind = KT_EMPTY;
	k->task = NULL;
}

static void kt_op(struct torturer *me, uint64_t *r)
{
	struct tkt *k = &me->kt[below(r, NR_KT)];
	unsigned int what = below(r, 4);

	if (k->kind == KT_EMPTY) {
		me->op_name = "kthread_create";
		kt_create(me, k, r);
		return;
	}
	if (k->kind == KT_NOWAKE && what == 0) {
		/* Park before the first wakeup: it parks without running threadfn. */
		me->op_name = "kthread_park(new)";
		CHECK(kthread_park(k->task) == 0, "park of a new kthread failed");
		CHECK(!LOAD(&k->ran), "a kthread parked before its wakeup ran threadfn");
		k->kind = KT_LOOP;
		k->parked = 1;
		return;
	}
	if (k->kind == KT_LOOP && what <= 1) {
		if (!k->parked) {
			unsigned long p;
			int ret;

			me->op_name = "kthread_park";
			ret = kthread_park(k->task);
			CHECK(ret == 0, "kthread_park gave %d", ret);
			k->parked = 1;
			p = LOAD(&k->progress);
			usleep(below(r, 3) * 500);
			CHECK(LOAD(&k->progress) == p, "a parked kthread made progress");
		} else {
			me->op_name = "kthread_unpark";
			kthread_unpark(k->task);
			k->parked = 0;
		}
		return;
	}
	me->op_name = "kthread_stop";
	if (what == 2 && k->kind != KT_NOWAKE) {
		/* Let it run a little first. */
		usleep(below(r, 4) * 250);
	}
	kt_stop(me, k);
}

/* ---- works ---------------------------------------------------------------- */

static void work_fn(struct kthread_work *work)
{
	struct twork *w = ukt_container_of(work, struct twork, dw.work);
	struct torturer *me = w->owner;

	if (LOAD(&w->quiet))
		fail(me->id, 0, "work %p ran after cancel_sync returned", (void *)w);
	if (w->self_requeue && LOAD(&w->requeue_left) > 0) {
		__atomic_sub_fetch(&w->requeue_left, 1, __ATOMIC_SEQ_CST);
		if (kthread_queue_work(worker_of(w->worker), work))
			INC(&w->queued);
	}
	if ((uintptr_t)w % 7 == 0)
		sched_yield();
	INC(&w->runs);	/* last: a flush that returns must see it */
}

static void work_init(struct torturer *me, struct twork *w, int i)
{
	memset(w, 0, sizeof(*w));
	w->owner = me;
	w->delayed = i >= NR_WORKS && i < NR_WORKS + NR_DWORKS;
	w->self_requeue = i == NR_WORKS + NR_DWORKS;
	w->worker = (me->id + i) % (NR_WORKERS + 1);
	if (w->delayed)
		kthread_init_delayed_work(&w->dw, work_fn);
	else
		kthread_init_work(&w->dw.work, work_fn);
}

/* runs == queued - canceled: the work is neither pending nor running. */
static void work_settled(struct torturer *me, struct twork *w, const char *after)
{
	unsigned long q = LOAD(&w->queued), c = LOAD(&w->canceled), n = LOAD(&w->runs);

	CHECK(n == q - c, "after %s: %lu runs for %lu queued - %lu canceled",
	      after, n, q, c);
}

static bool work_cancel(struct twork *w)
{
	bool ret = w->delayed ? kthread_cancel_delayed_work_sync(&w->dw)
			      : kthread_cancel_work_sync(&w->dw.work);

	if (ret)
		INC(&w->canceled);
	STORE(&w->quiet, 1);
	return ret;
}

static void work_op(struct torturer *me, uint64_t *r)
{
	int i = (int)below(r, NR_WORKS + NR_DWORKS + 1);
	struct twork *w = &me->works[i];
	struct kthread_worker *worker = worker_of(w->worker);
	unsigned int what = below(r, 10);
	unsigned long delay = below(r, 4);

	if (what < 4) {
		STORE(&w->quiet, 0);
		if (w->self_requeue) {
			me->op_name = "queue(self-requeueing)";
			if (LOAD(&w->requeue_left) == 0)
				STORE(&w->requeue_left, (int)below(r, 5));
		}
		if (!w->delayed) {
			me->op_name = "kthread_queue_work";
			if (kthread_queue_work(worker, &w->dw.work))
				INC(&w->queued);
		} else if (what < 2) {
			me->op_name = "kthread_queue_delayed_work";
			if (kthread_queue_delayed_work(worker, &w->dw, delay))
				INC(&w->queued);
		} else {
			me->op_name = "kthread_mod_delayed_work";
			if (!kthread_mod_delayed_work(worker, &w->dw, delay))
				INC(&w->queued);	/* it was idle: queued now */
		}
	} else if (what < 6) {
		me->op_name = "kthread_flush_work";
		kthread_flush_work(&w->dw.work);
		if (!w->self_requeue)
			work_settled(me, w, "flush_work");
	} else if (what < 8) {
		me->op_name = "kthread_cancel_work_sync";
		work_cancel(w);
		work_settled(me, w, "cancel_sync");
	} else if (what == 8) {
		/* Move it to another worker: idle first, then re-init. */
		me->op_name = "re-init on another worker";
		work_cancel(w);
		work_settled(me, w, "cancel_sync before re-init");
		w->worker = (w->worker + 1) % (NR_WORKERS + 1);
		if (w->delayed)
			kthread_init_delayed_work(&w->dw, work_fn);
		else
			kthread_init_work(&w->dw.work, work_fn);
	} else {
		int wi = (int)below(r, NR_WORKERS + 1);

		me->op_name = "kthread_flush_worker";
		kthread_flush_worker(worker_of(wi));
		for (int j = 0; j < NR_WORKS; j++)
			if (me->works[j].worker == wi)
				work_settled(me, &me->works[j], "flush_worker");
	}
}

/* A work that frees itself when it runs. */
struct sfwork {
	struct kthread_work work;
	long pad[4];
};

static void sf_fn(struct kthread_work *work)
{
	free(ukt_container_of(work, struct sfwork, work));
	INC(&sf_ran);
}

static void sf_op(struct torturer *me, uint64_t *r)
{
	int n = 1 + (int)below(r, 4);

	me->op_name = "queue(self-freeing)";
	for (int i = 0; i < n; i++) {
		struct sfwork *sf = malloc(sizeof(*sf));

		if (!sf)
			return;
		kthread_init_work(&sf->work, sf_fn);
		INC(&sf_queued);
		if (!kthread_queue_work(worker_of((int)below(r, NR_WORKERS + 1)), &sf->work)) {
			CHECK(0, "queueing a fresh work failed");
			free(sf);
			__atomic_sub_fetch(&sf_queued, 1, __ATOMIC_SEQ_CST);
		}
	}
}

/* A worker of our own: create, use, destroy. */
struct lwork {
	struct kthread_work work;
	unsigned long runs;
};

static void lwork_fn(struct kthread_work *work)
{
	INC(&ukt_container_of(work, struct lwork, work)->runs);
}

static void private_worker_op(struct torturer *me, uint64_t *r)
{
	struct kthread_worker *w;
	struct lwork lw[3];
	unsigned long qd = 0;

	me->op_name = "worker create/destroy";
	bool started = below(r, 2);

	if (started)
		w = kthread_run_worker(0, "tortw/%d", me->id);
	else
		w = kthread_create_worker(0, "tortw-%d", me->id);
	CHECK(!IS_ERR(w), "kthread_create_worker: %ld", IS_ERR(w) ? PTR_ERR(w) : 0);
	if (IS_ERR(w))
		return;
	if (below(r, 2)) {
		wake_up_process(w->task);	/* a second wakeup is harmless */
		started = true;
	}
	for (int i = 0; i < 3; i++) {
		kthread_init_work(&lw[i].work, lwork_fn);
		lw[i].runs = 0;
		if (kthread_queue_work(w, &lw[i].work))
			qd |= 1ul << i;
	}
	/* A worker never started would never flush (as in the kernel); its
	 * destroy starts it. */
	if (started && below(r, 2)) {
		kthread_flush_worker(w);
		for (int i = 0; i < 3; i++)
			CHECK(LOAD(&lw[i].runs) == ((qd >> i) & 1), "private worker: work %d ran %lu times",
			      i, LOAD(&lw[i].runs));
	}
	kthread_destroy_worker(w);	/* flushes first */
	INC(&workers_destroyed);
	for (int i = 0; i < 3; i++)
		CHECK(LOAD(&lw[i].runs) == ((qd >> i) & 1),
		      "after destroy: work %d ran %lu times", i, LOAD(&lw[i].runs));
}

/* ---- timers --------------------------------------------------------------- */

static void timer_fn(struct timer_list *t)
{
	struct ttimer *tt = from_timer(tt, t, t);

	if (LOAD(&tt->quiet))
		fail(tt->owner->id, 0, "timer %p fired after del_timer_sync returned",
		     (void *)tt);
	INC(&tt->fires);
}

static void timer_settled(struct torturer *me, struct ttimer *tt, const char *after)
{
	unsigned long a = LOAD(&tt->armed), c = LOAD(&tt->canceled), f = LOAD(&tt->fires);

	CHECK(f == a - c, "after %s: timer fired %lu times for %lu armed - %lu deleted",
	      after, f, a, c);
}

static void timer_op(struct torturer *me, uint64_t *r)
{
	struct ttimer *tt = &me->timers[below(r, NR_TIMERS)];
	unsigned int what = below(r, 8);

	if (tt->shut && what != 7) {
		/* Shut down: arming does nothing; set it up again to reuse it. */
		me->op_name = "mod_timer(shut down)";
		CHECK(mod_timer(&tt->t, jiffies + 1) == 0, "mod_timer on a shut down timer");
		timer_settled(me, tt, "mod_timer on a shut down timer");
		timer_setup(&tt->t, timer_fn, 0);
		tt->shut = 0;
		return;
	}
	switch (what) {
	case 0: case 1: case 2:
		me->op_name = "mod_timer";
		STORE(&tt->quiet, 0);
		if (mod_timer(&tt->t, jiffies + below(r, 4)) == 0)
			INC(&tt->armed);
		break;
	case 3:
		me->op_name = "timer_reduce";
		STORE(&tt->quiet, 0);
		if (timer_reduce(&tt->t, jiffies + below(r, 4)) == 0)
			INC(&tt->armed);
		break;
	case 4:
		me->op_name = "del_timer";
		if (del_timer(&tt->t))
			INC(&tt->canceled);
		break;
	case 5: case 6:
		me->op_name = "del_timer_sync";
		if (del_timer_sync(&tt->t))
			INC(&tt->canceled);
		STORE(&tt->quiet, 1);
		timer_settled(me, tt, "del_timer_sync");
		break;
	default:
		me->op_name = "timer_shutdown_sync";
		if (timer_shutdown_sync(&tt->t))
			INC(&tt->canceled);
		STORE(&tt->quiet, 1);
		timer_settled(me, tt, "timer_shutdown_sync");
		tt->shut = 1;
		break;
	}
}

/* ---- completions and wait queues ------------------------------------------ */

static void compl_op(struct torturer *me, uint64_t *r)
{
	int i = (int)below(r, NR_COMPL);

	switch (below(r, 4)) {
	case 0:
		me->op_name = "complete";
		INC(&compl_given[i]);
		complete(&compls[i]);
		break;
	case 1:
		me->op_name = "wait_for_completion_timeout";
		if (wait_for_completion_timeout(&compls[i], below(r, 2)))
			INC(&compl_taken[i]);
		break;
	case 2:
		me->op_name = "try_wait_for_completion";
		if (try_wait_for_completion(&compls[i]))
			INC(&compl_taken[i]);
		break;
	default:
		me->op_name = "completion_done";
		(void)completion_done(&compls[i]);
		break;
	}
}

static void wq_op(struct torturer *me, uint64_t *r)
{
	if (below(r, 2)) {
		me->op_name = "wake_up_all";
		INC(&shared_gen);
		wake_up_all(&shared_wq);
	} else {
		unsigned long g = LOAD(&shared_gen);

		me->op_name = "wait_event_timeout";
		(void)wait_event_timeout(shared_wq, LOAD(&shared_gen) != g, below(r, 3));
	}
}

/* ---- the torture threads -------------------------------------------------- */

enum { OP_KT, OP_WORK, OP_SF, OP_PWORKER, OP_TIMER, OP_COMPL, OP_WQ, OP_NR };
static const char *const op_names[OP_NR] = {
	"kthread", "work", "self-freeing", "private worker", "timer",
	"completion", "waitqueue",
};
/* Relative weights of the operation kinds. */
static const unsigned int op_weight[OP_NR] = { 6, 10, 2, 1, 5, 3, 2 };

static void *torturer_fn(void *arg)
{
	struct torturer *me = arg;
	unsigned int total = 0;

	for (int i = 0; i < OP_NR; i++)
		total += op_weight[i];
	for (int i = 0; i < NR_WORKS + NR_DWORKS + 1; i++)
		work_init(me, &me->works[i], i);
	for (int i = 0; i < NR_TIMERS; i++) {
		timer_setup(&me->timers[i].t, timer_fn, 0);
		me->timers[i].owner = me;
	}

	while (!LOAD(&stopping)) {
		uint64_t r = rnd(&me->rng);	/* one draw per operation */
		unsigned int pick = (unsigned int)(r % total);
		int op = 0;

		r = rnd(&r);
		while (pick >= op_weight[op])
			pick -= op_weight[op++];
		STORE(&me->op_start, now_ns());
		switch (op) {
		case OP_KT: kt_op(me, &r); break;
		case OP_WORK: work_op(me, &r); break;
		case OP_SF: sf_op(me, &r); break;
		case OP_PWORKER: private_worker_op(me, &r); break;
		case OP_TIMER: timer_op(me, &r); break;
		case OP_COMPL: compl_op(me, &r); break;
		default: wq_op(me, &r); break;
		}
		STORE(&me->op_start, 0);
		me->counts[op]++;
		INC(&me->nops);
	}

	/* Finish up: every object idle, every book balanced. */
	me->op_name = "cleanup";
	STORE(&me->op_start, now_ns());
	for (int i = 0; i < NR_KT; i++) {
		if (me->kt[i].kind == KT_EMPTY)
			continue;
		if (me->kt[i].parked && below(&me->rng, 2)) {
			kthread_unpark(me->kt[i].task);
			me->kt[i].parked = 0;
		}
		kt_stop(me, &me->kt[i]);	/* a parked one is unparked by the stop */
	}
	for (int i = 0; i < NR_WORKS + NR_DWORKS + 1; i++) {
		struct twork *w = &me->works[i];

		if (w->self_requeue || w->delayed || below(&me->rng, 2)) {
			work_cancel(w);
			work_settled(me, w, "final cancel_sync");
		} else {
			kthread_flush_work(&w->dw.work);
			work_settled(me, w, "final flush_work");
		}
	}
	for (int i = 0; i < NR_TIMERS; i++) {
		struct ttimer *tt = &me->timers[i];

		if (del_timer_sync(&tt->t))
			INC(&tt->canceled);
		STORE(&tt->quiet, 1);
		timer_settled(me, tt, "final del_timer_sync");
	}
	STORE(&me->op_start, 0);
	return NULL;
}

static void *watchdog_fn(void *arg)
{
	long long limit = (long long)(uintptr_t)arg * 1000000000LL;

	for (;;) {
		sleep(1);
		for (int i = 0; i < opt_threads; i++) {
			long long t0 = LOAD(&torturers[i].op_start);

			if (t0 && now_ns() - t0 > limit) {
				fprintf(stderr, "torture: HANG: thread %d stuck %llds in %s "
					"(op %lu, seed %llu)\n", i,
					(now_ns() - t0) / 1000000000LL,
					torturers[i].op_name, torturers[i].nops, opt_seed);
				abort();
			}
		}
	}
	return NULL;
}

/* ---- main ----------------------------------------------------------------- */

static const char *const site_names[UKT_SITE_NR] = {
	"task", "kthread", "kthread_name", "thread", "worker", "timer_thread",
};

static void usage(const char *prog)
{
	fprintf(stderr, "usage: %s [--seconds N] [--threads N] [--seed N] [--quiet]\n", prog);
	exit(2);
}

static void parse(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "seconds", required_argument, NULL, 's' },
		{ "threads", required_argument, NULL, 't' },
		{ "seed", required_argument, NULL, 'S' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	opt_seed = (unsigned long long)now_ns() ^ ((unsigned long long)getpid() << 32);
	while ((c = getopt_long(argc, argv, "s:t:S:qh", longopts, NULL)) != -1) {
		char *end;

		switch (c) {
		case 's':
			opt_seconds = (int)strtol(optarg, &end, 10);
			if (*end || opt_seconds < 0)
				usage(argv[0]);
			break;
		case 't':
			opt_threads = (int)strtol(optarg, &end, 10);
			if (*end || opt_threads < 1 || opt_threads > MAX_THREADS)
				usage(argv[0]);
			break;
		case 'S':
			opt_seed = strtoull(optarg, &end, 0);
			if (*end)
				usage(argv[0]);
			break;
		case 'q':
			opt_quiet = 1;
			break;
		default:
			usage(argv[0]);
		}
	}
	if (optind != argc)
		usage(argv[0]);
	/* $UKT_TORTURE_SECONDS overrides, for make torture DURATION=N. */
	if (getenv("UKT_TORTURE_SECONDS"))
		opt_seconds = atoi(getenv("UKT_TORTURE_SECONDS"));
}

/* Poll until @site's live count is at most @max, for up to 10 s. */
static bool settle(enum ukt_alloc_site site, long max)
{
	for (int i = 0; i < 1000; i++) {
		if (ukt_site_live(site) <= max)
			return true;
		usleep(10000);
	}
	return false;
}

static void warm_fn(struct timer_list *t)
{
	(void)t;
}

int main(int argc, char **argv)
{
	long base[UKT_SITE_NR];
	unsigned long long ops = 0, counts[OP_NR] = { 0 };
	pthread_t dog;
	long long t0, t1;
	struct timer_list warm;
	unsigned long warns0;
	int spares = 2, ret;

	parse(argc, argv);
	setvbuf(stdout, NULL, _IOLBF, BUFSIZ);
	printf("torture: seed %llu threads %d seconds %d\n", opt_seed, opt_threads,
	       opt_seconds);

	/* Start the library's own threads, then take the baseline. */
	(void)get_current();
	ukt_kthreadd_set_spares(spares);
	timer_setup(&warm, warm_fn, 0);
	mod_timer(&warm, jiffies + 1000);
	del_timer_sync(&warm);
	(void)kthreadd_task;
	usleep(20000);		/* let kthreadd fill its pool */
	for (int i = 0; i < UKT_SITE_NR; i++)
		base[i] = ukt_site_live((enum ukt_alloc_site)i);
	warns0 = ukt_warn_count();

	workers[0] = kthread_create_worker(0, "tort-w0");
	if (!IS_ERR(workers[0]))
		wake_up_process(workers[0]->task);
	workers[1] = kthread_run_worker(0, "tort-w1");
	workers[2] = kthread_run_worker(0, "tort-w2-%s", "with-a-long-name");
	for (int i = 0; i < NR_WORKERS; i++)
		if (IS_ERR(workers[i])) {
			fprintf(stderr, "torture: cannot create worker %d\n", i);
			return 1;
		}
	kthread_init_worker(&user_worker);
	user_worker_task = kthread_run(kthread_worker_fn, &user_worker, "tort-uw");
	if (IS_ERR(user_worker_task)) {
		fprintf(stderr, "torture: cannot run the user worker\n");
		return 1;
	}
	for (int i = 0; i < NR_COMPL; i++)
		init_completion(&compls[i]);

	pthread_create(&dog, NULL, watchdog_fn,
		       (void *)(uintptr_t)(getenv("UKT_TORTURE_HANG") ?
					   atoi(getenv("UKT_TORTURE_HANG")) : 30));
	pthread_detach(dog);

	t0 = now_ns();
	for (int i = 0; i < opt_threads; i++) {
		uint64_t s = opt_seed + (uint64_t)i * 0x632be59bd9b4e019ull;

		torturers[i].id = i;
		torturers[i].rng = rnd(&s);
		if (pthread_create(&torturers[i].thread, NULL, torturer_fn, &torturers[i])) {
			fprintf(stderr, "torture: pthread_create failed\n");
			return 1;
		}
	}
	for (int s = 0; s < opt_seconds; s++) {
		sleep(1);
		if (!opt_quiet && s % 10 == 9) {
			unsigned long long n = 0;

			for (int i = 0; i < opt_threads; i++)
				n += LOAD(&torturers[i].nops);
			printf("torture: %ds, %llu ops\n", s + 1, n);
		}
	}
	STORE(&stopping, 1);
	for (int i = 0; i < opt_threads; i++) {
		pthread_join(torturers[i].thread, NULL);
		ops += torturers[i].nops;
		for (int j = 0; j < OP_NR; j++)
			counts[j] += torturers[i].counts[j];
	}
	t1 = now_ns();

	/* Shared objects: the self-freeing works ran, passes balance. */
	for (int i = 0; i < NR_WORKERS; i++)
		kthread_flush_worker(workers[i]);
	kthread_flush_worker(&user_worker);
	if (LOAD(&sf_ran) != LOAD(&sf_queued))
		fail(-1, 0, "%lu self-freeing works ran of %lu queued", sf_ran, sf_queued);
	for (int i = 0; i < NR_COMPL; i++) {
		unsigned long left = 0;

		while (try_wait_for_completion(&compls[i]))
			left++;
		if (compl_taken[i] + left != compl_given[i])
			fail(-1, 0, "completion %d: %lu passes given, %lu taken + %lu left",
			     i, compl_given[i], compl_taken[i], left);
	}
	for (int i = 0; i < NR_WORKERS; i++) {
		kthread_destroy_worker(workers[i]);
		workers_destroyed++;
	}
	ret = kthread_stop(user_worker_task);
	if (ret != 0)
		fail(-1, 0, "kthread_worker_fn gave %d", ret);
	if (ukt_warn_count() != warns0)
		fail(-1, 0, "%lu warnings raised by legal use", ukt_warn_count() - warns0);

	/* Nothing left: every site back to its start. */
	{
		long allow[UKT_SITE_NR];

		memcpy(allow, base, sizeof(allow));
		allow[UKT_SITE_THREAD] = 1 + spares;	/* kthreadd and its pool */
		allow[UKT_SITE_TIMER_THREAD] = 1;	/* ktimers, once started */
		allow[UKT_SITE_WORKER] = base[UKT_SITE_WORKER] +
			(long)(workers_destroyed < QUARANTINE ? workers_destroyed : QUARANTINE);
		for (int i = 0; i < UKT_SITE_NR; i++)
			if (!settle((enum ukt_alloc_site)i, allow[i]))
				fail(-1, 0, "site %s: %ld live at the end, %ld allowed",
				     site_names[i], ukt_site_live((enum ukt_alloc_site)i), allow[i]);
	}

	printf("torture: %llu ops in %.1f s (%.0f ops/s) by %d threads:",
	       ops, (double)(t1 - t0) / 1e9, (double)ops * 1e9 / (double)(t1 - t0),
	       opt_threads);
	for (int j = 0; j < OP_NR; j++)
		printf(" %s %llu%s", op_names[j], counts[j], j + 1 < OP_NR ? "," : "\n");
	printf("torture: %llu self-freeing works, %lu workers destroyed\n",
	       (unsigned long long)sf_ran, workers_destroyed);
	if (failures) {
		printf("torture: FAILED, %lu failures (seed %llu)\n", failures, opt_seed);
		return 1;
	}
	printf("torture: PASS (seed %llu)\n", opt_seed);
	return 0;
}
