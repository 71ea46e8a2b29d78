// SPDX-License-Identifier: MIT
/*
 * kthread_worker_create.c - workers with a kthread of their own:
 * kthread_create_worker*() and kthread_destroy_worker().
 *
 * A worker that the library allocated is never given back to malloc: when
 * destroyed it is marked so and goes back to a type-stable pool
 * (lib/quarantine.c), which reuses it only for another worker, and then
 * with the next generation.  So queueing on a destroyed worker is caught
 * however long ago it was destroyed: by the mark until the memory is
 * reused, by the work's generation after that (a fresh work queued on a
 * pointer to memory that holds a new worker again cannot be told apart).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>

#include <ukthread/kthread.h>

#include "kernel/kthread_internal.h"
#include "kernel/kthread_worker_internal.h"
#include "lib/alloc.h"
#include "lib/quarantine.h"

UKT_POOL_DEFINE(worker_pool, UKT_SITE_WORKER, struct ukt_kthread_worker)

static struct ukt_kthread_worker *worker_alloc(unsigned int flags)
{
	struct ukt_kthread_worker *worker = ukt__pool_alloc(&worker_pool);
	unsigned int gen;

	if (!worker)
		return NULL;
	/* Fresh memory reads 0: generations of made workers start at 1. */
	gen = __atomic_load_n(&worker->__gen, __ATOMIC_RELAXED) + 1;
	ukt_kthread_init_worker(worker);
	__atomic_store_n(&worker->__gen, gen ? gen : 1, __ATOMIC_RELAXED);
	worker->flags = (flags & UKT_KTW_FREEZABLE) | KTW__ALLOCATED;
	return worker;
}

/* Give @worker the kthread @task, or free it and pass on the error. */
static struct ukt_kthread_worker *worker_attach_task(struct ukt_kthread_worker *worker,
						     struct ukt_task_struct *task)
{
	if (ukt_is_err(task)) {
		__atomic_or_fetch(&worker->flags, KTW__DESTROYED, __ATOMIC_RELEASE);
		ukt__pool_free(&worker_pool, worker);
		return ukt_err_cast(task);
	}
	worker->task = task;
	ukt__worker_note(to_kthread(task), worker);	/* a worker, even before it runs */
	return worker;
}

struct ukt_kthread_worker *
ukt_kthread_create_worker_on_node(unsigned int flags, int node, const char namefmt[], ...)
{
	struct ukt_kthread_worker *worker = worker_alloc(flags);
	struct ukt_task_struct *task;
	va_list ap;

	(void)node;
	if (!worker)
		return ukt_err_ptr(-ENOMEM);
	/* The name is formatted by kthread_create itself: kept whole. */
	va_start(ap, namefmt);
	task = ukt__kthread_create_va(ukt_kthread_worker_fn, worker, -1, namefmt, ap);
	va_end(ap);
	return worker_attach_task(worker, task);
}

struct ukt_kthread_worker *
ukt_kthread_create_worker_on_cpu(int cpu, unsigned int flags, const char namefmt[])
{
	struct ukt_kthread_worker *worker;

	if (UKT_WARN_ONCE(cpu < 0, "kthread_create_worker_on_cpu(): CPU %d", cpu))
		return ukt_err_ptr(-EINVAL);
	worker = worker_alloc(flags);
	if (!worker)
		return ukt_err_ptr(-ENOMEM);
	return worker_attach_task(worker, ukt_kthread_create_on_cpu(
			ukt_kthread_worker_fn, worker, (unsigned int)cpu, namefmt));
}

void ukt_kthread_destroy_worker(struct ukt_kthread_worker *worker)
{
	struct ukt_task_struct *task = __atomic_load_n(&worker->task, __ATOMIC_ACQUIRE);

	if (UKT_WARN_ONCE(is_worker_thread(worker),
			  "kthread_destroy_worker() from the worker itself"))
		return;
	if (UKT_WARN_ONCE(!task, "kthread_destroy_worker() on a worker without a task"))
		return;
	/* A worker created but never started would never flush: start it. */
	ukt_wake_up_process(task);
	ukt_kthread_flush_worker(worker);
	ukt_kthread_stop(task);

	ukt_spin_lock(&worker->lock);
	UKT_WARN_ONCE(!ukt_list_empty(&worker->delayed_work_list),
		      "kthread_destroy_worker() with delayed works still armed");
	while (!ukt_list_empty(&worker->delayed_work_list)) {
		struct ukt_kthread_work *work = ukt_container_of(
			worker->delayed_work_list.next, struct ukt_kthread_work, node);

		ukt_spin_unlock(&worker->lock);
		ukt_kthread_cancel_delayed_work_sync(
			ukt_container_of(work, struct ukt_kthread_delayed_work, work));
		ukt_spin_lock(&worker->lock);
	}
	drain(worker);
	UKT_WARN_ONCE(!ukt_list_empty(&worker->work_list),
		      "works queued during kthread_destroy_worker() are dropped");
	while (!ukt_list_empty(&worker->work_list))
		ukt__work_unlink(worker, ukt_container_of(worker->work_list.next,
						     struct ukt_kthread_work, node));
	__atomic_or_fetch(&worker->flags, KTW__DESTROYED, __ATOMIC_RELEASE);
	ukt_spin_unlock(&worker->lock);
	if (worker->flags & KTW__ALLOCATED)
		ukt__pool_free(&worker_pool, worker);
}

int ukt__worker_shutdown(struct ukt_kthread_worker *worker, unsigned int timeout_ms,
			 unsigned int *dropped)
{
	struct ukt_task_struct *task = __atomic_load_n(&worker->task, __ATOMIC_ACQUIRE);
	int err;

	if (!task)
		return -EINVAL;
	/* Armed delayed works would fire into a worker that is gone. */
	ukt_spin_lock(&worker->lock);
	while (!ukt_list_empty(&worker->delayed_work_list)) {
		struct ukt_kthread_work *work = ukt_container_of(
			worker->delayed_work_list.next, struct ukt_kthread_work, node);

		ukt_spin_unlock(&worker->lock);
		ukt_kthread_cancel_delayed_work_sync(
			ukt_container_of(work, struct ukt_kthread_delayed_work, work));
		(*dropped)++;
		ukt_spin_lock(&worker->lock);
	}
	ukt_spin_unlock(&worker->lock);
	/* The worker leaves between works; what is still queued is dropped. */
	err = ukt__kthread_stop_timeout(task, timeout_ms);
	if (err)
		return err;
	ukt_spin_lock(&worker->lock);
	drain(worker);
	while (!ukt_list_empty(&worker->work_list)) {
		ukt__work_unlink(worker, ukt_container_of(worker->work_list.next,
						     struct ukt_kthread_work, node));
		(*dropped)++;
	}
	__atomic_or_fetch(&worker->flags, KTW__DESTROYED, __ATOMIC_RELEASE);
	ukt_spin_unlock(&worker->lock);
	if (worker->flags & KTW__ALLOCATED)
		ukt__pool_free(&worker_pool, worker);
	return 0;
}
