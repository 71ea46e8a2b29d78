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

/** typedef ukt_kthread_work_func_t - the function of a work. */
typedef void (*ukt_kthread_work_func_t)(struct ukt_kthread_work *work);

/** enum ukt_kthread_worker_flags - flags of kthread_create_worker(). */
enum ukt_kthread_worker_flags {
	UKT_KTW_FREEZABLE = 1 << 0,	/* the worker may be frozen between works */
};

/**
 * struct ukt_kthread_work - a work item; embed it and initialise it with
 * kthread_init_work() or KTHREAD_WORK_INIT.
 * @node: node in the worker's work list or delayed list (under its lock).
 * @func: what to run.
 * @worker: the worker it belongs to; set by the first queueing.
 * @__state: pending bit and canceling count (internal).
 * @__next: link in the worker's lock-free queue (internal).
 */
struct ukt_kthread_work {
	struct ukt_list_head node;
	ukt_kthread_work_func_t func;
	struct ukt_kthread_worker *worker;
	unsigned int __state;
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
 * @__pad: keeps what queueing threads write apart from what the worker
 *	writes for every work.
 * @lock: protects the lists, @current_work and the queue's consumer side.
 * @__head: the oldest work of the lock-free queue, or @__stub.
 * @__stub: the lock-free queue's placeholder node.
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
	char __pad[64];
	ukt_spinlock_t lock;
	struct ukt_kthread_work *__head;
	struct ukt_kthread_work __stub;
	struct ukt_list_head work_list;
	struct ukt_list_head delayed_work_list;
	struct ukt_task_struct *task;
	struct ukt_kthread_work *current_work;
	unsigned int __kick;
	struct ukt_wait_queue_head __delayed_wq;
};

#define UKT_KTHREAD_WORKER_INIT(worker) {				\
	.__tail = &(worker).__stub,					\
	.lock = UKT_SPINLOCK_INIT,					\
	.__head = &(worker).__stub,					\
	.work_list = UKT_LIST_HEAD_INIT((worker).work_list),		\
	.delayed_work_list = UKT_LIST_HEAD_INIT((worker).delayed_work_list), \
	.__delayed_wq = UKT_WAIT_QUEUE_HEAD_INITIALIZER((worker).__delayed_wq) }
#define UKT_KTHREAD_WORK_INIT(work, fn) {				\
	.node = UKT_LIST_HEAD_INIT((work).node), .func = (fn) }
#define UKT_KTHREAD_DELAYED_WORK_INIT(dwork, fn) {			\
	.work = UKT_KTHREAD_WORK_INIT((dwork).work, (fn)),		\
	.timer = UKT_TIMER_INITIALIZER((dwork).timer,			\
			ukt_kthread_delayed_work_timer_fn, UKT_TIMER_IRQSAFE) }
#define UKT_DEFINE_KTHREAD_WORKER(worker) \
	struct ukt_kthread_worker worker = UKT_KTHREAD_WORKER_INIT(worker)
#define UKT_DEFINE_KTHREAD_WORK(work, fn) \
	struct ukt_kthread_work work = UKT_KTHREAD_WORK_INIT(work, fn)
#define UKT_DEFINE_KTHREAD_DELAYED_WORK(dwork, fn) \
	struct ukt_kthread_delayed_work dwork = UKT_KTHREAD_DELAYED_WORK_INIT(dwork, fn)
#define UKT_DEFINE_KTHREAD_WORKER_ONSTACK(worker) \
	struct ukt_kthread_worker worker = \
		(*({ ukt_kthread_init_worker(&(worker)); &(worker); }))

/** ukt_kthread_init_worker - initialise @worker (no thread yet). */
UKT_API void ukt_kthread_init_worker(struct ukt_kthread_worker *worker);

/**
 * ukt_kthread_init_work - initialise @work to run @fn; also detaches it
 * from the worker it belonged to.  Must not be pending or running.
 */
UKT_API void ukt_kthread_init_work(struct ukt_kthread_work *work,
				   ukt_kthread_work_func_t fn);

/** ukt_kthread_init_delayed_work - initialise @dwork to run @fn. */
UKT_API void ukt_kthread_init_delayed_work(struct ukt_kthread_delayed_work *dwork,
					   ukt_kthread_work_func_t fn);

/**
 * ukt_kthread_worker_fn - the worker loop, as a threadfn: @worker_ptr is a
 * struct kthread_worker initialised with kthread_init_worker().  Runs
 * works until kthread_stop(); returns 0.
 */
UKT_API int ukt_kthread_worker_fn(void *worker_ptr);

/**
 * ukt_kthread_create_worker_on_node - allocate a worker and create its
 * kthread, not started (as since Linux 6.14): wake_up_process(w->task)
 * or use kthread_run_worker().  Returns the worker or an error pointer.
 */
UKT_API struct ukt_kthread_worker *
ukt_kthread_create_worker_on_node(unsigned int flags, int node,
				  const char namefmt[], ...) ukt_printf(3, 4);

#define ukt_kthread_create_worker(flags, namefmt, ...)			\
	ukt_kthread_create_worker_on_node(flags, UKT_NUMA_NO_NODE,	\
					  namefmt, ##__VA_ARGS__)

/**
 * ukt_kthread_create_worker_on_cpu - a worker bound to @cpu; a "%u" or
 * "%d" in @namefmt receives @cpu.  Not started.
 */
UKT_API struct ukt_kthread_worker *
ukt_kthread_create_worker_on_cpu(int cpu, unsigned int flags, const char namefmt[]);

/** ukt_kthread_run_worker - kthread_create_worker() and start it. */
#define ukt_kthread_run_worker(flags, namefmt, ...) ({			\
	struct ukt_kthread_worker *__w =				\
		ukt_kthread_create_worker(flags, namefmt, ##__VA_ARGS__); \
	if (!ukt_is_err(__w))						\
		ukt_wake_up_process(__w->task);				\
	__w;								\
})

/** ukt_kthread_run_worker_on_cpu - kthread_create_worker_on_cpu() and start it. */
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
 * ukt_kthread_queue_work - queue @work on @worker.  Returns true if
 * queued, false if it was pending or being canceled (or on misuse).
 * Never allocates, never sleeps; wakes the worker only if it sleeps.
 */
UKT_API bool ukt_kthread_queue_work(struct ukt_kthread_worker *worker,
				    struct ukt_kthread_work *work);

/**
 * ukt_kthread_queue_delayed_work - queue @dwork after @delay jiffies (at
 * once for 0).  False if it was pending or being canceled.
 */
UKT_API bool ukt_kthread_queue_delayed_work(struct ukt_kthread_worker *worker,
					    struct ukt_kthread_delayed_work *dwork,
					    unsigned long delay);

/**
 * ukt_kthread_mod_delayed_work - queue @dwork after @delay, or move its
 * time if it is pending.  Returns false only if @dwork was idle and is now
 * queued; true otherwise, also when a concurrent cancel won (then @dwork
 * is left to the canceler and not queued).
 */
UKT_API bool ukt_kthread_mod_delayed_work(struct ukt_kthread_worker *worker,
					  struct ukt_kthread_delayed_work *dwork,
					  unsigned long delay);

/** ukt_kthread_delayed_work_timer_fn - the timer function of a delayed work. */
UKT_API void ukt_kthread_delayed_work_timer_fn(struct ukt_timer_list *t);

/**
 * ukt_kthread_flush_work - wait for the run of @work that was queued or
 * running at the call; returns at once if it was neither.
 */
UKT_API void ukt_kthread_flush_work(struct ukt_kthread_work *work);

/** ukt_kthread_flush_worker - wait for every work queued on @worker so far. */
UKT_API void ukt_kthread_flush_worker(struct ukt_kthread_worker *worker);

/**
 * ukt_kthread_cancel_work_sync - remove @work if pending and wait if
 * running; true if it was pending.  For works that are not delayed.
 */
UKT_API bool ukt_kthread_cancel_work_sync(struct ukt_kthread_work *work);

/** ukt_kthread_cancel_delayed_work_sync - the same, also disarming the timer. */
UKT_API bool ukt_kthread_cancel_delayed_work_sync(struct ukt_kthread_delayed_work *dwork);

/**
 * ukt_kthread_destroy_worker - flush @worker, stop its kthread, cancel
 * (with a warning) delayed works still armed, free it if
 * kthread_create_worker() allocated it.
 */
UKT_API void ukt_kthread_destroy_worker(struct ukt_kthread_worker *worker);

#ifndef UKTHREAD_NO_KERNEL_NAMES
#define kthread_work			ukt_kthread_work
#define kthread_worker			ukt_kthread_worker
#define kthread_delayed_work		ukt_kthread_delayed_work
#define kthread_work_func_t		ukt_kthread_work_func_t
#define KTW_FREEZABLE			UKT_KTW_FREEZABLE
#define KTHREAD_WORKER_INIT		UKT_KTHREAD_WORKER_INIT
#define KTHREAD_WORK_INIT		UKT_KTHREAD_WORK_INIT
#define KTHREAD_DELAYED_WORK_INIT	UKT_KTHREAD_DELAYED_WORK_INIT
#define DEFINE_KTHREAD_WORKER		UKT_DEFINE_KTHREAD_WORKER
#define DEFINE_KTHREAD_WORK		UKT_DEFINE_KTHREAD_WORK
#define DEFINE_KTHREAD_DELAYED_WORK	UKT_DEFINE_KTHREAD_DELAYED_WORK
#define DEFINE_KTHREAD_WORKER_ONSTACK	UKT_DEFINE_KTHREAD_WORKER_ONSTACK
#define kthread_init_worker		ukt_kthread_init_worker
#define kthread_init_work		ukt_kthread_init_work
#define kthread_init_delayed_work	ukt_kthread_init_delayed_work
#define kthread_worker_fn		ukt_kthread_worker_fn
#define kthread_create_worker_on_node	ukt_kthread_create_worker_on_node
#define kthread_create_worker		ukt_kthread_create_worker
#define kthread_create_worker_on_cpu	ukt_kthread_create_worker_on_cpu
#define kthread_run_worker		ukt_kthread_run_worker
#define kthread_run_worker_on_cpu	ukt_kthread_run_worker_on_cpu
#define kthread_queue_work		ukt_kthread_queue_work
#define kthread_queue_delayed_work	ukt_kthread_queue_delayed_work
#define kthread_mod_delayed_work	ukt_kthread_mod_delayed_work
#define kthread_delayed_work_timer_fn	ukt_kthread_delayed_work_timer_fn
#define kthread_flush_work		ukt_kthread_flush_work
#define kthread_flush_worker		ukt_kthread_flush_worker
#define kthread_cancel_work_sync	ukt_kthread_cancel_work_sync
#define kthread_cancel_delayed_work_sync ukt_kthread_cancel_delayed_work_sync
#define kthread_destroy_worker		ukt_kthread_destroy_worker
/* The 2.6.35 names. */
#define init_kthread_worker		ukt_kthread_init_worker
#define init_kthread_work		ukt_kthread_init_work
#define queue_kthread_work		ukt_kthread_queue_work
#define flush_kthread_work		ukt_kthread_flush_work
#define flush_kthread_worker		ukt_kthread_flush_worker
#endif

#endif /* UKTHREAD_KTHREAD_WORKER_H */
