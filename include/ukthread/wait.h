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

/**
 * typedef ukt_wait_queue_func_t - wake function of a wait queue entry.
 * @wq_entry: the entry being woken.
 * @mode: the TASK_* states the wake-up is for.
 * @flags: wake flags (0 from wake_up*()).
 * @key: the @key given to __wake_up(), NULL from the wake_up*() macros.
 *
 * Return: nonzero when it woke the waiter (counts toward the exclusive
 * limit), 0 when not, a negative value to stop the wake-up there.
 */
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
 * @__deferred: the modes of wake_up() calls of a signal handler that
 *	interrupted its own thread inside an operation on this head,
 *	carried out when that operation ends (internal).
 */
struct ukt_wait_queue_head {
	ukt_spinlock_t lock;
	struct ukt_list_head head;
	unsigned int __deferred;
};
typedef struct ukt_wait_queue_head ukt_wait_queue_head_t;
typedef struct ukt_wait_queue_entry ukt_wait_queue_entry_t;

/**
 * UKT_WAIT_QUEUE_HEAD_INITIALIZER - static initialiser of an empty wait
 * queue head.
 * @name: the wait queue head being initialised.
 */
#define UKT_WAIT_QUEUE_HEAD_INITIALIZER(name) \
	{ .lock = UKT_SPINLOCK_INIT, .head = UKT_LIST_HEAD_INIT((name).head) }

/**
 * UKT_DECLARE_WAIT_QUEUE_HEAD - define an empty wait queue head.
 * @name: name of the struct ukt_wait_queue_head variable.
 */
#define UKT_DECLARE_WAIT_QUEUE_HEAD(name) \
	struct ukt_wait_queue_head name = UKT_WAIT_QUEUE_HEAD_INITIALIZER(name)

/**
 * UKT_DECLARE_WAIT_QUEUE_HEAD_ONSTACK - define an empty wait queue head on
 * the stack.
 * @name: name of the struct ukt_wait_queue_head variable.
 *
 * The same as UKT_DECLARE_WAIT_QUEUE_HEAD(): there is no lockdep here.
 */
#define UKT_DECLARE_WAIT_QUEUE_HEAD_ONSTACK(name) UKT_DECLARE_WAIT_QUEUE_HEAD(name)

/**
 * ukt_init_waitqueue_head - initialise a wait queue head, empty.
 * @wq_head: the wait queue head.
 */
UKT_API void ukt_init_waitqueue_head(struct ukt_wait_queue_head *wq_head);

/**
 * ukt_default_wake_function - wake the task of an entry.
 * @wq_entry: the entry; its @private is the task.
 * @mode: the TASK_* states that may be woken.
 * @flags: wake flags (not used).
 * @key: wake key (not used).
 *
 * Return: 1 if the task was woken, 0 if it was running or in another
 * state.
 */
UKT_API int ukt_default_wake_function(struct ukt_wait_queue_entry *wq_entry,
				      unsigned int mode, int flags, void *key);

/**
 * ukt_autoremove_wake_function - wake the task of an entry and unlink it.
 * @wq_entry: the entry; its @private is the task.
 * @mode: the TASK_* states that may be woken.
 * @flags: wake flags (not used).
 * @key: wake key (not used).
 *
 * The entry leaves the queue only if its task was woken.  The wake
 * function of DEFINE_WAIT() and init_wait_entry().
 *
 * Return: as default_wake_function().
 */
UKT_API int ukt_autoremove_wake_function(struct ukt_wait_queue_entry *wq_entry,
					 unsigned int mode, int flags, void *key);

/**
 * ukt_woken_wake_function - mark an entry woken, then wake its task.
 * @wq_entry: the entry; its @private is the task.
 * @mode: the TASK_* states that may be woken.
 * @flags: wake flags (not used).
 * @key: wake key (not used).
 *
 * The mark makes the next wait_woken() on @wq_entry return at once, so a
 * wakeup that comes before that sleep is not lost.
 *
 * Return: as default_wake_function().
 */
UKT_API int ukt_woken_wake_function(struct ukt_wait_queue_entry *wq_entry,
				    unsigned int mode, int flags, void *key);

/**
 * UKT___WAITQUEUE_INITIALIZER - static initialiser of a wait queue entry
 * for a task.
 * @name: the entry being initialised (not used).
 * @tsk: the task that waits.
 */
#define UKT___WAITQUEUE_INITIALIZER(name, tsk) {			\
	.flags = 0, .private = (tsk), .func = ukt_default_wake_function,\
	.entry = { NULL, NULL } }

/**
 * UKT_DECLARE_WAITQUEUE - define a wait queue entry for a task.
 * @name: name of the struct ukt_wait_queue_entry variable.
 * @tsk: the task that waits.
 *
 * The entry uses default_wake_function(): it stays queued when woken.
 */
#define UKT_DECLARE_WAITQUEUE(name, tsk) \
	struct ukt_wait_queue_entry name = UKT___WAITQUEUE_INITIALIZER(name, tsk)

/**
 * UKT_DEFINE_WAIT_FUNC - define a wait queue entry for the current task,
 * with a wake function.
 * @name: name of the struct ukt_wait_queue_entry variable.
 * @function: its wake function.
 */
#define UKT_DEFINE_WAIT_FUNC(name, function)				\
	struct ukt_wait_queue_entry name = {				\
		.flags = 0, .private = ukt_get_current(),		\
		.func = (function),					\
		.entry = UKT_LIST_HEAD_INIT((name).entry) }

/**
 * UKT_DEFINE_WAIT - define a wait queue entry for the current task.
 * @name: name of the struct ukt_wait_queue_entry variable.
 *
 * The entry uses autoremove_wake_function(): it leaves the queue when
 * woken.  For prepare_to_wait() and finish_wait().
 */
#define UKT_DEFINE_WAIT(name) UKT_DEFINE_WAIT_FUNC(name, ukt_autoremove_wake_function)

/**
 * ukt_init_waitqueue_entry - make a wait queue entry wait for a task.
 * @wq_entry: the entry.
 * @p: the task.
 *
 * The entry uses default_wake_function().  Its list node is not touched.
 */
static inline void ukt_init_waitqueue_entry(struct ukt_wait_queue_entry *wq_entry,
					    struct ukt_task_struct *p)
{
	wq_entry->flags = 0;
	wq_entry->private = p;
	wq_entry->func = ukt_default_wake_function;
}

/**
 * ukt_init_waitqueue_func_entry - give a wait queue entry a wake function.
 * @wq_entry: the entry.
 * @func: the wake function.
 *
 * The entry has no task (@private is NULL).  Its list node is not touched.
 */
static inline void ukt_init_waitqueue_func_entry(struct ukt_wait_queue_entry *wq_entry,
						 ukt_wait_queue_func_t func)
{
	wq_entry->flags = 0;
	wq_entry->private = NULL;
	wq_entry->func = func;
}

/**
 * ukt_init_wait_entry - initialise a wait queue entry for the current task.
 * @wq_entry: the entry.
 * @flags: UKT_WQ_FLAG_* flags, e.g. UKT_WQ_FLAG_EXCLUSIVE.
 *
 * The entry uses autoremove_wake_function() and is not queued.
 */
UKT_API void ukt_init_wait_entry(struct ukt_wait_queue_entry *wq_entry, int flags);

/**
 * ukt_waitqueue_active - test, without the lock, whether a queue has
 * waiters.
 * @wq_head: the wait queue head.
 *
 * A hint only; a waker that tests it first needs a barrier between its
 * condition change and the test: see wq_has_sleeper().
 *
 * Return: nonzero when @wq_head has an entry.
 */
static inline int ukt_waitqueue_active(struct ukt_wait_queue_head *wq_head)
{
	return __atomic_load_n(&wq_head->head.next, __ATOMIC_RELAXED) != &wq_head->head;
}

/**
 * ukt_wq_has_sleeper - waitqueue_active() after a full barrier.
 * @wq_head: the wait queue head.
 *
 * Return: true when @wq_head has an entry.
 */
static inline bool ukt_wq_has_sleeper(struct ukt_wait_queue_head *wq_head)
{
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	return ukt_waitqueue_active(wq_head);
}

/**
 * ukt_add_wait_queue - queue an entry as a non-exclusive waiter.
 * @wq_head: the wait queue head.
 * @wq_entry: the entry; it must not be queued.
 *
 * Clears UKT_WQ_FLAG_EXCLUSIVE and puts the entry at the head of the
 * queue.  Does not change the caller's state.
 */
UKT_API void ukt_add_wait_queue(struct ukt_wait_queue_head *wq_head,
				struct ukt_wait_queue_entry *wq_entry);

/**
 * ukt_add_wait_queue_exclusive - queue an entry as an exclusive waiter.
 * @wq_head: the wait queue head.
 * @wq_entry: the entry; it must not be queued.
 *
 * Sets UKT_WQ_FLAG_EXCLUSIVE and puts the entry at the tail of the queue.
 * Does not change the caller's state.
 */
UKT_API void ukt_add_wait_queue_exclusive(struct ukt_wait_queue_head *wq_head,
					  struct ukt_wait_queue_entry *wq_entry);

/**
 * ukt_remove_wait_queue - take an entry off a queue.
 * @wq_head: the wait queue head.
 * @wq_entry: the entry, queued on @wq_head; one already taken off is left
 *	as it is.
 */
UKT_API void ukt_remove_wait_queue(struct ukt_wait_queue_head *wq_head,
				   struct ukt_wait_queue_entry *wq_entry);

/**
 * ukt_prepare_to_wait - queue an entry and set the caller's state.
 * @wq_head: the wait queue head.
 * @wq_entry: the entry, as a non-exclusive waiter; queued only if it is
 *	not queued yet.
 * @state: the TASK_* state to sleep in.
 *
 * Then test the condition and call schedule(); finish_wait() at the end.
 */
UKT_API void ukt_prepare_to_wait(struct ukt_wait_queue_head *wq_head,
				 struct ukt_wait_queue_entry *wq_entry, int state);

/**
 * ukt_prepare_to_wait_exclusive - prepare_to_wait() as an exclusive waiter.
 * @wq_head: the wait queue head.
 * @wq_entry: the entry; queued at the tail only if it is not queued yet.
 * @state: the TASK_* state to sleep in.
 *
 * Return: true if the queue was empty when @wq_entry was added, false if
 * it had entries or @wq_entry was queued already.
 */
UKT_API bool ukt_prepare_to_wait_exclusive(struct ukt_wait_queue_head *wq_head,
					   struct ukt_wait_queue_entry *wq_entry,
					   int state);

/**
 * ukt_prepare_to_wait_event - one step of the wait_event*() loop.
 * @wq_head: the wait queue head.
 * @wq_entry: the entry; its @private task is the one tested for signals.
 * @state: the TASK_* state to sleep in.
 *
 * When @state is interruptible and a signal is pending (the kthread is
 * being stopped), takes @wq_entry off the queue.  Otherwise queues it if
 * it is not queued yet and sets @state.
 *
 * Return: -ERESTARTSYS when a signal is pending, else 0.
 */
UKT_API long ukt_prepare_to_wait_event(struct ukt_wait_queue_head *wq_head,
				       struct ukt_wait_queue_entry *wq_entry,
				       int state);

/**
 * ukt_finish_wait - end a wait begun with prepare_to_wait*().
 * @wq_head: the wait queue head.
 * @wq_entry: the entry; taken off the queue if still queued.
 *
 * Sets the caller's state to TASK_RUNNING.
 */
UKT_API void ukt_finish_wait(struct ukt_wait_queue_head *wq_head,
			     struct ukt_wait_queue_entry *wq_entry);

/**
 * ukt_wait_woken - sleep unless an entry was woken already.
 * @wq_entry: the entry, queued with woken_wake_function() as its wake
 *	function.
 * @mode: the TASK_* state to sleep in.
 * @timeout: the longest sleep, in jiffies; MAX_SCHEDULE_TIMEOUT for no
 *	limit.
 *
 * Sleeps unless woken_wake_function() marked @wq_entry since the last
 * call, or the caller is a kthread asked to stop or park.  Clears the
 * mark.  The state is TASK_RUNNING on return.
 *
 * Return: @timeout if it did not sleep, else what schedule_timeout()
 * returned: 0 when the time ran out, or the jiffies left.
 */
UKT_API long ukt_wait_woken(struct ukt_wait_queue_entry *wq_entry,
			    unsigned int mode, long timeout);

/**
 * ukt___wake_up - wake the waiters of a queue.
 * @wq_head: the wait queue head.
 * @mode: the TASK_* states to wake.
 * @nr_exclusive: how many exclusive waiters to wake at most; 0 for all.
 * @key: passed to the wake functions.
 *
 * Runs the wake function of every entry, in queue order: every
 * non-exclusive one, and exclusive ones until @nr_exclusive of them were
 * woken.  A wake function that returns a negative value ends the walk.
 *
 * Async-signal-safe (with the library's wake functions): a signal handler
 * may call it, also one that interrupted an operation on @wq_head in the
 * same thread; that wakeup is then carried out, for every waiter in
 * @mode, when the interrupted operation ends, and 0 is returned.
 *
 * Return: how many entries were woken.
 */
UKT_API int ukt___wake_up(struct ukt_wait_queue_head *wq_head, unsigned int mode,
			  int nr_exclusive, void *key);

/**
 * ukt_wake_up - wake the waiters of a queue, at most one exclusive.
 * @x: the wait queue head (a pointer).
 *
 * Return: how many waiters were woken.
 */
#define ukt_wake_up(x)			ukt___wake_up(x, UKT_TASK_NORMAL, 1, NULL)

/**
 * ukt_wake_up_nr - wake the waiters of a queue, at most @nr exclusive.
 * @x: the wait queue head (a pointer).
 * @nr: how many exclusive waiters to wake at most; 0 for all.
 *
 * Return: how many waiters were woken.
 */
#define ukt_wake_up_nr(x, nr)		ukt___wake_up(x, UKT_TASK_NORMAL, nr, NULL)

/**
 * ukt_wake_up_all - wake every waiter of a queue.
 * @x: the wait queue head (a pointer).
 *
 * Return: how many waiters were woken.
 */
#define ukt_wake_up_all(x)		ukt___wake_up(x, UKT_TASK_NORMAL, 0, NULL)

/**
 * ukt_wake_up_interruptible - wake_up() for interruptible sleepers only.
 * @x: the wait queue head (a pointer).
 *
 * Return: how many waiters were woken.
 */
#define ukt_wake_up_interruptible(x)	ukt___wake_up(x, UKT_TASK_INTERRUPTIBLE, 1, NULL)

/**
 * ukt_wake_up_interruptible_nr - wake_up_nr() for interruptible sleepers
 * only.
 * @x: the wait queue head (a pointer).
 * @nr: how many exclusive waiters to wake at most; 0 for all.
 *
 * Return: how many waiters were woken.
 */
#define ukt_wake_up_interruptible_nr(x, nr) ukt___wake_up(x, UKT_TASK_INTERRUPTIBLE, nr, NULL)

/**
 * ukt_wake_up_interruptible_all - wake_up_all() for interruptible sleepers
 * only.
 * @x: the wait queue head (a pointer).
 *
 * Return: how many waiters were woken.
 */
#define ukt_wake_up_interruptible_all(x) ukt___wake_up(x, UKT_TASK_INTERRUPTIBLE, 0, NULL)

/*
 * The wait_event family.  @condition is evaluated in the caller's context
 * after the state is set, every time around the loop.  @cmd is the sleep
 * (schedule() or schedule_timeout()).  For timeouts, __ret holds the
 * jiffies left; a condition that becomes true just as the time runs out
 * still reports 1, as the kernel's does.
 */

/**
 * ukt___wait_cond_timeout - the condition test of the timed waits.
 * @condition: the condition waited for.
 * @__ret: the variable holding the jiffies left; set to 1 when
 *	@condition is true with no time left.
 *
 * Return: true when the wait is over: @condition is true or the time ran
 * out.
 */
#define ukt___wait_cond_timeout(condition, __ret) ({			\
	bool __cond = (condition);					\
	if (__cond && !(__ret))						\
		(__ret) = 1;						\
	__cond || !(__ret);						\
})

/**
 * ukt___wait_event - the loop of every wait_event*() macro.
 * @wq_head: the wait queue head (not a pointer).
 * @condition: the condition waited for.
 * @state: the TASK_* state to sleep in.
 * @exclusive: nonzero to wait as an exclusive waiter.
 * @ret: the start value of the result (the timeout, for timed waits).
 * @cmd: the sleep, run while @condition is false.
 *
 * Return: -ERESTARTSYS when @state is interruptible and a signal is
 * pending, else the result variable (__ret: @ret, as @cmd changed it)
 * once @condition is true.
 */
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
 * ukt_wait_event - sleep uninterruptibly until a condition is true.
 * @wq_head: the wait queue head (not a pointer) that wakers wake.
 * @condition: the condition; tested again after every wakeup.
 *
 * Returns at once, without queueing, if @condition is already true.
 */
#define ukt_wait_event(wq_head, condition) do {				\
	if (condition)							\
		break;							\
	(void)ukt___wait_event(wq_head, condition,			\
			       UKT_TASK_UNINTERRUPTIBLE, 0, 0, ukt_schedule()); \
} while (0)

/**
 * ukt_wait_event_idle - wait_event() in TASK_IDLE.
 * @wq_head: the wait queue head (not a pointer).
 * @condition: the condition waited for.
 */
#define ukt_wait_event_idle(wq_head, condition) do {			\
	if (condition)							\
		break;							\
	(void)ukt___wait_event(wq_head, condition, UKT_TASK_IDLE, 0, 0,	\
			       ukt_schedule());				\
} while (0)

/**
 * ukt_wait_event_exclusive - wait_event() as an exclusive waiter.
 * @wq_head: the wait queue head (not a pointer).
 * @condition: the condition waited for.
 */
#define ukt_wait_event_exclusive(wq_head, condition) do {		\
	if (condition)							\
		break;							\
	(void)ukt___wait_event(wq_head, condition,			\
			       UKT_TASK_UNINTERRUPTIBLE, 1, 0, ukt_schedule()); \
} while (0)

/**
 * ukt_wait_event_interruptible - sleep until a condition is true or a
 * signal is pending.
 * @wq_head: the wait queue head (not a pointer).
 * @condition: the condition waited for.
 *
 * A signal is pending once kthread_stop() was called on the sleeping
 * kthread.
 *
 * Return: 0 when @condition is true, -ERESTARTSYS when interrupted.
 */
#define ukt_wait_event_interruptible(wq_head, condition) ({		\
	long __r = 0;							\
	if (!(condition))						\
		__r = ukt___wait_event(wq_head, condition,		\
				UKT_TASK_INTERRUPTIBLE, 0, 0, ukt_schedule()); \
	(int)__r;							\
})

/**
 * ukt_wait_event_interruptible_exclusive - wait_event_interruptible() as
 * an exclusive waiter.
 * @wq_head: the wait queue head (not a pointer).
 * @condition: the condition waited for.
 *
 * Return: 0 when @condition is true, -ERESTARTSYS when interrupted.
 */
#define ukt_wait_event_interruptible_exclusive(wq_head, condition) ({	\
	long __r = 0;							\
	if (!(condition))						\
		__r = ukt___wait_event(wq_head, condition,		\
				UKT_TASK_INTERRUPTIBLE, 1, 0, ukt_schedule()); \
	(int)__r;							\
})

/**
 * ukt_wait_event_killable - sleep until a condition is true or a fatal
 * signal comes.
 * @wq_head: the wait queue head (not a pointer).
 * @condition: the condition waited for.
 *
 * A fatal signal ends the whole process in user space, so this waits as
 * wait_event() does.
 *
 * Return: 0.  (The kernel's -ERESTARTSYS does not happen here.)
 */
#define ukt_wait_event_killable(wq_head, condition) ({			\
	long __r = 0;							\
	if (!(condition))						\
		__r = ukt___wait_event(wq_head, condition,		\
				UKT_TASK_KILLABLE, 0, 0, ukt_schedule()); \
	(int)__r;							\
})

/**
 * ukt___wait_event_timeout_state - the timed wait_event*() in a state.
 * @wq_head: the wait queue head (not a pointer).
 * @condition: the condition waited for.
 * @state: the TASK_* state to sleep in.
 * @timeout: the longest wait, in jiffies.
 *
 * Return: 0 if the time ran out with @condition false, -ERESTARTSYS when
 * @state is interruptible and a signal is pending, else the jiffies left
 * (at least 1).
 */
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
 * ukt_wait_event_timeout - sleep uninterruptibly until a condition is true
 * or some time passed.
 * @wq_head: the wait queue head (not a pointer).
 * @condition: the condition waited for.
 * @timeout: the longest wait, in jiffies.
 *
 * Return: 0 if the time ran out with @condition false, else the jiffies
 * left (at least 1, also when @condition became true as the time ran
 * out).
 */
#define ukt_wait_event_timeout(wq_head, condition, timeout)		\
	ukt___wait_event_timeout_state(wq_head, condition,		\
				       UKT_TASK_UNINTERRUPTIBLE, timeout)

/**
 * ukt_wait_event_interruptible_timeout - wait_event_timeout() that a
 * signal interrupts.
 * @wq_head: the wait queue head (not a pointer).
 * @condition: the condition waited for.
 * @timeout: the longest wait, in jiffies.
 *
 * A signal is pending once kthread_stop() was called on the sleeping
 * kthread.
 *
 * Return: -ERESTARTSYS when interrupted, 0 if the time ran out with
 * @condition false, else the jiffies left (at least 1).
 */
#define ukt_wait_event_interruptible_timeout(wq_head, condition, timeout) \
	ukt___wait_event_timeout_state(wq_head, condition,		\
				       UKT_TASK_INTERRUPTIBLE, timeout)

/**
 * ukt_wait_event_idle_timeout - wait_event_timeout() in TASK_IDLE.
 * @wq_head: the wait queue head (not a pointer).
 * @condition: the condition waited for.
 * @timeout: the longest wait, in jiffies.
 *
 * Return: 0 if the time ran out with @condition false, else the jiffies
 * left (at least 1).
 */
#define ukt_wait_event_idle_timeout(wq_head, condition, timeout)	\
	ukt___wait_event_timeout_state(wq_head, condition, UKT_TASK_IDLE, timeout)

/**
 * ukt_wait_event_killable_timeout - wait_event_timeout() in TASK_KILLABLE.
 * @wq_head: the wait queue head (not a pointer).
 * @condition: the condition waited for.
 * @timeout: the longest wait, in jiffies.
 *
 * A fatal signal ends the whole process in user space, so this waits as
 * wait_event_timeout() does.
 *
 * Return: 0 if the time ran out with @condition false, else the jiffies
 * left (at least 1).
 */
#define ukt_wait_event_killable_timeout(wq_head, condition, timeout)	\
	ukt___wait_event_timeout_state(wq_head, condition, UKT_TASK_KILLABLE, timeout)

#include <ukthread/map/wait.h>

#endif /* UKTHREAD_WAIT_H */
