// SPDX-License-Identifier: MIT
/*
 * kthread_worker.c - serial work queues run by one kthread.
 *
 * The algorithm.  A work's __state word holds a PENDING bit, a DELAYED bit
 * (on the delayed list, timer armed) and, above them, a count of
 * cancelers.  kthread_queue_work() is lock-free: it sets PENDING with one
 * compare-and-swap from 0 (so it fails while the work is pending or being
 * canceled), appends the work to the worker's lock-free queue and wakes
 * the worker only if it sleeps (__idle).
 *
 * The queue is an intrusive multi-producer, single-consumer list with a
 * placeholder node (Vyukov's): a producer swaps itself in as __tail, then
 * links the previous tail to itself; the consumer follows __next from
 * __head.  Producers touch only __tail and the work they queued just
 * before, so a work crosses CPUs with about one cache miss.  Between the
 * two steps of a producer the list is cut ("in flight"); the consumer then
 * waits a moment or leaves the rest for later.
 *
 * Everything else - the worker taking the next work, timers, flush,
 * cancel - runs under worker->lock.  Flush, cancel and the timer first
 * move the queue to the tail of work_list ("drain") and then insert or
 * remove there; the worker runs work_list before the queue, so works run
 * in the order they were queued.
 *
 * The worker spins for a short while before it sleeps, because a work
 * often follows another; it yields the CPU in the spin so that a producer
 * on the same CPU is not held up.  A flusher likewise spins a little for
 * its barrier, but only when the worker runs on another CPU.
 */
#include <errno.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <ukthread/completion.h>
#include <ukthread/jiffies.h>
#include <ukthread/kthread_worker.h>
#include "internal.h"

#define WORK_PENDING		0x1u
#define WORK_DELAYED		0x2u
#define WORK_CANCEL_ONE		0x100u

/* Internal worker flags, above the KTW_* ones. */
#define KTW__ALLOCATED		(1u << 16)
#define KTW__DESTROYED		(1u << 17)

#define WORKER_SPIN_NS		20000	/* idle worker spins this long, then sleeps */
#define FLUSH_SPIN_NS		20000	/* a flusher spins this long, then sleeps */
#define QUARANTINE		16	/* destroyed workers kept to catch late use */
#define IN_FLIGHT_SPINS		64	/* pauses before yielding to a stalled producer */

/* Spinning only makes sense when the other side can run meanwhile. */
static bool multi_cpu(void)
{
	static int cpus;	/* 0: not known yet */
	int n = __atomic_load_n(&cpus, __ATOMIC_RELAXED);

	if (!n) {
		n = (int)ukt_num_online_cpus();
		__atomic_store_n(&cpus, n, __ATOMIC_RELAXED);
	}
	return n > 1;
}

static unsigned int work_state(struct ukt_kthread_work *work)
{
	return __atomic_load_n(&work->__state, __ATOMIC_ACQUIRE);
}

static void state_set(struct ukt_kthread_work *work, unsigned int bits)
{
	__atomic_or_fetch(&work->__state, bits, __ATOMIC_RELEASE);
}

static void state_clear(struct ukt_kthread_work *work, unsigned int bits)
{
	__atomic_and_fetch(&work->__state, ~bits, __ATOMIC_RELEASE);
}

static bool is_worker_thread(struct ukt_kthread_worker *worker)
{
	return __atomic_load_n(&worker->task, __ATOMIC_ACQUIRE) == ukt_get_current();
}

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
}

void ukt_kthread_init_delayed_work(struct ukt_kthread_delayed_work *dwork,
				   ukt_kthread_work_func_t fn)
{
	ukt_kthread_init_work(&dwork->work, fn);
	ukt_timer_setup(&dwork->timer, ukt_kthread_delayed_work_timer_fn,
			UKT_TIMER_IRQSAFE);
}

/* Append @work to the lock-free queue (any thread). */
static void queue_push(struct ukt_kthread_worker *worker, struct ukt_kthread_work *work)
{
	struct ukt_kthread_work *prev;

	__atomic_store_n(&work->__next, NULL, __ATOMIC_RELAXED);
	/* seq_cst: ordered before the load of __idle in kick(). */
	prev = __atomic_exchange_n(&worker->__tail, work, __ATOMIC_SEQ_CST);
	/* release: the consumer that finds @work sees it whole. */
	__atomic_store_n(&prev->__next, work, __ATOMIC_RELEASE);
}

#define IN_FLIGHT ((struct ukt_kthread_work *)1)

/*
 * Take the oldest work off the lock-free queue; under lock.  Returns it,
 * NULL when the queue is empty, or IN_FLIGHT when a producer is between
 * its two steps and the next work cannot be reached yet.
 */
static struct ukt_kthread_work *queue_pop(struct ukt_kthread_worker *worker)
{
	struct ukt_kthread_work *stub = &worker->__stub;
	struct ukt_kthread_work *head = worker->__head;
	struct ukt_kthread_work *next = __atomic_load_n(&head->__next, __ATOMIC_ACQUIRE);

	if (head == stub) {
		if (!next)
			return __atomic_load_n(&worker->__tail, __ATOMIC_ACQUIRE) == stub ?
				NULL : IN_FLIGHT;
		worker->__head = next;
		head = next;
		next = __atomic_load_n(&head->__next, __ATOMIC_ACQUIRE);
	}
	if (!next) {
		if (__atomic_load_n(&worker->__tail, __ATOMIC_ACQUIRE) != head)
			return IN_FLIGHT;
		/* @head is the last work: queue the stub behind it to free it. */
		queue_push(worker, stub);
		next = __atomic_load_n(&head->__next, __ATOMIC_ACQUIRE);
		if (!next)
			return IN_FLIGHT;
	}
	worker->__head = next;
	return head;
}

/* True when the queue holds nothing, in flight included. */
static bool queue_empty(struct ukt_kthread_worker *worker)
{
	return __atomic_load_n(&worker->__tail, __ATOMIC_SEQ_CST) == &worker->__stub;
}

/*
 * Move the lock-free queue to the tail of work_list; under lock.  Works
 * still in flight stay behind: they were queued concurrently with the
 * caller's operation, so either order is right.
 */
static void drain(struct ukt_kthread_worker *worker)
{
	struct ukt_kthread_work *work;

	while ((work = queue_pop(worker)) && work != IN_FLIGHT)
		ukt_list_add_tail(&work->node, &worker->work_list);
}

/* Wake the worker if it sleeps for lack of work. */
static void kick(struct ukt_kthread_worker *worker)
{
	/* seq_cst pairs with the worker's __idle store then queue check. */
	if (__atomic_load_n(&worker->__idle, __ATOMIC_SEQ_CST)) {
		struct ukt_task_struct *task = __atomic_load_n(&worker->task,
							       __ATOMIC_ACQUIRE);
		if (task)
			ukt_wake_up_process(task);
	}
}

/* Put @work on work_list after @pos; under lock.  Tell the worker. */
static void insert_locked(struct ukt_kthread_worker *worker,
			  struct ukt_kthread_work *work, struct ukt_list_head *pos)
{
	ukt_list_add(&work->node, pos);
	__atomic_fetch_add(&worker->__kick, 1, __ATOMIC_SEQ_CST);
}

/* Attach @work to @worker, or refuse if it belongs to another; under lock. */
static bool attach(struct ukt_kthread_worker *worker, struct ukt_kthread_work *work)
{
	struct ukt_kthread_worker *old = NULL;

	if (__atomic_compare_exchange_n(&work->worker, &old, worker, 0,
					__ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
		return true;
	return !UKT_WARN_ONCE(old != worker,
			      "a kthread_work queued on a second worker without re-init");
}

static bool worker_usable(struct ukt_kthread_worker *worker)
{
	return !UKT_WARN_ONCE(__atomic_load_n(&worker->flags, __ATOMIC_ACQUIRE) &
			      KTW__DESTROYED, "queueing on a destroyed kthread_worker");
}

bool ukt_kthread_queue_work(struct ukt_kthread_worker *worker,
			    struct ukt_kthread_work *work)
{
	unsigned int idle = 0;

	if (!worker_usable(worker))
		return false;
	if (ukt_unlikely(__atomic_load_n(&work->worker, __ATOMIC_ACQUIRE) != worker) &&
	    !attach(worker, work))
		return false;
	if (!__atomic_compare_exchange_n(&work->__state, &idle, WORK_PENDING, 0,
					 __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
		return false;
	queue_push(worker, work);
	kick(worker);
	return true;
}

/*
 * Take the next work, from work_list first; under lock.  NULL when there
 * is none, IN_FLIGHT when one is about to arrive.
 */
static struct ukt_kthread_work *next_work(struct ukt_kthread_worker *worker)
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

static bool has_work(struct ukt_kthread_worker *worker, unsigned int kick0)
{
	return !queue_empty(worker) ||
		__atomic_load_n(&worker->__kick, __ATOMIC_RELAXED) != kick0;
}

/* Nothing to do: spin a little, then sleep until kicked or stopped. */
static void worker_idle(struct ukt_kthread_worker *worker, unsigned int kick0)
{
	bool empty;

	if (multi_cpu()) {
		long long end = ukt__now_ns() + WORKER_SPIN_NS;

		/*
		 * Look at the queue only every few pauses: each look pulls the
		 * producers' cache line over, and fewer looks let works pile up
		 * into batches.
		 */
		for (unsigned int i = 1; !has_work(worker, kick0); i++) {
			ukt__cpu_relax();
			if (i % 256)
				continue;
			if (ukt_kthread_should_stop() || ukt__now_ns() > end)
				break;
			sched_yield();	/* a producer on this CPU goes first */
		}
		if (has_work(worker, kick0))
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
}

int ukt_kthread_worker_fn(void *worker_ptr)
{
	struct ukt_kthread_worker *worker = worker_ptr;
	struct ukt_task_struct *self = ukt_get_current();
	struct ukt_task_struct *old = NULL;
	unsigned int in_flight = 0;

	if (!__atomic_compare_exchange_n(&worker->task, &old, self, 0,
					 __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE) &&
	    UKT_WARN_ONCE(old != self, "a kthread_worker run by a second thread"))
		return -EBUSY;

	for (;;) {
		struct ukt_kthread_work *work;
		ukt_kthread_work_func_t func = NULL;
		unsigned int kick0;

		if (ukt_kthread_should_stop()) {
			ukt_spin_lock(&worker->lock);
			__atomic_store_n(&worker->task, NULL, __ATOMIC_RELEASE);
			worker->current_work = NULL;
			ukt_spin_unlock(&worker->lock);
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
		if (work)
			func(work);	/* may free @work: not touched after this */
		else
			worker_idle(worker, kick0);
	}
}

static char *vformat(char *buf, size_t size, const char *fmt, va_list ap)
{
	vsnprintf(buf, size, fmt, ap);
	return buf;
}

static struct ukt_kthread_worker *worker_alloc(unsigned int flags)
{
	struct ukt_kthread_worker *worker = ukt__zalloc(UKT_SITE_WORKER, sizeof(*worker));

	if (!worker)
		return NULL;
	ukt_kthread_init_worker(worker);
	worker->flags = (flags & UKT_KTW_FREEZABLE) | KTW__ALLOCATED;
	return worker;
}

/* Give @worker the kthread @task, or free it and pass on the error. */
static struct ukt_kthread_worker *worker_attach_task(struct ukt_kthread_worker *worker,
						     struct ukt_task_struct *task)
{
	if (ukt_is_err(task)) {
		ukt__free(UKT_SITE_WORKER, worker);
		return ukt_err_cast(task);
	}
	worker->task = task;
	return worker;
}

struct ukt_kthread_worker *
ukt_kthread_create_worker_on_node(unsigned int flags, int node, const char namefmt[], ...)
{
	struct ukt_kthread_worker *worker = worker_alloc(flags);
	char name[128];
	va_list ap;

	if (!worker)
		return ukt_err_ptr(-ENOMEM);
	va_start(ap, namefmt);
	vformat(name, sizeof(name), namefmt, ap);
	va_end(ap);
	return worker_attach_task(worker, ukt_kthread_create_on_node(
			ukt_kthread_worker_fn, worker, node, "%s", name));
}

struct ukt_kthread_worker *
ukt_kthread_create_worker_on_cpu(int cpu, unsigned int flags, const char namefmt[])
{
	struct ukt_kthread_worker *worker;

	if (UKT_WARN_ONCE(cpu < 0, "kthread_create_worker_on_cpu(): CPU %d", cpu))
		return ukt_err_ptr(-EINVAL);
	worker = worker_alloc(flags);
	if (!worker)
		return ukt_err_ptr(-ENOMEM);
	return worker_attach_task(worker, ukt_kthread_create_on_cpu(
			ukt_kthread_worker_fn, worker, (unsigned int)cpu, namefmt));
}

/*
 * Put @dwork, whose state the caller owns (PENDING set, no canceler), on
 * the work list or, with its timer armed, on the delayed list; under lock.
 */
static void place_delayed_locked(struct ukt_kthread_worker *worker,
				 struct ukt_kthread_delayed_work *dwork,
				 unsigned long delay)
{
	struct ukt_kthread_work *work = &dwork->work;

	drain(worker);
	if (!delay) {
		insert_locked(worker, work, worker->work_list.prev);
		return;
	}
	state_set(work, WORK_DELAYED);
	ukt_list_add_tail(&work->node, &worker->delayed_work_list);
	ukt_mod_timer(&dwork->timer, ukt_jiffies() + delay);
}

/*
 * Queue idle @dwork on @worker after @delay; under lock.  The lock does
 * not keep kthread_queue_work() (lock-free) off an idle work, so claim it
 * with one compare-and-swap from idle; false, and nothing done, if that
 * lost (the work is pending or being canceled).
 */
static bool queue_delayed_locked(struct ukt_kthread_worker *worker,
				 struct ukt_kthread_delayed_work *dwork,
				 unsigned long delay)
{
	unsigned int idle = 0;

	if (!__atomic_compare_exchange_n(&dwork->work.__state, &idle, WORK_PENDING, 0,
					 __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
		return false;
	place_delayed_locked(worker, dwork, delay);
	return true;
}

bool ukt_kthread_queue_delayed_work(struct ukt_kthread_worker *worker,
				    struct ukt_kthread_delayed_work *dwork,
				    unsigned long delay)
{
	struct ukt_kthread_work *work = &dwork->work;
	bool ret = false;

	if (!worker_usable(worker))
		return false;
	ukt_spin_lock(&worker->lock);
	if (attach(worker, work))
		ret = queue_delayed_locked(worker, dwork, delay);
	ukt_spin_unlock(&worker->lock);
	if (ret && !delay)
		kick(worker);
	return ret;
}

/* Take @work off its list; under lock.  Wakes flushers waiting on a timer. */
static void unlink_work(struct ukt_kthread_worker *worker, struct ukt_kthread_work *work)
{
	unsigned int delayed = work_state(work) & WORK_DELAYED;

	ukt_list_del_init(&work->node);
	state_clear(work, WORK_PENDING | WORK_DELAYED);
	if (delayed && ukt_wq_has_sleeper(&worker->__delayed_wq))
		ukt_wake_up_all(&worker->__delayed_wq);
}

void ukt_kthread_delayed_work_timer_fn(struct ukt_timer_list *t)
{
	struct ukt_kthread_delayed_work *dwork =
		ukt_container_of(t, struct ukt_kthread_delayed_work, timer);
	struct ukt_kthread_work *work = &dwork->work;
	struct ukt_kthread_worker *worker = __atomic_load_n(&work->worker, __ATOMIC_ACQUIRE);

	if (UKT_WARN_ONCE(!worker, "delayed work timer without a worker"))
		return;
	ukt_spin_lock(&worker->lock);
	/*
	 * With a canceler disarming the timer (cancel or mod), leave the work
	 * on the delayed list: the canceler takes it off next and so sees it
	 * pending, as it was.  Dropping it here would make the cancel return
	 * false, and mod return false ("was idle") for a work that never was.
	 */
	if ((work_state(work) & WORK_DELAYED) && work_state(work) < WORK_CANCEL_ONE) {
		ukt_list_del_init(&work->node);
		state_clear(work, WORK_DELAYED);
		drain(worker);
		insert_locked(worker, work, worker->work_list.prev);
		/*
		 * Wake the worker with the lock held: the work may run, its
		 * flusher return and the worker be destroyed as soon as the
		 * lock is dropped, and the worker's thread leaves (its task
		 * freed) only after clearing worker->task under this lock.
		 */
		kick(worker);
		if (ukt_wq_has_sleeper(&worker->__delayed_wq))
			ukt_wake_up_all(&worker->__delayed_wq);
	}
	ukt_spin_unlock(&worker->lock);
}

/*
 * Make @work sit on a list if it is pending; under lock, which it may drop
 * and retake.  A work queued by kthread_queue_work() is PENDING a moment
 * before it is on the stack; wait that moment out.
 */
static void settle(struct ukt_kthread_worker *worker, struct ukt_kthread_work *work)
{
	for (;;) {
		if (!(work_state(work) & WORK_PENDING) || !ukt_list_empty(&work->node))
			return;
		drain(worker);
		if (!ukt_list_empty(&work->node))
			return;
		ukt_spin_unlock(&worker->lock);
		sched_yield();
		ukt_spin_lock(&worker->lock);
	}
}

/* Disarm @dwork's timer with the lock dropped; under lock, returns under it. */
static void kill_timer(struct ukt_kthread_worker *worker,
		       struct ukt_kthread_delayed_work *dwork)
{
	struct ukt_kthread_work *work = &dwork->work;

	/* Block queueing (and the timer function's insert) meanwhile. */
	__atomic_fetch_add(&work->__state, WORK_CANCEL_ONE, __ATOMIC_SEQ_CST);
	ukt_spin_unlock(&worker->lock);
	ukt_timer_delete_sync(&dwork->timer);
	ukt_spin_lock(&worker->lock);
	__atomic_fetch_sub(&work->__state, WORK_CANCEL_ONE, __ATOMIC_SEQ_CST);
}

/* Remove @work if pending; under lock.  True if it was pending. */
static bool cancel_pending(struct ukt_kthread_worker *worker, struct ukt_kthread_work *work)
{
	settle(worker, work);
	if (ukt_list_empty(&work->node))
		return false;
	unlink_work(worker, work);
	return true;
}

/* A barrier: queued behind a work, completes when the worker reaches it. */
struct flush_barrier {
	struct ukt_kthread_work work;
	struct ukt_completion done;
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
}

/*
 * Wait for @b.  Spin first while the worker runs on another CPU, since
 * the barrier is then often a moment away; a sleep costs two wakeups.
 */
static void flush_barrier_wait(struct flush_barrier *b, struct ukt_kthread_worker *worker)
{
	if (multi_cpu()) {
		long long end = ukt__now_ns() + FLUSH_SPIN_NS;

		for (unsigned int i = 1; !__atomic_load_n(&b->done.done, __ATOMIC_ACQUIRE); i++) {
			ukt__cpu_relax();
			if (i % 256)
				continue;
			if (ukt__now_ns() > end || __atomic_load_n(&worker->__idle, __ATOMIC_RELAXED))
				break;
			sched_yield();	/* the worker may be waiting for this CPU */
		}
	}
	/* Even when done: the lock inside orders us after complete() returns. */
	ukt_wait_for_completion(&b->done);
}

void ukt_kthread_flush_work(struct ukt_kthread_work *work)
{
	struct ukt_kthread_worker *worker = __atomic_load_n(&work->worker, __ATOMIC_ACQUIRE);
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
		settle(worker, work);
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
		flush_barrier_wait(&b, worker);
	}
}

void ukt_kthread_flush_worker(struct ukt_kthread_worker *worker)
{
	struct flush_barrier b;

	if (UKT_WARN_ONCE(is_worker_thread(worker),
			  "kthread_flush_worker() from its own worker would never return"))
		return;
	flush_barrier_init(&b, worker);
	ukt_spin_lock(&worker->lock);
	drain(worker);
	insert_locked(worker, &b.work, worker->work_list.prev);
	ukt_spin_unlock(&worker->lock);
	kick(worker);
	flush_barrier_wait(&b, worker);
}

static bool cancel_sync(struct ukt_kthread_work *work, struct ukt_kthread_delayed_work *dwork)
{
	struct ukt_kthread_worker *worker = __atomic_load_n(&work->worker, __ATOMIC_ACQUIRE);
	bool ret;

	if (!worker)
		return false;
	ukt_spin_lock(&worker->lock);
	if (dwork)
		kill_timer(worker, dwork);
	ret = cancel_pending(worker, work);
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
	ukt_spin_unlock(&worker->lock);
	return ret;
}

bool ukt_kthread_cancel_work_sync(struct ukt_kthread_work *work)
{
	return cancel_sync(work, NULL);
}

bool ukt_kthread_cancel_delayed_work_sync(struct ukt_kthread_delayed_work *dwork)
{
	return cancel_sync(&dwork->work, dwork);
}

/*
 * True when @work is idle or sits on a list, false while a
 * kthread_queue_work() is between its two steps; under lock.
 */
static bool settled(struct ukt_kthread_worker *worker, struct ukt_kthread_work *work)
{
	if (!(work_state(work) & WORK_PENDING) || !ukt_list_empty(&work->node))
		return true;
	drain(worker);
	return !ukt_list_empty(&work->node);
}

bool ukt_kthread_mod_delayed_work(struct ukt_kthread_worker *worker,
				  struct ukt_kthread_delayed_work *dwork,
				  unsigned long delay)
{
	struct ukt_kthread_work *work = &dwork->work;
	bool armed;
	bool ret;

	if (!worker_usable(worker))
		return false;
	ukt_spin_lock(&worker->lock);
	/* Never queued: no timer to disarm. */
	armed = __atomic_load_n(&work->worker, __ATOMIC_ACQUIRE) != NULL;
	if (!attach(worker, work)) {
		ret = false;
		goto out;
	}
	for (;;) {
		/*
		 * Disarm the timer first, then look at the cancelers: the lock was
		 * dropped meanwhile, and a canceler that came then must win, or it
		 * would wait for a work moved behind its back (the kernel's 2021
		 * hang).  From here on the lock is held until the work is queued.
		 */
		if (armed)
			kill_timer(worker, dwork);
		armed = true;
		if (work_state(work) >= WORK_CANCEL_ONE) {
			ret = true;
			goto out;
		}
		if (!settled(worker, work)) {
			/* A kthread_queue_work() is half done: let it finish. */
			ukt_spin_unlock(&worker->lock);
			sched_yield();
			ukt_spin_lock(&worker->lock);
			continue;
		}
		if (!ukt_list_empty(&work->node)) {
			/*
			 * Pending: move it.  It stays PENDING all along, so that
			 * no kthread_queue_work() finds it idle meanwhile.
			 */
			unsigned int delayed = work_state(work) & WORK_DELAYED;

			ukt_list_del_init(&work->node);
			state_clear(work, WORK_DELAYED);
			place_delayed_locked(worker, dwork, delay);
			if (delayed && ukt_wq_has_sleeper(&worker->__delayed_wq))
				ukt_wake_up_all(&worker->__delayed_wq);
			ret = true;
			break;
		}
		if (queue_delayed_locked(worker, dwork, delay)) {
			ret = false;
			break;
		}
		/* A kthread_queue_work() took it just now: start again. */
	}
out:
	ukt_spin_unlock(&worker->lock);
	if (!delay)
		kick(worker);
	return ret;
}

/* Destroyed workers that kthread_create_worker() made, kept a while. */
static struct ukt_kthread_worker *quarantine[QUARANTINE];
static unsigned int quarantine_next;
static ukt_spinlock_t quarantine_lock = UKT_SPINLOCK_INIT;

static void worker_free(struct ukt_kthread_worker *worker)
{
	struct ukt_kthread_worker *old;

	ukt_spin_lock(&quarantine_lock);
	old = quarantine[quarantine_next];
	quarantine[quarantine_next] = worker;
	quarantine_next = (quarantine_next + 1) % QUARANTINE;
	ukt_spin_unlock(&quarantine_lock);
	ukt__free(UKT_SITE_WORKER, old);
}

void ukt_kthread_destroy_worker(struct ukt_kthread_worker *worker)
{
	struct ukt_task_struct *task = __atomic_load_n(&worker->task, __ATOMIC_ACQUIRE);

	if (UKT_WARN_ONCE(is_worker_thread(worker),
			  "kthread_destroy_worker() from the worker itself"))
		return;
	if (UKT_WARN_ONCE(!task, "kthread_destroy_worker() on a worker without a task"))
		return;
	/* A worker created but never started would never flush: start it. */
	ukt_wake_up_process(task);
	ukt_kthread_flush_worker(worker);
	ukt_kthread_stop(task);

	ukt_spin_lock(&worker->lock);
	UKT_WARN_ONCE(!ukt_list_empty(&worker->delayed_work_list),
		      "kthread_destroy_worker() with delayed works still armed");
	while (!ukt_list_empty(&worker->delayed_work_list)) {
		struct ukt_kthread_work *work = ukt_container_of(
			worker->delayed_work_list.next, struct ukt_kthread_work, node);

		ukt_spin_unlock(&worker->lock);
		ukt_kthread_cancel_delayed_work_sync(
			ukt_container_of(work, struct ukt_kthread_delayed_work, work));
		ukt_spin_lock(&worker->lock);
	}
	drain(worker);
	UKT_WARN_ONCE(!ukt_list_empty(&worker->work_list),
		      "works queued during kthread_destroy_worker() are dropped");
	while (!ukt_list_empty(&worker->work_list))
		unlink_work(worker, ukt_container_of(worker->work_list.next,
						     struct ukt_kthread_work, node));
	__atomic_or_fetch(&worker->flags, KTW__DESTROYED, __ATOMIC_RELEASE);
	ukt_spin_unlock(&worker->lock);
	if (worker->flags & KTW__ALLOCATED)
		worker_free(worker);
}
