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
 *   SPSC ring		the ceiling for a queue's throughput (ring.c);
 *   plain call		the same items called in a loop, no thread at all:
 *			the ceiling no queue reaches (ring.c).
 *
 * The ping-pongs are measured unpinned, with both threads on one CPU and
 * on two; report.py says which one each library figure is read against.
 */
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>

#include "common.h"
#include "futex.h"
#include "pin.h"
#include "ring.h"

#define SPINS_BEFORE_YIELD 4096	/* a spinner that shares its CPU yields */

static int cpus[2] = { -1, -1 };	/* the first two CPUs we may use */

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

	bench_pin(0, pp->cpu_b);
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

	bench_pin(0, run->cpu_a);
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
	int reps, n_futex, n_spin;

	bench_init(argc, argv);
	reps = bench_reps(7, 2);
	n_futex = bench_reps(3000, 500);
	n_spin = bench_reps(100000, 10000);
	bench_cpus(cpus);
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
		bench_add_rep(&ring_s, bench_ring_throughput());
		bench_add_rep(&call_s, bench_plain_calls());
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
	return 0;
}
