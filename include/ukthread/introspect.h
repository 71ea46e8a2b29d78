/* SPDX-License-Identifier: MIT */
/*
 * ukthread/introspect.h - seeing inside: every live task and what it
 * does, a sysrq-t style dump (also on a signal), a hung-work watchdog,
 * and the calls behind the compat tracepoints.
 *
 * ukt_for_each_task() hands a consistent record of each task ukthread
 * knows (kthreads, workers, kthreadd, the timer thread, adopted threads
 * sleeping in ukthread) to a callback; ukt_show_state() prints them as a
 * table.  ukt_show_state_on_signal() (or $UKTHREAD_DUMP_SIGNAL) prints it
 * when the process gets a signal.  ukt_watchdog_set() (or
 * $UKTHREAD_WATCHDOG_SECS) warns about works that run too long, workers
 * that make no progress and kthreads that sleep uninterruptibly too long.
 * The library's USDT probes (provider "ukthread") are described in
 * docs/tracing.md and ukthread_introspect(3).
 */
#ifndef UKTHREAD_INTROSPECT_H
#define UKTHREAD_INTROSPECT_H

#include <stdbool.h>
#include <stdio.h>

#include <ukthread/compiler.h>
#include <ukthread/kthread_worker.h>
#include <ukthread/sched.h>

/**
 * enum ukt_task_kind_info - what a task listed by ukt_for_each_task() is.
 * @UKT_INFO_KTHREAD: a kthread made by kthread_create().
 * @UKT_INFO_WORKER: a kthread that runs a kthread_worker.
 * @UKT_INFO_KTHREADD: the creator thread, kthreadd.
 * @UKT_INFO_TIMER: the timer thread, ktimers.
 * @UKT_INFO_ADOPTED: a thread of the program, sleeping in ukthread.
 */
enum ukt_task_kind_info {
	UKT_INFO_KTHREAD,
	UKT_INFO_WORKER,
	UKT_INFO_KTHREADD,
	UKT_INFO_TIMER,
	UKT_INFO_ADOPTED,
};

/* Bits of struct ukt_task_info.flags. */
#define UKT_INFO_PER_CPU	0x01	/* kthread_set_per_cpu() / create_on_cpu() */
#define UKT_INFO_FREEZABLE	0x02	/* not PF_NOFREEZE */
#define UKT_INFO_SHOULD_STOP	0x04	/* kthread_stop() was called */
#define UKT_INFO_SHOULD_PARK	0x08	/* kthread_park() was called */
#define UKT_INFO_BOUND		0x10	/* bound with kthread_bind*() */
#define UKT_INFO_EXITING	0x20	/* PF_EXITING */

/**
 * struct ukt_task_info - a snapshot of one task.
 * @name: the full name (a kthread's full_name when comm had to cut it).
 * @pid: the thread id, as ps -L shows it.
 * @kind: enum ukt_task_kind_info.
 * @state: the task's __state (TASK_* bits).
 * @state_char: the state as ps writes it: R running, S sleeping
 *	interruptibly, D uninterruptibly, I idle (TASK_IDLE), P parked,
 *	F frozen, X exiting.
 * @state_name: the state in words ("running", "sleeping", "disk-sleep",
 *	"idle", "parked", "frozen", "exiting").
 * @cpu: the CPU the task is bound to, or -1 for none.
 * @flags: UKT_INFO_* bits.
 * @threadfn: a kthread's thread function, NULL for other tasks.
 * @works_pending: a worker's works queued and not yet started.
 * @works_run: a worker's works run since it started.
 * @work_func: the function of the work a worker runs now, or NULL.
 * @work_ns: how long that work has run, in nanoseconds.
 * @longest_func: the function of the longest work the worker has run.
 * @longest_ns: how long that work ran, in nanoseconds.
 *
 * The worker fields are 0 (NULL) for a task that is not a worker.
 */
struct ukt_task_info {
	char name[64];
	int pid;
	enum ukt_task_kind_info kind;
	unsigned int state;
	char state_char;
	const char *state_name;
	int cpu;
	unsigned int flags;
	void *threadfn;
	unsigned long works_pending;
	unsigned long works_run;
	ukt_kthread_work_func_t work_func;
	long long work_ns;
	ukt_kthread_work_func_t longest_func;
	long long longest_ns;
};

/**
 * typedef ukt_task_info_fn - a callback of ukt_for_each_task().
 * @info: the record of one task, valid during the call.
 * @arg: what was passed to ukt_for_each_task().
 *
 * Return: 0 to go on, anything else to stop the walk with that value.
 */
typedef int (*ukt_task_info_fn)(const struct ukt_task_info *info, void *arg);

/**
 * ukt_for_each_task - call @fn with a snapshot of every live task.
 * @fn: the callback; it may call the library, but not sleep long: the
 *	task it is given is held (a reference) while it runs.
 * @arg: passed to @fn.
 *
 * The tasks are taken from the registry in one pass (each with a
 * reference, so none is freed while listed) and each record is read
 * until it did not change while being read.  Tasks made during the walk
 * may be missing, tasks that exit during it are listed as they were.
 * Kthreads already reaped by kthread_stop() and adopted threads that do
 * not sleep in ukthread are not listed.
 *
 * Return: 0 after the last task, the first nonzero value @fn returned,
 * or -ENOMEM.
 */
UKT_API int ukt_for_each_task(ukt_task_info_fn fn, void *arg);

/**
 * ukt_show_task - print one task's record as a line of ukt_show_state().
 * @f: where to print.
 * @info: the record, from ukt_for_each_task().
 */
UKT_API void ukt_show_task(FILE *f, const struct ukt_task_info *info);

/**
 * ukt_show_state - print every live task as a table, like sysrq-t.
 * @f: where to print (stderr if NULL).
 *
 * One line per task: name, tid, state, CPU, flags, and for a worker its
 * works pending and run, the work running now (by symbol, from dladdr())
 * and for how long, and the longest work.  Printed with one write per
 * line; safe to call from any thread, not from a signal handler (see
 * ukt_show_state_on_signal()).
 */
UKT_API void ukt_show_state(FILE *f);

/**
 * ukt_show_state_on_signal - print the dump to stderr on a signal.
 * @sig: the signal (for example SIGUSR2), or 0 to stop.
 *
 * Installs a handler that only wakes a thread of the library, which
 * prints ukt_show_state(stderr).  Read from $UKTHREAD_DUMP_SIGNAL (a name
 * such as SIGUSR2 or USR2, or a number) when the library is loaded; off
 * by default.  A signal that the program already handles or ignores is
 * left alone, with a warning.
 *
 * Return: 0, -EINVAL for a signal that cannot be caught, -EBUSY for one
 * already handled, -EAGAIN if the thread could not be started.
 */
UKT_API int ukt_show_state_on_signal(int sig);

/**
 * ukt_watchdog_set - turn the hung-work watchdog on or off.
 * @secs: the limit in seconds, 0 for off.
 *
 * With a limit, the watchdog warns once per incident, like the kernel's
 * hung task detector and workqueue watchdog, when a work has run longer
 * than @secs, when a worker has works queued and has run none for @secs,
 * or when a kthread has slept uninterruptibly (not TASK_IDLE, parked or
 * frozen) for @secs; each warning names the task, the work function and
 * the time, and is followed by the task's line of the dump.  It runs on a
 * thread of its own, which sleeps without timeout while no work is
 * queued or running and no kthread sleeps uninterruptibly.  Read from
 * $UKTHREAD_WATCHDOG_SECS when the library is loaded; off by default.
 *
 * Return: the previous limit (0 when it was off), or -EAGAIN if the
 * thread could not be started.
 */
UKT_API int ukt_watchdog_set(unsigned int secs);

/**
 * ukt_watchdog_warnings - how many incidents the watchdog reported.
 *
 * Return: the number of warnings since the start.
 */
UKT_API unsigned long ukt_watchdog_warnings(void);

/**
 * ukt_trace_enabled - was the library built with its USDT probes.
 *
 * Return: true when libukthread has the probes (built with <sys/sdt.h>).
 */
UKT_API bool ukt_trace_enabled(void);

/**
 * ukt_trace_sched_kthread_stop - fire the probe sched_kthread_stop.
 * @p: the kthread being stopped.
 *
 * What the compat trace_sched_kthread_stop() calls.
 */
UKT_API void ukt_trace_sched_kthread_stop(struct ukt_task_struct *p);

/**
 * ukt_trace_sched_kthread_stop_ret - fire the probe sched_kthread_stop_ret.
 * @ret: what kthread_stop() returns.
 */
UKT_API void ukt_trace_sched_kthread_stop_ret(int ret);

/**
 * ukt_trace_sched_kthread_work_queue_work - fire the probe
 * sched_kthread_work_queue_work.
 * @worker: the worker.
 * @work: the work queued.
 */
UKT_API void ukt_trace_sched_kthread_work_queue_work(struct ukt_kthread_worker *worker,
						     struct ukt_kthread_work *work);

/**
 * ukt_trace_sched_kthread_work_execute_start - fire the probe
 * sched_kthread_work_execute_start.
 * @work: the work about to run.
 */
UKT_API void ukt_trace_sched_kthread_work_execute_start(struct ukt_kthread_work *work);

/**
 * ukt_trace_sched_kthread_work_execute_end - fire the probe
 * sched_kthread_work_execute_end.
 * @work: the work that ran (only its address is used).
 * @function: its function.
 */
UKT_API void ukt_trace_sched_kthread_work_execute_end(struct ukt_kthread_work *work,
						      ukt_kthread_work_func_t function);

#endif /* UKTHREAD_INTROSPECT_H */
