// SPDX-License-Identifier: MIT
/*
 * ring.c - the ceiling for a queue's throughput: NITEMS items through a
 * lock-free ring to a consumer thread that sleeps only when the ring
 * stays empty, then a barrier item (the same work as the workers); and
 * the same items called in a plain loop, the ceiling no queue reaches.
 */
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>

#include "common.h"
#include "event.h"
#include "ring.h"

#define NITEMS		1000000
#define RING_SIZE	4096		/* a power of two */

/*
 * The ring is the classic fastest kind for one producer and one consumer:
 * a slot holds an item or NULL, and neither side shares an index with the
 * other, so cache lines cross CPUs once per eight items.  An empty ring
 * makes the consumer look again only every LOOK_PAUSES pauses - each look
 * pulls over the line the producer is filling, and looking less lets
 * items pile up into batches - and sleep after SPIN_NS; the producer
 * wakes it only if it sleeps.  Measured here, looking at every pause
 * instead costs a factor of ten.
 */
#define LOOK_PAUSES	256
#define SPIN_NS		20000

struct item {
	void (*fn)(void);
};

static struct item *ring[RING_SIZE] __attribute__((aligned(64)));
static int consumer_sleeps __attribute__((aligned(64)));
static unsigned long ring_head;		/* the producer's */

static struct item *items;	/* NITEMS of them, made on first use */
static unsigned long items_run;
static struct bench_event ring_done;

static void trivial(void)
{
	items_run++;
}

static void barrier(void)
{
	bench_event_signal(&ring_done);
}

static void stop_consumer(void)
{
}

static void make_items(void)
{
	if (items)
		return;
	items = calloc(NITEMS, sizeof(*items));
	if (!items) {
		perror("bench: items");
		exit(1);
	}
	for (int i = 0; i < NITEMS; i++)
		items[i].fn = trivial;
}

/* Wait for slot @s to fill: spin a while, then sleep. */
static struct item *ring_wait(struct item **s)
{
	struct item *it = __atomic_load_n(s, __ATOMIC_ACQUIRE);
	uint64_t end;

	if (it)
		return it;
	end = bench_now_ns() + SPIN_NS;
	while (!(it = __atomic_load_n(s, __ATOMIC_ACQUIRE))) {
		if (bench_now_ns() < end) {
			for (int i = 0; i < LOOK_PAUSES; i++)
				bench_cpu_relax();
			continue;
		}
		/* seq_cst store, then the slot: pairs with push(). */
		__atomic_store_n(&consumer_sleeps, 1, __ATOMIC_SEQ_CST);
		if (!__atomic_load_n(s, __ATOMIC_SEQ_CST))
			bench_futex_wait(&consumer_sleeps, 1);
		__atomic_store_n(&consumer_sleeps, 0, __ATOMIC_RELAXED);
		end = bench_now_ns() + SPIN_NS;
	}
	return it;
}

static void *consumer(void *arg)
{
	unsigned long tail = (unsigned long)arg;

	for (;;) {
		struct item **s = &ring[tail++ % RING_SIZE];
		struct item *it = ring_wait(s);

		__atomic_store_n(s, NULL, __ATOMIC_RELEASE);
		if (it->fn == stop_consumer)
			return NULL;
		it->fn();
	}
}

static void push(struct item *it)
{
	struct item **s = &ring[ring_head++ % RING_SIZE];
	int spins = 0;

	/* Full: the same sparing looks, and a yield in case we share a CPU. */
	while (__atomic_load_n(s, __ATOMIC_ACQUIRE)) {
		for (int i = 0; i < LOOK_PAUSES; i++)
			bench_cpu_relax();
		if (++spins % 16 == 0)
			sched_yield();
	}
	/* seq_cst store, then the sleeping flag: a sleep cannot be missed. */
	__atomic_store_n(s, it, __ATOMIC_SEQ_CST);
	if (__atomic_load_n(&consumer_sleeps, __ATOMIC_SEQ_CST) &&
	    __atomic_exchange_n(&consumer_sleeps, 0, __ATOMIC_SEQ_CST))
		bench_futex_wake(&consumer_sleeps, 1);
}

double bench_ring_throughput(void)
{
	static struct item bar = { barrier }, stop = { stop_consumer };
	unsigned long before;
	pthread_t t;
	uint64_t t0, t1;

	make_items();
	before = items_run;
	/* The consumer starts where the last repetition left the ring. */
	if (pthread_create(&t, NULL, consumer, (void *)ring_head)) {
		perror("bench: pthread_create");
		exit(1);
	}
	bench_event_reset(&ring_done);
	t0 = bench_now_ns();
	for (int i = 0; i < NITEMS; i++)
		push(&items[i]);
	push(&bar);
	bench_event_wait(&ring_done);
	t1 = bench_now_ns();
	push(&stop);
	pthread_join(t, NULL);
	if (items_run - before != NITEMS)
		bench_log("limits: the ring ran %lu items", items_run - before);
	return (double)NITEMS * 1e3 / (double)(t1 - t0);
}

double bench_plain_calls(void)
{
	unsigned long before;
	uint64_t t0;

	make_items();
	before = items_run;
	t0 = bench_now_ns();
	for (int i = 0; i < NITEMS; i++)
		items[i].fn();
	if (items_run - before != NITEMS)
		bench_log("limits: the loop ran %lu items", items_run - before);
	return (double)NITEMS * 1e3 / (double)(bench_now_ns() - t0);
}
