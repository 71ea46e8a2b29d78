// SPDX-License-Identifier: MIT
/*
 * wait.c - wait queues.
 *
 * Entries join a head under its lock; non-exclusive ones at the front,
 * exclusive ones at the back, so that __wake_up() wakes every
 * non-exclusive waiter and then stops after nr_exclusive exclusive ones.
 * The next pointer of the head is written with atomic stores, because
 * waitqueue_active() reads it without the lock.
 *
 * __wake_up() is async-signal-safe as complete() is (completion.c,
 * lib/sigsafe.h): a signal handler that interrupted its own thread inside
 * a section on the same head records its wakeup's mode in @__deferred,
 * and the section wakes every waiter of that mode before it ends (a
 * deferred wakeup wakes all: waiters test their condition again).
 */
#include <ukthread/wait.h>

#include "kernel/sched/sched.h"
#include "lib/thread_safety.h"
#include "lib/sigsafe.h"

static void wake_up_locked(struct ukt_wait_queue_head *h, unsigned int mode,
			   int nr_exclusive, void *key, int *woken);

static void h_lock(struct ukt_wait_queue_head *h, struct ukt_sigsafe_frame *f)
	UKT_ACQUIRE(h->lock)
{
	ukt__sigsafe_enter(f, h);
	ukt_spin_lock(&h->lock);
}

/* As completion.c's c_unlock(): run deferred wakeups, unlock, withdraw, look again. */
static void h_unlock(struct ukt_wait_queue_head *h, struct ukt_sigsafe_frame *f)
	UKT_RELEASE(h->lock) UKT_NO_THREAD_SAFETY_ANALYSIS
{
	for (;;) {
		unsigned int modes;
		int woken = 0;

		ukt__sigsafe_take(f);
		modes = __atomic_exchange_n(&h->__deferred, 0, __ATOMIC_RELAXED);
		if (modes)
			wake_up_locked(h, modes, 0, NULL, &woken);
		ukt_spin_unlock(&h->lock);
		ukt__sigsafe_leave(f);
		/* Only our own flag: @h may be gone once unlocked. */
		if (ukt_likely(!ukt__sigsafe_pending(f)))
			return;
		h_lock(h, f);
	}
}

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
	h->__deferred = 0;
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
	struct ukt_sigsafe_frame f;

	e->flags &= ~UKT_WQ_FLAG_EXCLUSIVE;
	h_lock(h, &f);
	wq_add(h, e);
	h_unlock(h, &f);
}

void ukt_add_wait_queue_exclusive(struct ukt_wait_queue_head *h,
				  struct ukt_wait_queue_entry *e)
{
	struct ukt_sigsafe_frame f;

	e->flags |= UKT_WQ_FLAG_EXCLUSIVE;
	h_lock(h, &f);
	wq_add(h, e);
	h_unlock(h, &f);
}

void ukt_remove_wait_queue(struct ukt_wait_queue_head *h, struct ukt_wait_queue_entry *e)
{
	struct ukt_sigsafe_frame f;

	h_lock(h, &f);
	wq_unlink(&e->entry);
	h_unlock(h, &f);
}

void ukt_prepare_to_wait(struct ukt_wait_queue_head *h,
			 struct ukt_wait_queue_entry *e, int state)
{
	struct ukt_sigsafe_frame f;

	e->flags &= ~UKT_WQ_FLAG_EXCLUSIVE;
	h_lock(h, &f);
	if (ukt_list_empty(&e->entry))
		wq_add(h, e);
	ukt_set_current_state((unsigned int)state);
	h_unlock(h, &f);
}

bool ukt_prepare_to_wait_exclusive(struct ukt_wait_queue_head *h,
				   struct ukt_wait_queue_entry *e, int state)
{
	struct ukt_sigsafe_frame f;
	bool was_empty = false;

	e->flags |= UKT_WQ_FLAG_EXCLUSIVE;
	h_lock(h, &f);
	if (ukt_list_empty(&e->entry)) {
		was_empty = ukt_list_empty(&h->head);
		wq_add(h, e);
	}
	ukt_set_current_state((unsigned int)state);
	h_unlock(h, &f);
	return was_empty;
}

long ukt_prepare_to_wait_event(struct ukt_wait_queue_head *h,
			       struct ukt_wait_queue_entry *e, int state)
{
	struct ukt_sigsafe_frame f;
	long ret = 0;

	h_lock(h, &f);
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
	h_unlock(h, &f);
	return ret;
}

void ukt_finish_wait(struct ukt_wait_queue_head *h, struct ukt_wait_queue_entry *e)
{
	struct ukt_sigsafe_frame f;

	ukt___set_current_state(UKT_TASK_RUNNING);
	/* Always under the lock: a waker may be unlinking the entry right now. */
	h_lock(h, &f);
	wq_unlink(&e->entry);
	h_unlock(h, &f);
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

static void wake_up_locked(struct ukt_wait_queue_head *h, unsigned int mode,
			   int nr_exclusive, void *key, int *woken)
{
	struct ukt_list_head *pos, *next;

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
			(*woken)++;
		if (ret && (flags & UKT_WQ_FLAG_EXCLUSIVE) && !--nr_exclusive)
			break;
	}
}

int ukt___wake_up(struct ukt_wait_queue_head *h, unsigned int mode,
		  int nr_exclusive, void *key)
{
	struct ukt_sigsafe_frame f, *in;
	int woken = 0;

	/* A handler that interrupted its thread inside a section on @h. */
	if (ukt_unlikely((in = ukt__sigsafe_inside(h)))) {
		__atomic_fetch_or(&h->__deferred, mode, __ATOMIC_RELAXED);
		ukt__sigsafe_defer(in);
		return 0;
	}
	h_lock(h, &f);
	wake_up_locked(h, mode, nr_exclusive, key, &woken);
	h_unlock(h, &f);
	return woken;
}
