// SPDX-License-Identifier: MIT
/*
 * trace.c - the semaphores of ukthread's USDT probes (lib/trace.h), and
 * the exported calls behind the compat <trace/events/sched.h>, which fire
 * the same probes as the library's own kthread_stop() and worker.
 */
#include <ukthread/introspect.h>
#include <ukthread/kthread_worker.h>
#include <ukthread/sched.h>

#include "lib/trace.h"

#ifdef UKT_HAVE_SDT
/* A tracer attaching to a probe raises its semaphore (in .probes). */
#define UKT_TRACE_DEFINE(name) \
	unsigned short ukthread_##name##_semaphore __attribute__((section(".probes")));
UKT_TRACE_PROBES(UKT_TRACE_DEFINE)
#undef UKT_TRACE_DEFINE
extern unsigned short ukthread_sched_kthread_work_execute_end_semaphore
	__attribute__((alias("ukthread_sched_kthread_work_execute_start_semaphore")));
#endif

bool ukt_trace_enabled(void)
{
#ifdef UKT_HAVE_SDT
	return true;
#else
	return false;
#endif
}

void ukt_trace_sched_kthread_stop(struct ukt_task_struct *p)
{
	UKT_TRACE(sched_kthread_stop, p->pid, p->comm);
}

void ukt_trace_sched_kthread_stop_ret(int ret)
{
	UKT_TRACE(sched_kthread_stop_ret, ret);
}

void ukt_trace_sched_kthread_work_queue_work(struct ukt_kthread_worker *worker,
					     struct ukt_kthread_work *work)
{
	UKT_TRACE(sched_kthread_work_queue_work, work, work->func, worker);
}

void ukt_trace_sched_kthread_work_execute_start(struct ukt_kthread_work *work)
{
	UKT_TRACE(sched_kthread_work_execute_start, work, work->func);
}

void ukt_trace_sched_kthread_work_execute_end(struct ukt_kthread_work *work,
					      ukt_kthread_work_func_t function)
{
	UKT_TRACE(sched_kthread_work_execute_end, work, function);
}
