/* SPDX-License-Identifier: MIT */
/*
 * ukthread/kthread_worker.h - kthread_worker: one kthread running queued
 * works one at a time, in order.
 *
 * Rules (the kernel's):
 * - A work is pending from the moment it is queued until the worker takes
 *   it off the queue to run it.  Queueing a pending work, or one being
 *   canceled, does nothing and returns false.
 * - A work belongs to the first worker it is queued on until it is
 *   re-initialised; queueing it on another worker warns and returns false.
 * - The worker never touches a work after its function returned, so the
 *   function may free the work.
 * - kthread_flush_work() waits for the run that was queued or running when
 *   it was called; kthread_flush_worker() for everything queued before it.
 * - Cancel removes a pending work, waits for a running one, stops a
 *   self-requeueing one, and returns whether the work was pending.
 *
 * Choices where the kernel would hang or crash: flushing a delayed work
 * whose timer is still armed waits for the timer and then the run; a
 * worker flushing, canceling-and-waiting-for or destroying itself from
 * inside one of its works gets a warning and does not wait; queueing on a
 * destroyed worker warns and returns false.
 */
#ifndef UKTHREAD_KTHREAD_WORKER_H
#define UKTHREAD_KTHREAD_WORKER_H

#include <stdbool.h>
#include <ukthread/compiler.h>
#include <ukthread/kthread.h>
#include <ukthread/list.h>
#include <ukthread/sched.h>
#include <ukthread/spinlock.h>
#include <ukthread/timer.h>
#include <ukthread/wait.h>

struct ukt_kthread_work;
struct ukt_kthread_worker;

/**
 * typedef ukt_kthread_work_func_t - the function of a work.
 * @work: the work being run; the function may free it or queue it again.
 */
typedef void (*ukt_kthread_work_func_t)(struct ukt_kthread_work *work);

/**
 * enum ukt_kthread_worker_flags - flags of kthread_create_worker().
 * @UKT_KTW_FREEZABLE: the kernel's freezable worker.  Kept in the
 *	worker's flags; nothing is ever frozen in user space, so it changes
 *	nothing.
 */
enum ukt_kthread_worker_flags {
	UKT_KTW_FREEZABLE = 1 << 0,
};

/**
 * struct ukt_kthread_work - a work item; embed it and initialise it with
 * kthread_init_work() or KTHREAD_WORK_INIT.
 * @node: node in the worker's work list or delayed list (under its lock).
 * @func: what to run.
 * @worker: the worker it belongs to; set by the first queueing.
 * @__state: pending bit and canceling count (internal).
 * @__gen: the generation of @worker it was attached to (internal): a work
 *	of a destroyed worker is refused even when the worker's memory was
 *	reused for a new one.
 * @__next: link in the worker's lock-free queue (internal).
 */
struct ukt_kthread_work {
	struct ukt_list_head node;
	ukt_kthread_work_func_t func;
	struct ukt_kthread_worker *worker;
	unsigned int __state;
	unsigned int __gen;
	struct ukt_kthread_work *__next;
};

/**
 * struct ukt_kthread_delayed_work - a work queued after a delay.
 * @work: the work.
 * @timer: the timer that queues it.
 */
struct ukt_kthread_delayed_work {
	struct ukt_kthread_work work;
	struct ukt_timer_list timer;
};

/**
 * struct ukt_kthread_worker - a serial work queue and its kthread.
 * @flags: KTW_* flags, and internal ones.
 * @__idle: 1 while the worker sleeps for lack of work.
 * @__tail: the newest work of the lock-free queue (queueing threads).
 * @__qcpu: 1 + the CPU of the last queueing thread (0: none yet).
 * @__gen: which worker this memory holds: 0 for a worker of the caller's,
 *	one more for each worker kthread_create_worker() made in it.
 * @__pad: keeps what queueing threads write apart from what the worker
 *	writes for every work.
 * @lock: protects the lists, @current_work and the queue's consumer side.
 * @__head: the oldest work of the lock-free queue, or @__stub.
 * @__stub: the lock-free queue's placeholder node.
 * @__cpu: 1 + the CPU the worker's thread last ran on (0: not yet).
 * @work_list: works taken off the lock-free queue by flush, cancel or the
 *	timer, and works inserted by them; all run before the queue's.
 * @delayed_work_list: delayed works whose timer is armed.
 * @task: the worker's kthread.
 * @current_work: the work running now (an identity only, never used).
 * @__kick: bumped when a work is put straight on @work_list.
 * @__delayed_wq: flushers waiting for a delayed work's timer.
 */
struct ukt_kthread_worker {
	unsigned int flags;
	int __idle;
	struct ukt_kthread_work *__tail;
	int __qcpu;
	unsigned int __gen;
	char __pad[64];
	ukt_spinlock_t lock;
	struct ukt_kthread_work *__head;
	int __cpu;
	struct ukt_kthread_work __stub;
	struct ukt_list_head work_list;
	struct ukt_list_head delayed_work_list;
	struct ukt_task_struct *task;
	struct ukt_kthread_work *current_work;
	unsigned int __kick;
	struct ukt_wait_queue_head __delayed_wq;
};

/**
 * UKT_KTHREAD_WORKER_INIT - static initialiser of a worker, without a
 * thread.
 * @worker: the worker being initialised.
 */
#define UKT_KTHREAD_WORKER_INIT(worker) {				\
	.__tail = &(worker).__stub,					\
	.lock = UKT_SPINLOCK_INIT,					\
	.__head = &(worker).__stub,					\
	.work_list = UKT_LIST_HEAD_INIT((worker).work_list),		\
	.delayed_work_list = UKT_LIST_HEAD_INIT((worker).delayed_work_list), \
	.__delayed_wq = UKT_WAIT_QUEUE_HEAD_INITIALIZER((worker).__delayed_wq) }

/**
 * UKT_KTHREAD_WORK_INIT - static initialiser of a work.
 * @work: the work being initialised.
 * @fn: its function.
 */
#define UKT_KTHREAD_WORK_INIT(work, fn) {				\
	.node = UKT_LIST_HEAD_INIT((work).node), .func = (fn) }

/**
 * UKT_KTHREAD_DELAYED_WORK_INIT - static initialiser of a delayed work.
 * @dwork: the delayed work being initialised.
 * @fn: its function.
 */
#define UKT_KTHREAD_DELAYED_WORK_INIT(dwork, fn) {			\
	.work = UKT_KTHREAD_WORK_INIT((dwork).work, (fn)),		\
	.timer = UKT_TIMER_INITIALIZER((dwork).timer,			\
			ukt_kthread_delayed_work_timer_fn, UKT_TIMER_IRQSAFE) }

/**
 * UKT_DEFINE_KTHREAD_WORKER - define a worker, without a thread.
 * @worker: name of the struct ukt_kthread_worker variable.
 *
 * Give it a thread with kthread_run(kthread_worker_fn, &@worker, ...).
 */
#define UKT_DEFINE_KTHREAD_WORKER(worker) \
	struct ukt_kthread_worker worker = UKT_KTHREAD_WORKER_INIT(worker)

/**
 * UKT_DEFINE_KTHREAD_WORK - define a work.
 * @work: name of the struct ukt_kthread_work variable.
 * @fn: its function.
 */
#define UKT_DEFINE_KTHREAD_WORK(work, fn) \
	struct ukt_kthread_work work = UKT_KTHREAD_WORK_INIT(work, fn)

/**
 * UKT_DEFINE_KTHREAD_DELAYED_WORK - define a delayed work.
 * @dwork: name of the struct ukt_kthread_delayed_work variable.
 * @fn: its function.
 */
#define UKT_DEFINE_KTHREAD_DELAYED_WORK(dwork, fn) \
	struct ukt_kthread_delayed_work dwork = UKT_KTHREAD_DELAYED_WORK_INIT(dwork, fn)

/**
 * UKT_DEFINE_KTHREAD_WORKER_ONSTACK - define a worker on the stack.
 * @worker: name of the struct ukt_kthread_worker variable.
 *
 * Initialises it with kthread_init_worker(); it has no thread yet.
 */
#define UKT_DEFINE_KTHREAD_WORKER_ONSTACK(worker) \
	struct ukt_kthread_worker worker = \
		(*({ ukt_kthread_init_worker(&(worker)); &(worker); }))

/**
 * ukt_kthread_init_worker - initialise a worker, without a thread.
 * @worker: the worker.
 *
 * Give it a thread with kthread_run(kthread_worker_fn, @worker, ...).
 */
UKT_API void ukt_kthread_init_worker(struct ukt_kthread_worker *worker);

/**
 * ukt_kthread_init_work - initialise a work.
 * @work: the work; it must not be pending or running.
 * @fn: its function.
 *
 * Also detaches @work from the worker it belonged to, so that it may be
 * queued on another one.  A NULL @fn warns; such a work is never queued.
 */
UKT_API void ukt_kthread_init_work(struct ukt_kthread_work *work,
				   ukt_kthread_work_func_t fn);

/**
 * ukt_kthread_init_delayed_work - initialise a delayed work.
 * @dwork: the delayed work; it must not be pending or running.
 * @fn: its function.
 */
UKT_API void ukt_kthread_init_delayed_work(struct ukt_kthread_delayed_work *dwork,
					   ukt_kthread_work_func_t fn);

/**
 * ukt_kthread_worker_fn - the worker loop, as a kthread's threadfn.
 * @worker_ptr: a struct kthread_worker initialised with
 *	kthread_init_worker().
 *
 * Runs the queued works, one at a time, in order, until kthread_stop().
 *
 * Return: 0 after kthread_stop(); -EBUSY (and a warning) when another
 * thread already runs @worker_ptr.
 */
UKT_API int ukt_kthread_worker_fn(void *worker_ptr);

/**
 * ukt_kthread_create_worker_on_node - allocate a worker and create its
 * kthread, not started.
 * @flags: KTW_* flags.
 * @node: NUMA node hint (accepted and ignored).
 * @namefmt: printf-style name of the kthread (at most 127 bytes are
 *	kept).
 * @...: arguments for @namefmt.
 *
 * The thread is created stopped (as since Linux 6.14): start it with
 * wake_up_process(@worker->task), or use kthread_run_worker().  Works may
 * be queued before that.  kthread_destroy_worker() frees the worker.
 *
 * Return: the worker, or an error pointer: ERR_PTR(-ENOMEM), or the
 * errors of kthread_create_on_node().
 */
UKT_API struct ukt_kthread_worker *
ukt_kthread_create_worker_on_node(unsigned int flags, int node,
				  const char namefmt[], ...) ukt_printf(3, 4);

/**
 * ukt_kthread_create_worker - kthread_create_worker_on_node() on no
 * particular node.
 * @flags: KTW_* flags.
 * @namefmt: printf-style name of the kthread.
 * @...: arguments for @namefmt.
 *
 * Return: the worker, not started, or an error pointer.
 */
#define ukt_kthread_create_worker(flags, namefmt, ...)			\
	ukt_kthread_create_worker_on_node(flags, UKT_NUMA_NO_NODE,	\
					  namefmt, ##__VA_ARGS__)

/**
 * ukt_kthread_create_worker_on_cpu - allocate a worker bound to a CPU, not
 * started.
 * @cpu: the CPU for its kthread.
 * @flags: KTW_* flags.
 * @namefmt: the name, a printf format with one conversion ("%u" or
 *	"%d") that receives @cpu.
 *
 * Return: the worker, or an error pointer: ERR_PTR(-EINVAL) (and a
 * warning) for a negative @cpu or one this process may not use,
 * ERR_PTR(-ENOMEM), or the errors of kthread_create_on_cpu().
 */
UKT_API struct ukt_kthread_worker *
ukt_kthread_create_worker_on_cpu(int cpu, unsigned int flags, const char namefmt[]);

/**
 * ukt_kthread_run_worker - create a worker and start its kthread.
 * @flags: KTW_* flags.
 * @namefmt: printf-style name of the kthread.
 * @...: arguments for @namefmt.
 *
 * Return: the running worker, or the error pointer of
 * kthread_create_worker().
 */
#define ukt_kthread_run_worker(flags, namefmt, ...) ({			\
	struct ukt_kthread_worker *__w =				\
		ukt_kthread_create_worker(flags, namefmt, ##__VA_ARGS__); \
	if (!ukt_is_err(__w))						\
		ukt_wake_up_process(__w->task);				\
	__w;								\
})

/**
 * ukt_kthread_run_worker_on_cpu - create a worker bound to a CPU and start
 * its kthread.
 * @cpu: the CPU for its kthread.
 * @flags: KTW_* flags.
 * @namefmt: the name, a printf format with one conversion that receives
 *	@cpu.
 *
 * Return: the running worker, or the error pointer of
 * kthread_create_worker_on_cpu().
 */
static inline struct ukt_kthread_worker *
ukt_kthread_run_worker_on_cpu(int cpu, unsigned int flags, const char namefmt[])
{
	struct ukt_kthread_worker *w =
		ukt_kthread_create_worker_on_cpu(cpu, flags, namefmt);

	if (!ukt_is_err(w))
		ukt_wake_up_process(w->task);
	return w;
}

/**
 * ukt_kthread_queue_work - queue a work on a worker.
 * @worker: the worker.
 * @work: the work.
 *
 * Never allocates, never sleeps; wakes the worker only if it sleeps.
 *
 * Return: true if @work was queued; false if it was pending or being
 * canceled, and (with a warning) when @worker was destroyed (however long
 * ago: the library keeps the memory of the workers it made), @work
 * belongs to another worker or to a destroyed one, or @work has no
 * function.
 */
UKT_API bool ukt_kthread_queue_work(struct ukt_kthread_worker *worker,
				    struct ukt_kthread_work *work);

/**
 * ukt_kthread_queue_delayed_work - queue a work after a delay.
 * @worker: the worker.
 * @dwork: the delayed work.
 * @delay: the delay in jiffies; 0 queues it at once.
 *
 * Return: true if @dwork was queued (or its timer armed); false if it
 * was pending or being canceled, and (with a warning, @dwork left as it
 * was) when @worker was destroyed, @dwork belongs to another worker, was
 * never initialised (a zeroed one included) or has no function, or when
 * @delay is not 0 and the timer thread cannot be started.
 */
UKT_API bool ukt_kthread_queue_delayed_work(struct ukt_kthread_worker *worker,
					    struct ukt_kthread_delayed_work *dwork,
					    unsigned long delay);

/**
 * ukt_kthread_mod_delayed_work - queue a work after a delay, or move the
 * time of a pending one.
 * @worker: the worker.
 * @dwork: the delayed work.
 * @delay: the new delay in jiffies, from now; 0 queues it at once.
 *
 * Return: false if @dwork was idle and is now queued; true if it was
 * pending and was moved, and true when a cancel of @dwork is in progress
 * (then @dwork is left to the canceler and not queued).  Also false, with
 * a warning and @dwork left as it was, when @worker was destroyed, @dwork
 * belongs to another worker, was never initialised (a zeroed one
 * included) or has no function, or when @delay is not 0 and the timer
 * thread cannot be started.
 */
UKT_API bool ukt_kthread_mod_delayed_work(struct ukt_kthread_worker *worker,
					  struct ukt_kthread_delayed_work *dwork,
					  unsigned long delay);

/**
 * ukt_kthread_delayed_work_timer_fn - the timer function of a delayed work.
 * @t: the timer of the delayed work.
 *
 * Queues the work on its worker.  Set up by kthread_init_delayed_work();
 * not to be called directly.
 */
UKT_API void ukt_kthread_delayed_work_timer_fn(struct ukt_timer_list *t);

/**
 * ukt_kthread_flush_work - wait for the current run of a work.
 * @work: the work.
 *
 * Waits for the run that was queued or running when it was called
 * (for a delayed work whose timer is armed: for the timer, then the run).
 * Returns at once if @work was neither, or was never queued.  Called from
 * @work's own worker, it warns and does not wait.
 */
UKT_API void ukt_kthread_flush_work(struct ukt_kthread_work *work);

/**
 * ukt_kthread_flush_worker - wait for every work queued on a worker so far.
 * @worker: the worker.
 *
 * Works queued after the call are not waited for.  Called from @worker's
 * own thread, it warns and does not wait.
 */
UKT_API void ukt_kthread_flush_worker(struct ukt_kthread_worker *worker);

/**
 * ukt_kthread_cancel_work_sync - cancel a work and wait for its run.
 * @work: the work, not a delayed one.
 *
 * Removes @work if pending and waits if it is running; a work that queues
 * itself again meanwhile is not queued.  Called from @work's own worker,
 * it warns and does not wait for the run.
 *
 * Return: true if @work was pending, false if not.
 */
UKT_API bool ukt_kthread_cancel_work_sync(struct ukt_kthread_work *work);

/**
 * ukt_kthread_cancel_delayed_work_sync - cancel a delayed work and wait
 * for its run.
 * @dwork: the delayed work.
 *
 * kthread_cancel_work_sync(), also disarming the timer.
 *
 * Return: true if @dwork was pending (queued or its timer armed), false
 * if not.
 */
UKT_API bool ukt_kthread_cancel_delayed_work_sync(struct ukt_kthread_delayed_work *dwork);

/**
 * ukt_kthread_destroy_worker - flush a worker, stop its kthread and free it.
 * @worker: the worker.
 *
 * Starts the kthread if it never was, flushes @worker, stops the kthread,
 * cancels (with a warning) delayed works still armed and drops (with a
 * warning) works queued meanwhile.  Frees @worker if
 * kthread_create_worker() allocated it.  Warns and does nothing when
 * called from @worker's own thread or for a worker without a kthread.
 */
UKT_API void ukt_kthread_destroy_worker(struct ukt_kthread_worker *worker);

#include <ukthread/map/kthread_worker.h>

#endif /* UKTHREAD_KTHREAD_WORKER_H */
