// SPDX-License-Identifier: MIT
/*
 * queue_ukthread.c - ukthread's kthread_worker, through the kernel's API
 * exactly as kernel code would use it.
 */
#include <stdlib.h>
#include <ukthread.h>

#include "queue.h"

#if __has_include(<ukthread/kthread_worker.h>)
#include <ukthread/kthread_worker.h>

static struct kthread_worker *worker;
static struct kthread_work *works;
static struct kthread_work probe;

static void trivial(struct kthread_work *work)
{
	bench_trivial_work();
}

static void record_tid(struct kthread_work *work)
{
	bench_record_worker_tid();
}

static const char *start(size_t nitems)
{
	works = calloc(nitems, sizeof(*works));
	if (!works)
		return "out of memory";
	for (size_t i = 0; i < nitems; i++)
		kthread_init_work(&works[i], trivial);
	worker = kthread_run_worker(0, "bench");
	if (IS_ERR(worker)) {
		free(works);
		return "kthread_run_worker() failed";
	}
	kthread_init_work(&probe, record_tid);
	kthread_queue_work(worker, &probe);
	kthread_flush_work(&probe);
	return NULL;
}

static void queue(size_t i)
{
	if (!kthread_queue_work(worker, &works[i]))
		__atomic_fetch_add(&bench_queue_refused, 1, __ATOMIC_RELAXED);
}

static void flush(void)
{
	kthread_flush_worker(worker);
}

static void flush_item(size_t i)
{
	kthread_flush_work(&works[i]);
}

static void stop(void)
{
	kthread_destroy_worker(worker);
	free(works);
}

const struct bench_queue bench_queue_ukthread = {
	.impl = "ukthread",
	.start = start,
	.queue = queue,
	.flush = flush,
	.flush_item = flush_item,
	.stop = stop,
};
#else
const struct bench_queue bench_queue_ukthread = {
	.impl = "ukthread",
	.missing = "ukthread worker: not built yet",
};
#endif
