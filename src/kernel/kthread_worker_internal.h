/* SPDX-License-Identifier: MIT */
/*
 * kernel/kthread_worker_internal.h - what the rooms of kthread_worker
 * share: the work state bits, the lock-free queue and the helpers that
 * move works between it and the worker's lists.
 *
 * The rooms: kthread_worker.c (init, queue, the worker's loop),
 * kthread_worker_flush.c (flush, cancel), kthread_delayed_work.c (delayed
 * works and their timers), kthread_worker_create.c (create, destroy).
 *
 * A work's __state word holds a PENDING bit, a DELAYED bit (on the delayed
 * list, timer armed) and, above them, a count of cancelers.  Queueing sets
 * PENDING with one compare-and-swap from 0, so it fails while the work is
 * pending or being canceled.  Everything but queueing and the worker's
 * look at the queue runs under worker->lock: flush_work, cancel and the
 * timer first move the lock-free queue to the tail of work_list ("drain"),
 * then insert or remove there (flush_worker pushes its barrier through the
 * queue instead); the worker runs work_list before the queue, so
 * works run in the order they were queued.
 */
#ifndef UKTHREAD_KERNEL_KTHREAD_WORKER_INTERNAL_H
#define UKTHREAD_KERNEL_KTHREAD_WORKER_INTERNAL_H

#include <ukthread/kthread_worker.h>

#include "kernel/sched/sched.h"
#include "lib/cpumask.h"
#include "lib/mpsc.h"
#include "lib/thread_safety.h"
#include "lib/trace.h"

#define WORK_PENDING		0x1u
#define WORK_DELAYED		0x2u
#define WORK_CANCEL_ONE		0x100u

/* Internal worker flags, above the KTW_* ones. */
#define KTW__ALLOCATED		(1u << 16)
#define KTW__DESTROYED		(1u << 17)

/* The worker's lock-free queue of works, linked through __next. */
UKT_MPSC_DEFINE(work_queue, struct ukt_kthread_work, __next)

#define IN_FLIGHT ((struct ukt_kthread_work *)UKT_MPSC_IN_FLIGHT)

static inline unsigned int work_state(struct ukt_kthread_work *work)
{
	return __atomic_load_n(&work->__state, __ATOMIC_ACQUIRE);
}

static inline void state_set(struct ukt_kthread_work *work, unsigned int bits)
{
	__atomic_or_fetch(&work->__state, bits, __ATOMIC_RELEASE);
}

static inline void state_clear(struct ukt_kthread_work *work, unsigned int bits)
{
	__atomic_and_fetch(&work->__state, ~bits, __ATOMIC_RELEASE);
}

static inline bool is_worker_thread(struct ukt_kthread_worker *worker)
{
	return __atomic_load_n(&worker->task, __ATOMIC_ACQUIRE) == ukt_get_current();
}

/*
 * Take the oldest work off the lock-free queue; under lock.  Returns it,
 * NULL when the queue is empty, or IN_FLIGHT when a producer is between
 * its two steps and the next work cannot be reached yet.
 */
static inline struct ukt_kthread_work *queue_pop(struct ukt_kthread_worker *worker)
	UKT_REQUIRES(worker->lock)
{
	return work_queue_pop(&worker->__head, &worker->__tail, &worker->__stub);
}

/* True when the queue holds nothing, in flight included. */
static inline bool queue_empty(struct ukt_kthread_worker *worker)
{
	return work_queue_empty(&worker->__tail, &worker->__stub);
}

/*
 * Move the lock-free queue to the tail of work_list; under lock.  Works
 * still in flight stay behind: they were queued concurrently with the
 * caller's operation, so either order is right.
 */
static inline void drain(struct ukt_kthread_worker *worker)
	UKT_REQUIRES(worker->lock)
{
	struct ukt_kthread_work *work;

	while ((work = queue_pop(worker)) && work != IN_FLIGHT)
		ukt_list_add_tail(&work->node, &worker->work_list);
}

/* Wake the worker if it sleeps for lack of work. */
static inline void kick(struct ukt_kthread_worker *worker)
{
	/* seq_cst pairs with the worker's __idle store then queue check. */
	if (__atomic_load_n(&worker->__idle, __ATOMIC_SEQ_CST)) {
		struct ukt_task_struct *task = __atomic_load_n(&worker->task,
							       __ATOMIC_ACQUIRE);
		if (task)
			ukt_wake_up_process(task);
	}
}

/*
 * Note where the thread that hands the worker a work runs: an idle worker
 * on the same CPU yields to it rather than spinning (kthread_worker.c).
 */
static inline void note_producer_cpu(struct ukt_kthread_worker *worker)
{
	__atomic_store_n(&worker->__qcpu, ukt__cpu_tag(), __ATOMIC_RELAXED);
}

/* Put @work on work_list after @pos; under lock.  Tell the worker. */
static inline void insert_locked(struct ukt_kthread_worker *worker,
				 struct ukt_kthread_work *work, struct ukt_list_head *pos)
	UKT_REQUIRES(worker->lock)
{
	UKT_TRACE(sched_kthread_work_queue_work, work, work->func, worker);
	ukt_list_add(&work->node, pos);
	note_producer_cpu(worker);
	__atomic_fetch_add(&worker->__kick, 1, __ATOMIC_SEQ_CST);
}

/*
 * False, with a warning, for a destroyed worker.  The memory of a worker
 * that kthread_create_worker() made is never given back to malloc
 * (lib/quarantine.h), so the flag is there to read however long ago the
 * worker was destroyed; once the memory holds a new worker, the works of
 * the old one are told apart by their generation (work_of_worker()).
 */
static inline bool worker_usable(struct ukt_kthread_worker *worker)
{
	return !UKT_WARN_ONCE(__atomic_load_n(&worker->flags, __ATOMIC_ACQUIRE) &
			      KTW__DESTROYED, "queueing on a destroyed kthread_worker");
}

/* Is @work attached to @worker as it is now (not to an older worker there)? */
static inline bool work_of_worker(struct ukt_kthread_worker *worker,
				  struct ukt_kthread_work *work)
{
	return __atomic_load_n(&work->worker, __ATOMIC_ACQUIRE) == worker &&
		__atomic_load_n(&work->__gen, __ATOMIC_RELAXED) ==
		__atomic_load_n(&worker->__gen, __ATOMIC_RELAXED);
}

/*
 * The worker of @work for flush and cancel, or NULL when it has none or
 * it was destroyed (nothing of it can be pending or running then).
 */
static inline struct ukt_kthread_worker *work_worker(struct ukt_kthread_work *work)
{
	struct ukt_kthread_worker *worker = __atomic_load_n(&work->worker, __ATOMIC_ACQUIRE);

	if (!worker || (__atomic_load_n(&worker->flags, __ATOMIC_ACQUIRE) & KTW__DESTROYED) ||
	    __atomic_load_n(&work->__gen, __ATOMIC_RELAXED) !=
	    __atomic_load_n(&worker->__gen, __ATOMIC_RELAXED))
		return NULL;
	return worker;
}

/* False, with a warning, for a work without a function (never initialised). */
static inline bool work_has_func(struct ukt_kthread_work *work)
{
	return !UKT_WARN_ONCE(!work->func, "queueing a kthread_work without a function "
			      "(NULL, or never initialised)");
}

/* kthread_worker.c */

/**
 * ukt__work_attach - attach @work to @worker, or refuse if it belongs to
 * another (with a warning); under lock or lock-free.
 * @worker: the worker.
 * @work: the work.
 *
 * Return: true when @work is (now) @worker's.
 */
UKT_HIDDEN bool ukt__work_attach(struct ukt_kthread_worker *worker,
				 struct ukt_kthread_work *work);

/**
 * ukt__work_settle - make @work sit on a list if it is pending; under lock,
 * which it may drop and retake while a kthread_queue_work() finishes.
 * @worker: the worker.
 * @work: the work.
 */
UKT_HIDDEN void ukt__work_settle(struct ukt_kthread_worker *worker,
				 struct ukt_kthread_work *work)
	UKT_REQUIRES(worker->lock);

/**
 * ukt__work_settled - is @work idle or on a list; under lock.
 * @worker: the worker.
 * @work: the work.
 *
 * Return: false while a kthread_queue_work() is between its two steps.
 */
UKT_HIDDEN bool ukt__work_settled(struct ukt_kthread_worker *worker,
				  struct ukt_kthread_work *work)
	UKT_REQUIRES(worker->lock);

/**
 * ukt__worker_note - tell show.c and watchdog.c that kthread @k runs
 * @worker (NULL: none any more), under @k's info_lock.
 * @k: the kthread's control block, or NULL (nothing is done).
 * @worker: the worker.
 */
struct kthread;
UKT_HIDDEN void ukt__worker_note(struct kthread *k, struct ukt_kthread_worker *worker);

/* kthread_worker_flush.c */

/**
 * ukt__work_unlink - take @work off its list and clear PENDING and
 * DELAYED; under lock.  Wakes flushers waiting for a timer.
 * @worker: the worker.
 * @work: the work.
 */
UKT_HIDDEN void ukt__work_unlink(struct ukt_kthread_worker *worker,
				 struct ukt_kthread_work *work)
	UKT_REQUIRES(worker->lock);

/**
 * ukt__work_cancel_locked - remove @work if pending and wait for it if it
 * runs; under lock, which it drops while waiting and holds again on return.
 * @worker: the worker.
 * @work: the work; its timer, if any, is disarmed already.
 *
 * Return: true if @work was pending.
 */
UKT_HIDDEN bool ukt__work_cancel_locked(struct ukt_kthread_worker *worker,
					struct ukt_kthread_work *work)
	UKT_REQUIRES(worker->lock);

/* kthread_worker_create.c */

/**
 * ukt__worker_shutdown - end @worker for ukt_shutdown(): cancel its armed
 * delayed works, stop its kthread (waiting at most @timeout_ms), drop what
 * is still queued, and destroy it.
 * @worker: the worker.
 * @timeout_ms: how long to wait for its kthread.
 * @dropped: incremented for every work canceled or dropped.
 *
 * Return: 0, or the error of ukt__kthread_stop_timeout() (the worker is
 * then left as it is).
 */
UKT_HIDDEN int ukt__worker_shutdown(struct ukt_kthread_worker *worker,
				    unsigned int timeout_ms, unsigned int *dropped);

#endif /* UKTHREAD_KERNEL_KTHREAD_WORKER_INTERNAL_H */
