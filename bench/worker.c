// SPDX-License-Identifier: MIT
/*
 * worker.c - serial workers side by side: ukthread's kthread_worker, the
 * hand-made mutex + condvar worker, GLib's GThreadPool and GAsyncQueue,
 * libuv's pool.
 *
 * Throughput: 1,000,000 distinct trivial items queued by 1, 2 or 4
 * producer threads (the million split between them), then one flush; the
 * clock runs from the producers' start to the flush's return.
 * Round trip: queue one item and flush it, timed one by one, back to back
 * or with the worker asleep before each (see sleep_gap()).
 *
 * Repetitions go round the implementations in turn, so that a slow spell
 * of the shared machine hits all of them rather than one.
 */
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "common.h"
#include "queue.h"

#define NITEMS		1000000
#define ASLEEP_NS	50000		/* a "sleeping" worker has slept this long */
#define ASLEEP_WAIT_NS	100000000	/* give up waiting for a sleep after 100 ms */

unsigned long bench_works_run;
unsigned long bench_queue_refused;
int bench_worker_tid;

void bench_trivial_work(void)
{
	bench_works_run++;
}

void bench_record_worker_tid(void)
{
	bench_worker_tid = (int)syscall(SYS_gettid);
}

struct impl {
	const struct bench_queue *q;
	const char *skipped;		/* NULL while it runs */
	int stat_fd;			/* its worker thread's /proc stat file */
	struct bench_series tput[3];	/* 1, 2 and 4 producers */
	struct bench_series rt_hot, rt_sleeping;
	unsigned long asleep_misses;	/* sleeping round trips that found it awake */
};

static const int producers[3] = { 1, 2, 4 };

/* ---- throughput ---- */

struct producer {
	pthread_t thread;
	const struct bench_queue *q;
	size_t from, to;
};

static pthread_barrier_t go, done, release;

static void *producer_fn(void *arg)
{
	struct producer *p = arg;

	pthread_barrier_wait(&go);
	for (size_t i = p->from; i < p->to; i++)
		p->q->queue(i);
	pthread_barrier_wait(&done);
	/* Stay until the flush is over: a producer's exit is not measured. */
	pthread_barrier_wait(&release);
	if (p->q->producer_exit)
		p->q->producer_exit();
	return NULL;
}

/* One repetition with @np producers; returns millions of items a second. */
static double throughput(const struct bench_queue *q, int np)
{
	struct producer p[4];
	unsigned long before = bench_works_run;
	uint64_t t0, t1;

	pthread_barrier_init(&go, NULL, (unsigned int)np + 1);
	pthread_barrier_init(&done, NULL, (unsigned int)np + 1);
	pthread_barrier_init(&release, NULL, (unsigned int)np + 1);
	for (int i = 0; i < np; i++) {
		p[i].q = q;
		p[i].from = (size_t)NITEMS * (size_t)i / (size_t)np;
		p[i].to = (size_t)NITEMS * (size_t)(i + 1) / (size_t)np;
		if (pthread_create(&p[i].thread, NULL, producer_fn, &p[i])) {
			perror("bench: producer");
			exit(1);
		}
	}
	pthread_barrier_wait(&go);
	t0 = bench_now_ns();
	pthread_barrier_wait(&done);
	q->flush();
	t1 = bench_now_ns();
	pthread_barrier_wait(&release);
	for (int i = 0; i < np; i++)
		pthread_join(p[i].thread, NULL);
	if (q->settle)
		q->settle();
	pthread_barrier_destroy(&go);
	pthread_barrier_destroy(&done);
	pthread_barrier_destroy(&release);
	if (bench_works_run - before != NITEMS)
		bench_log("worker: %s ran %lu items of %d", q->impl,
			  bench_works_run - before, NITEMS);
	return (double)NITEMS * 1e3 / (double)(t1 - t0);
}

/* ---- round trip ---- */

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

/* One block of @n round trips, samples in microseconds. */
static void round_trips(struct impl *im, size_t n, bool sleeping,
			struct bench_series *s)
{
	const struct bench_queue *q = im->q;

	for (size_t i = 0; i < n; i++) {
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

/* ---- the run ---- */

static int open_stat(int tid)
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

static struct impl impls[] = {
	{ .q = &bench_queue_ukthread },
	{ .q = &bench_queue_shim },
#ifdef BENCH_HAVE_GLIB
	{ .q = &bench_queue_gpool },
	{ .q = &bench_queue_gasync },
#endif
#ifdef BENCH_HAVE_LIBUV
	{ .q = &bench_queue_uv },
#endif
};
#define NR_IMPLS (sizeof(impls) / sizeof(impls[0]))

static void emit(struct impl *im, size_t sleep_n)
{
	static const char *const tput_names[3] = {
		"throughput, 1 producer", "throughput, 2 producers",
		"throughput, 4 producers",
	};
	char note[160];

	for (int i = 0; i < 3; i++)
		bench_emit(&im->tput[i], "worker", tput_names[i], im->q->impl,
			   "M/s", "higher", NULL);
	bench_emit(&im->rt_hot, "worker", "round trip, back to back",
		   im->q->impl, "us", "lower", NULL);
	snprintf(note, sizeof(note),
		 "%zu round trips, each after the worker slept %d us; %lu found it awake",
		 sleep_n, ASLEEP_NS / 1000, im->asleep_misses);
	bench_emit(&im->rt_sleeping, "worker", "round trip, worker sleeping",
		   im->q->impl, "us", "lower", note);
}

static void skip(const char *impl, const char *why)
{
	static const char *const names[] = {
		"throughput, 1 producer", "throughput, 2 producers",
		"throughput, 4 producers", "round trip, back to back",
		"round trip, worker sleeping",
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		bench_emit_skip("worker", names[i], impl, why);
}

int main(int argc, char **argv)
{
	int reps, blocks;
	size_t hot_n, sleep_n;

	bench_init(argc, argv);
	reps = bench_reps(9, 2);
	blocks = bench_reps(5, 2);
	/*
	 * 100,000 back-to-back round trips.  A sleeping one also costs the
	 * wait for the worker's sleep and ASLEEP_NS: 100,000 of those would
	 * not fit in the three minutes of a whole run, so fewer.
	 */
	hot_n = bench_quick ? 10000 : 100000;
	sleep_n = bench_quick ? 1000 : 20000;
	/* libuv reads it when its pool starts, at the first uv_queue_work(). */
	setenv("UV_THREADPOOL_SIZE", "1", 1);

#ifndef BENCH_HAVE_GLIB
	skip("GThreadPool", "GLib not found at build time");
	skip("GAsyncQueue", "GLib not found at build time");
#endif
#ifndef BENCH_HAVE_LIBUV
	skip("libuv", "libuv not found at build time");
#endif
	for (size_t k = 0; k < NR_IMPLS; k++) {
		struct impl *im = &impls[k];

		im->skipped = im->q->missing;
		if (!im->skipped)
			im->skipped = im->q->start(NITEMS);
		if (im->skipped) {
			bench_log("worker: %s skipped: %s", im->q->impl, im->skipped);
			skip(im->q->impl, im->skipped);
			continue;
		}
		im->stat_fd = open_stat(bench_worker_tid);
		for (int i = 0; i < 3; i++)
			bench_series_init(&im->tput[i], 0);
		bench_series_init(&im->rt_hot, hot_n);
		bench_series_init(&im->rt_sleeping, sleep_n);
	}

	for (int r = 0; r < reps; r++) {
		bench_log("worker: throughput, repetition %d/%d", r + 1, reps);
		for (int i = 0; i < 3; i++)
			for (size_t k = 0; k < NR_IMPLS; k++)
				if (!impls[k].skipped)
					bench_add_rep(&impls[k].tput[i],
						      throughput(impls[k].q, producers[i]));
	}
	for (int b = 0; b < blocks; b++) {
		bench_log("worker: round trips, block %d/%d", b + 1, blocks);
		for (size_t k = 0; k < NR_IMPLS; k++) {
			if (impls[k].skipped)
				continue;
			round_trips(&impls[k], hot_n / (size_t)blocks, false,
				    &impls[k].rt_hot);
			round_trips(&impls[k], sleep_n / (size_t)blocks, true,
				    &impls[k].rt_sleeping);
		}
	}

	for (size_t k = 0; k < NR_IMPLS; k++) {
		struct impl *im = &impls[k];

		if (im->skipped)
			continue;
		im->q->stop();
		close(im->stat_fd);
		emit(im, sleep_n);
		for (int i = 0; i < 3; i++)
			bench_series_free(&im->tput[i]);
		bench_series_free(&im->rt_hot);
		bench_series_free(&im->rt_sleeping);
	}
	if (bench_queue_refused)
		bench_log("worker: %lu queue calls were refused", bench_queue_refused);
	return 0;
}
