// SPDX-License-Identifier: MIT
/*
 * semaphore.c - counting semaphores.
 *
 * The count and a FIFO list of sleepers sit under one spinlock.  down()
 * takes a unit when the count is above 0 and nobody sleeps; otherwise it
 * queues a waiter on its stack and sleeps until up() hands it a unit.
 * up() never raises the count while someone sleeps: it takes the oldest
 * waiter off the list, marks it granted and wakes it, all under the lock,
 * so the unit cannot be stolen by a late arrival and a waiter that gives
 * up (stop, timeout) either got its unit or is still on the list.
 */
#include <errno.h>

#include <ukthread/semaphore.h>

#include "kernel/sched/sched.h"
#include "lib/thread_safety.h"

/* A sleeper in down(), on its own stack. */
struct sem_waiter {
	struct ukt_list_head node;
	struct ukt_task_struct *task;
	bool granted;			/* under sem->lock */
};

void ukt_sema_init(struct ukt_semaphore *sem, int val)
{
	ukt_spin_lock_init(&sem->lock);
	sem->count = (unsigned int)val;
	ukt_list_init(&sem->wait_list);
}

/*
 * Sleep in @state for a unit, at most @timeout jiffies; with sem->lock
 * held, returns with it held.  0 when granted, -EINTR or -ETIME when not.
 */
static int down_slow(struct ukt_semaphore *sem, unsigned int state, long timeout)
	UKT_REQUIRES(sem->lock)
{
	struct sem_waiter w = { .task = ukt_get_current(), .granted = false };

	ukt_list_add_tail(&w.node, &sem->wait_list);
	for (;;) {
		if (ukt_signal_pending_state(state, w.task)) {
			ukt_list_del_init(&w.node);
			return -EINTR;
		}
		if (timeout <= 0) {
			ukt_list_del_init(&w.node);
			return -ETIME;
		}
		/* Set before unlocking: an up() in between makes schedule() return. */
		ukt_set_current_state(state);
		ukt_spin_unlock(&sem->lock);
		timeout = ukt_schedule_timeout(timeout);
		ukt_spin_lock(&sem->lock);
		if (w.granted)
			return 0;
	}
}

static int down_common(struct ukt_semaphore *sem, unsigned int state, long timeout)
{
	int ret = 0;

	ukt_spin_lock(&sem->lock);
	if (sem->count > 0 && ukt_list_empty(&sem->wait_list))
		sem->count--;
	else
		ret = down_slow(sem, state, timeout);
	ukt_spin_unlock(&sem->lock);
	return ret;
}

void ukt_down(struct ukt_semaphore *sem)
{
	down_common(sem, UKT_TASK_UNINTERRUPTIBLE, UKT_MAX_SCHEDULE_TIMEOUT);
}

int ukt_down_interruptible(struct ukt_semaphore *sem)
{
	return down_common(sem, UKT_TASK_INTERRUPTIBLE, UKT_MAX_SCHEDULE_TIMEOUT);
}

int ukt_down_killable(struct ukt_semaphore *sem)
{
	return down_common(sem, UKT_TASK_KILLABLE, UKT_MAX_SCHEDULE_TIMEOUT);
}

int ukt_down_timeout(struct ukt_semaphore *sem, long timeout)
{
	return down_common(sem, UKT_TASK_UNINTERRUPTIBLE, timeout);
}

int ukt_down_trylock(struct ukt_semaphore *sem)
{
	int busy = 1;

	ukt_spin_lock(&sem->lock);
	if (sem->count > 0 && ukt_list_empty(&sem->wait_list)) {
		sem->count--;
		busy = 0;
	}
	ukt_spin_unlock(&sem->lock);
	return busy;
}

void ukt_up(struct ukt_semaphore *sem)
{
	ukt_spin_lock(&sem->lock);
	if (ukt_list_empty(&sem->wait_list)) {
		sem->count++;
	} else {
		struct sem_waiter *w = ukt_container_of(sem->wait_list.next,
							struct sem_waiter, node);

		ukt_list_del_init(&w->node);
		w->granted = true;
		/* Under the lock: @w lives until its owner re-takes it. */
		ukt_wake_up_process(w->task);
	}
	ukt_spin_unlock(&sem->lock);
}
