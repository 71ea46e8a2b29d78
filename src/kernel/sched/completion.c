// SPDX-License-Identifier: MIT
/*
 * completion.c - completions.
 *
 * done counts banked passes.  A waiter that finds none queues itself and
 * sleeps; complete() banks a pass, unlinks the oldest waiter and wakes it;
 * the waiter, back under the lock, takes the pass or (if a newcomer took
 * it first) queues again.  complete_all() sets done to UINT_MAX, which no
 * waiter decrements.  @done is written with atomic stores (under the lock)
 * so that a waiter may spin on it without the lock before it sleeps.
 *
 * complete() and complete_all() are async-signal-safe: every section
 * under the lock is announced on the thread's chain (lib/sigsafe.h), and
 * a signal handler that finds its own thread inside a section on the same
 * completion leaves its call in @__deferred instead of taking the lock;
 * the section carries it out before it ends.
 */
#include <limits.h>

#include <ukthread/completion.h>
#include <ukthread/err.h>
#include <ukthread/jiffies.h>

#include "kernel/sched/sched.h"
#include "lib/sigsafe.h"
#include "lib/thread_safety.h"

#define DEFER_ALL 0x80000000u	/* in __deferred: a complete_all() */

struct cwaiter {
	struct ukt_list_head node;
	struct ukt_task_struct *task;
};

void ukt_init_completion(struct ukt_completion *x)
{
	x->done = 0;
	ukt_spin_lock_init(&x->lock);
	ukt_list_init(&x->waiters);
	x->__deferred = 0;
}

static void set_done(struct ukt_completion *x, unsigned int done)
	UKT_REQUIRES(x->lock)
{
	__atomic_store_n(&x->done, done, __ATOMIC_RELAXED);
}

static void complete_locked(struct ukt_completion *x);
static void complete_all_locked(struct ukt_completion *x);

/* Announce the section, then lock: a handler that interrupts from here defers. */
static void c_lock(struct ukt_completion *x, struct ukt_sigsafe_frame *f)
	UKT_ACQUIRE(x->lock)
{
	ukt__sigsafe_enter(f, x);
	ukt_spin_lock(&x->lock);
	/*
	 * A zeroed completion, never initialised: its lock word is a free
	 * lock, its list is not a list.  Warn and make it an empty one.
	 */
	if (UKT_WARN_ONCE(ukt_unlikely(!x->waiters.next),
			  "a completion used without init_completion()"))
		ukt_list_init(&x->waiters);
}

/* Carry out what handlers deferred; under the lock. */
static void run_deferred(struct ukt_completion *x)
{
	unsigned int d = __atomic_exchange_n(&x->__deferred, 0, __ATOMIC_RELAXED);

	if (d & DEFER_ALL)
		complete_all_locked(x);
	for (d &= ~DEFER_ALL; d; d--)
		complete_locked(x);
}

/*
 * Unlock, then withdraw the section.  A handler of this thread that came
 * between the two deferred its call and flagged our frame: take the lock
 * again to carry it out.
 */
static void c_unlock(struct ukt_completion *x, struct ukt_sigsafe_frame *f)
	UKT_RELEASE(x->lock) UKT_NO_THREAD_SAFETY_ANALYSIS
{
	for (;;) {
		ukt__sigsafe_take(f);
		if (__atomic_load_n(&x->__deferred, __ATOMIC_RELAXED))
			run_deferred(x);
		ukt_spin_unlock(&x->lock);
		ukt__sigsafe_leave(f);
		/* Only our own flag: @x may be gone once unlocked (a waiter's stack). */
		if (ukt_likely(!ukt__sigsafe_pending(f)))
			return;
		c_lock(x, f);
	}
}

void ukt_reinit_completion(struct ukt_completion *x)
{
	struct ukt_sigsafe_frame f;

	c_lock(x, &f);
	set_done(x, 0);
	c_unlock(x, &f);
}

static void wake_first(struct ukt_completion *x)
	UKT_REQUIRES(x->lock)
{
	struct cwaiter *w = ukt_container_of(x->waiters.next, struct cwaiter, node);

	ukt_list_del_init(&w->node);
	ukt_wake_up_process(w->task);
}

static void complete_locked(struct ukt_completion *x)
	UKT_REQUIRES(x->lock)
{
	if (x->done != UINT_MAX)
		set_done(x, x->done + 1);
	if (!ukt_list_empty(&x->waiters))
		wake_first(x);
}

static void complete_all_locked(struct ukt_completion *x)
	UKT_REQUIRES(x->lock)
{
	set_done(x, UINT_MAX);
	while (!ukt_list_empty(&x->waiters))
		wake_first(x);
}

void ukt_complete(struct ukt_completion *x)
{
	struct ukt_sigsafe_frame f, *in;

	/* A handler that interrupted its thread inside a section on @x. */
	if (ukt_unlikely((in = ukt__sigsafe_inside(x)))) {
		__atomic_fetch_add(&x->__deferred, 1, __ATOMIC_RELAXED);
		ukt__sigsafe_defer(in);
		return;
	}
	c_lock(x, &f);
	complete_locked(x);
	c_unlock(x, &f);
}

void ukt_complete_all(struct ukt_completion *x)
{
	struct ukt_sigsafe_frame f, *in;

	if (ukt_unlikely((in = ukt__sigsafe_inside(x)))) {
		__atomic_fetch_or(&x->__deferred, DEFER_ALL, __ATOMIC_RELAXED);
		ukt__sigsafe_defer(in);
		return;
	}
	c_lock(x, &f);
	complete_all_locked(x);
	c_unlock(x, &f);
}

/*
 * Wait in @state for at most @timeout jiffies.  Returns the jiffies left
 * (at least 1) when a pass was taken, 0 on timeout, -ERESTARTSYS when an
 * interruptible wait saw signal_pending().
 */
static long wait_common(struct ukt_completion *x, long timeout, unsigned int state)
{
	struct ukt_task_struct *self = ukt_get_current();
	struct ukt_sigsafe_frame f;

	c_lock(x, &f);
	if (!x->done) {
		struct cwaiter w = { .task = self };

		ukt_list_init(&w.node);
		do {
			if (ukt_signal_pending_state(state, self)) {
				timeout = -ERESTARTSYS;
				break;
			}
			if (ukt_list_empty(&w.node))
				ukt_list_add_tail(&w.node, &x->waiters);
			/* The lock orders this with complete()'s wakeup. */
			ukt___set_current_state(state);
			c_unlock(x, &f);
			timeout = ukt_schedule_timeout(timeout);
			c_lock(x, &f);
		} while (!x->done && timeout);
		if (!ukt_list_empty(&w.node))
			ukt_list_del_init(&w.node);
		if (!x->done) {
			c_unlock(x, &f);
			return timeout;
		}
	}
	if (x->done != UINT_MAX)
		set_done(x, x->done - 1);
	c_unlock(x, &f);
	return timeout ? timeout : 1;
}

void ukt_wait_for_completion(struct ukt_completion *x)
{
	wait_common(x, UKT_MAX_SCHEDULE_TIMEOUT, UKT_TASK_UNINTERRUPTIBLE);
}

void ukt_wait_for_completion_io(struct ukt_completion *x)
{
	wait_common(x, UKT_MAX_SCHEDULE_TIMEOUT, UKT_TASK_UNINTERRUPTIBLE);
}

static long clamp_timeout(unsigned long timeout)
{
	return timeout > (unsigned long)UKT_MAX_SCHEDULE_TIMEOUT ?
		UKT_MAX_SCHEDULE_TIMEOUT : (long)timeout;
}

unsigned long ukt_wait_for_completion_timeout(struct ukt_completion *x,
					      unsigned long timeout)
{
	return (unsigned long)wait_common(x, clamp_timeout(timeout),
					  UKT_TASK_UNINTERRUPTIBLE);
}

int ukt_wait_for_completion_interruptible(struct ukt_completion *x)
{
	long t = wait_common(x, UKT_MAX_SCHEDULE_TIMEOUT, UKT_TASK_INTERRUPTIBLE);

	return t == -ERESTARTSYS ? (int)t : 0;
}

long ukt_wait_for_completion_interruptible_timeout(struct ukt_completion *x,
						   unsigned long timeout)
{
	return wait_common(x, clamp_timeout(timeout), UKT_TASK_INTERRUPTIBLE);
}

int ukt_wait_for_completion_killable(struct ukt_completion *x)
{
	long t = wait_common(x, UKT_MAX_SCHEDULE_TIMEOUT, UKT_TASK_KILLABLE);

	return t == -ERESTARTSYS ? (int)t : 0;
}

long ukt_wait_for_completion_killable_timeout(struct ukt_completion *x,
					      unsigned long timeout)
{
	return wait_common(x, clamp_timeout(timeout), UKT_TASK_KILLABLE);
}

bool ukt_try_wait_for_completion(struct ukt_completion *x)
{
	struct ukt_sigsafe_frame f;
	bool ret = false;

	c_lock(x, &f);
	if (x->done) {
		if (x->done != UINT_MAX)
			set_done(x, x->done - 1);
		ret = true;
	}
	c_unlock(x, &f);
	return ret;
}

bool ukt_completion_done(struct ukt_completion *x)
{
	struct ukt_sigsafe_frame f;
	bool ret;

	c_lock(x, &f);
	ret = x->done != 0;
	c_unlock(x, &f);
	return ret;
}
