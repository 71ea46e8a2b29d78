/* SPDX-License-Identifier: MIT */
/*
 * ukthread/completion.h - completions: "this happened" for other threads.
 *
 * complete() lets one waiter through (or banks one pass if nobody waits);
 * complete_all() lets every present and future waiter through until
 * reinit_completion().  Waiters sleep in FIFO order.
 */
#ifndef UKTHREAD_COMPLETION_H
#define UKTHREAD_COMPLETION_H

#include <stdbool.h>
#include <ukthread/compiler.h>
#include <ukthread/list.h>
#include <ukthread/spinlock.h>

/**
 * struct ukt_completion - a counted event.
 * @done: passes banked; UINT_MAX after complete_all().
 * @lock: protects @done and @waiters.
 * @waiters: sleeping waiters, oldest first.
 * @__deferred: complete() and complete_all() calls of a signal handler
 *	that interrupted its own thread inside an operation on this
 *	completion, carried out when that operation ends (internal).
 */
struct ukt_completion {
	unsigned int done;
	ukt_spinlock_t lock;
	struct ukt_list_head waiters;
	unsigned int __deferred;
};

/**
 * UKT_COMPLETION_INITIALIZER - static initialiser of a completion, not done.
 * @work: the completion being initialised.
 */
#define UKT_COMPLETION_INITIALIZER(work) \
	{ 0, UKT_SPINLOCK_INIT, UKT_LIST_HEAD_INIT((work).waiters), 0 }

/**
 * UKT_COMPLETION_INITIALIZER_ONSTACK - initialiser of a completion on the
 * stack.
 * @work: the completion being initialised.
 *
 * Runs init_completion() on @work, so it also works where a constant
 * initialiser cannot be used.
 *
 * Return: the initialised @work, to initialise the variable with.
 */
#define UKT_COMPLETION_INITIALIZER_ONSTACK(work) \
	(*({ ukt_init_completion(&(work)); &(work); }))

/**
 * UKT_DECLARE_COMPLETION - define a completion, not done.
 * @work: name of the struct ukt_completion variable.
 */
#define UKT_DECLARE_COMPLETION(work) \
	struct ukt_completion work = UKT_COMPLETION_INITIALIZER(work)

/**
 * UKT_DECLARE_COMPLETION_ONSTACK - define a completion, not done, on the
 * stack.
 * @work: name of the struct ukt_completion variable.
 */
#define UKT_DECLARE_COMPLETION_ONSTACK(work) \
	struct ukt_completion work = UKT_COMPLETION_INITIALIZER_ONSTACK(work)

/**
 * ukt_init_completion - initialise a completion, not done.
 * @x: the completion.
 */
UKT_API void ukt_init_completion(struct ukt_completion *x);

/**
 * ukt_reinit_completion - make a completion not done again.
 * @x: the completion; nobody may be waiting on it.
 *
 * Drops the passes that complete() banked and ends complete_all().
 */
UKT_API void ukt_reinit_completion(struct ukt_completion *x);

/**
 * ukt_complete - let one waiter through.
 * @x: the completion.
 *
 * Wakes the oldest waiter; with nobody waiting, banks a pass for the next
 * one.  After complete_all() it changes nothing.
 *
 * Async-signal-safe, as the kernel's is safe in interrupt context: it may
 * be called from a signal handler, also one that interrupted an operation
 * on @x in the same thread (the pass is then banked and the waiter woken
 * when that operation ends, a moment later).
 */
UKT_API void ukt_complete(struct ukt_completion *x);

/**
 * ukt_complete_all - let every waiter through, now and later.
 * @x: the completion.
 *
 * Wakes every waiter, and every later wait passes at once until
 * reinit_completion().  Async-signal-safe, as complete() is.
 */
UKT_API void ukt_complete_all(struct ukt_completion *x);

/**
 * ukt_wait_for_completion - wait, uninterruptibly, until a completion is
 * done.
 * @x: the completion.
 *
 * Takes one pass: a complete() lets one wait through.
 */
UKT_API void ukt_wait_for_completion(struct ukt_completion *x);

/**
 * ukt_wait_for_completion_io - wait_for_completion() for I/O.
 * @x: the completion.
 *
 * The same as wait_for_completion(): there is no I/O accounting here.
 */
UKT_API void ukt_wait_for_completion_io(struct ukt_completion *x);

/**
 * ukt_wait_for_completion_timeout - wait, uninterruptibly, for a limited
 * time.
 * @x: the completion.
 * @timeout: the longest wait, in jiffies; MAX_SCHEDULE_TIMEOUT (or more)
 *	for no limit.
 *
 * Return: 0 if the time ran out, else the jiffies left (at least 1).
 */
UKT_API unsigned long ukt_wait_for_completion_timeout(struct ukt_completion *x,
						      unsigned long timeout);

/**
 * ukt_wait_for_completion_interruptible - wait until done or interrupted.
 * @x: the completion.
 *
 * The wait is interrupted once signal_pending(): the waiting kthread is
 * being stopped.
 *
 * Return: 0 when done, -ERESTARTSYS when interrupted (no pass taken).
 */
UKT_API int ukt_wait_for_completion_interruptible(struct ukt_completion *x);

/**
 * ukt_wait_for_completion_interruptible_timeout - wait until done,
 * interrupted or out of time.
 * @x: the completion.
 * @timeout: the longest wait, in jiffies.
 *
 * Return: -ERESTARTSYS when interrupted (the waiting kthread is being
 * stopped), 0 if the time ran out, else the jiffies left (at least 1).
 */
UKT_API long ukt_wait_for_completion_interruptible_timeout(struct ukt_completion *x,
							   unsigned long timeout);

/**
 * ukt_wait_for_completion_killable - wait until done or killed.
 * @x: the completion.
 *
 * A fatal signal ends the whole process in user space, so this waits as
 * wait_for_completion() does.
 *
 * Return: 0.  (The kernel's -ERESTARTSYS for a fatal signal does not
 * happen here.)
 */
UKT_API int ukt_wait_for_completion_killable(struct ukt_completion *x);

/**
 * ukt_wait_for_completion_killable_timeout - wait until done, killed or
 * out of time.
 * @x: the completion.
 * @timeout: the longest wait, in jiffies.
 *
 * Return: 0 if the time ran out, else the jiffies left (at least 1).
 */
UKT_API long ukt_wait_for_completion_killable_timeout(struct ukt_completion *x,
						      unsigned long timeout);

/**
 * ukt_try_wait_for_completion - take a pass without sleeping.
 * @x: the completion.
 *
 * Return: true if a pass was taken (or complete_all() was called), false
 * if the wait would have to sleep.
 */
UKT_API bool ukt_try_wait_for_completion(struct ukt_completion *x);

/**
 * ukt_completion_done - test whether a wait would pass without sleeping.
 * @x: the completion.
 *
 * Takes no pass.
 *
 * Return: true when a pass is banked or complete_all() was called.
 */
UKT_API bool ukt_completion_done(struct ukt_completion *x);

#include <ukthread/map/completion.h>

#endif /* UKTHREAD_COMPLETION_H */
