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

#endif /* UKTHREAD_KERNEL_KTHREAD_INTERNAL_H */
