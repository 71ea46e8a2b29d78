// SPDX-License-Identifier: MIT
/*
 * kthread_worker_flush.c - waiting for works: flush and cancel.
 *
 * A flush queues a barrier (a work of its own) right behind the work it
 * waits for, or at the tail for a whole worker, and waits for the worker
 * to reach it.  The flusher spins a little for its barrier first, but
 * only while the worker is awake and was last seen on another CPU
 * (__cpu, noted by the worker): the barrier is then often a moment away,
 * and a sleep costs two wakeups.  A worker asleep, or on the flusher's
 * own CPU, cannot get there while the flusher spins: it sleeps at once.
 *
 * A cancel takes a pending work off its list and, if the work is running,
 * waits for that run with requeueing refused meanwhile (a canceler count
 * in the work's state, kthread_worker_internal.h).
 */
#include <string.h>

#include <ukthread/completion.h>

#include "kernel/kthread_worker_internal.h"
#include "lib/spin.h"

#define FLUSH_SPIN_NS		20000	/* a flusher spins this long, then sleeps */

void ukt__work_unlink(struct ukt_kthread_worker *worker, struct ukt_kthread_work *work)
{
	unsigned int delayed = work_state(work) & WORK_DELAYED;

	ukt_list_del_init(&work->node);
	state_clear(work, WORK_PENDING | WORK_DELAYED);
	if (delayed && ukt_wq_has_sleeper(&worker->__delayed_wq))
		ukt_wake_up_all(&worker->__delayed_wq);
}

/* A barrier: queued behind a work, completes when the worker reaches it. */
struct flush_barrier {
	struct ukt_kthread_work work;
	struct ukt_completion done;
	struct ukt_kthread_worker *worker;
};

static void flush_barrier_fn(struct ukt_kthread_work *work)
{
	struct flush_barrier *b = ukt_container_of(work, struct flush_barrier, work);

	ukt_complete(&b->done);
}

static void flush_barrier_init(struct flush_barrier *b, struct ukt_kthread_worker *worker)
{
	memset(&b->work, 0, sizeof(b->work));
	ukt_list_init(&b->work.node);
	b->work.func = flush_barrier_fn;
	b->work.worker = worker;
	b->work.__state = WORK_PENDING;
	ukt_init_completion(&b->done);
	b->worker = worker;
}

static bool barrier_done(void *arg)
{
	struct flush_barrier *b = arg;

	return __atomic_load_n(&b->done.done, __ATOMIC_ACQUIRE);
}

/* Can the worker get to @b while this thread spins? */
static bool worker_elsewhere(struct flush_barrier *b, int cpu)
{
	int wcpu = __atomic_load_n(&b->worker->__cpu, __ATOMIC_RELAXED);

	return !__atomic_load_n(&b->worker->__idle, __ATOMIC_RELAXED) &&
		wcpu && wcpu != cpu;
}

static bool stop_spinning(void *arg)
{
	struct flush_barrier *b = arg;

	return !worker_elsewhere(b, ukt__cpu_tag());
}

/* Wait for @b: spin first while the worker runs on another CPU, then sleep. */
static void flush_barrier_wait(struct flush_barrier *b)
{
	if (worker_elsewhere(b, ukt__cpu_tag()))
		ukt__spin_until(barrier_done, stop_spinning, b, FLUSH_SPIN_NS);
	/* Even when done: the lock inside orders us after complete() returns. */
	ukt_wait_for_completion(&b->done);
}

/* Remove @work if pending; under lock.  True if it was pending. */
static bool cancel_pending(struct ukt_kthread_worker *worker, struct ukt_kthread_work *work)
	UKT_REQUIRES(worker->lock)
{
	ukt__work_settle(worker, work);
	if (ukt_list_empty(&work->node))
		return false;
	ukt__work_unlink(worker, work);
	return true;
}

void ukt_kthread_flush_work(struct ukt_kthread_work *work)
{
	struct ukt_kthread_worker *worker = work_worker(work);
	struct flush_barrier b;
	bool wait = true;

	if (!worker)
		return;
	if (UKT_WARN_ONCE(is_worker_thread(worker),
			  "kthread_flush_work() from its own worker would never return"))
		return;
	flush_barrier_init(&b, worker);
	ukt_spin_lock(&worker->lock);
	for (;;) {
		ukt__work_settle(worker, work);
		if (work_state(work) & WORK_DELAYED) {
			/* Timer still armed: wait for it, then for the run. */
			ukt_spin_unlock(&worker->lock);
			ukt_wait_event(worker->__delayed_wq,
				       !(work_state(work) & WORK_DELAYED));
			ukt_spin_lock(&worker->lock);
			continue;
		}
		if (!ukt_list_empty(&work->node))
			insert_locked(worker, &b.work, &work->node);
		else if (worker->current_work == work)
			insert_locked(worker, &b.work, &worker->work_list);
		else
			wait = false;
		break;
	}
	ukt_spin_unlock(&worker->lock);
	if (wait) {
		kick(worker);
		flush_barrier_wait(&b);
	}
}

void ukt_kthread_flush_worker(struct ukt_kthread_worker *worker)
{
	struct flush_barrier b;

	if (UKT_WARN_ONCE(is_worker_thread(worker),
			  "kthread_flush_worker() from its own worker would never return"))
		return;
	if (UKT_WARN_ONCE(__atomic_load_n(&worker->flags, __ATOMIC_ACQUIRE) & KTW__DESTROYED,
			  "kthread_flush_worker() on a destroyed kthread_worker"))
		return;
	flush_barrier_init(&b, worker);
	/*
	 * Through the lock-free queue, not onto work_list after a drain: a
	 * drain stops at a producer caught between its two steps, and the
	 * works queued behind that one (whose kthread_queue_work() may have
	 * returned already) would then run after the barrier.  The queue
	 * keeps every push that came before ours ahead of the barrier, and
	 * the worker waits such a producer out.  The push is seq_cst, ordered
	 * before kick()'s look at __idle.
	 */
	work_queue_push(&worker->__tail, &b.work);
	note_producer_cpu(worker);
	kick(worker);
	flush_barrier_wait(&b);
}

bool ukt__work_cancel_locked(struct ukt_kthread_worker *worker,
			     struct ukt_kthread_work *work)
{
	bool ret = cancel_pending(worker, work);

	if (worker->current_work == work &&
	    !UKT_WARN_ONCE(is_worker_thread(worker),
			   "canceling a work from its own worker cannot wait for it")) {
		/* Running: wait for it, refusing requeues meanwhile. */
		__atomic_fetch_add(&work->__state, WORK_CANCEL_ONE, __ATOMIC_SEQ_CST);
		ukt_spin_unlock(&worker->lock);
		ukt_kthread_flush_work(work);
		ukt_spin_lock(&worker->lock);
		__atomic_fetch_sub(&work->__state, WORK_CANCEL_ONE, __ATOMIC_SEQ_CST);
	}
	return ret;
}

bool ukt_kthread_cancel_work_sync(struct ukt_kthread_work *work)
{
	struct ukt_kthread_worker *worker = work_worker(work);
	bool ret;

	if (!worker)
		return false;
	ukt_spin_lock(&worker->lock);
	ret = ukt__work_cancel_locked(worker, work);
	ukt_spin_unlock(&worker->lock);
	return ret;
}
