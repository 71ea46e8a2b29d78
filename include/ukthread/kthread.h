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
 * @...: arguments for @namefmt.
 *
 * The new thread sleeps until its first wake_up_process(); a
 * kthread_stop() before that ends it without running @threadfn.
 *
 * The returned task reference belongs to whoever calls kthread_stop(): a
 * kthread whose threadfn returns on its own stays a zombie (its memory, not
 * its thread) until kthread_stop() reaps it, so a late kthread_stop() is
 * safe and returns the result.
 *
 * Return: the new task, or an error pointer: ERR_PTR(-EINVAL) (and a
 * warning) for a NULL @threadfn or @namefmt, ERR_PTR(-ENOMEM), or the
 * errno of a failed thread creation (usually -EAGAIN).  Test with
 * IS_ERR(), not against one errno.
 */
UKT_API struct ukt_task_struct *
ukt_kthread_create_on_node(int (*threadfn)(void *data), void *data, int node,
			   const char *namefmt, ...) ukt_printf(4, 5);

/**
 * ukt_kthread_create - create a kthread, stopped, on no particular node.
 * @threadfn: the function to run; its return value goes to kthread_stop().
 * @data: argument for @threadfn.
 * @namefmt: printf-style name.
 * @...: arguments for @namefmt.
 *
 * Return: as kthread_create_on_node(): the new task or an error pointer.
 */
#define ukt_kthread_create(threadfn, data, namefmt, ...)		\
	ukt_kthread_create_on_node(threadfn, data, UKT_NUMA_NO_NODE,	\
				   namefmt, ##__VA_ARGS__)

/**
 * ukt_kthread_create_on_cpu - create a kthread bound to a CPU, stopped.
 * @threadfn: the function to run; its return value goes to kthread_stop().
 * @data: argument for @threadfn.
 * @cpu: the CPU to bind it to.
 * @namefmt: the name, a printf format with one conversion (e.g. "%u")
 *	that receives @cpu.
 *
 * The thread remembers @cpu, so once marked with kthread_set_per_cpu() it
 * is re-bound to it on every unpark.
 *
 * Return: the new task, or an error pointer: ERR_PTR(-EINVAL) (and a
 * warning) when @cpu is not a CPU this process may use, else the errors
 * of kthread_create_on_node().
 */
UKT_API struct ukt_task_struct *
ukt_kthread_create_on_cpu(int (*threadfn)(void *data), void *data,
			  unsigned int cpu, const char *namefmt);

/**
 * ukt_kthread_run - create a kthread and wake it.
 * @threadfn: the function to run; its return value goes to kthread_stop().
 * @data: argument for @threadfn.
 * @namefmt: printf-style name.
 * @...: arguments for @namefmt.
 *
 * Return: the running task, or the error pointer of kthread_create().
 */
#define ukt_kthread_run(threadfn, data, namefmt, ...) ({		\
	struct ukt_task_struct *__k =					\
		ukt_kthread_create(threadfn, data, namefmt, ##__VA_ARGS__); \
	if (!ukt_is_err(__k))						\
		ukt_wake_up_process(__k);				\
	__k;								\
})

/**
 * ukt_kthread_run_on_cpu - create a kthread bound to a CPU and wake it.
 * @threadfn: the function to run; its return value goes to kthread_stop().
 * @data: argument for @threadfn.
 * @cpu: the CPU to bind it to.
 * @namefmt: the name, a printf format with one conversion that receives
 *	@cpu.
 *
 * Return: the running task, or the error pointer of
 * kthread_create_on_cpu().
 */
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
 * ukt_kthread_bind - bind a kthread that was never woken to a CPU.
 * @k: the kthread, created and not yet woken.
 * @cpu: the CPU.
 *
 * Warns and does nothing once the thread was woken, for a non-kthread,
 * or when @cpu is not a CPU this process may use.
 */
UKT_API void ukt_kthread_bind(struct ukt_task_struct *k, unsigned int cpu);

/**
 * ukt_kthread_bind_mask - bind a kthread that was never woken to some CPUs.
 * @k: the kthread, created and not yet woken.
 * @mask: the CPUs; those this process may not use are left out.
 *
 * Warns and does nothing once the thread was woken, for a non-kthread,
 * or when no CPU of @mask may be used.
 */
UKT_API void ukt_kthread_bind_mask(struct ukt_task_struct *k,
				   const struct ukt_cpumask *mask);

/**
 * ukt_kthread_stop - stop a kthread and reap it.
 * @k: the kthread.
 *
 * Makes kthread_should_stop() true for @k, unparks it, makes its
 * interruptible sleeps return (signal_pending()), wakes it and waits until
 * its thread has exited.  A kthread that was never woken exits without
 * running threadfn.  The first kthread_stop() drops the reference that
 * kthread_create() returned: use @k afterwards only if you hold a
 * reference of your own (get_task_struct()).
 *
 * Return: threadfn's return value (or the value given to kthread_exit(),
 * as an int), -EINTR if threadfn never ran, -ECANCELED if the thread left
 * through pthread_exit() or cancellation.  On misuse, with a warning:
 * -EINVAL when @k is not a kthread, -EDEADLK when a kthread stops itself.
 */
UKT_API int ukt_kthread_stop(struct ukt_task_struct *k);

/**
 * ukt_kthread_stop_put - stop a kthread, then drop a reference on it.
 * @k: the kthread, on which the caller holds a reference of its own
 *	(taken with get_task_struct()).
 *
 * kthread_stop(), then put_task_struct(@k).
 *
 * Return: as kthread_stop().
 */
UKT_API int ukt_kthread_stop_put(struct ukt_task_struct *k);

/**
 * ukt_kthread_should_stop - test whether the calling kthread must stop.
 *
 * Return: true once kthread_stop() was called on the caller; false (and
 * a warning) when the caller is not a kthread.
 */
UKT_API bool ukt_kthread_should_stop(void);

/**
 * ukt_kthread_should_park - test whether the calling kthread must park.
 *
 * Return: true once kthread_park() was called on the caller and until
 * kthread_unpark(); false (and a warning) when the caller is not a
 * kthread.
 */
UKT_API bool ukt_kthread_should_park(void);

/**
 * ukt_kthread_should_stop_or_park - test whether the calling kthread must
 * stop or park.
 *
 * Return: true when kthread_should_stop() or kthread_should_park() would
 * be; false, without a warning, when the caller is not a kthread.
 */
UKT_API bool ukt_kthread_should_stop_or_park(void);

/**
 * ukt_kthread_park - park a kthread and wait until it sleeps parked.
 * @k: the kthread.
 *
 * The thread parks in kthread_parkme().  A kthread parked before its
 * first wakeup parks without running threadfn.  Ordinary wakeups do not
 * release a parked thread; kthread_unpark() and kthread_stop() do.
 * Called by @k on itself, it only sets the request and does not wait.
 *
 * Return: 0 once @k sleeps parked (or the request is set, from @k
 * itself); with a warning: -EBUSY if @k is already parked or being
 * parked, -ENOSYS if @k is exiting or exits instead of parking, -EINVAL
 * for a non-kthread.
 */
UKT_API int ukt_kthread_park(struct ukt_task_struct *k);

/**
 * ukt_kthread_unpark - release a parked kthread.
 * @k: the kthread.
 *
 * Re-binds a per-CPU kthread to its CPU first.  Does nothing if @k was
 * not asked to park; warns for a non-kthread.  Does not wait for @k to
 * run.
 */
UKT_API void ukt_kthread_unpark(struct ukt_task_struct *k);

/**
 * ukt_kthread_parkme - park the calling kthread if it was asked to.
 *
 * Sleeps in TASK_PARKED until kthread_unpark() or kthread_stop(); returns
 * at once if no park was asked for.  Warns when the caller is not a
 * kthread.
 */
UKT_API void ukt_kthread_parkme(void);

/**
 * ukt_kthread_data - the data argument of a kthread.
 * @k: the kthread.
 *
 * Return: the @data given to kthread_create(); NULL (and a warning) when
 * @k is not a kthread.
 */
UKT_API void *ukt_kthread_data(struct ukt_task_struct *k);

/**
 * ukt_kthread_probe_data - the data argument of a task that may be a
 * kthread.
 * @k: the task.
 *
 * Return: the @data given to kthread_create() if @k is a kthread, else
 * NULL, without a warning.
 */
UKT_API void *ukt_kthread_probe_data(struct ukt_task_struct *k);

/**
 * ukt_kthread_func - the thread function of a kthread.
 * @k: the task.
 *
 * Return: the threadfn of @k, or NULL if @k is not a kthread.
 */
UKT_API void *ukt_kthread_func(struct ukt_task_struct *k);

/**
 * ukt_kthread_exit - end the calling kthread from any call depth.
 * @result: the value kthread_stop() returns (as an int).
 *
 * Called from a thread that is not a kthread, ends that thread with
 * pthread_exit().  Does not return.
 */
UKT_API ukt_noreturn void ukt_kthread_exit(long result);

/**
 * ukt_kthread_complete_and_exit - complete a completion, then end the
 * calling kthread.
 * @comp: the completion to complete(), or NULL for none.
 * @code: the value kthread_stop() returns (as an int).
 *
 * complete(@comp), then kthread_exit(@code).  Does not return.
 */
UKT_API ukt_noreturn void ukt_kthread_complete_and_exit(struct ukt_completion *comp,
							long code);

/**
 * ukt_kthread_set_per_cpu - mark a kthread as bound to one CPU.
 * @k: the kthread.
 * @cpu: its CPU; a negative @cpu clears the mark.
 *
 * A marked kthread is re-bound to @cpu on every kthread_unpark(); it is
 * not moved now.  Warns and does nothing for a non-kthread, or when @cpu
 * is not a CPU this process may use.
 */
UKT_API void ukt_kthread_set_per_cpu(struct ukt_task_struct *k, int cpu);

/**
 * ukt_kthread_is_per_cpu - test whether a kthread is marked per-CPU.
 * @k: the task.
 *
 * Return: true for a kthread marked with kthread_set_per_cpu(); false
 * otherwise, also for a non-kthread.
 */
UKT_API bool ukt_kthread_is_per_cpu(struct ukt_task_struct *k);

/**
 * ukt_kthreads_get - references on every kthread that exists now.
 * @tasks: where to store them.
 * @max: room in @tasks.
 *
 * Every kthread made by kthread_create() and not yet reaped by
 * kthread_stop(): running, sleeping, parked, never woken, or ended on
 * its own (a zombie, PF_EXITING set).  Each stored task has a reference
 * taken: drop it with put_task_struct().  For tools such as
 * ukthread-insmod, which stops what a module left running.
 *
 * Return: how many such kthreads there are; only the first @max are
 * stored.  0 also when memory for the count ran out.
 */
UKT_API size_t ukt_kthreads_get(struct ukt_task_struct **tasks, size_t max);

/**
 * ukt_get_kthread_comm - copy a kthread's whole name.
 * @buf: where to copy it.
 * @size: size of @buf in bytes; 0 leaves @buf untouched.
 * @tsk: the task.
 *
 * Unlike comm, the name is not truncated to 15 bytes, only to fit @buf;
 * it is always NUL-terminated.  For a task that is not a kthread, copies
 * comm.
 */
UKT_API void ukt_get_kthread_comm(char *buf, size_t size,
				  struct ukt_task_struct *tsk);

/**
 * ukt_kthreadd_task - the task of the creator thread, kthreadd.
 *
 * Starts kthreadd if it is not running.
 *
 * Return: kthreadd's task, or NULL if it could not be started.
 */
UKT_API struct ukt_task_struct *ukt_kthreadd_task(void);

/**
 * ukt_kthreadd_set_spares - set how many clean threads kthreadd keeps
 * ready.
 * @n: the number of spares; 0 turns them off, a negative value counts
 *	as 0.
 *
 * Spares are made ahead of kthread_create() calls (default 2, or
 * $UKTHREAD_SPARES, read once with secure_getenv(): a value that is not a
 * plain decimal number from 0 to 1024 is a warning and the default).  With 0 every kthread_create() waits for kthreadd to
 * make its thread.  Spares beyond a lowered target stay until used.
 * Starts kthreadd if it is not running.
 *
 * Return: the previous number.
 */
UKT_API int ukt_kthreadd_set_spares(int n);

/**
 * struct ukt_shutdown_report - what ukt_shutdown() ended.
 * @kthreads: kthreads stopped and reaped (workers' kthreads included).
 * @workers: of those, workers of kthread_create_worker() destroyed.
 * @works_dropped: works of those workers canceled (armed delayed works)
 *	or dropped (queued, not yet run).
 * @timers: armed timers disarmed.
 * @threads: the library's own threads ended: kthreadd, its spares and
 *	the timer thread.
 * @left: kthreads that did not stop within the timeout (asked to stop,
 *	still running).
 */
struct ukt_shutdown_report {
	unsigned int kthreads;
	unsigned int workers;
	unsigned int works_dropped;
	unsigned int timers;
	unsigned int threads;
	unsigned int left;
};

/**
 * ukt_shutdown - end every thread the library runs.
 * @timeout_ms: how long to wait for each kthread to stop.
 * @report: filled with what was ended; may be NULL.
 *
 * Stops every kthread the program left running, newest first, as
 * kthread_stop() does (a worker made by kthread_create_worker() is
 * destroyed: its armed delayed works are canceled and works still queued
 * are dropped, which kthread_destroy_worker() would run); disarms every
 * armed timer; ends the timer thread, kthreadd and kthreadd's spare
 * threads, and waits until each of those threads is gone.  Afterwards no
 * thread of the library's is left, so a program checked by valgrind
 * leaves nothing "possibly lost"; kthreadd and the timer thread start
 * again on next use.  Kthreads already reaped, and tasks held by
 * references, are left alone; the stopped kthreads and destroyed workers
 * are gone (a later kthread_stop() of one warns and returns -ESRCH,
 * queueing on one warns).  No other thread may use the library
 * meanwhile.  Has no kernel counterpart.
 *
 * Return: 0; -EBUSY when a kthread did not stop within @timeout_ms (it
 * is asked to stop; @report->left counts them; the rest is ended all the
 * same); -EDEADLK (with a warning) from a kthread, kthreadd or a timer
 * function; -ENOMEM without memory to list the kthreads.
 */
UKT_API int ukt_shutdown(unsigned int timeout_ms, struct ukt_shutdown_report *report);

#include <ukthread/map/kthread.h>

#endif /* UKTHREAD_KTHREAD_H */
