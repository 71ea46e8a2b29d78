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

/* Task states, with the kernel's values (fs/proc and tracepoints use them). */
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

/** UKT_TASK_COMM_LEN - size of task_struct.comm, NUL included. */
#define UKT_TASK_COMM_LEN	16

/** UKT_MAX_SCHEDULE_TIMEOUT - a schedule_timeout() that never times out. */
#define UKT_MAX_SCHEDULE_TIMEOUT	LONG_MAX

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
};

/** ukt_get_current - the calling thread's task (adopted on first use). */
UKT_API struct ukt_task_struct *ukt_get_current(void);

/** ukt_get_task_struct - take a reference on @t; returns @t. */
UKT_API struct ukt_task_struct *ukt_get_task_struct(struct ukt_task_struct *t);

/** ukt_put_task_struct - drop a reference on @t; the last one frees it. */
UKT_API void ukt_put_task_struct(struct ukt_task_struct *t);

/**
 * ukt_set_current_state - set the caller's state, with a full barrier, so
 * that the condition test that follows cannot be reordered before it.
 */
UKT_API void ukt_set_current_state(unsigned int state);

/** ukt___set_current_state - set the caller's state, no barrier. */
UKT_API void ukt___set_current_state(unsigned int state);

/**
 * ukt_schedule - sleep until the state is TASK_RUNNING again.
 *
 * Returns at once if the state already is TASK_RUNNING, or if it is
 * TASK_INTERRUPTIBLE and signal_pending() (a kthread being stopped).
 * Returns with the state TASK_RUNNING.
 */
UKT_API void ukt_schedule(void);

/**
 * ukt_schedule_timeout - schedule() for at most @timeout jiffies.
 *
 * Returns 0 when the time ran out, else the jiffies left (at least 1 when
 * woken early).  MAX_SCHEDULE_TIMEOUT sleeps without limit.  A negative
 * @timeout warns and returns 0.  The state is TASK_RUNNING on return.
 */
UKT_API long ukt_schedule_timeout(long timeout);

/** ukt_schedule_timeout_interruptible - the same in TASK_INTERRUPTIBLE. */
UKT_API long ukt_schedule_timeout_interruptible(long timeout);
/** ukt_schedule_timeout_uninterruptible - the same in TASK_UNINTERRUPTIBLE. */
UKT_API long ukt_schedule_timeout_uninterruptible(long timeout);
/** ukt_schedule_timeout_killable - the same in TASK_KILLABLE. */
UKT_API long ukt_schedule_timeout_killable(long timeout);
/** ukt_schedule_timeout_idle - the same in TASK_IDLE. */
UKT_API long ukt_schedule_timeout_idle(long timeout);

/**
 * ukt_wake_up_state - wake @t if its state matches @state.
 *
 * Returns 1 if @t was woken, 0 if it was running or in another state
 * (a TASK_PARKED task is only woken with TASK_PARKED in @state).
 */
UKT_API int ukt_wake_up_state(struct ukt_task_struct *t, unsigned int state);

/** ukt_wake_up_process - wake @t from TASK_INTERRUPTIBLE/UNINTERRUPTIBLE. */
UKT_API int ukt_wake_up_process(struct ukt_task_struct *t);

/**
 * ukt_signal_pending - true when @t's interruptible sleeps must end:
 * in user space this is a kthread on which kthread_stop() was called.
 */
UKT_API bool ukt_signal_pending(struct ukt_task_struct *t);

/** ukt_fatal_signal_pending - never true: a fatal signal ends the process. */
static inline bool ukt_fatal_signal_pending(struct ukt_task_struct *t)
{
	(void)t;
	return false;
}

/** ukt_signal_pending_state - signal_pending() as seen by a sleep in @state. */
static inline bool ukt_signal_pending_state(unsigned int state,
					    struct ukt_task_struct *t)
{
	return (state & UKT_TASK_INTERRUPTIBLE) && ukt_signal_pending(t);
}

/** ukt_task_is_running - true when @t's state is TASK_RUNNING. */
static inline bool ukt_task_is_running(const struct ukt_task_struct *t)
{
	return __atomic_load_n(&t->__state, __ATOMIC_RELAXED) == UKT_TASK_RUNNING;
}

/**
 * ukt___get_task_comm - copy @t's name into @buf of @size bytes, NUL
 * terminated; returns @buf.
 */
UKT_API char *ukt___get_task_comm(char *buf, size_t size,
				  struct ukt_task_struct *t);

/**
 * ukt_set_task_comm - rename @t: comm (truncated to 15 bytes) and the
 * thread's OS name (what ps -L and top -H show).
 */
UKT_API void ukt_set_task_comm(struct ukt_task_struct *t, const char *name);

/** ukt_task_pid_nr - @t's OS thread id. */
static inline int ukt_task_pid_nr(const struct ukt_task_struct *t)
{
	return t->pid;
}

/** ukt_cond_resched - a voluntary preemption point; nothing to do here. */
static inline int ukt_cond_resched(void)
{
	return 0;
}

/** ukt_yield - give the CPU to another runnable thread. */
UKT_API void ukt_yield(void);

/**
 * ukt_wait_task_inactive - wait until @t sleeps in state @match_state
 * (0: in any sleeping state).  Returns 1 once it does, 0 if @t is running
 * in another state or has exited.
 */
UKT_API unsigned long ukt_wait_task_inactive(struct ukt_task_struct *t,
					     unsigned int match_state);

#include <ukthread/map/sched.h>

#endif /* UKTHREAD_SCHED_H */
