// SPDX-License-Identifier: MIT
/*
 * rwsem.c - reader/writer semaphores.
 *
 * Who holds it (@readers, @writer) and a FIFO list of sleepers sit under
 * one spinlock.  A task comes in at once only when nobody sleeps before
 * it and the holders allow it; otherwise it queues a waiter on its stack
 * and sleeps until grant() lets it in.  grant() runs whenever a hold ends
 * or a waiter leaves: it lets in the head of the queue if it may come in
 * now, and then the readers right behind a reader.  A waiter is let in
 * under the lock (its hold counted, marked granted, woken), so it never
 * has to race for the semaphore after its wakeup.
 */
#include <errno.h>

#include <ukthread/debug.h>
#include <ukthread/rwsem.h>

#include "kernel/sched/sched.h"
#include "lib/thread_safety.h"

/* A sleeper in down_read() or down_write(), on its own stack. */
struct rwsem_waiter {
	struct ukt_list_head node;
	struct ukt_task_struct *task;
	bool write;
	bool granted;			/* under sem->lock */
};

/* @readers and @writer are also read without the lock (rwsem_is_locked()). */
static void set_readers(struct ukt_rw_semaphore *sem, int n)
{
	__atomic_store_n(&sem->readers, n, __ATOMIC_RELAXED);
}

static void set_writer(struct ukt_rw_semaphore *sem, int w)
{
	__atomic_store_n(&sem->writer, w, __ATOMIC_RELAXED);
}

void ukt_init_rwsem(struct ukt_rw_semaphore *sem)
{
	ukt_spin_lock_init(&sem->lock);
	sem->readers = 0;
	sem->writer = 0;
	ukt_list_init(&sem->wait_list);
}

/* Let in what may come in from the head of the queue; under sem->lock. */
static void grant(struct ukt_rw_semaphore *sem)
{
	while (!ukt_list_empty(&sem->wait_list)) {
		struct rwsem_waiter *w = ukt_container_of(sem->wait_list.next,
							  struct rwsem_waiter, node);

		if (sem->writer || (w->write && sem->readers))
			return;
		if (w->write)
			set_writer(sem, 1);
		else
			set_readers(sem, sem->readers + 1);
		ukt_list_del_init(&w->node);
		w->granted = true;
		/* Under the lock: @w lives until its owner re-takes it. */
		ukt_wake_up_process(w->task);
		if (w->write)
			return;
	}
}

/* Come in at once if allowed; under sem->lock.  True when in. */
static bool try_enter(struct ukt_rw_semaphore *sem, bool write)
{
	if (sem->writer || !ukt_list_empty(&sem->wait_list))
		return false;
	if (write) {
		if (sem->readers)
			return false;
		set_writer(sem, 1);
	} else {
		set_readers(sem, sem->readers + 1);
	}
	return true;
}

/* Queue and sleep in @state until let in; under sem->lock.  0 or -EINTR. */
static int wait_slow(struct ukt_rw_semaphore *sem, bool write, unsigned int state)
	UKT_REQUIRES(sem->lock)
{
	struct rwsem_waiter w = { .task = ukt_get_current(), .write = write };

	ukt_list_add_tail(&w.node, &sem->wait_list);
	for (;;) {
		if (ukt_signal_pending_state(state, w.task)) {
			ukt_list_del_init(&w.node);
			grant(sem);	/* a writer leaving may free readers behind it */
			return -EINTR;
		}
		/* Set before unlocking: a grant() in between makes schedule() return. */
		ukt_set_current_state(state);
		ukt_spin_unlock(&sem->lock);
		ukt_schedule();
		ukt_spin_lock(&sem->lock);
		if (w.granted)
			return 0;
	}
}

static int down_common(struct ukt_rw_semaphore *sem, bool write, unsigned int state)
{
	int ret = 0;

	ukt_spin_lock(&sem->lock);
	if (!try_enter(sem, write))
		ret = wait_slow(sem, write, state);
	ukt_spin_unlock(&sem->lock);
	return ret;
}

static int trylock(struct ukt_rw_semaphore *sem, bool write)
{
	bool in;

	ukt_spin_lock(&sem->lock);
	in = try_enter(sem, write);
	ukt_spin_unlock(&sem->lock);
	return in;
}

void ukt_down_read(struct ukt_rw_semaphore *sem)
{
	down_common(sem, false, UKT_TASK_UNINTERRUPTIBLE);
}

int ukt_down_read_interruptible(struct ukt_rw_semaphore *sem)
{
	return down_common(sem, false, UKT_TASK_INTERRUPTIBLE);
}

int ukt_down_read_killable(struct ukt_rw_semaphore *sem)
{
	return down_common(sem, false, UKT_TASK_KILLABLE);
}

int ukt_down_read_trylock(struct ukt_rw_semaphore *sem)
{
	return trylock(sem, false);
}

void ukt_down_write(struct ukt_rw_semaphore *sem)
{
	down_common(sem, true, UKT_TASK_UNINTERRUPTIBLE);
}

int ukt_down_write_killable(struct ukt_rw_semaphore *sem)
{
	return down_common(sem, true, UKT_TASK_KILLABLE);
}

int ukt_down_write_trylock(struct ukt_rw_semaphore *sem)
{
	return trylock(sem, true);
}

void ukt_up_read(struct ukt_rw_semaphore *sem)
{
	ukt_spin_lock(&sem->lock);
	if (!UKT_WARN_ONCE(sem->readers <= 0, "up_read() without a read hold")) {
		set_readers(sem, sem->readers - 1);
		grant(sem);
	}
	ukt_spin_unlock(&sem->lock);
}

void ukt_up_write(struct ukt_rw_semaphore *sem)
{
	ukt_spin_lock(&sem->lock);
	if (!UKT_WARN_ONCE(!sem->writer, "up_write() without the write hold")) {
		set_writer(sem, 0);
		grant(sem);
	}
	ukt_spin_unlock(&sem->lock);
}

void ukt_downgrade_write(struct ukt_rw_semaphore *sem)
{
	ukt_spin_lock(&sem->lock);
	if (!UKT_WARN_ONCE(!sem->writer, "downgrade_write() without the write hold")) {
		set_writer(sem, 0);
		set_readers(sem, 1);
		grant(sem);	/* the readers at the head; a writer there stays */
	}
	ukt_spin_unlock(&sem->lock);
}
