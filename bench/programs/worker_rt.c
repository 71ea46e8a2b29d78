// SPDX-License-Identifier: MIT
/*
 * worker_rt.c - round trips: queue one item and flush it, timed one by
 * one, back to back or with the worker asleep before each.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pin.h"
#include "worker.h"

#define ASLEEP_WAIT_NS	100000000	/* give up waiting for a sleep after 100 ms */

/* The scheduler's state letter of the thread whose stat file is @fd. */
static char thread_state(int fd)
{
	char buf[512], *p;
	ssize_t n = pread(fd, buf, sizeof(buf) - 1, 0);

	if (n <= 0)
		return '?';
	buf[n] = '\0';
	/* "tid (comm) S ...": the name may hold spaces and parentheses. */
	p = strrchr(buf, ')');
	return p && p[1] && p[2] ? p[2] : '?';
}

/*
 * Before a "sleeping" round trip: wait until the worker thread really
 * sleeps, whatever its spin-before-sleep policy, then ASLEEP_NS more, so
 * that every implementation's worker has slept as long.  Busy, so that
 * only the worker's CPU has gone idle, as in a futex ping-pong.  Returns
 * false if it never went to sleep.
 */
static bool sleep_gap(int stat_fd)
{
	uint64_t start = bench_now_ns();

	while (thread_state(stat_fd) != 'S')
		if (bench_now_ns() - start > ASLEEP_WAIT_NS)
			return false;
	start = bench_now_ns();
	while (bench_now_ns() - start < ASLEEP_NS)
		;
	return true;
}

/*
 * A block stops early after @budget_ns, so that a loaded machine cannot
 * stretch a run past its three minutes; the rows say how many were made.
 */
void bench_round_trips(struct impl *im, size_t n, bool sleeping,
		       uint64_t budget_ns, struct bench_series *s)
{
	const struct bench_queue *q = im->q;
	uint64_t end = bench_now_ns() + budget_ns;

	for (size_t i = 0; i < n && bench_now_ns() < end; i++) {
		uint64_t t0, t1;

		if (sleeping && !sleep_gap(im->stat_fd))
			im->asleep_misses++;
		t0 = bench_now_ns();
		q->queue(0);
		q->flush_item(0);
		t1 = bench_now_ns();
		bench_sample(s, (double)(t1 - t0) / 1e3);
		if (q->settle)
			q->settle();
	}
	bench_end_rep(s);
}

/*
 * Pinned: the flusher (this thread) on @cpu_main, the worker on
 * @cpu_worker, the two cases an unpinned run mixes as the scheduler
 * places the threads.
 */
void bench_pinned_round_trips(struct impl *im, size_t n, int cpu_main,
			      int cpu_worker, uint64_t budget_ns,
			      struct bench_series *s)
{
	bench_pin(0, cpu_main);
	bench_pin(im->tid, cpu_worker);
	/* A few untimed ones: both threads moved and settled. */
	for (int i = 0; i < 100; i++) {
		im->q->queue(0);
		im->q->flush_item(0);
		if (im->q->settle)
			im->q->settle();
	}
	bench_round_trips(im, n, false, budget_ns, s);
	bench_pin(0, -1);
	bench_pin(im->tid, -1);
}

int bench_open_stat(int tid)
{
	char path[64];
	int fd;

	snprintf(path, sizeof(path), "/proc/self/task/%d/stat", tid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		perror("bench: worker thread's stat file");
		exit(1);
	}
	return fd;
}

