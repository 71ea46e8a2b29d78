// SPDX-License-Identifier: MIT
/*
 * wait.c - wait queues.
 *
 * Entries join a head under its lock; non-exclusive ones at the front,
 * exclusive ones at the back, so that __wake_up() wakes every
 * non-exclusive waiter and then stops after nr_exclusive exclusive ones.
 * The next pointer of the head is written with atomic stores, because
 * waitqueue_active() reads it without the lock.
 */
#include <ukthread/wait.h>

#include "kernel/sched/sched.h"
#include "lib/thread_safety.h"

static void wq_link(struct ukt_list_head *n, struct ukt_list_head *prev,
		    struct ukt_list_head *next)
{
	next->prev = n;
	n->next = next;
	n->prev = prev;
	__atomic_store_n(&prev->next, n, __ATOMIC_RELAXED);
}

static void wq_unlink(struct ukt_list_head *n)
{
	n->next->prev = n->prev;
	__atomic_store_n(&n->prev->next, n->next, __ATOMIC_RELAXED);
	n->next = n;
	n->prev = n;
}

static void wq_add(struct ukt_wait_queue_head *h, struct ukt_wait_queue_entry *e)
	UKT_REQUIRES(h->lock)
{
	if (e->flags & UKT_WQ_FLAG_EXCLUSIVE)
		wq_link(&e->entry, h->head.prev, &h->head);
	else
		wq_link(&e->entry, &h->head, h->head.next);
}

void ukt_init_waitqueue_head(struct ukt_wait_queue_head *h)
{
	ukt_spin_lock_init(&h->lock);
	ukt_list_init(&h->head);
}

void ukt_init_wait_entry(struct ukt_wait_queue_entry *e, int flags)
{
	e->flags = (unsigned int)flags;
	e->private = ukt_get_current();
	e->func = ukt_autoremove_wake_function;
	ukt_list_init(&e->entry);
}

int ukt_default_wake_function(struct ukt_wait_queue_entry *e, unsigned int mode,
			      int flags, void *key)
{
	(void)flags;
	(void)key;
	return ukt_wake_up_state(e->private, mode);
}

int ukt_autoremove_wake_function(struct ukt_wait_queue_entry *e, unsigned int mode,
				 int flags, void *key)
{
	int ret = ukt_default_wake_function(e, mode, flags, key);

	if (ret)
		wq_unlink(&e->entry);
	return ret;
}

int ukt_woken_wake_function(struct ukt_wait_queue_entry *e, unsigned int mode,
			    int flags, void *key)
{
	/* Release: wait_woken() that sees the flag sees what the waker did. */
	__atomic_or_fetch(&e->flags, UKT_WQ_FLAG_WOKEN, __ATOMIC_RELEASE);
	return ukt_default_wake_function(e, mode, flags, key);
}

void ukt_add_wait_queue(struct ukt_wait_queue_head *h, struct ukt_wait_queue_entry *e)
{
	e->flags &= ~UKT_WQ_FLAG_EXCLUSIVE;
	ukt_spin_lock(&h->lock);
	wq_add(h, e);
	ukt_spin_unlock(&h->lock);
}

void ukt_add_wait_queue_exclusive(struct ukt_wait_queue_head *h,
				  struct ukt_wait_queue_entry *e)
{
	e->flags |= UKT_WQ_FLAG_EXCLUSIVE;
	ukt_spin_lock(&h->lock);
	wq_add(h, e);
	ukt_spin_unlock(&h->lock);
}

void ukt_remove_wait_queue(struct ukt_wait_queue_head *h, struct ukt_wait_queue_entry *e)
{
	ukt_spin_lock(&h->lock);
	wq_unlink(&e->entry);
	ukt_spin_unlock(&h->lock);
}

void ukt_prepare_to_wait(struct ukt_wait_queue_head *h,
			 struct ukt_wait_queue_entry *e, int state)
{
	e->flags &= ~UKT_WQ_FLAG_EXCLUSIVE;
	ukt_spin_lock(&h->lock);
	if (ukt_list_empty(&e->entry))
		wq_add(h, e);
	ukt_set_current_state((unsigned int)state);
	ukt_spin_unlock(&h->lock);
}

bool ukt_prepare_to_wait_exclusive(struct ukt_wait_queue_head *h,
				   struct ukt_wait_queue_entry *e, int state)
{
	bool was_empty = false;

	e->flags |= UKT_WQ_FLAG_EXCLUSIVE;
	ukt_spin_lock(&h->lock);
	if (ukt_list_empty(&e->entry)) {
		was_empty = ukt_list_empty(&h->head);
		wq_add(h, e);
	}
	ukt_set_current_state((unsigned int)state);
	ukt_spin_unlock(&h->lock);
	return was_empty;
}

long ukt_prepare_to_wait_event(struct ukt_wait_queue_head *h,
			       struct ukt_wait_queue_entry *e, int state)
{
	long ret = 0;

	ukt_spin_lock(&h->lock);
	if (ukt_signal_pending_state((unsigned int)state, e->private)) {
		/*
		 * An exclusive waiter that leaves on a signal may have been
		 * woken already; the kernel passes that wakeup on only when
		 * the waiter was not yet removed, and so does this: a waiter
		 * still queued was not chosen, so nothing is lost.
		 */
		wq_unlink(&e->entry);
		ret = -ERESTARTSYS;
	} else {
		if (ukt_list_empty(&e->entry))
			wq_add(h, e);
		ukt_set_current_state((unsigned int)state);
	}
	ukt_spin_unlock(&h->lock);
	return ret;
}

void ukt_finish_wait(struct ukt_wait_queue_head *h, struct ukt_wait_queue_entry *e)
{
	ukt___set_current_state(UKT_TASK_RUNNING);
	/* Always under the lock: a waker may be unlinking the entry right now. */
	ukt_spin_lock(&h->lock);
	wq_unlink(&e->entry);
	ukt_spin_unlock(&h->lock);
}

/* A request of the thread's owner (kthread_stop(), kthread_park()) pending? */
static bool interrupt_wait(struct ukt_task *t)
{
	return t->interrupt_wait && t->interrupt_wait(t);
}

long ukt_wait_woken(struct ukt_wait_queue_entry *e, unsigned int mode, long timeout)
{
	ukt_set_current_state(mode);
	if (!(__atomic_load_n(&e->flags, __ATOMIC_ACQUIRE) & UKT_WQ_FLAG_WOKEN) &&
	    !interrupt_wait(ukt__cur()))
		timeout = ukt_schedule_timeout(timeout);
	ukt___set_current_state(UKT_TASK_RUNNING);
	__atomic_and_fetch(&e->flags, ~UKT_WQ_FLAG_WOKEN, __ATOMIC_SEQ_CST);
	return timeout;
}

int ukt___wake_up(struct ukt_wait_queue_head *h, unsigned int mode,
		  int nr_exclusive, void *key)
{
	struct ukt_list_head *pos, *next;
	int woken = 0;

	ukt_spin_lock(&h->lock);
	for (pos = h->head.next; pos != &h->head; pos = next) {
		struct ukt_wait_queue_entry *e =
			ukt_container_of(pos, struct ukt_wait_queue_entry, entry);
		unsigned int flags = e->flags;
		int ret;

		next = pos->next;
		ret = e->func(e, mode, 0, key);
		if (ret < 0)
			break;
		if (ret)
			woken++;
		if (ret && (flags & UKT_WQ_FLAG_EXCLUSIVE) && !--nr_exclusive)
			break;
	}
	ukt_spin_unlock(&h->lock);
	return woken;
}
