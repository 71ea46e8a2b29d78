// SPDX-License-Identifier: MIT
/*
 * queue_gasync.c - GLib's GAsyncQueue with one consumer thread: the other
 * common way to build a serial worker on GLib.  A barrier item stands in
 * for the flush GLib lacks; a NULL-function item ends the consumer.
 */
#include <stdlib.h>
#include <glib.h>

#include "event.h"
#include "queue.h"

struct gasync_item {
	void (*fn)(void);
};

static GAsyncQueue *aq;
static GThread *consumer;
static struct gasync_item *items;
static struct gasync_item barrier, probe, quit;
static struct bench_event barrier_done;

static gpointer consumer_fn(gpointer data)
{
	for (;;) {
		struct gasync_item *it = g_async_queue_pop(aq);

		if (!it->fn)
			return NULL;
		it->fn();
	}
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

static void flush(void)
{
	bench_event_reset(&barrier_done);
	g_async_queue_push(aq, &barrier);
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
	aq = g_async_queue_new();
	consumer = g_thread_new("bench", consumer_fn, NULL);
	bench_event_reset(&barrier_done);
	g_async_queue_push(aq, &probe);
	bench_event_wait(&barrier_done);
	return NULL;
}

static void queue(size_t i)
{
	g_async_queue_push(aq, &items[i]);
}

static void flush_item(size_t i)
{
	flush();
}

static void stop(void)
{
	g_async_queue_push(aq, &quit);
	g_thread_join(consumer);
	g_async_queue_unref(aq);
	free(items);
}

const struct bench_queue bench_queue_gasync = {
	.impl = "GAsyncQueue",
	.start = start,
	.queue = queue,
	.flush = flush,
	.flush_item = flush_item,
	.stop = stop,
};
