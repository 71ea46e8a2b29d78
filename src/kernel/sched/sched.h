/* SPDX-License-Identifier: MIT */
/*
 * kernel/sched/sched.h - the task object, shared by the scheduling core
 * and the layers above it.
 *
 * A task is a struct ukt_task; its public part (struct ukt_task_struct) is
 * a member of it, after the registry node.  Rooms above may put more in
 * the same allocation (kthread.c: the task and a struct kthread, the task
 * first), and use the hooks below to take part in the core's decisions
 * without the core knowing them.
 */
#ifndef UKTHREAD_KERNEL_SCHED_SCHED_H
#define UKTHREAD_KERNEL_SCHED_SCHED_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include <ukthread/compiler.h>
#include <ukthread/list.h>
#include <ukthread/sched.h>

#include "lib/alloc.h"
#include "lib/quarantine.h"

/**
 * enum ukt_task_kind - who made the thread of a task.
 * @UKT_TASK_ADOPTED: a thread that called in; its task is made on first use.
 * @UKT_TASK_KTHREAD: made by kthread_create().
 * @UKT_TASK_KTHREADD: the creator itself.
 */
enum ukt_task_kind {
	UKT_TASK_ADOPTED,
	UKT_TASK_KTHREAD,
	UKT_TASK_KTHREADD,
};

/**
 * struct ukt_task - a task.
 * @registry: node in the list of all tasks (task.c).  First, so that the
 *	registry points at the start of every task's memory (valgrind counts
 *	a task leaked on purpose, saturated, as reachable).
 * @registry_shard: which of the registry's lists @registry is on.
 * @pub: what users see.
 * @refs: checked reference count (lib/refcount.h): the references of
 *	get_task_struct() and, apart from them, the pin of the task's own
 *	thread, dropped only when that thread leaves, so that no stray put
 *	frees the task of a running thread.  Both gone: the task is freed.
 * @sleeping: 1 while the thread is blocked in the futex of schedule();
 *	lets wakers skip the futex syscall and wait_task_inactive() see a
 *	real sleep.
 * @sigpending: the kernel's TIF_NOTIFY_SIGNAL: set by kthread_stop(),
 *	makes interruptible sleeps return.
 * @kind: enum ukt_task_kind.
 * @pool: the type-stable pool the memory came from and goes back to
 *	(lib/quarantine.h); NULL for a task that is never freed.
 * @seq: creation order, for ukt_shutdown().
 * @release: called by the last put before the memory goes (may be NULL).
 * @interrupt_wait: set by the room that owns the thread (kthread.c), may
 *	be NULL: true while a request is pending that wait_woken() must not
 *	sleep through (for a kthread: a stop or a park).
 * @thread: the POSIX thread.
 */
struct ukt_task {
	struct ukt_list_head registry;
	int registry_shard;
	struct ukt_task_struct pub;
	unsigned int refs;
	int sleeping;
	int sigpending;
	int kind;
	struct ukt_pool *pool;
	unsigned long seq;
	void (*release)(struct ukt_task *t);
	bool (*interrupt_wait)(struct ukt_task *t);
	pthread_t thread;
};

static inline struct ukt_task *to_task(struct ukt_task_struct *p)
{
	return ukt_container_of(p, struct ukt_task, pub);
}

/* core.c */
UKT_HIDDEN extern __thread struct ukt_task *ukt__current;

/**
 * ukt__task_set_current - make @t the calling thread's task.
 * @t: the task; its thread and pid are set to the caller's.
 */
UKT_HIDDEN void ukt__task_set_current(struct ukt_task *t);

/**
 * ukt__task_exit - the thread of @t is leaving: it no longer sleeps or
 * runs anything (PF_EXITING, TASK_DEAD).
 * @t: the task.
 */
UKT_HIDDEN void ukt__task_exit(struct ukt_task *t);

/**
 * ukt__schedule_until - sleep until the state is TASK_RUNNING again.
 * @deadline: absolute CLOCK_MONOTONIC time, or NULL for none.
 *
 * Return: false on timeout, with the state set back to TASK_RUNNING;
 * true otherwise.
 */
UKT_HIDDEN bool ukt__schedule_until(const struct timespec *deadline);

/**
 * ukt__set_notify_signal - make @t's interruptible sleeps return.
 * @t: the task.
 */
UKT_HIDDEN void ukt__set_notify_signal(struct ukt_task *t);

/** ukt__cur - the caller's task, adopted on first use. */
static inline struct ukt_task *ukt__cur(void)
{
	struct ukt_task *t = ukt__current;

	return ukt_likely(t) ? t : to_task(ukt_get_current());
}

/* task.c */

/**
 * ukt__task_new - make a task and put it on the registry.
 * @pool: the pool of its memory (objects of at least sizeof(struct
 *	ukt_task)), or NULL for the pool of plain tasks (UKT_SITE_TASK).
 * @kind: enum ukt_task_kind.
 *
 * Every field is zeroed, the task's memory may be a freed task's.
 *
 * Return: the task, holding only the pin of its thread (ukt__task_unpin()
 * drops it), or NULL without memory.
 */
UKT_HIDDEN struct ukt_task *ukt__task_new(struct ukt_pool *pool, int kind);

/**
 * ukt__task_init_static - make @t, memory of the caller's that is never
 * freed, a task pinned by its thread; not on the registry.
 * @t: the task.
 * @kind: enum ukt_task_kind.
 */
UKT_HIDDEN void ukt__task_init_static(struct ukt_task *t, int kind);

/**
 * ukt__task_unpin - the thread of @t is leaving: drop its pin.
 * @t: the task; freed here if no reference is left.
 */
UKT_HIDDEN void ukt__task_unpin(struct ukt_task *t);

/**
 * ukt__task_tryget - take a reference unless @t is freed already.
 * @t: the task, or the memory of a freed one.
 *
 * Return: true with a reference taken; false when @t was freed (no pin,
 * no reference left).
 */
UKT_HIDDEN bool ukt__task_tryget(struct ukt_task *t);

/**
 * ukt__task_for_each - call @fn for every task on the registry whose
 * kind is @kind, newest first, each with a reference held for the call.
 * @kind: enum ukt_task_kind.
 * @fn: the function; may sleep.
 * @arg: its second argument.
 *
 * Tasks made during the walk are not visited.
 *
 * Return: how many tasks @fn was called for, or -ENOMEM.
 */
UKT_HIDDEN long ukt__task_for_each(int kind, void (*fn)(struct ukt_task *t, void *arg),
				   void *arg);

/**
 * ukt__tasks_get - references on the tasks of one kind that exist now.
 * @kind: enum ukt_task_kind.
 * @want: NULL, or a filter called under the registry lock (it must not
 *	sleep): true for the tasks to count.
 * @out: where to store them.
 * @max: room in @out.
 *
 * Each stored task has a reference taken (put_task_struct() it); a task
 * already down to 0 references is skipped.
 *
 * Return: how many there are, which may be more than @max.
 */
UKT_HIDDEN size_t ukt__tasks_get(int kind, bool (*want)(struct ukt_task *t),
				 struct ukt_task_struct **out, size_t max);

#endif /* UKTHREAD_KERNEL_SCHED_SCHED_H */
