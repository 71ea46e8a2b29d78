/* SPDX-License-Identifier: MIT */
/*
 * kernel/kthread_internal.h - the kthread control block (kthread.c), for
 * the rooms of the kthread layer that need to look at a kthread.
 */
#ifndef UKTHREAD_KERNEL_KTHREAD_INTERNAL_H
#define UKTHREAD_KERNEL_KTHREAD_INTERNAL_H

#include <stdarg.h>

#include <ukthread/completion.h>
#include <ukthread/err.h>
#include <ukthread/kthread.h>
#include <ukthread/kthread_worker.h>
#include <ukthread/spinlock.h>

#include "kernel/sched/sched.h"

/* Bits of kthread.flags. */
enum {
	KTHREAD_IS_PER_CPU = 0,
	KTHREAD_SHOULD_STOP,
	KTHREAD_SHOULD_PARK,
};

/**
 * struct kthread - what a kthread has beyond a task.
 * @flags: KTHREAD_* bits, changed atomically.
 * @started: set once the thread got its first wakeup.
 * @reaped: set by the first kthread_stop(), which drops the creation
 *	reference.
 * @result_set: kthread_exit() or a return from threadfn stored @result.
 * @cpu: the CPU of kthread_create_on_cpu(), for per-CPU re-binding.
 * @threadfn, @data: what to run.
 * @result: what kthread_stop() returns.
 * @parked: completed each time the thread parks, and when it exits.
 * @exited: completed (for all) when the thread has left.
 * @full_name: the name when longer than comm can hold, else NULL.
 * @listed: set once kthread_create() made the kthread whole (pid, name):
 *	from then on show.c and watchdog.c list it.
 * @info_lock: guards @worker for the readers of show.c and watchdog.c.
 * @worker: the kthread_worker this thread runs, or NULL.
 * @stat_seq: a sequence count around each change of the figures below,
 *	which only the thread itself writes (odd while it writes them).
 * @works_run: works the worker ran.
 * @work_func: the function of the work running now, or NULL.
 * @work_start: when it started (CLOCK_MONOTONIC ns).
 * @longest_func: the function of the longest work so far.
 * @longest_ns: how long it ran.
 * @wd_seen: the watchdog's own notes on this task (watchdog.c only).
 */
struct kthread {
	unsigned long flags;
	int started;
	int reaped;
	int result_set;
	int cpu;
	int (*threadfn)(void *data);
	void *data;
	long result;
	struct ukt_completion parked;
	struct ukt_completion exited;
	char *full_name;
	int listed;
	ukt_spinlock_t info_lock;
	struct ukt_kthread_worker *worker;
	unsigned int stat_seq;
	unsigned long works_run;
	ukt_kthread_work_func_t work_func;
	long long work_start;
	ukt_kthread_work_func_t longest_func;
	long long longest_ns;
	struct {
		unsigned long run;	/* @works_run when last looked at */
		long long since;	/* since when it has not moved */
		int reported;		/* this incident was reported */
	} wd_seen;
};

/** struct kthread_task - a kthread's task and control block, one allocation. */
struct kthread_task {
	struct ukt_task task;
	struct kthread kthread;
};

/* The control block of @p, or NULL when @p is not a kthread (or an ERR_PTR). */
static inline struct kthread *to_kthread(struct ukt_task_struct *p)
{
	if (ukt_is_err_or_null(p) || !(__atomic_load_n(&p->flags, __ATOMIC_RELAXED) & UKT_PF_KTHREAD))
		return NULL;
	return p->worker_private;
}

static inline bool kthread_test_bit(struct kthread *k, int bit)
{
	return (__atomic_load_n(&k->flags, __ATOMIC_SEQ_CST) >> bit) & 1;
}

static inline bool kthread_test_and_set_bit(struct kthread *k, int bit)
{
	return (__atomic_fetch_or(&k->flags, 1ul << bit, __ATOMIC_SEQ_CST) >> bit) & 1;
}

static inline void kthread_clear_bit(struct kthread *k, int bit)
{
	__atomic_fetch_and(&k->flags, ~(1ul << bit), __ATOMIC_SEQ_CST);
}

/**
 * ukt__kthread_create_va - kthread_create_on_node() with a va_list.
 * @threadfn: what the thread runs.
 * @data: its argument.
 * @cpu: the CPU of kthread_create_on_cpu(), or -1.
 * @namefmt: printf-style name, kept whole (get_kthread_comm()).
 * @ap: its arguments.
 *
 * Return: the task, created stopped, or an ERR_PTR.
 */
UKT_HIDDEN struct ukt_task_struct *
ukt__kthread_create_va(int (*threadfn)(void *), void *data, int cpu,
		       const char *namefmt, va_list ap);

/**
 * ukt__kthread_stop_timeout - kthread_stop() that waits at most @timeout_ms.
 * @p: the kthread.
 * @timeout_ms: how long to wait for it to leave.
 *
 * Return: 0 when it left and was reaped; -EBUSY when it did not leave in
 * time (it is asked to stop and not reaped); -EALREADY when it was reaped
 * before; -EINVAL for a task that is not a kthread, is freed, or is the
 * caller.
 */
UKT_HIDDEN int ukt__kthread_stop_timeout(struct ukt_task_struct *p, unsigned int timeout_ms);

/* The thread of @k writes its worker figures: open and close a change. */
static inline void kthread_stat_write_begin(struct kthread *k)
{
	__atomic_store_n(&k->stat_seq, k->stat_seq + 1, __ATOMIC_RELAXED);
	__atomic_thread_fence(__ATOMIC_RELEASE);
}

static inline void kthread_stat_write_end(struct kthread *k)
{
	__atomic_store_n(&k->stat_seq, k->stat_seq + 1, __ATOMIC_RELEASE);
}

#endif /* UKTHREAD_KERNEL_KTHREAD_INTERNAL_H */
