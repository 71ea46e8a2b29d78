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
 */
#include <limits.h>

#include <ukthread/completion.h>
#include <ukthread/err.h>
#include <ukthread/jiffies.h>

#include "kernel/sched/sched.h"
#include "lib/thread_safety.h"

struct cwaiter {
	struct ukt_list_head node;
	struct ukt_task_struct *task;
};

void ukt_init_completion(struct ukt_completion *x)
{
	x->done = 0;
	ukt_spin_lock_init(&x->lock);
	ukt_list_init(&x->waiters);
}

static void set_done(struct ukt_completion *x, unsigned int done)
	UKT_REQUIRES(x->lock)
{
	__atomic_store_n(&x->done, done, __ATOMIC_RELAXED);
}

void ukt_reinit_completion(struct ukt_completion *x)
{
	ukt_spin_lock(&x->lock);
	set_done(x, 0);
	ukt_spin_unlock(&x->lock);
}

static void wake_first(struct ukt_completion *x)
	UKT_REQUIRES(x->lock)
{
	struct cwaiter *w = ukt_container_of(x->waiters.next, struct cwaiter, node);

	ukt_list_del_init(&w->node);
	ukt_wake_up_process(w->task);
}

void ukt_complete(struct ukt_completion *x)
{
	ukt_spin_lock(&x->lock);
	if (x->done != UINT_MAX)
		set_done(x, x->done + 1);
	if (!ukt_list_empty(&x->waiters))
		wake_first(x);
	ukt_spin_unlock(&x->lock);
}

void ukt_complete_all(struct ukt_completion *x)
{
	ukt_spin_lock(&x->lock);
	set_done(x, UINT_MAX);
	while (!ukt_list_empty(&x->waiters))
		wake_first(x);
	ukt_spin_unlock(&x->lock);
}

/*
 * Wait in @state for at most @timeout jiffies.  Returns the jiffies left
 * (at least 1) when a pass was taken, 0 on timeout, -ERESTARTSYS when an
 * interruptible wait saw signal_pending().
 */
static long wait_common(struct ukt_completion *x, long timeout, unsigned int state)
{
	struct ukt_task_struct *self = ukt_get_current();

	ukt_spin_lock(&x->lock);
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
			ukt_spin_unlock(&x->lock);
			timeout = ukt_schedule_timeout(timeout);
			ukt_spin_lock(&x->lock);
		} while (!x->done && timeout);
		if (!ukt_list_empty(&w.node))
			ukt_list_del_init(&w.node);
		if (!x->done) {
			ukt_spin_unlock(&x->lock);
			return timeout;
		}
	}
	if (x->done != UINT_MAX)
		set_done(x, x->done - 1);
	ukt_spin_unlock(&x->lock);
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
	bool ret = false;

	ukt_spin_lock(&x->lock);
	if (x->done) {
		if (x->done != UINT_MAX)
			set_done(x, x->done - 1);
		ret = true;
	}
	ukt_spin_unlock(&x->lock);
	return ret;
}

bool ukt_completion_done(struct ukt_completion *x)
{
	bool ret;

	ukt_spin_lock(&x->lock);
	ret = x->done != 0;
	ukt_spin_unlock(&x->lock);
	return ret;
}
