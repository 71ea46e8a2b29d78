/* SPDX-License-Identifier: MIT */
/*
 * event.h - a one-shot "it happened" for the peers' flushes.
 *
 * The peers lack a flush, so each gets the same one: queue a barrier item
 * that signals this event, and wait for it.  It is the cheapest blocking
 * handoff there is (a futex, and a wake only when someone sleeps), so the
 * peers' figures are not slowed by our own plumbing.
 */
#ifndef BENCH_EVENT_H
#define BENCH_EVENT_H

#include "futex.h"

enum { EVENT_PENDING, EVENT_DONE, EVENT_SLEEPER };

struct bench_event {
	int state;
};

static inline void bench_event_reset(struct bench_event *e)
{
	__atomic_store_n(&e->state, EVENT_PENDING, __ATOMIC_RELAXED);
}

static inline void bench_event_signal(struct bench_event *e)
{
	if (__atomic_exchange_n(&e->state, EVENT_DONE, __ATOMIC_ACQ_REL) == EVENT_SLEEPER)
		bench_futex_wake(&e->state, 1);
}

static inline void bench_event_wait(struct bench_event *e)
{
	int s = EVENT_PENDING;

	/* Announce the sleep first: the signaller wakes only a sleeper. */
	if (!__atomic_compare_exchange_n(&e->state, &s, EVENT_SLEEPER, 0,
					 __ATOMIC_ACQUIRE, __ATOMIC_ACQUIRE) &&
	    s == EVENT_DONE)
		return;
	while (__atomic_load_n(&e->state, __ATOMIC_ACQUIRE) != EVENT_DONE)
		bench_futex_wait(&e->state, EVENT_SLEEPER);
}

#endif /* BENCH_EVENT_H */
