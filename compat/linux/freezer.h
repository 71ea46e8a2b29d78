/* SPDX-License-Identifier: MIT */
/*
 * linux/freezer.h - the freezer (system suspend), not modelled yet.
 *
 * Nothing is ever frozen: set_freezable() does nothing, try_to_freeze()
 * and freezing() are false, and the freezable sleeps are the
 * interruptible ones.  These placeholders let freezable kthreads compile
 * and run as on a system that is never suspended; the freezer work
 * (tracked in its own issue) will replace them with real freezing, and
 * code written against them will not need to change.
 */
#ifndef UKT_COMPAT_LINUX_FREEZER_H
#define UKT_COMPAT_LINUX_FREEZER_H

#include <linux/compiler.h>
#include <linux/sched.h>
#include <linux/wait.h>
#include <ukthread/kthread.h>

/** set_freezable - let the caller be frozen: nothing to do yet. */
static inline void set_freezable(void)
{
}

/** try_to_freeze - freeze here if asked to; false: never asked. */
static inline bool try_to_freeze(void)
{
	return false;
}

/** freezing - true when @p is asked to freeze; false: never. */
static inline bool freezing(struct task_struct *p)
{
	(void)p;
	return false;
}

/** frozen - true when @p is frozen; false: never. */
static inline bool frozen(struct task_struct *p)
{
	(void)p;
	return false;
}

/** freezer_do_not_count - nothing to do. */
static inline void freezer_do_not_count(void)
{
}

/** freezer_count - nothing to do. */
static inline void freezer_count(void)
{
}

/**
 * kthread_freezable_should_stop - kthread_should_stop() for a freezable
 * kthread; *@was_frozen (if not NULL) is set to false.
 */
static inline bool kthread_freezable_should_stop(bool *was_frozen)
{
	if (was_frozen)
		*was_frozen = false;
	return ukt_kthread_should_stop();
}

#define freezable_schedule()			ukt_schedule()
#define freezable_schedule_timeout(t)		ukt_schedule_timeout(t)
#define freezable_schedule_timeout_interruptible(t) \
	ukt_schedule_timeout_interruptible(t)
#define freezable_schedule_timeout_killable(t)	ukt_schedule_timeout_killable(t)
/** wait_event_freezable - wait_event_interruptible(). */
#define wait_event_freezable(wq, condition) \
	ukt_wait_event_interruptible(wq, condition)
/** wait_event_freezable_timeout - wait_event_interruptible_timeout(). */
#define wait_event_freezable_timeout(wq, condition, timeout) \
	ukt_wait_event_interruptible_timeout(wq, condition, timeout)
#define wait_event_freezable_exclusive(wq, condition) \
	ukt_wait_event_interruptible_exclusive(wq, condition)

#endif /* UKT_COMPAT_LINUX_FREEZER_H */
