/* SPDX-License-Identifier: MIT */
/*
 * ukthread/wait.h - wait queues.
 *
 * A wait queue head is a locked list of entries; each entry names a task
 * and a wake function.  The wait_event*() macros loop: enqueue and set the
 * task state, test the condition, sleep, until the condition holds.  The
 * wake_up*() calls run the wake functions of the entries, stopping after
 * the given number of exclusive entries.
 *
 * Interruptible forms return -ERESTARTSYS when signal_pending(): in user
 * space, when kthread_stop() has been called on the sleeping kthread.
 */
#ifndef UKTHREAD_WAIT_H
#define UKTHREAD_WAIT_H

#include <stdbool.h>
#include <ukthread/compiler.h>
#include <ukthread/err.h>
#include <ukthread/list.h>
#include <ukthread/sched.h>
#include <ukthread/spinlock.h>

struct ukt_wait_queue_entry;

/** typedef ukt_wait_queue_func_t - wake function of a wait queue entry. */
typedef int (*ukt_wait_queue_func_t)(struct ukt_wait_queue_entry *wq_entry,
				     unsigned int mode, int flags, void *key);

#define UKT_WQ_FLAG_EXCLUSIVE	0x01
#define UKT_WQ_FLAG_WOKEN	0x02

/**
 * struct ukt_wait_queue_entry - one waiter.
 * @flags: UKT_WQ_FLAG_*.
 * @private: the waiting task.
 * @func: called by wake_up*(); returns nonzero when it woke the waiter.
 * @entry: node in the head's list.
 */
struct ukt_wait_queue_entry {
	unsigned int flags;
	void *private;
	ukt_wait_queue_func_t func;
	struct ukt_list_head entry;
};

/**
 * struct ukt_wait_queue_head - a queue of waiters.
 * @lock: protects @head.
 * @head: the entries, exclusive ones at the tail.
 */
struct ukt_wait_queue_head {
	ukt_spinlock_t lock;
	struct ukt_list_head head;
};
typedef struct ukt_wait_queue_head ukt_wait_queue_head_t;
typedef struct ukt_wait_queue_entry ukt_wait_queue_entry_t;

#define UKT_WAIT_QUEUE_HEAD_INITIALIZER(name) \
	{ .lock = UKT_SPINLOCK_INIT, .head = UKT_LIST_HEAD_INIT((name).head) }
#define UKT_DECLARE_WAIT_QUEUE_HEAD(name) \
	struct ukt_wait_queue_head name = UKT_WAIT_QUEUE_HEAD_INITIALIZER(name)
#define UKT_DECLARE_WAIT_QUEUE_HEAD_ONSTACK(name) UKT_DECLARE_WAIT_QUEUE_HEAD(name)

/** ukt_init_waitqueue_head - initialise @wq_head empty. */
UKT_API void ukt_init_waitqueue_head(struct ukt_wait_queue_head *wq_head);

/** ukt_default_wake_function - wake the entry's task (any sleeping state). */
UKT_API int ukt_default_wake_function(struct ukt_wait_queue_entry *wq_entry,
				      unsigned int mode, int flags, void *key);
/** ukt_autoremove_wake_function - wake, then unlink the entry if woken. */
UKT_API int ukt_autoremove_wake_function(struct ukt_wait_queue_entry *wq_entry,
					 unsigned int mode, int flags, void *key);
/** ukt_woken_wake_function - mark the entry woken, then wake (wait_woken()). */
UKT_API int ukt_woken_wake_function(struct ukt_wait_queue_entry *wq_entry,
				    unsigned int mode, int flags, void *key);

#define UKT___WAITQUEUE_INITIALIZER(name, tsk) {			\
	.flags = 0, .private = (tsk), .func = ukt_default_wake_function,\
	.entry = { NULL, NULL } }
#define UKT_DECLARE_WAITQUEUE(name, tsk) \
	struct ukt_wait_queue_entry name = UKT___WAITQUEUE_INITIALIZER(name, tsk)
#define UKT_DEFINE_WAIT_FUNC(name, function)				\
	struct ukt_wait_queue_entry name = {				\
		.flags = 0, .private = ukt_get_current(),		\
		.func = (function),					\
		.entry = UKT_LIST_HEAD_INIT((name).entry) }
#define UKT_DEFINE_WAIT(name) UKT_DEFINE_WAIT_FUNC(name, ukt_autoremove_wake_function)

/** ukt_init_waitqueue_entry - make @wq_entry wait for task @p. */
static inline void ukt_init_waitqueue_entry(struct ukt_wait_queue_entry *wq_entry,
					    struct ukt_task_struct *p)
{
	wq_entry->flags = 0;
	wq_entry->private = p;
	wq_entry->func = ukt_default_wake_function;
}

/** ukt_init_waitqueue_func_entry - @wq_entry with a custom wake function. */
static inline void ukt_init_waitqueue_func_entry(struct ukt_wait_queue_entry *wq_entry,
						 ukt_wait_queue_func_t func)
{
	wq_entry->flags = 0;
	wq_entry->private = NULL;
	wq_entry->func = func;
}

/** ukt_init_wait_entry - initialise @wq_entry for the current task. */
UKT_API void ukt_init_wait_entry(struct ukt_wait_queue_entry *wq_entry, int flags);

/** ukt_waitqueue_active - lockless hint: does @wq_head have waiters? */
static inline int ukt_waitqueue_active(struct ukt_wait_queue_head *wq_head)
{
	return __atomic_load_n(&wq_head->head.next, __ATOMIC_RELAXED) != &wq_head->head;
}

/** ukt_wq_has_sleeper - waitqueue_active() after a full barrier. */
static inline bool ukt_wq_has_sleeper(struct ukt_wait_queue_head *wq_head)
{
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	return ukt_waitqueue_active(wq_head);
}

UKT_API void ukt_add_wait_queue(struct ukt_wait_queue_head *wq_head,
				struct ukt_wait_queue_entry *wq_entry);
UKT_API void ukt_add_wait_queue_exclusive(struct ukt_wait_queue_head *wq_head,
					  struct ukt_wait_queue_entry *wq_entry);
UKT_API void ukt_remove_wait_queue(struct ukt_wait_queue_head *wq_head,
				   struct ukt_wait_queue_entry *wq_entry);

/** ukt_prepare_to_wait - enqueue @wq_entry (if not yet) and set @state. */
UKT_API void ukt_prepare_to_wait(struct ukt_wait_queue_head *wq_head,
				 struct ukt_wait_queue_entry *wq_entry, int state);
/** ukt_prepare_to_wait_exclusive - the same, as an exclusive waiter. */
UKT_API bool ukt_prepare_to_wait_exclusive(struct ukt_wait_queue_head *wq_head,
					   struct ukt_wait_queue_entry *wq_entry,
					   int state);
/**
 * ukt_prepare_to_wait_event - the step of the wait_event*() loop: returns
 * -ERESTARTSYS (and dequeues) when @state is interruptible and a signal
 * is pending, else enqueues and sets @state and returns 0.
 */
UKT_API long ukt_prepare_to_wait_event(struct ukt_wait_queue_head *wq_head,
				       struct ukt_wait_queue_entry *wq_entry,
				       int state);
/** ukt_finish_wait - set TASK_RUNNING and dequeue @wq_entry if still queued. */
UKT_API void ukt_finish_wait(struct ukt_wait_queue_head *wq_head,
			     struct ukt_wait_queue_entry *wq_entry);

/**
 * ukt_wait_woken - sleep in @mode for up to @timeout unless @wq_entry was
 * already woken; for loops built on woken_wake_function().
 */
UKT_API long ukt_wait_woken(struct ukt_wait_queue_entry *wq_entry,
			    unsigned int mode, long timeout);

/**
 * ukt___wake_up - wake the waiters of @wq_head whose state matches @mode:
 * every non-exclusive one and at most @nr_exclusive exclusive ones
 * (0: all).  @key goes to the wake functions.  Returns how many woke.
 */
UKT_API int ukt___wake_up(struct ukt_wait_queue_head *wq_head, unsigned int mode,
			  int nr_exclusive, void *key);

#define ukt_wake_up(x)			ukt___wake_up(x, UKT_TASK_NORMAL, 1, NULL)
#define ukt_wake_up_nr(x, nr)		ukt___wake_up(x, UKT_TASK_NORMAL, nr, NULL)
#define ukt_wake_up_all(x)		ukt___wake_up(x, UKT_TASK_NORMAL, 0, NULL)
#define ukt_wake_up_interruptible(x)	ukt___wake_up(x, UKT_TASK_INTERRUPTIBLE, 1, NULL)
#define ukt_wake_up_interruptible_nr(x, nr) ukt___wake_up(x, UKT_TASK_INTERRUPTIBLE, nr, NULL)
#define ukt_wake_up_interruptible_all(x) ukt___wake_up(x, UKT_TASK_INTERRUPTIBLE, 0, NULL)

/*
 * The wait_event family.  @condition is evaluated in the caller's context
 * after the state is set, every time around the loop.  @cmd is the sleep
 * (schedule() or schedule_timeout()).  For timeouts, __ret holds the
 * jiffies left; a condition that becomes true just as the time runs out
 * still reports 1, as the kernel's does.
 */
#define ukt___wait_cond_timeout(condition, __ret) ({			\
	bool __cond = (condition);					\
	if (__cond && !(__ret))						\
		(__ret) = 1;						\
	__cond || !(__ret);						\
})

#define ukt___wait_event(wq_head, condition, state, exclusive, ret, cmd) ({ \
	struct ukt_wait_queue_entry __wq_entry;				\
	long __ret = ret;	/* explicit shadow */			\
	ukt_init_wait_entry(&__wq_entry,				\
			    (exclusive) ? UKT_WQ_FLAG_EXCLUSIVE : 0);	\
	for (;;) {							\
		long __int = ukt_prepare_to_wait_event(&(wq_head),	\
						&__wq_entry, state);	\
		if (condition)						\
			break;						\
		if (__int) {						\
			__ret = __int;					\
			break;						\
		}							\
		cmd;							\
	}								\
	ukt_finish_wait(&(wq_head), &__wq_entry);			\
	__ret;								\
})

/**
 * ukt_wait_event - sleep uninterruptibly until @condition is true.
 */
#define ukt_wait_event(wq_head, condition) do {				\
	if (condition)							\
		break;							\
	(void)ukt___wait_event(wq_head, condition,			\
			       UKT_TASK_UNINTERRUPTIBLE, 0, 0, ukt_schedule()); \
} while (0)

/** ukt_wait_event_idle - wait_event() in TASK_IDLE. */
#define ukt_wait_event_idle(wq_head, condition) do {			\
	if (condition)							\
		break;							\
	(void)ukt___wait_event(wq_head, condition, UKT_TASK_IDLE, 0, 0,	\
			       ukt_schedule());				\
} while (0)

/** ukt_wait_event_exclusive - wait_event() as an exclusive waiter. */
#define ukt_wait_event_exclusive(wq_head, condition) do {		\
	if (condition)							\
		break;							\
	(void)ukt___wait_event(wq_head, condition,			\
			       UKT_TASK_UNINTERRUPTIBLE, 1, 0, ukt_schedule()); \
} while (0)

/**
 * ukt_wait_event_interruptible - sleep until @condition is true or a
 * signal is pending; 0 or -ERESTARTSYS.
 */
#define ukt_wait_event_interruptible(wq_head, condition) ({		\
	long __r = 0;							\
	if (!(condition))						\
		__r = ukt___wait_event(wq_head, condition,		\
				UKT_TASK_INTERRUPTIBLE, 0, 0, ukt_schedule()); \
	(int)__r;							\
})

/** ukt_wait_event_interruptible_exclusive - the same, exclusive. */
#define ukt_wait_event_interruptible_exclusive(wq_head, condition) ({	\
	long __r = 0;							\
	if (!(condition))						\
		__r = ukt___wait_event(wq_head, condition,		\
				UKT_TASK_INTERRUPTIBLE, 1, 0, ukt_schedule()); \
	(int)__r;							\
})

/** ukt_wait_event_killable - like interruptible, for fatal signals only. */
#define ukt_wait_event_killable(wq_head, condition) ({			\
	long __r = 0;							\
	if (!(condition))						\
		__r = ukt___wait_event(wq_head, condition,		\
				UKT_TASK_KILLABLE, 0, 0, ukt_schedule()); \
	(int)__r;							\
})

#define ukt___wait_event_timeout_state(wq_head, condition, state, timeout) ({ \
	long __t = (timeout);						\
	if (!ukt___wait_cond_timeout(condition, __t))			\
		__t = ukt___wait_event(wq_head,				\
			ukt___wait_cond_timeout(condition, __ret),	\
			state, 0, __t,					\
			__ret = ukt_schedule_timeout(__ret));		\
	__t;								\
})

/**
 * ukt_wait_event_timeout - sleep uninterruptibly until @condition or
 * @timeout jiffies; 0 if the time ran out with @condition false, else the
 * jiffies left (at least 1).
 */
#define ukt_wait_event_timeout(wq_head, condition, timeout)		\
	ukt___wait_event_timeout_state(wq_head, condition,		\
				       UKT_TASK_UNINTERRUPTIBLE, timeout)

/**
 * ukt_wait_event_interruptible_timeout - as wait_event_timeout(), or
 * -ERESTARTSYS when a signal is pending.
 */
#define ukt_wait_event_interruptible_timeout(wq_head, condition, timeout) \
	ukt___wait_event_timeout_state(wq_head, condition,		\
				       UKT_TASK_INTERRUPTIBLE, timeout)

/** ukt_wait_event_idle_timeout - wait_event_timeout() in TASK_IDLE. */
#define ukt_wait_event_idle_timeout(wq_head, condition, timeout)	\
	ukt___wait_event_timeout_state(wq_head, condition, UKT_TASK_IDLE, timeout)

/** ukt_wait_event_killable_timeout - wait_event_timeout() in TASK_KILLABLE. */
#define ukt_wait_event_killable_timeout(wq_head, condition, timeout)	\
	ukt___wait_event_timeout_state(wq_head, condition, UKT_TASK_KILLABLE, timeout)

#include <ukthread/map/wait.h>

#endif /* UKTHREAD_WAIT_H */
