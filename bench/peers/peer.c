// SPDX-License-Identifier: MIT
/*
 * peer.c - the start and the flush of the peers without a flush (see
 * peer.h).  The flush is the same for each: hand the worker a barrier
 * item that signals an event, and wait for it; it is the cheapest
 * blocking handoff there is (event.h), so the peers' figures are not
 * slowed by our own plumbing.  The start waits the same way for a probe
 * item that also records the worker's thread id.
 *
 * Starts and flushes come from one thread, one at a time (worker.c's main
 * thread), and each returns only once its item has run, off every queue:
 * so one barrier, one probe and one event serve every peer.
 */
#include <stdlib.h>

#include "event.h"
#include "peer.h"

static struct bench_event done;

static void signal_done(void)
{
	bench_event_signal(&done);
}

static void record_tid(void)
{
	bench_record_worker_tid();
	bench_event_signal(&done);
}

static struct peer_item barrier = { .fn = signal_done };
static struct peer_item probe = { .fn = record_tid };

/* Hand @it to the worker and return once it has run. */
static void handoff(const struct peer_ops *ops, struct peer_item *it)
{
	bench_event_reset(&done);
	ops->push(it);
	bench_event_wait(&done);
}

const char *peer_start(const struct peer_ops *ops, struct peer_item **items,
		       size_t nitems)
{
	struct peer_item *it = calloc(nitems, sizeof(*it));
	const char *why;

	if (!it)
		return "out of memory";
	for (size_t i = 0; i < nitems; i++)
		it[i].fn = bench_trivial_work;
	why = ops->start();
	if (why) {
		free(it);
		return why;
	}
	*items = it;
	handoff(ops, &probe);
	return NULL;
}

void peer_flush(const struct peer_ops *ops)
{
	handoff(ops, &barrier);
}

void peer_stop(const struct peer_ops *ops, struct peer_item *items)
{
	ops->stop();
	free(items);
}
