// SPDX-License-Identifier: MIT
/*
 * queue_gpool.c - GLib's GThreadPool with max_threads = 1.  Exclusive, so
 * its one thread is made at once and kept, like a kthread_worker's; GLib
 * has no flush, so a barrier item stands in for one (peer.c).
 */
#include <glib.h>

#include "peer.h"

static GThreadPool *pool;

static void run(gpointer data, gpointer user_data)
{
	((struct peer_item *)data)->fn();
}

static const char *start(void)
{
	pool = g_thread_pool_new(run, NULL, 1, TRUE, NULL);
	return pool ? NULL : "g_thread_pool_new() failed";
}

static void push(struct peer_item *it)
{
	if (!g_thread_pool_push(pool, it, NULL))
		__atomic_fetch_add(&bench_queue_refused, 1, __ATOMIC_RELAXED);
}

static void stop(void)
{
	g_thread_pool_free(pool, FALSE, TRUE);
}

static const struct peer_ops gpool = { .start = start, .push = push, .stop = stop };

PEER_QUEUE(bench_queue_gpool, "GThreadPool", gpool);
