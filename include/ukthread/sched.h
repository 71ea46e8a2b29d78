/* SPDX-License-Identifier: MIT */
/*
 * ukthread/sched.h - tasks, task states, sleeping and waking.
 *
 * Every kthread has a task; any other thread that calls in (the main
 * thread included) gets one on first use, so completions, wait queues and
 * schedule() work from every thread.  The sleep protocol is the kernel's:
 *
 *	set_current_state(TASK_INTERRUPTIBLE);
 *	if (!condition)
 *		schedule();
 *	__set_current_state(TASK_RUNNING);
 *
 * A wake_up_process() that lands between set_current_state() and
 * schedule() makes schedule() return at once: the wakeup is never lost.
 * A sleeping task blocks in the kernel (futex) and uses no CPU.
 */
#ifndef UKTHREAD_SCHED_H
#define UKTHREAD_SCHED_H

#include <stdbool.h>
#include <stddef.h>
#include <limits.h>
#include <ukthread/compiler.h>

/* Task states, with the kernel's values. */
#define UKT_TASK_RUNNING		0x00000000
#define UKT_TASK_INTERRUPTIBLE		0x00000001
#define UKT_TASK_UNINTERRUPTIBLE	0x00000002
#define UKT_TASK_PARKED			0x00000040
#define UKT_TASK_DEAD			0x00000080
#define UKT_TASK_WAKEKILL		0x00000100
#define UKT_TASK_NOLOAD			0x00000400
#define UKT_TASK_NEW			0x00000800
#define UKT_TASK_FREEZABLE		0x00002000
#define UKT_TASK_FROZEN			0x00008000
#define UKT_TASK_KILLABLE	(UKT_TASK_WAKEKILL | UKT_TASK_UNINTERRUPTIBLE)
#define UKT_TASK_IDLE		(UKT_TASK_UNINTERRUPTIBLE | UKT_TASK_NOLOAD)
#define UKT_TASK_NORMAL		(UKT_TASK_INTERRUPTIBLE | UKT_TASK_UNINTERRUPTIBLE)

/* Task flags (task_struct.flags), kernel values. */
#define UKT_PF_EXITING		0x00000004	/* the thread is leaving */
#define UKT_PF_NOFREEZE		0x00008000	/* never frozen */
#define UKT_PF_KTHREAD		0x00200000	/* made by kthread_create() */
#define UKT_PF_NO_SETAFFINITY	0x04000000	/* bound by kthread_bind() */

/**
 * UKT_TASK_COMM_LEN - size of task_struct.comm, NUL included.
 */
#define UKT_TASK_COMM_LEN	16

/**
 * UKT_MAX_SCHEDULE_TIMEOUT - a schedule_timeout() that never times out.
 */
#define UKT_MAX_SCHEDULE_TIMEOUT	LONG_MAX

/**
 * struct ukt_mm_struct - the address space of a task: the process's.
 * @__unused: nothing is kept in it; only its address matters.
 *
 * There is one, for the whole process.  A kthread has none (its @mm is
 * NULL, as in the kernel, where "if (!current->mm)" tells a kernel thread).
 */
struct ukt_mm_struct {
	int __unused;
};

/**
 * struct ukt_task_struct - the public part of a task.
 * @__state: TASK_* state; also the futex word the task sleeps on.  Read it
 *	with READ_ONCE() or task_is_running(); write it only through
 *	set_current_state() and the wake-up functions.
 * @flags: PF_* flags.
 * @pid: the thread's OS id (gettid()), as ps -L shows it.
 * @tgid: the process id.
 * @comm: the name, NUL-terminated, truncated to 15 bytes like the kernel's.
 * @worker_private: the kthread control block of a kthread, NULL otherwise.
 * @mm: the address space: NULL for kthreads (and kthreadd), the process's
 *	one (ukt_process_mm()) for every other thread.
 *
 * Tasks are allocated by the library only.  Hold a reference with
 * get_task_struct() to keep a task's memory after its thread exits.
 */
struct ukt_task_struct {
	unsigned int __state;
	unsigned int flags;
	int pid;
	int tgid;
	char comm[UKT_TASK_COMM_LEN];
	void *worker_private;
	struct ukt_mm_struct *mm;
};

/**
 * ukt_process_mm - the process's address space.
 *
 * Return: the one struct ukt_mm_struct that every task but the kthreads
 * has in its @mm.
 */
UKT_API struct ukt_mm_struct *ukt_process_mm(void);

/**
 * ukt_get_current - the calling thread's task.
 *
 * A thread that the library did not make gets a task on its first call;
 * the task is released when the thread exits.  Without memory for that
 * task the thread gets one kept in its own thread-local storage: every
 * call works, but that task ends with the thread, so no reference to it
 * may outlive the thread.
 *
 * Return: the task of the calling thread, never NULL.
 */
UKT_API struct ukt_task_struct *ukt_get_current(void);

/**
 * ukt_get_task_struct - take a reference on a task.
 * @t: the task.
 *
 * The task's memory stays valid, even after its thread exits, until the
 * reference is dropped with put_task_struct().  The count is checked like
 * the kernel's refcount_t: at overflow it warns and saturates (the task is
 * never freed); on a task already freed it warns and changes nothing.
 *
 * Return: @t.
 */
UKT_API struct ukt_task_struct *ukt_get_task_struct(struct ukt_task_struct *t);

/**
 * ukt_put_task_struct - drop a reference on a task.
 * @t: the task.
 *
 * The last reference frees the task.  A task's own thread holds a
 * reference of its own that no put drops, so a put too many (including
 * put_task_struct(get_current()) without a get) never frees the task of a
 * running thread: it warns once and saturates the count (the task is
 * leaked).  A put on a task already freed warns and changes nothing (the
 * library keeps task memory type-stable, so that is not a use after free).
 */
UKT_API void ukt_put_task_struct(struct ukt_task_struct *t);

/**
 * ukt_set_current_state - set the caller's state, with a full barrier.
 * @state: the new TASK_* state.
 *
 * The barrier keeps the condition test that follows from being done
 * before the state is set, so a wakeup in between is never lost.
 */
UKT_API void ukt_set_current_state(unsigned int state);

/**
 * ukt___set_current_state - set the caller's state, without a barrier.
 * @state: the new TASK_* state, usually TASK_RUNNING.
 */
UKT_API void ukt___set_current_state(unsigned int state);

/**
 * ukt_schedule - sleep until the caller's state is TASK_RUNNING again.
 *
 * Returns at once if the state already is TASK_RUNNING, or if it is
 * TASK_INTERRUPTIBLE and signal_pending() (a kthread being stopped).
 * Returns with the state TASK_RUNNING.
 */
UKT_API void ukt_schedule(void);

/**
 * ukt_schedule_timeout - schedule() for at most a number of jiffies.
 * @timeout: the longest sleep, in jiffies; MAX_SCHEDULE_TIMEOUT for no
 *	limit.
 *
 * Set the state (set_current_state()) before the call, as for schedule().
 * The state is TASK_RUNNING on return.
 *
 * Return: 0 when the time ran out, else the jiffies left, rounded up (at
 * least 1 when woken early); MAX_SCHEDULE_TIMEOUT when @timeout was
 * MAX_SCHEDULE_TIMEOUT.  A negative @timeout warns and returns 0 at once.
 */
UKT_API long ukt_schedule_timeout(long timeout);

/**
 * ukt_schedule_timeout_interruptible - schedule_timeout() in
 * TASK_INTERRUPTIBLE.
 * @timeout: the longest sleep, in jiffies.
 *
 * Sets the state itself.  The sleep also ends once signal_pending() (a
 * kthread being stopped).
 *
 * Return: as schedule_timeout().
 */
UKT_API long ukt_schedule_timeout_interruptible(long timeout);

/**
 * ukt_schedule_timeout_uninterruptible - schedule_timeout() in
 * TASK_UNINTERRUPTIBLE.
 * @timeout: the longest sleep, in jiffies.
 *
 * Sets the state itself.
 *
 * Return: as schedule_timeout().
 */
UKT_API long ukt_schedule_timeout_uninterruptible(long timeout);

/**
 * ukt_schedule_timeout_killable - schedule_timeout() in TASK_KILLABLE.
 * @timeout: the longest sleep, in jiffies.
 *
 * Sets the state itself.  A fatal signal ends the whole process in user
 * space, so this sleeps as the uninterruptible form does.
 *
 * Return: as schedule_timeout().
 */
UKT_API long ukt_schedule_timeout_killable(long timeout);

/**
 * ukt_schedule_timeout_idle - schedule_timeout() in TASK_IDLE.
 * @timeout: the longest sleep, in jiffies.
 *
 * Sets the state itself.
 *
 * Return: as schedule_timeout().
 */
UKT_API long ukt_schedule_timeout_idle(long timeout);

/**
 * ukt_wake_up_state - wake a task if it sleeps in one of some states.
 * @t: the task.
 * @state: the TASK_* states that may be woken, or-ed together.
 *
 * A TASK_PARKED task is only woken with TASK_PARKED in @state.
 *
 * Return: 1 if @t was woken, 0 if it was running or in another state.
 */
UKT_API int ukt_wake_up_state(struct ukt_task_struct *t, unsigned int state);

/**
 * ukt_wake_up_process - wake a task from an ordinary sleep.
 * @t: the task.
 *
 * Wakes TASK_INTERRUPTIBLE and TASK_UNINTERRUPTIBLE sleeps (and the ones
 * built on them, TASK_KILLABLE and TASK_IDLE), not TASK_PARKED.  Also
 * starts a kthread that was just created.  Lock-free and
 * async-signal-safe: it may be called from a signal handler.
 *
 * Return: 1 if @t was woken, 0 if it was running or in another state.
 */
UKT_API int ukt_wake_up_process(struct ukt_task_struct *t);

/**
 * ukt_signal_pending - test whether a task's interruptible sleeps must end.
 * @t: the task.
 *
 * In user space this is a kthread on which kthread_stop() was called;
 * for any other task it is never true.
 *
 * Return: true once kthread_stop() was called on @t.
 */
UKT_API bool ukt_signal_pending(struct ukt_task_struct *t);

/**
 * ukt_fatal_signal_pending - test for a fatal signal.
 * @t: the task (not used).
 *
 * Return: false: a fatal signal ends the whole process in user space.
 */
static inline bool ukt_fatal_signal_pending(struct ukt_task_struct *t)
{
	(void)t;
	return false;
}

/**
 * ukt_signal_pending_state - signal_pending() as seen by a sleep in a state.
 * @state: the TASK_* state of the sleep.
 * @t: the task.
 *
 * Return: true when @state is interruptible and signal_pending(@t).
 */
static inline bool ukt_signal_pending_state(unsigned int state,
					    struct ukt_task_struct *t)
{
	return (state & UKT_TASK_INTERRUPTIBLE) && ukt_signal_pending(t);
}

/**
 * ukt_task_is_running - test whether a task's state is TASK_RUNNING.
 * @t: the task.
 *
 * Return: true when the state of @t is TASK_RUNNING.
 */
static inline bool ukt_task_is_running(const struct ukt_task_struct *t)
{
	return __atomic_load_n(&t->__state, __ATOMIC_RELAXED) == UKT_TASK_RUNNING;
}

/**
 * ukt___get_task_comm - copy a task's name.
 * @buf: where to copy it.
 * @size: size of @buf in bytes; 0 leaves @buf untouched.
 * @t: the task.
 *
 * The name is truncated to fit and always NUL-terminated.
 *
 * Return: @buf.
 */
UKT_API char *ukt___get_task_comm(char *buf, size_t size,
				  struct ukt_task_struct *t);

/**
 * ukt_set_task_comm - rename a task.
 * @t: the task.
 * @name: the new name; comm keeps its first 15 bytes.
 *
 * Also sets the thread's OS name (what ps -L and top -H show), unless the
 * thread is exiting.
 */
UKT_API void ukt_set_task_comm(struct ukt_task_struct *t, const char *name);

/**
 * ukt_task_pid_nr - a task's OS thread id.
 * @t: the task.
 *
 * Return: the thread id of @t (gettid()).
 */
static inline int ukt_task_pid_nr(const struct ukt_task_struct *t)
{
	return t->pid;
}

/**
 * ukt_cond_resched - a voluntary preemption point.
 *
 * Nothing to do: the OS preempts user threads anyway.
 *
 * Return: 0, the kernel's "did not reschedule".
 */
static inline int ukt_cond_resched(void)
{
	return 0;
}

/**
 * ukt_yield - give the CPU to another runnable thread (sched_yield()).
 */
UKT_API void ukt_yield(void);

/**
 * ukt_wait_task_inactive - wait until a task sleeps.
 * @t: the task.
 * @match_state: the state it must sleep in; 0 for any sleeping state.
 *
 * Yields the CPU while @t is on its way to sleep.  With a @match_state,
 * a task found in another state (TASK_RUNNING included) is not waited for.
 *
 * Return: 1 once @t sleeps (in @match_state if given), 0 if it is in
 * another state or has exited.
 */
UKT_API unsigned long ukt_wait_task_inactive(struct ukt_task_struct *t,
					     unsigned int match_state);

#include <ukthread/map/sched.h>

#endif /* UKTHREAD_SCHED_H */
