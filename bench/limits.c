// SPDX-License-Identifier: MIT
/*
 * limits.c - what this machine allows, measured in the same run as the
 * libraries, so their figures can be read as fractions of it:
 *
 *   futex ping-pong	two threads hand a token back and forth, each
 *			sleeping in FUTEX_WAIT until it comes: the floor for
 *			a round trip to a sleeping thread (two wakes);
 *   spin ping-pong	the same with both threads spinning: the floor for
 *			a round trip to a hot thread;
 *   SPSC ring		1,000,000 items through a lock-free ring to one
 *			consumer that sleeps on a futex only when the ring
 *			stays empty, then a barrier item: the ceiling for a
 *			queue's throughput (the same work as the workers);
 *   plain call		the same 1,000,000 items called in a loop, no
 *			thread at all: the ceiling no queue reaches.
 *
 * Unpinned figures are the headline (the workers are unpinned too); the
 * ping-pongs are also measured with both threads on one CPU and on two.
 */
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>

#include "common.h"
#include "event.h"

#define NITEMS		1000000
#define RING_SIZE	4096		/* a power of two */
#define SPINS_BEFORE_YIELD 4096	/* a spinner that shares its CPU yields */

/* ---- pinning ---- */

static int cpus[2] = { -1, -1 };	/* the first two CPUs we may use */

static void find_cpus(void)
{
	cpu_set_t set;
	int n = 0;

	if (sched_getaffinity(0, sizeof(set), &set))
		return;
	for (int c = 0; c < CPU_SETSIZE && n < 2; c++)
		if (CPU_ISSET(c, &set))
			cpus[n++] = c;
}

/* Pin the calling thread to @cpu; -1 leaves it to the scheduler. */
static void pin_self(int cpu)
{
	cpu_set_t set;

	if (cpu < 0)
		return;
	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	pthread_setaffinity_np(pthread_self(), sizeof(set), &set);
}

/* ---- ping-pong ---- */

enum { BALL_A, BALL_B, BALL_STOP };

#define WARMUP 16	/* untimed round trips first: both players in place */

struct pingpong {
	int ball __attribute__((aligned(64)));
	bool spin;
	int cpu_b;
};

/* Wait while the ball is @not; returns where it went. */
static int wait_ball(struct pingpong *pp, int not)
{
	int b, spins = 0;

	while ((b = __atomic_load_n(&pp->ball, __ATOMIC_ACQUIRE)) == not) {
		if (!pp->spin)
			bench_futex_wait(&pp->ball, not);
		else if (++spins % SPINS_BEFORE_YIELD)
			bench_cpu_relax();
		else
			sched_yield();
	}
	return b;
}

static void throw_ball(struct pingpong *pp, int to)
{
	__atomic_store_n(&pp->ball, to, __ATOMIC_RELEASE);
	if (!pp->spin)
		bench_futex_wake(&pp->ball, 1);
}

static void *player_b(void *arg)
{
	struct pingpong *pp = arg;

	pin_self(pp->cpu_b);
	while (wait_ball(pp, BALL_A) != BALL_STOP)
		throw_ball(pp, BALL_A);
	return NULL;
}

struct pp_run {
	struct pingpong *pp;
	struct bench_series *s;
	int n, cpu_a;
};

/* Player A times each round trip, in microseconds. */
static void *player_a(void *arg)
{
	struct pp_run *run = arg;

	pin_self(run->cpu_a);
	for (int i = -WARMUP; i < run->n; i++) {
		uint64_t t0 = bench_now_ns();

		throw_ball(run->pp, BALL_B);
		wait_ball(run->pp, BALL_B);
		if (i >= 0)
			bench_sample(run->s, (double)(bench_now_ns() - t0) / 1e3);
	}
	throw_ball(run->pp, BALL_STOP);
	return NULL;
}

/* One repetition of @n round trips; @cpu_a/@cpu_b: -1 for unpinned. */
static void pingpong(bool spin, int cpu_a, int cpu_b, int n, struct bench_series *s)
{
	struct pingpong pp = { .ball = BALL_A, .spin = spin, .cpu_b = cpu_b };
	struct pp_run run = { .pp = &pp, .s = s, .n = n, .cpu_a = cpu_a };
	pthread_t a, b;

	if (pthread_create(&b, NULL, player_b, &pp) ||
	    pthread_create(&a, NULL, player_a, &run)) {
		perror("bench: pthread_create");
		exit(1);
	}
	pthread_join(a, NULL);
	pthread_join(b, NULL);
	bench_end_rep(s);
}

/* ---- SPSC ring ---- */

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

/* One repetition: millions of items a second. */
static double spsc(struct item *items)
{
	static struct item bar = { barrier }, stop = { stop_consumer };
	unsigned long before = items_run;
	pthread_t t;
	uint64_t t0, t1;

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

static double plain_calls(struct item *items)
{
	unsigned long before = items_run;
	uint64_t t0 = bench_now_ns();

	for (int i = 0; i < NITEMS; i++)
		items[i].fn();
	if (items_run - before != NITEMS)
		bench_log("limits: the loop ran %lu items", items_run - before);
	return (double)NITEMS * 1e3 / (double)(bench_now_ns() - t0);
}

/* ---- the run ---- */

struct pp_case {
	const char *name;
	bool spin;
	int which_a, which_b;	/* index into cpus[], or -1 for unpinned */
	struct bench_series s;
};

#define PP(n, sp, a, b) { .name = (n), .spin = (sp), .which_a = (a), .which_b = (b) }
static struct pp_case pp_cases[] = {
	PP("futex ping-pong round trip", false, -1, -1),
	PP("spin ping-pong round trip", true, -1, -1),
	PP("futex ping-pong round trip, same CPU", false, 0, 0),
	PP("futex ping-pong round trip, cross CPU", false, 0, 1),
	PP("spin ping-pong round trip, cross CPU", true, 0, 1),
};
#define NR_PP (sizeof(pp_cases) / sizeof(pp_cases[0]))

int main(int argc, char **argv)
{
	struct bench_series ring_s, call_s;
	struct item *items;
	int reps, n_futex, n_spin;

	bench_init(argc, argv);
	reps = bench_reps(7, 2);
	n_futex = bench_reps(3000, 500);
	n_spin = bench_reps(100000, 10000);
	find_cpus();
	items = calloc(NITEMS, sizeof(*items));
	if (!items) {
		perror("bench: items");
		return 1;
	}
	for (int i = 0; i < NITEMS; i++)
		items[i].fn = trivial;
	for (size_t c = 0; c < NR_PP; c++)
		bench_series_init(&pp_cases[c].s,
				  (size_t)reps * (size_t)(pp_cases[c].spin ? n_spin : n_futex));
	bench_series_init(&ring_s, 0);
	bench_series_init(&call_s, 0);

	for (int r = 0; r < reps; r++) {
		bench_log("limits: repetition %d/%d", r + 1, reps);
		for (size_t c = 0; c < NR_PP; c++) {
			struct pp_case *pc = &pp_cases[c];
			int a = pc->which_a < 0 ? -1 : cpus[pc->which_a];
			int b = pc->which_b < 0 ? -1 : cpus[pc->which_b];

			/* Cross-CPU cases need two CPUs. */
			if (pc->which_b == 1 && cpus[1] < 0)
				continue;
			pingpong(pc->spin, a, b, pc->spin ? n_spin : n_futex, &pc->s);
		}
		bench_add_rep(&ring_s, spsc(items));
		bench_add_rep(&call_s, plain_calls(items));
	}

	for (size_t c = 0; c < NR_PP; c++) {
		if (!pp_cases[c].s.reps)
			bench_emit_skip("limits", pp_cases[c].name, "machine",
					"needs two CPUs");
		else
			bench_emit(&pp_cases[c].s, "limits", pp_cases[c].name,
				   "machine", "us", "lower", NULL);
		bench_series_free(&pp_cases[c].s);
	}
	bench_emit(&ring_s, "limits", "SPSC ring throughput", "machine", "M/s",
		   "higher", NULL);
	bench_emit(&call_s, "limits", "plain call, no thread", "machine", "M/s",
		   "higher", NULL);
	free(items);
	return 0;
}
