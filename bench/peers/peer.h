/* SPDX-License-Identifier: MIT */
/*
 * peer.h - what the peers without a flush of their own share (the
 * mutex + condvar worker, GThreadPool, GAsyncQueue; peer.c): their items,
 * the barrier item that stands in for the flush, and the start, which
 * returns once the worker has run a first item that records its thread.
 *
 * A peer says only how its worker starts, takes an item and stops (struct
 * peer_ops); PEER_QUEUE() makes its struct bench_queue from that.
 */
#ifndef BENCH_PEER_H
#define BENCH_PEER_H

#include <stddef.h>

#include "queue.h"

/**
 * struct peer_item - one item.
 * @next: the link of a peer that keeps its queue as a list of the items
 *	themselves (the mutex + condvar worker); GLib keeps its own lists.
 * @fn: the item's work; the worker calls it.
 */
struct peer_item {
	struct peer_item *next;
	void (*fn)(void);
};

/**
 * struct peer_ops - what differs between the peers.
 * @start: start the worker thread; NULL, or why it failed.
 * @push: hand @it to the worker; called from any producer thread.
 * @stop: stop the worker thread, once it has run what it was handed.
 */
struct peer_ops {
	const char *(*start)(void);
	void (*push)(struct peer_item *it);
	void (*stop)(void);
};

/** peer_start - make @nitems items in *@items, start the worker, wait for it. */
const char *peer_start(const struct peer_ops *ops, struct peer_item **items,
		       size_t nitems);
/** peer_flush - return once every item handed to the worker has run. */
void peer_flush(const struct peer_ops *ops);
/** peer_stop - stop the worker and free @items. */
void peer_stop(const struct peer_ops *ops, struct peer_item *items);

/*
 * PEER_QUEUE - define struct bench_queue @var, @name in the rows, for the
 * peer whose `static const struct peer_ops` is @ops.  Queueing calls
 * @ops.push itself (a constant: the compiler calls the function direct),
 * and flushing one item is a flush: the barrier waits for all before it.
 */
#define PEER_QUEUE(var, name, ops)					\
static struct peer_item *var##_items;					\
static const char *var##_start(size_t nitems)				\
{									\
	return peer_start(&(ops), &var##_items, nitems);		\
}									\
static void var##_queue(size_t i)					\
{									\
	(ops).push(&var##_items[i]);					\
}									\
static void var##_flush(void)						\
{									\
	peer_flush(&(ops));						\
}									\
static void var##_flush_item(size_t i)					\
{									\
	peer_flush(&(ops));						\
}									\
static void var##_stop(void)						\
{									\
	peer_stop(&(ops), var##_items);					\
}									\
const struct bench_queue var = {					\
	.impl = (name),							\
	.start = var##_start,						\
	.queue = var##_queue,						\
	.flush = var##_flush,						\
	.flush_item = var##_flush_item,					\
	.stop = var##_stop,						\
}

#endif /* BENCH_PEER_H */
