/* SPDX-License-Identifier: MIT */
/*
 * lib/sigsafe.h - the locks of completions and wait queues, safe against
 * a signal handler of the same thread.
 *
 * complete(), complete_all() and wake_up() may be called from a signal
 * handler (user space's interrupt context).  A handler that interrupts
 * its own thread inside a critical section on the same object would spin
 * forever on a lock its thread holds.  So each critical section is
 * announced on a per-thread chain of frames before the lock is taken and
 * withdrawn after it is released; a handler that finds the object on its
 * thread's chain does not take the lock but records its operation in the
 * object's deferred word, which the interrupted section carries out
 * before it lets go (ukt__sigsafe_leave() tells it to look again).  No
 * system call, no signal mask: the cost is two thread-local stores.
 */
#ifndef UKTHREAD_LIB_SIGSAFE_H
#define UKTHREAD_LIB_SIGSAFE_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/lib.h"

/*
 * One critical section of the calling thread, on its stack.  @deferred is
 * set by a handler of the thread that deferred a call on @obj: only then
 * does the section touch @obj again after unlocking (the object may be
 * gone by then otherwise: a completion on a waiter's stack).
 */
struct ukt_sigsafe_frame {
	const void *obj;
	struct ukt_sigsafe_frame *prev;
	int deferred;
};

/* initial-exec: no lazy allocation on the first access from a handler. */
UKT_HIDDEN extern __thread struct ukt_sigsafe_frame *ukt__sigsafe_top
	__attribute__((tls_model("initial-exec")));

/**
 * ukt__sigsafe_enter - announce a critical section on @obj, before its lock.
 * @f: the frame, on the caller's stack.
 * @obj: the object.
 */
static inline void ukt__sigsafe_enter(struct ukt_sigsafe_frame *f, const void *obj)
{
	f->obj = obj;
	f->prev = ukt__sigsafe_top;
	f->deferred = 0;
	/* A handler of this thread sees the frame whole once it is on the chain. */
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	ukt__sigsafe_top = f;
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
}

/**
 * ukt__sigsafe_leave - withdraw the section of @f, after its lock was released.
 * @f: the frame of ukt__sigsafe_enter().
 */
static inline void ukt__sigsafe_leave(struct ukt_sigsafe_frame *f)
{
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	ukt__sigsafe_top = f->prev;
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
}

/**
 * ukt__sigsafe_inside - is the calling thread (interrupted) inside a
 * critical section on @obj?
 * @obj: the object.
 *
 * Return: the frame of that section when a frame of this thread on the
 * chain is @obj's: the caller is a signal handler and must defer instead
 * of locking (record the call in the object, then ukt__sigsafe_defer());
 * NULL otherwise.
 */
static inline struct ukt_sigsafe_frame *ukt__sigsafe_inside(const void *obj)
{
	for (struct ukt_sigsafe_frame *f = ukt__sigsafe_top; f; f = f->prev)
		if (f->obj == obj)
			return f;
	return NULL;
}

/**
 * ukt__sigsafe_defer - tell the interrupted section of @f that a call was
 * recorded in its object.
 * @f: the frame ukt__sigsafe_inside() found.
 */
static inline void ukt__sigsafe_defer(struct ukt_sigsafe_frame *f)
{
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	f->deferred = 1;
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
}

/**
 * ukt__sigsafe_take - under the lock, before carrying out deferred calls:
 * forget the frame's flag (a handler after this sets it again).
 * @f: the frame.
 */
static inline void ukt__sigsafe_take(struct ukt_sigsafe_frame *f)
{
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	f->deferred = 0;
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
}

/**
 * ukt__sigsafe_pending - after ukt__sigsafe_leave(): did a handler defer a
 * call after the last ukt__sigsafe_take()?  Then lock again and carry it out.
 * @f: the frame.
 *
 * Return: true when it did.
 */
static inline bool ukt__sigsafe_pending(struct ukt_sigsafe_frame *f)
{
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	return f->deferred;
}

#endif /* UKTHREAD_LIB_SIGSAFE_H */
