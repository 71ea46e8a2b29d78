/* SPDX-License-Identifier: MIT */
/*
 * linux/sched.h - tasks, current, task states and schedule() (ukthread's
 * sched.h under the kernel names), plus nice and real-time priorities.
 *
 * current is ukt_get_current(): any thread that calls in gets a task.
 * struct task_struct has the task state in __state (read it with
 * READ_ONCE() or task_is_running()), not in the state of old kernels.
 * The priority helpers act on the task's own thread; without the
 * privilege to raise a priority they fail quietly, as set_user_nice()
 * and sched_set_fifo() cannot report errors.
 */
#ifndef UKT_COMPAT_LINUX_SCHED_H
#define UKT_COMPAT_LINUX_SCHED_H

#include <errno.h>
#include <sched.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <linux/compiler.h>
#include <linux/cpumask.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>	/* as in the kernel, the basics come along */
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/preempt.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <ukthread/sched.h>

/** current - the calling thread's task_struct. */
#define current			ukt_get_current()

#define MAX_NICE		19
#define MIN_NICE		(-20)
#define NICE_WIDTH		(MAX_NICE - MIN_NICE + 1)
#define MAX_RT_PRIO		100
#define MAX_USER_RT_PRIO	MAX_RT_PRIO
#ifndef SCHED_NORMAL
#define SCHED_NORMAL		SCHED_OTHER
#endif

/** task_tgid_nr - the process id of @t. */
static inline pid_t task_tgid_nr(const struct task_struct *t)
{
	return t->tgid;
}
#define task_pid_vnr(t)		task_pid_nr(t)
#define task_tgid_vnr(t)	task_tgid_nr(t)

/** need_resched - false: the OS scheduler preempts threads by itself. */
static inline bool need_resched(void)
{
	return false;
}

/** io_schedule - schedule() (there is no I/O accounting). */
#define io_schedule()			ukt_schedule()
/** io_schedule_timeout - schedule_timeout(). */
#define io_schedule_timeout(t)		ukt_schedule_timeout(t)
#define schedule_preempt_disabled()	ukt_schedule()

/** set_user_nice - set the nice value of @p's thread to @nice. */
static inline void set_user_nice(struct task_struct *p, long nice)
{
	(void)setpriority(PRIO_PROCESS, (id_t)p->pid, (int)nice);
}

/** task_nice - the nice value of @p's thread. */
static inline int task_nice(const struct task_struct *p)
{
	return getpriority(PRIO_PROCESS, (id_t)p->pid);
}

/*
 * ukt__sched_setscheduler - set @p's thread to @policy at @param;
 * 0 or a negative errno.  Kernel code calls it sched_setscheduler(task,
 * ...): the macro below takes that name from the C library's
 * sched_setscheduler(pid, ...) for the code that follows.  The system
 * call is made directly, so that no compat code references the libc
 * function of that name (tests/compat/check-libc-clash).
 */
static inline int ukt__sched_setscheduler(struct task_struct *p, int policy,
					  const struct sched_param *param)
{
	extern long syscall(long number, ...);

	return syscall(SYS_sched_setscheduler, (long)p->pid, (long)policy, param) ?
		-errno : 0;
}
#define sched_setscheduler		ukt__sched_setscheduler
#define sched_setscheduler_nocheck	ukt__sched_setscheduler

/** sched_set_fifo - make @p SCHED_FIFO at the middle priority. */
static inline void sched_set_fifo(struct task_struct *p)
{
	struct sched_param sp = { .sched_priority = MAX_RT_PRIO / 2 };

	(void)ukt__sched_setscheduler(p, SCHED_FIFO, &sp);
}

/** sched_set_fifo_low - make @p SCHED_FIFO at the lowest priority. */
static inline void sched_set_fifo_low(struct task_struct *p)
{
	struct sched_param sp = { .sched_priority = 1 };

	(void)ukt__sched_setscheduler(p, SCHED_FIFO, &sp);
}

/** sched_set_normal - make @p SCHED_NORMAL at @nice. */
static inline void sched_set_normal(struct task_struct *p, int nice)
{
	struct sched_param sp = { .sched_priority = 0 };

	(void)ukt__sched_setscheduler(p, SCHED_OTHER, &sp);
	set_user_nice(p, nice);
}

#endif /* UKT_COMPAT_LINUX_SCHED_H */
