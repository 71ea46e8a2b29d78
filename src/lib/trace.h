/* SPDX-License-Identifier: MIT */
/*
 * lib/trace.h - ukthread's USDT probes (provider "ukthread"), one macro
 * call per event at the place it happens.
 *
 * Built with <sys/sdt.h> (Debian's systemtap-sdt-dev; meson sets
 * UKT_HAVE_SDT), each probe is a nop in the code and a note in the
 * .note.stapsdt section of libukthread.so, guarded by a semaphore (a
 * counter in the .probes section that a tracer attaching to the probe
 * raises): while nobody traces, a probe costs one load and a branch not
 * taken, and its arguments are not even computed.  Built without the
 * header, UKT_TRACE() expands to nothing.
 *
 * The names are the kernel's tracepoints where there is one, with the
 * kernel's arguments where they map (docs/tracing.md lists them all):
 *
 *   sched_kthread_stop(pid, comm)            sched_kthread_stop_ret(ret)
 *   sched_kthread_work_queue_work(work, function, worker)
 *   sched_kthread_work_execute_start(work, function)
 *   sched_kthread_work_execute_end(work, function)
 *   kthread_create(pid, comm, threadfn)      kthread_wakeup_new(pid, comm)
 *   kthread_park(pid, comm)                  kthread_unpark(pid, comm)
 *   kthread_exit(pid, comm, result)
 *   kthread_freeze(pid, comm)                kthread_thaw(pid, comm)
 *   timer_start(timer, function, expires, now, flags)
 *   timer_expire_entry(timer, function, now)
 *   timer_expire_exit(timer)                 timer_cancel(timer)
 *
 * freeze and thaw are defined for the freezer to fire; nothing does yet.
 */
#ifndef UKTHREAD_LIB_TRACE_H
#define UKTHREAD_LIB_TRACE_H

#include "lib/lib.h"

#ifdef UKT_HAVE_SDT
/* NOLINTNEXTLINE(bugprone-reserved-identifier,cert-dcl37-c): <sys/sdt.h>'s own switch */
#define _SDT_HAS_SEMAPHORES 1
#define SDT_USE_VARIADIC 1
#include <sys/sdt.h>

/* The list of probes, for the semaphores' declarations and definitions. */
#define UKT_TRACE_PROBES(X)			\
	X(sched_kthread_stop)			\
	X(sched_kthread_stop_ret)		\
	X(sched_kthread_work_queue_work)	\
	X(sched_kthread_work_execute_start)	\
	X(kthread_create)			\
	X(kthread_wakeup_new)			\
	X(kthread_park)				\
	X(kthread_unpark)			\
	X(kthread_exit)				\
	X(kthread_freeze)			\
	X(kthread_thaw)				\
	X(timer_start)				\
	X(timer_expire_entry)			\
	X(timer_expire_exit)			\
	X(timer_cancel)

#define UKT_TRACE_DECLARE(name) \
	UKT_HIDDEN extern unsigned short ukthread_##name##_semaphore;
UKT_TRACE_PROBES(UKT_TRACE_DECLARE)
#undef UKT_TRACE_DECLARE
/*
 * The worker's execute_start and execute_end share one semaphore (an
 * alias, trace.c), so that the worker tests one word per work for both:
 * a tracer of either turns both sites on, and only attached sites trap.
 */
UKT_HIDDEN extern unsigned short ukthread_sched_kthread_work_execute_end_semaphore;

/*
 * UKT_TRACE_ENABLED - is a tracer attached to probe @name.  Only tracers
 * write a semaphore (through /proc/pid/mem or the kernel's uprobes), so
 * a plain volatile read, one compare with memory, does.
 */
#define UKT_TRACE_ENABLED(name) \
	ukt_unlikely(*(volatile unsigned short *)&ukthread_##name##_semaphore)

/* UKT_TRACE_FIRE - fire probe @name, the caller having tested its semaphore. */
#define UKT_TRACE_FIRE(name, ...) STAP_PROBEV(ukthread, name, ##__VA_ARGS__)

/** UKT_TRACE - fire probe @name with its arguments, if someone traces it. */
#define UKT_TRACE(name, ...) do {					\
	if (UKT_TRACE_ENABLED(name))					\
		UKT_TRACE_FIRE(name, ##__VA_ARGS__);			\
} while (0)

#else /* !UKT_HAVE_SDT */

#define UKT_TRACE_ENABLED(name) 0
#define UKT_TRACE_FIRE(name, ...) do { } while (0)
#define UKT_TRACE(name, ...) do { } while (0)

#endif /* UKT_HAVE_SDT */

#endif /* UKTHREAD_LIB_TRACE_H */
