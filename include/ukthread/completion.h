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
 */
struct ukt_completion {
	unsigned int done;
	ukt_spinlock_t lock;
	struct ukt_list_head waiters;
};

#define UKT_COMPLETION_INITIALIZER(work) \
	{ 0, UKT_SPINLOCK_INIT, UKT_LIST_HEAD_INIT((work).waiters) }
#define UKT_COMPLETION_INITIALIZER_ONSTACK(work) \
	(*({ ukt_init_completion(&(work)); &(work); }))
#define UKT_DECLARE_COMPLETION(work) \
	struct ukt_completion work = UKT_COMPLETION_INITIALIZER(work)
#define UKT_DECLARE_COMPLETION_ONSTACK(work) \
	struct ukt_completion work = UKT_COMPLETION_INITIALIZER_ONSTACK(work)

/** ukt_init_completion - initialise @x, not done. */
UKT_API void ukt_init_completion(struct ukt_completion *x);
/** ukt_reinit_completion - make @x not done again (no waiter may be present). */
UKT_API void ukt_reinit_completion(struct ukt_completion *x);
/** ukt_complete - let one waiter of @x through, or bank a pass. */
UKT_API void ukt_complete(struct ukt_completion *x);
/** ukt_complete_all - let every waiter of @x through, now and later. */
UKT_API void ukt_complete_all(struct ukt_completion *x);
/** ukt_wait_for_completion - sleep uninterruptibly until @x is done. */
UKT_API void ukt_wait_for_completion(struct ukt_completion *x);
/** ukt_wait_for_completion_io - the same (I/O accounting does not apply). */
UKT_API void ukt_wait_for_completion_io(struct ukt_completion *x);
/**
 * ukt_wait_for_completion_timeout - wait at most @timeout jiffies; 0 on
 * timeout, else the jiffies left (at least 1).
 */
UKT_API unsigned long ukt_wait_for_completion_timeout(struct ukt_completion *x,
						      unsigned long timeout);
/**
 * ukt_wait_for_completion_interruptible - 0 when done, -ERESTARTSYS when
 * signal_pending() (the waiting kthread is being stopped).
 */
UKT_API int ukt_wait_for_completion_interruptible(struct ukt_completion *x);
/**
 * ukt_wait_for_completion_interruptible_timeout - -ERESTARTSYS, 0 on
 * timeout, else the jiffies left.
 */
UKT_API long ukt_wait_for_completion_interruptible_timeout(struct ukt_completion *x,
							   unsigned long timeout);
/**
 * ukt_wait_for_completion_killable - 0 when done; -ERESTARTSYS on a fatal
 * signal, which in user space ends the process, so in practice always 0.
 */
UKT_API int ukt_wait_for_completion_killable(struct ukt_completion *x);
/** ukt_wait_for_completion_killable_timeout - the same with a timeout. */
UKT_API long ukt_wait_for_completion_killable_timeout(struct ukt_completion *x,
						      unsigned long timeout);
/** ukt_try_wait_for_completion - take a pass without sleeping; true if taken. */
UKT_API bool ukt_try_wait_for_completion(struct ukt_completion *x);
/** ukt_completion_done - true when a waiter would pass without sleeping. */
UKT_API bool ukt_completion_done(struct ukt_completion *x);

#ifndef UKTHREAD_NO_KERNEL_NAMES
#define completion				ukt_completion
#define COMPLETION_INITIALIZER			UKT_COMPLETION_INITIALIZER
#define COMPLETION_INITIALIZER_ONSTACK		UKT_COMPLETION_INITIALIZER_ONSTACK
#define DECLARE_COMPLETION			UKT_DECLARE_COMPLETION
#define DECLARE_COMPLETION_ONSTACK		UKT_DECLARE_COMPLETION_ONSTACK
#define DECLARE_COMPLETION_ONSTACK_MAP(w, m)	UKT_DECLARE_COMPLETION_ONSTACK(w)
#define init_completion				ukt_init_completion
#define reinit_completion			ukt_reinit_completion
#define complete				ukt_complete
#define complete_all				ukt_complete_all
#define wait_for_completion			ukt_wait_for_completion
#define wait_for_completion_io			ukt_wait_for_completion_io
#define wait_for_completion_timeout		ukt_wait_for_completion_timeout
#define wait_for_completion_interruptible	ukt_wait_for_completion_interruptible
#define wait_for_completion_interruptible_timeout ukt_wait_for_completion_interruptible_timeout
#define wait_for_completion_killable		ukt_wait_for_completion_killable
#define wait_for_completion_killable_timeout	ukt_wait_for_completion_killable_timeout
#define try_wait_for_completion			ukt_try_wait_for_completion
#define completion_done				ukt_completion_done
#endif

#endif /* UKTHREAD_COMPLETION_H */
