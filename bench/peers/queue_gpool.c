// SPDX-License-Identifier: MIT
/*
 * queue_gpool.c - GLib's GThreadPool with max_threads = 1.  Exclusive, so
 * its one thread is made at once and kept, like a kthread_worker's; GLib
 * has no flush, so a barrier item stands in for one.
 */
#include <stdlib.h>
#include <glib.h>

#include "event.h"
#include "queue.h"

struct gpool_item {
	void (*fn)(void);
};

static GThreadPool *pool;
static struct gpool_item *items;
static struct gpool_item barrier, probe;
static struct bench_event barrier_done;

static void run(gpointer data, gpointer user_data)
{
	((struct gpool_item *)data)->fn();
}

static void signal_barrier(void)
{
	bench_event_signal(&barrier_done);
}

static void record_tid(void)
{
	bench_record_worker_tid();
	bench_event_signal(&barrier_done);
}

static void push(struct gpool_item *it)
{
	if (!g_thread_pool_push(pool, it, NULL))
		__atomic_fetch_add(&bench_queue_refused, 1, __ATOMIC_RELAXED);
}

static void flush(void)
{
	bench_event_reset(&barrier_done);
	push(&barrier);
	bench_event_wait(&barrier_done);
}

static const char *start(size_t nitems)
{
	items = calloc(nitems, sizeof(*items));
	if (!items)
		return "out of memory";
	for (size_t i = 0; i < nitems; i++)
		items[i].fn = bench_trivial_work;
	barrier.fn = signal_barrier;
	probe.fn = record_tid;
	pool = g_thread_pool_new(run, NULL, 1, TRUE, NULL);
	if (!pool) {
		free(items);
		return "g_thread_pool_new() failed";
	}
	bench_event_reset(&barrier_done);
	push(&probe);
	bench_event_wait(&barrier_done);
	return NULL;
}

static void queue(size_t i)
{
	push(&items[i]);
}

static void flush_item(size_t i)
{
	flush();
}

static void stop(void)
{
	g_thread_pool_free(pool, FALSE, TRUE);
	free(items);
}

const struct bench_queue bench_queue_gpool = {
	.impl = "GThreadPool",
	.start = start,
	.queue = queue,
	.flush = flush,
	.flush_item = flush_item,
	.stop = stop,
};
