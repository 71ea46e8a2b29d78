// SPDX-License-Identifier: MIT
/*
 * kthread_worker.c - serial work queues run by one kthread: initialising
 * workers and works, queueing, and the worker's loop.
 *
 * The algorithm.  kthread_queue_work() is lock-free: it claims the work
 * (PENDING, one compare-and-swap from idle), appends it to the worker's
 * lock-free queue (lib/mpsc.h) and wakes the worker only if it sleeps
 * (__idle).  The worker takes works from work_list first, then from the
 * queue, under worker->lock, and runs each with the lock dropped.  The
 * state bits and the rest of the locking are described in
 * kthread_worker_internal.h; flush and cancel are in
 * kthread_worker_flush.c, delayed works in kthread_delayed_work.c.
 *
 * An idle worker spins for a short while before it sleeps, because a work
 * often follows another, but only while the thread that queued last runs
 * on another CPU (the producers note their CPU, __qcpu): on the same CPU
 * a spin only keeps that thread from running.  There the worker yields
 * once instead, so that a producer in the middle of a stream of works
 * goes on queueing, and the worker takes them in one batch when it runs
 * again, without a sleep and a wakeup per work.
 */
#include <errno.h>
#include <sched.h>
#include <string.h>

#include <ukthread/kthread.h>

#include "kernel/kthread_internal.h"
#include "kernel/kthread_worker_internal.h"
#include "lib/clock.h"
#include "lib/spin.h"
#include "lib/trace.h"
#include "lib/watch.h"

#define WORKER_SPIN_NS		20000	/* idle worker spins this long, then sleeps */
#define IN_FLIGHT_SPINS		64	/* pauses before yielding to a stalled producer */

void ukt_kthread_init_worker(struct ukt_kthread_worker *worker)
{
	memset(worker, 0, sizeof(*worker));
	worker->__tail = &worker->__stub;
	ukt_spin_lock_init(&worker->lock);
	worker->__head = &worker->__stub;
	ukt_list_init(&worker->work_list);
	ukt_list_init(&worker->delayed_work_list);
	ukt_init_waitqueue_head(&worker->__delayed_wq);
}

void ukt_kthread_init_work(struct ukt_kthread_work *work, ukt_kthread_work_func_t fn)
{
	/*
	 * No look at the old contents: a work is mostly initialised in fresh
	 * memory (stack, malloc), whose garbage can look like a pending work.
	 */
	memset(work, 0, sizeof(*work));
	ukt_list_init(&work->node);
	work->func = fn;
	UKT_WARN_ONCE(!fn, "kthread_init_work() with a NULL function: it will not be queued");
}

bool ukt__work_attach(struct ukt_kthread_worker *worker, struct ukt_kthread_work *work)
{
	struct ukt_kthread_worker *old = __atomic_load_n(&work->worker, __ATOMIC_ACQUIRE);
	unsigned int gen = __atomic_load_n(&worker->__gen, __ATOMIC_RELAXED);

	if (!old) {
		/* The generation first: whoever sees the worker sees it (release). */
		__atomic_store_n(&work->__gen, gen, __ATOMIC_RELAXED);
		if (__atomic_compare_exchange_n(&work->worker, &old, worker, 0,
						__ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
			return true;
	}
	if (UKT_WARN_ONCE(old != worker,
			  "a kthread_work queued on a second worker without re-init"))
		return false;
	/* Same memory, another worker: the work's own was destroyed. */
	return !UKT_WARN_ONCE(__atomic_load_n(&work->__gen, __ATOMIC_RELAXED) != gen,
			      "queueing a work of a destroyed kthread_worker on the "
			      "worker made in its memory since");
}

bool ukt_kthread_queue_work(struct ukt_kthread_worker *worker,
			    struct ukt_kthread_work *work)
{
	unsigned int idle = 0;

	if (!worker_usable(worker) || !work_has_func(work))
		return false;
	if (ukt_unlikely(!work_of_worker(worker, work)) && !ukt__work_attach(worker, work))
		return false;
	if (!__atomic_compare_exchange_n(&work->__state, &idle, WORK_PENDING, 0,
					 __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
		return false;
	/* Before the push: once queued, the work may run and be freed. */
	UKT_TRACE(sched_kthread_work_queue_work, work, work->func, worker);
	/* The push is seq_cst: ordered before kick()'s load of __idle. */
	work_queue_push(&worker->__tail, work);
	note_producer_cpu(worker);
	kick(worker);
	return true;
}

void ukt__work_settle(struct ukt_kthread_worker *worker, struct ukt_kthread_work *work)
{
	/* A work queued by kthread_queue_work() is PENDING a moment before
	 * it is on the queue; wait that moment out. */
	while (!ukt__work_settled(worker, work)) {
		ukt_spin_unlock(&worker->lock);
		sched_yield();
		ukt_spin_lock(&worker->lock);
	}
}

bool ukt__work_settled(struct ukt_kthread_worker *worker, struct ukt_kthread_work *work)
{
	if (!(work_state(work) & WORK_PENDING) || !ukt_list_empty(&work->node))
		return true;
	drain(worker);
	return !ukt_list_empty(&work->node);
}

/*
 * Take the next work, from work_list first; under lock.  NULL when there
 * is none, IN_FLIGHT when one is about to arrive.
 */
static struct ukt_kthread_work *next_work(struct ukt_kthread_worker *worker)
	UKT_REQUIRES(worker->lock)
{
	struct ukt_kthread_work *work;

	if (!ukt_list_empty(&worker->work_list)) {
		work = ukt_container_of(worker->work_list.next, struct ukt_kthread_work, node);
		ukt_list_del_init(&work->node);
	} else {
		work = queue_pop(worker);
		if (!work || work == IN_FLIGHT)
			return work;
	}
	/*
	 * Nobody else changes the state of a PENDING work while we hold the
	 * lock (queueing needs it 0, cancelers the lock): a plain store does.
	 */
	__atomic_store_n(&work->__state, work_state(work) & ~WORK_PENDING,
			 __ATOMIC_RELEASE);
	return work;
}

/* What the idle worker's spin looks at. */
struct idle_spin {
	struct ukt_kthread_worker *worker;
	unsigned int kick0;
};

static bool has_work(void *arg)
{
	struct idle_spin *s = arg;

	return !queue_empty(s->worker) ||
		__atomic_load_n(&s->worker->__kick, __ATOMIC_RELAXED) != s->kick0;
}

static bool stop_spinning(void *arg)
{
	(void)arg;
	return ukt_kthread_should_stop();
}

/* Nothing to do: spin a little, then sleep until kicked or stopped. */
static void worker_idle(struct ukt_kthread_worker *worker, unsigned int kick0)
{
	struct idle_spin spin = { .worker = worker, .kick0 = kick0 };
	int cpu = ukt__cpu_tag();
	bool empty;

	/* For flushers, which spin only for a worker on another CPU. */
	if (__atomic_load_n(&worker->__cpu, __ATOMIC_RELAXED) != cpu)
		__atomic_store_n(&worker->__cpu, cpu, __ATOMIC_RELAXED);
	if (__atomic_load_n(&worker->__qcpu, __ATOMIC_RELAXED) != cpu) {
		if (ukt__spin_until(has_work, stop_spinning, &spin, WORKER_SPIN_NS))
			return;
	} else {
		sched_yield();	/* the producer shares this CPU: let it go on */
		if (has_work(&spin))
			return;
	}
	__atomic_store_n(&worker->__idle, 1, __ATOMIC_SEQ_CST);
	ukt_set_current_state(UKT_TASK_INTERRUPTIBLE);
	ukt_spin_lock(&worker->lock);
	empty = ukt_list_empty(&worker->work_list) && queue_empty(worker);
	ukt_spin_unlock(&worker->lock);
	if (empty && !ukt_kthread_should_stop())
		ukt_schedule();
	ukt___set_current_state(UKT_TASK_RUNNING);
	__atomic_store_n(&worker->__idle, 0, __ATOMIC_RELAXED);
	ukt__watch_poke();	/* busy again: a watchdog asleep looks again */
}

/* A worker's figures for show.c and watchdog.c (struct kthread). */
static void stat_begin(struct kthread *k, ukt_kthread_work_func_t func, long long now)
{
	kthread_stat_write_begin(k);
	__atomic_store_n(&k->work_func, func, __ATOMIC_RELAXED);
	__atomic_store_n(&k->work_start, now, __ATOMIC_RELAXED);
	kthread_stat_write_end(k);
}

static void stat_end(struct kthread *k, ukt_kthread_work_func_t func)
{
	long long ns = ukt__now_ns() - k->work_start;

	kthread_stat_write_begin(k);
	__atomic_store_n(&k->work_func, NULL, __ATOMIC_RELAXED);
	__atomic_store_n(&k->works_run, k->works_run + 1, __ATOMIC_RELAXED);
	if (ns > k->longest_ns) {
		__atomic_store_n(&k->longest_ns, ns, __ATOMIC_RELAXED);
		__atomic_store_n(&k->longest_func, func, __ATOMIC_RELAXED);
	}
	kthread_stat_write_end(k);
}

/* Tell show.c and watchdog.c which worker this kthread runs (NULL: none). */
void ukt__worker_note(struct kthread *k, struct ukt_kthread_worker *worker)
{
	if (!k)
		return;
	ukt_spin_lock(&k->info_lock);
	__atomic_store_n(&k->worker, worker, __ATOMIC_RELAXED);
	ukt_spin_unlock(&k->info_lock);
}

int ukt_kthread_worker_fn(void *worker_ptr)
{
	struct ukt_kthread_worker *worker = worker_ptr;
	struct ukt_task_struct *self = ukt_get_current();
	struct ukt_task_struct *old = __atomic_load_n(&worker->task, __ATOMIC_ACQUIRE);
	struct kthread *k = to_kthread(self);
	unsigned int in_flight = 0;

	/*
	 * kthread_create_worker() set ->task already; users read it plainly,
	 * so write it only when it is unset (a worker of the caller's run by
	 * kthread_run(kthread_worker_fn, ...)): a compare-and-swap that fails
	 * is still a write to the race detector.
	 */
	if (old != self &&
	    (old || !__atomic_compare_exchange_n(&worker->task, &old, self, 0,
						 __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) &&
	    UKT_WARN_ONCE(old != self, "a kthread_worker run by a second thread"))
		return -EBUSY;
	ukt__worker_note(k, worker);

	for (;;) {
		struct ukt_kthread_work *work;
		ukt_kthread_work_func_t func = NULL;
		unsigned int kick0;

		if (ukt_kthread_should_stop()) {
			ukt_spin_lock(&worker->lock);
			__atomic_store_n(&worker->task, NULL, __ATOMIC_RELEASE);
			worker->current_work = NULL;
			ukt_spin_unlock(&worker->lock);
			ukt__worker_note(k, NULL);
			return 0;
		}
		ukt_spin_lock(&worker->lock);
		kick0 = __atomic_load_n(&worker->__kick, __ATOMIC_RELAXED);
		work = next_work(worker);
		if (work == IN_FLIGHT) {
			/* A producer is between its two steps: a moment. */
			ukt_spin_unlock(&worker->lock);
			if (++in_flight % IN_FLIGHT_SPINS)
				ukt__cpu_relax();
			else
				sched_yield();	/* it may have been preempted */
			continue;
		}
		in_flight = 0;
		worker->current_work = work;
		if (work)
			func = work->func;
		ukt_spin_unlock(&worker->lock);
		if (work) {
			if (k)
				stat_begin(k, func, ukt__now_ns());
			/* One semaphore for both probes (lib/trace.h). */
			if (UKT_TRACE_ENABLED(sched_kthread_work_execute_start)) {
				UKT_TRACE_FIRE(sched_kthread_work_execute_start, work, func);
				func(work);	/* may free @work: only its address after */
				UKT_TRACE_FIRE(sched_kthread_work_execute_end, work, func);
			} else {
				func(work);
			}
			if (k)
				stat_end(k, func);
		} else {
			worker_idle(worker, kick0);
		}
	}
}
