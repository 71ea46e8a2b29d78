// SPDX-License-Identifier: MIT
/*
 * queue_gasync.c - GLib's GAsyncQueue with one consumer thread: the other
 * common way to build a serial worker on GLib.  A barrier item stands in
 * for the flush GLib lacks (peer.c); a NULL-function item ends the
 * consumer.
 */
#include <glib.h>

#include "peer.h"

static GAsyncQueue *aq;
static GThread *consumer;
static struct peer_item quit;

static gpointer consumer_fn(gpointer data)
{
	for (;;) {
		struct peer_item *it = g_async_queue_pop(aq);

		if (!it->fn)
			return NULL;
		it->fn();
	}
}

static const char *start(void)
{
	aq = g_async_queue_new();
	consumer = g_thread_new("bench", consumer_fn, NULL);
	return NULL;
}

static void push(struct peer_item *it)
{
	g_async_queue_push(aq, it);
}

static void stop(void)
{
	g_async_queue_push(aq, &quit);
	g_thread_join(consumer);
	g_async_queue_unref(aq);
}

static const struct peer_ops gasync = { .start = start, .push = push, .stop = stop };

PEER_QUEUE(bench_queue_gasync, "GAsyncQueue", gasync);
