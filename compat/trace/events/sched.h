/* SPDX-License-Identifier: MIT */
/*
 * trace/events/sched.h - the scheduler's tracepoints that kthread code
 * calls: no-ops until ukthread has tracepoints.  Each one still takes
 * and type-checks its arguments, so code that calls them compiles
 * unchanged.
 */
#ifndef UKT_COMPAT_TRACE_EVENTS_SCHED_H
#define UKT_COMPAT_TRACE_EVENTS_SCHED_H

#include <linux/compiler.h>
#include <linux/kthread.h>
#include <linux/sched.h>

/**
 * trace_sched_kthread_stop - a kthread_stop() begins: a no-op.
 * @t: the kthread being stopped.
 */
static inline void trace_sched_kthread_stop(struct task_struct *t)
{
	(void)t;
}

/**
 * trace_sched_kthread_stop_ret - a kthread_stop() ends: a no-op.
 * @ret: what it returns.
 */
static inline void trace_sched_kthread_stop_ret(int ret)
{
	(void)ret;
}

/**
 * trace_sched_kthread_work_queue_work - a work is queued: a no-op.
 * @worker: the worker.
 * @work: the work.
 */
static inline void trace_sched_kthread_work_queue_work(struct kthread_worker *worker,
						       struct kthread_work *work)
{
	(void)worker;
	(void)work;
}

/**
 * trace_sched_kthread_work_execute_start - a work starts: a no-op.
 * @work: the work.
 */
static inline void trace_sched_kthread_work_execute_start(struct kthread_work *work)
{
	(void)work;
}

/**
 * trace_sched_kthread_work_execute_end - a work ended: a no-op.
 * @work: the work (may be freed already: only its address).
 * @function: the function it ran.
 */
static inline void trace_sched_kthread_work_execute_end(struct kthread_work *work,
							kthread_work_func_t function)
{
	(void)work;
	(void)function;
}

#endif /* UKT_COMPAT_TRACE_EVENTS_SCHED_H */
