/* SPDX-License-Identifier: MIT */
/*
 * ukthread/kthread.h - kernel threads in user space.
 *
 * A kthread is a POSIX thread made by the creator thread "kthreadd", so it
 * starts clean whatever its caller did (all signals blocked, SCHED_OTHER at
 * nice 0, every CPU the process may use), with a name, and stopped: it runs
 * threadfn(data) only after its first wake_up_process().  Its owner stops
 * it with kthread_stop(), which returns what threadfn returned, and may
 * park it in between.  The kthread_worker part (serial work queues) lives
 * in ukthread/kthread_worker.h.
 */
#ifndef UKTHREAD_KTHREAD_H
#define UKTHREAD_KTHREAD_H

#include <stdbool.h>
#include <stddef.h>
#include <ukthread/compiler.h>
#include <ukthread/err.h>
#include <ukthread/sched.h>
#include <ukthread/cpumask.h>
#include <ukthread/completion.h>

/**
 * ukt_kthread_create_on_node - create a kthread, stopped.
 * @threadfn: the function to run; its return value goes to kthread_stop().
 * @data: argument for @threadfn.
 * @node: NUMA node hint (NUMA_NO_NODE; accepted and ignored).
 * @namefmt: printf-style name; comm keeps the first 15 bytes, the whole
 *	name stays available to get_kthread_comm().
 *
 * Returns the new task, which sleeps until wake_up_process(), or an error
 * pointer: ERR_PTR(-EINVAL) for a NULL @threadfn, ERR_PTR(-ENOMEM), or the
 * errno of a failed pthread_create() (usually -EAGAIN).  Callers must test
 * with IS_ERR(), not against one errno.
 *
 * The returned task reference belongs to whoever calls kthread_stop(): a
 * kthread whose threadfn returns on its own stays a zombie (its memory, not
 * its thread) until kthread_stop() reaps it, so a late kthread_stop() is
 * safe and returns the result.
 */
UKT_API struct ukt_task_struct *
ukt_kthread_create_on_node(int (*threadfn)(void *data), void *data, int node,
			   const char *namefmt, ...) ukt_printf(4, 5);

/** ukt_kthread_create - kthread_create_on_node() on no particular node. */
#define ukt_kthread_create(threadfn, data, namefmt, ...)		\
	ukt_kthread_create_on_node(threadfn, data, UKT_NUMA_NO_NODE,	\
				   namefmt, ##__VA_ARGS__)

/**
 * ukt_kthread_create_on_cpu - create a kthread bound to @cpu.
 * @namefmt: name; a "%u" in it receives @cpu.
 *
 * The thread remembers @cpu, so once marked with kthread_set_per_cpu() it
 * is re-bound to it on every unpark.  ERR_PTR(-EINVAL) when @cpu is not a
 * CPU this process may use.
 */
UKT_API struct ukt_task_struct *
ukt_kthread_create_on_cpu(int (*threadfn)(void *data), void *data,
			  unsigned int cpu, const char *namefmt);

/**
 * ukt_kthread_run - create a kthread and wake it; the task or an error
 * pointer.
 */
#define ukt_kthread_run(threadfn, data, namefmt, ...) ({		\
	struct ukt_task_struct *__k =					\
		ukt_kthread_create(threadfn, data, namefmt, ##__VA_ARGS__); \
	if (!ukt_is_err(__k))						\
		ukt_wake_up_process(__k);				\
	__k;								\
})

/** ukt_kthread_run_on_cpu - create a kthread bound to @cpu and wake it. */
static inline struct ukt_task_struct *
ukt_kthread_run_on_cpu(int (*threadfn)(void *data), void *data,
		       unsigned int cpu, const char *namefmt)
{
	struct ukt_task_struct *p =
		ukt_kthread_create_on_cpu(threadfn, data, cpu, namefmt);

	if (!ukt_is_err(p))
		ukt_wake_up_process(p);
	return p;
}

/**
 * ukt_kthread_bind - bind a kthread that was never woken to @cpu.
 *
 * Warns and does nothing once the thread has started, for a non-kthread,
 * or when @cpu is not a CPU this process may use.
 */
UKT_API void ukt_kthread_bind(struct ukt_task_struct *k, unsigned int cpu);

/** ukt_kthread_bind_mask - kthread_bind() to the CPUs of @mask. */
UKT_API void ukt_kthread_bind_mask(struct ukt_task_struct *k,
				   const struct ukt_cpumask *mask);

/**
 * ukt_kthread_stop - stop a kthread and reap it.
 *
 * Makes kthread_should_stop() true for @k, unparks it, makes its
 * interruptible sleeps return (signal_pending()), wakes it and waits until
 * its thread has exited.  Returns threadfn's return value (or the value
 * given to kthread_exit()), -EINTR if threadfn never ran, -ECANCELED if the
 * thread left through pthread_exit() or cancellation.
 *
 * Misuse: -EINVAL (and a warning) when @k is not a kthread, -EDEADLK when
 * a kthread stops itself.
 */
UKT_API int ukt_kthread_stop(struct ukt_task_struct *k);

/** ukt_kthread_stop_put - kthread_stop(), then put_task_struct(@k). */
UKT_API int ukt_kthread_stop_put(struct ukt_task_struct *k);

/** ukt_kthread_should_stop - true once kthread_stop() was called on us. */
UKT_API bool ukt_kthread_should_stop(void);
/** ukt_kthread_should_park - true once kthread_park() was called on us. */
UKT_API bool ukt_kthread_should_park(void);
/** ukt_kthread_should_stop_or_park - either; false for non-kthreads. */
UKT_API bool ukt_kthread_should_stop_or_park(void);

/**
 * ukt_kthread_park - park @k and wait until it sleeps in kthread_parkme().
 *
 * A kthread parked before its first wakeup parks without running threadfn.
 * Ordinary wakeups do not release a parked thread; kthread_unpark() and
 * kthread_stop() do.  Called by @k on itself, only sets the request.
 * Returns 0, -EBUSY (and a warning) if already parked or being parked,
 * -ENOSYS if @k is exiting or exits instead of parking, -EINVAL for a
 * non-kthread.
 */
UKT_API int ukt_kthread_park(struct ukt_task_struct *k);

/**
 * ukt_kthread_unpark - release a parked kthread (re-binding a per-CPU one
 * first); does nothing if @k was not asked to park.  Does not wait.
 */
UKT_API void ukt_kthread_unpark(struct ukt_task_struct *k);

/** ukt_kthread_parkme - park here if asked to; returns once unparked. */
UKT_API void ukt_kthread_parkme(void);

/** ukt_kthread_data - the @data of kthread @k (NULL and a warning if none). */
UKT_API void *ukt_kthread_data(struct ukt_task_struct *k);
/** ukt_kthread_probe_data - the @data of @k if it is a kthread, else NULL. */
UKT_API void *ukt_kthread_probe_data(struct ukt_task_struct *k);
/** ukt_kthread_func - the threadfn of @k, or NULL if not a kthread. */
UKT_API void *ukt_kthread_func(struct ukt_task_struct *k);

/**
 * ukt_kthread_exit - end the calling kthread from any call depth; @result
 * goes to kthread_stop().  From a non-kthread, ends the thread with
 * pthread_exit().
 */
UKT_API ukt_noreturn void ukt_kthread_exit(long result);

/**
 * ukt_kthread_complete_and_exit - complete(@comp) (if not NULL), then
 * kthread_exit(@code).
 */
UKT_API ukt_noreturn void ukt_kthread_complete_and_exit(struct ukt_completion *comp,
							long code);

/**
 * ukt_kthread_set_per_cpu - mark @k as bound to @cpu (re-bound on unpark);
 * a negative @cpu clears the mark.
 */
UKT_API void ukt_kthread_set_per_cpu(struct ukt_task_struct *k, int cpu);
/** ukt_kthread_is_per_cpu - true for a kthread marked per-CPU. */
UKT_API bool ukt_kthread_is_per_cpu(struct ukt_task_struct *k);

/**
 * ukt_get_kthread_comm - copy @tsk's whole name (not truncated to 15
 * bytes) into @buf of @size bytes.
 */
UKT_API void ukt_get_kthread_comm(char *buf, size_t size,
				  struct ukt_task_struct *tsk);

/** ukt_kthreadd_task - the creator thread's task (starts it if needed). */
UKT_API struct ukt_task_struct *ukt_kthreadd_task(void);

/**
 * ukt_kthreadd_set_spares - how many clean threads kthreadd keeps made
 * ahead of kthread_create() calls (default 2, or $UKTHREAD_SPARES).
 * 0 makes every kthread_create() wait for kthreadd to make its thread.
 * Returns the previous value.
 */
UKT_API int ukt_kthreadd_set_spares(int n);

#include <ukthread/map/kthread.h>

#endif /* UKTHREAD_KTHREAD_H */
