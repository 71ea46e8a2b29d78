/* SPDX-License-Identifier: MIT */
/*
 * worker.h - what the parts of the worker benchmark share: one
 * implementation under test and its measurements (worker.c), the
 * throughput runs (worker_tput.c) and the round trips (worker_rt.c).
 */
#ifndef BENCH_WORKER_H
#define BENCH_WORKER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common.h"
#include "queue.h"

#define NITEMS		1000000	/* items of a throughput run */
#define ASLEEP_NS	10000	/* a "sleeping" worker has slept this long */

/**
 * struct impl - one implementation under test.
 * @skipped: NULL while it runs, else why not.
 * @tid: its worker thread; @stat_fd: that thread's /proc stat file.
 * @tput: throughput with 1, 2 and 4 producers, unpinned.
 * @tput_same, @tput_cross: 1 producer, pinned with the worker to one CPU,
 *	and to two.
 * @rt_hot, @rt_sleeping: round trips back to back, and each with the
 *	worker asleep before it, unpinned.
 * @rt_same, @rt_cross: back to back, pinned to one CPU, and to two.
 * @asleep_misses: sleeping round trips that never saw the worker asleep.
 */
struct impl {
	const struct bench_queue *q;
	const char *skipped;
	int tid, stat_fd;
	struct bench_series tput[3], tput_same, tput_cross;
	struct bench_series rt_hot, rt_sleeping, rt_same, rt_cross;
	unsigned long asleep_misses;
};

/**
 * bench_throughput - one run of NITEMS items by @np producers, then a
 * flush; millions of items a second.  @cpu_prod and @cpu_worker pin the
 * producers (and the flusher) and the worker; -1 leaves them unpinned.
 */
double bench_throughput(struct impl *im, int np, int cpu_prod, int cpu_worker);

/**
 * bench_round_trips - one block of up to @n round trips (queue one item,
 * flush it) into @s, in microseconds; @sleeping: each after the worker
 * slept ASLEEP_NS.  Stops early after @budget_ns.
 */
void bench_round_trips(struct impl *im, size_t n, bool sleeping,
		       uint64_t budget_ns, struct bench_series *s);

/** bench_pinned_round_trips - the same, back to back, pinned as asked. */
void bench_pinned_round_trips(struct impl *im, size_t n, int cpu_main,
			      int cpu_worker, uint64_t budget_ns,
			      struct bench_series *s);

/** bench_open_stat - open /proc/self/task/@tid/stat (exits on failure). */
int bench_open_stat(int tid);

#endif /* BENCH_WORKER_H */
