/* SPDX-License-Identifier: MIT */
/*
 * trace/events/sched.h - the scheduler's tracepoints that kthread code
 * calls.  Each fires ukthread's USDT probe of the same name (provider
 * "ukthread", docs/tracing.md), the one the library's own kthread_stop()
 * and kthread_worker fire; with nobody tracing, or a library built
 * without probes, a call costs a load and a branch.
 */
#ifndef UKT_COMPAT_TRACE_EVENTS_SCHED_H
#define UKT_COMPAT_TRACE_EVENTS_SCHED_H

#include <linux/compiler.h>
#include <linux/kthread.h>
#include <linux/sched.h>
#include <ukthread/introspect.h>

/**
 * trace_sched_kthread_stop - a kthread_stop() begins: fires the probe.
 * @t: the kthread being stopped.
 */
static inline void trace_sched_kthread_stop(struct task_struct *t)
{
	ukt_trace_sched_kthread_stop(t);
}

/**
 * trace_sched_kthread_stop_ret - a kthread_stop() ends: fires the probe.
 * @ret: what it returns.
 */
static inline void trace_sched_kthread_stop_ret(int ret)
{
	ukt_trace_sched_kthread_stop_ret(ret);
}

/**
 * trace_sched_kthread_work_queue_work - a work is queued: fires the probe.
 * @worker: the worker.
 * @work: the work.
 */
static inline void trace_sched_kthread_work_queue_work(struct kthread_worker *worker,
						       struct kthread_work *work)
{
	ukt_trace_sched_kthread_work_queue_work(worker, work);
}

/**
 * trace_sched_kthread_work_execute_start - a work starts: fires the probe.
 * @work: the work.
 */
static inline void trace_sched_kthread_work_execute_start(struct kthread_work *work)
{
	ukt_trace_sched_kthread_work_execute_start(work);
}

/**
 * trace_sched_kthread_work_execute_end - a work ended: fires the probe.
 * @work: the work (may be freed already: only its address).
 * @function: the function it ran.
 */
static inline void trace_sched_kthread_work_execute_end(struct kthread_work *work,
							kthread_work_func_t function)
{
	ukt_trace_sched_kthread_work_execute_end(work, function);
}

#endif /* UKT_COMPAT_TRACE_EVENTS_SCHED_H */
