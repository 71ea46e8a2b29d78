// SPDX-License-Identifier: MIT
/*
 * kthread_delayed_work.c - works queued after a delay: a timer_list timer
 * (kernel/time/timer.c) per work moves it from the worker's delayed list
 * to its work list when it fires.
 *
 * A delayed work whose timer is armed is PENDING and DELAYED and sits on
 * delayed_work_list.  The timer function moves it to work_list unless a
 * canceler (cancel or mod) is disarming the timer at that moment: then
 * the work stays where it is, so that the canceler finds it pending, as
 * it was.  Disarming drops the worker's lock (timer_delete_sync() may
 * wait for the timer function, which takes it), with the canceler count
 * raised so that nothing requeues the work meanwhile.
 */
#include <string.h>

#include <ukthread/jiffies.h>
#include <ukthread/timer.h>

#include "kernel/kthread_worker_internal.h"
#include "kernel/time/timer.h"

/*
 * A delay needs the timer thread; it starts on first use and that can
 * fail (no thread could be made): then refuse, before anything changed.
 */
static bool timer_thread_ready(void)
{
	int err = ukt__timer_thread_start();

	return !UKT_WARN_ONCE(err, "cannot start the timer thread (%s): delayed work "
			      "not queued", strerror(-err));
}

/*
 * False, with a warning, for a delayed work that was never initialised
 * (a zeroed one included: its list node and timer are not set up, and the
 * list code would crash), or that has no function.
 */
static bool dwork_valid(struct ukt_kthread_delayed_work *dwork)
{
	/* Only the timer's function: set once at init, the list node is the lock's. */
	if (UKT_WARN_ONCE(dwork->timer.function != ukt_kthread_delayed_work_timer_fn,
			  "a kthread_delayed_work that was never initialised "
			  "(kthread_init_delayed_work())"))
		return false;
	return work_has_func(&dwork->work);
}

void ukt_kthread_init_delayed_work(struct ukt_kthread_delayed_work *dwork,
				   ukt_kthread_work_func_t fn)
{
	ukt_kthread_init_work(&dwork->work, fn);
	ukt_timer_setup(&dwork->timer, ukt_kthread_delayed_work_timer_fn,
			UKT_TIMER_IRQSAFE);
}

/*
 * Put @dwork, whose state the caller owns (PENDING set, no canceler), on
 * the work list or, with its timer armed, on the delayed list; under lock.
 */
static void place_delayed_locked(struct ukt_kthread_worker *worker,
				 struct ukt_kthread_delayed_work *dwork,
				 unsigned long delay)
	UKT_REQUIRES(worker->lock)
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
	UKT_REQUIRES(worker->lock)
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

	if (!worker_usable(worker) || !dwork_valid(dwork))
		return false;
	if (delay && !timer_thread_ready())
		return false;
	ukt_spin_lock(&worker->lock);
	if (ukt__work_attach(worker, work))
		ret = queue_delayed_locked(worker, dwork, delay);
	ukt_spin_unlock(&worker->lock);
	if (ret && !delay)
		kick(worker);
	return ret;
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

/* Disarm @dwork's timer with the lock dropped; under lock, returns under it. */
static void kill_timer(struct ukt_kthread_worker *worker,
		       struct ukt_kthread_delayed_work *dwork)
	UKT_REQUIRES(worker->lock)
{
	struct ukt_kthread_work *work = &dwork->work;

	/* Block queueing (and the timer function's insert) meanwhile. */
	__atomic_fetch_add(&work->__state, WORK_CANCEL_ONE, __ATOMIC_SEQ_CST);
	ukt_spin_unlock(&worker->lock);
	ukt_timer_delete_sync(&dwork->timer);
	ukt_spin_lock(&worker->lock);
	__atomic_fetch_sub(&work->__state, WORK_CANCEL_ONE, __ATOMIC_SEQ_CST);
}

bool ukt_kthread_cancel_delayed_work_sync(struct ukt_kthread_delayed_work *dwork)
{
	struct ukt_kthread_work *work = &dwork->work;
	struct ukt_kthread_worker *worker = work_worker(work);
	bool ret;

	if (!worker)
		return false;
	ukt_spin_lock(&worker->lock);
	kill_timer(worker, dwork);
	ret = ukt__work_cancel_locked(worker, work);
	ukt_spin_unlock(&worker->lock);
	return ret;
}

bool ukt_kthread_mod_delayed_work(struct ukt_kthread_worker *worker,
				  struct ukt_kthread_delayed_work *dwork,
				  unsigned long delay)
{
	struct ukt_kthread_work *work = &dwork->work;
	bool armed;
	bool ret;

	if (!worker_usable(worker) || !dwork_valid(dwork))
		return false;
	/* Without the timer thread the work is left as it was. */
	if (delay && !timer_thread_ready())
		return false;
	ukt_spin_lock(&worker->lock);
	/* Never queued: no timer to disarm. */
	armed = __atomic_load_n(&work->worker, __ATOMIC_ACQUIRE) != NULL;
	if (!ukt__work_attach(worker, work)) {
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
		if (!ukt__work_settled(worker, work)) {
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
