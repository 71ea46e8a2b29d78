// SPDX-License-Identifier: MIT
/*
 * worker.c - serial workers side by side: ukthread's kthread_worker, the
 * hand-made mutex + condvar worker, GLib's GThreadPool and GAsyncQueue,
 * libuv's pool; the throughput (worker_tput.c) and the round trips
 * (worker_rt.c) of each.  Unpinned figures are the headline; throughput
 * with one producer and back-to-back round trips are also measured with
 * the threads pinned to one CPU and to two, the two cases an unpinned run
 * mixes as the scheduler places the threads.
 *
 * Repetitions go round the implementations in turn, so that a slow spell
 * of the shared machine hits all of them rather than one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "pin.h"
#include "worker.h"

/*
 * Written for every item by whichever worker runs it: on a cache line of
 * its own, as the mutex+condvar worker's queue is (queue_shim.c), so that
 * no queue's variable shares it by the accident of the link order.  (It
 * did, with that worker's tail pointer, until the bench was reorganised
 * in folders: the extra cache miss on every item kept its worker from
 * draining the list and sleeping, and raised its throughput by half.)
 */
unsigned long bench_works_run __attribute__((aligned(64)));
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

static const int producers[3] = { 1, 2, 4 };

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

/* Emit a round-trip series, saying so if the time budget cut it short. */
static void emit_rt(struct impl *im, struct bench_series *s, const char *name,
		    size_t planned, const char *extra)
{
	char note[200];
	int len = 0;

	note[0] = '\0';
	if (s->nsamples < planned)
		len = snprintf(note, sizeof(note), "%zu of %zu round trips (time budget)",
			       s->nsamples, planned);
	if (extra)
		snprintf(note + len, sizeof(note) - (size_t)len, "%s%s",
			 len ? "; " : "", extra);
	bench_emit(s, "worker", name, im->q->impl, "us", "lower",
		   note[0] ? note : NULL);
}

static void emit(struct impl *im, size_t rt_n, size_t pin_n)
{
	static const char *const tput_names[3] = {
		"throughput, 1 producer", "throughput, 2 producers",
		"throughput, 4 producers",
	};
	char sleep_note[96];

	for (int i = 0; i < 3; i++)
		bench_emit(&im->tput[i], "worker", tput_names[i], im->q->impl,
			   "M/s", "higher", NULL);
	if (im->tput_same.reps) {
		bench_emit(&im->tput_same, "worker", "throughput, 1 producer, same CPU",
			   im->q->impl, "M/s", "higher", NULL);
		bench_emit(&im->tput_cross, "worker", "throughput, 1 producer, cross CPU",
			   im->q->impl, "M/s", "higher", NULL);
	}
	emit_rt(im, &im->rt_hot, "round trip, back to back", rt_n, NULL);
	if (im->rt_same.reps) {
		emit_rt(im, &im->rt_same, "round trip, back to back, same CPU",
			pin_n, NULL);
		emit_rt(im, &im->rt_cross, "round trip, back to back, cross CPU",
			pin_n, NULL);
	}
	snprintf(sleep_note, sizeof(sleep_note),
		 "each after the worker slept %d us; %lu found it awake",
		 ASLEEP_NS / 1000, im->asleep_misses);
	emit_rt(im, &im->rt_sleeping, "round trip, worker sleeping", rt_n, sleep_note);
}

static void skip(const char *impl, const char *why)
{
	static const char *const names[] = {
		"throughput, 1 producer", "throughput, 2 producers",
		"throughput, 4 producers", "throughput, 1 producer, same CPU",
		"throughput, 1 producer, cross CPU", "round trip, back to back",
		"round trip, back to back, same CPU",
		"round trip, back to back, cross CPU",
		"round trip, worker sleeping",
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		bench_emit_skip("worker", names[i], impl, why);
}

static int cpus[2], ncpus;

/*
 * Stops after three repetitions once @budget_ns has passed, so that a
 * loaded machine cannot stretch a run past its three minutes; the rows
 * say how many repetitions were made.
 */
static void measure_throughput(int reps, uint64_t budget_ns)
{
	uint64_t end = bench_now_ns() + budget_ns;

	for (int r = 0; r < reps; r++) {
		if (r >= 3 && bench_now_ns() > end) {
			bench_log("worker: throughput: time budget spent after %d repetitions", r);
			break;
		}
		bench_log("worker: throughput, repetition %d/%d", r + 1, reps);
		for (size_t k = 0; k < NR_IMPLS; k++) {
			struct impl *im = &impls[k];

			if (im->skipped)
				continue;
			for (int i = 0; i < 3; i++)
				bench_add_rep(&im->tput[i],
					      bench_throughput(im, producers[i], -1, -1));
			if (ncpus < 2)
				continue;
			bench_add_rep(&im->tput_same,
				      bench_throughput(im, 1, cpus[0], cpus[0]));
			bench_add_rep(&im->tput_cross,
				      bench_throughput(im, 1, cpus[0], cpus[1]));
		}
	}
}

static void measure_round_trips(int blocks, size_t rt_n, size_t pin_n)
{
	/* Per block and kind: about twice what it takes on a quiet machine. */
	uint64_t budget = bench_quick ? 100000000 : 600000000;

	rt_n /= (size_t)blocks;
	pin_n /= (size_t)blocks;
	for (int b = 0; b < blocks; b++) {
		bench_log("worker: round trips, block %d/%d", b + 1, blocks);
		for (size_t k = 0; k < NR_IMPLS; k++) {
			struct impl *im = &impls[k];

			if (im->skipped)
				continue;
			bench_round_trips(im, rt_n, false, budget, &im->rt_hot);
			bench_round_trips(im, rt_n, true, budget, &im->rt_sleeping);
			if (ncpus < 2)
				continue;
			bench_pinned_round_trips(im, pin_n, cpus[0], cpus[0],
						 budget, &im->rt_same);
			bench_pinned_round_trips(im, pin_n, cpus[0], cpus[1],
						 budget, &im->rt_cross);
		}
	}
}

static void start(struct impl *im, size_t rt_n, size_t pin_n)
{
	struct bench_series *batches[] = {
		&im->tput[0], &im->tput[1], &im->tput[2], &im->tput_same,
		&im->tput_cross,
	};

	im->skipped = im->q->missing;
	if (!im->skipped)
		im->skipped = im->q->start(NITEMS);
	if (im->skipped) {
		bench_log("worker: %s skipped: %s", im->q->impl, im->skipped);
		skip(im->q->impl, im->skipped);
		return;
	}
	im->tid = bench_worker_tid;
	im->stat_fd = bench_open_stat(im->tid);
	for (size_t i = 0; i < sizeof(batches) / sizeof(batches[0]); i++)
		bench_series_init(batches[i], 0);
	bench_series_init(&im->rt_hot, rt_n);
	bench_series_init(&im->rt_sleeping, rt_n);
	bench_series_init(&im->rt_same, pin_n);
	bench_series_init(&im->rt_cross, pin_n);
}

static void stop(struct impl *im)
{
	im->q->stop();
	close(im->stat_fd);
	bench_series_free(&im->rt_hot);
	bench_series_free(&im->rt_sleeping);
	bench_series_free(&im->rt_same);
	bench_series_free(&im->rt_cross);
}

int main(int argc, char **argv)
{
	size_t rt_n, pin_n;

	bench_init(argc, argv);
	/* 100,000 round trips of each kind; a quick run does a tenth of that. */
	rt_n = bench_quick ? 10000 : 100000;
	pin_n = rt_n / 5;
	ncpus = bench_cpus(cpus);
	/* libuv reads it when its pool starts, at the first uv_queue_work(). */
	setenv("UV_THREADPOOL_SIZE", "1", 1);

#ifndef BENCH_HAVE_GLIB
	skip("GThreadPool", "GLib not found at build time");
	skip("GAsyncQueue", "GLib not found at build time");
#endif
#ifndef BENCH_HAVE_LIBUV
	skip("libuv", "libuv not found at build time");
#endif
	for (size_t k = 0; k < NR_IMPLS; k++)
		start(&impls[k], rt_n, pin_n);
	/* About 30 s on a quiet machine. */
	measure_throughput(bench_reps(7, 1), 45000000000ull);
	measure_round_trips(bench_reps(5, 2), rt_n, pin_n);
	for (size_t k = 0; k < NR_IMPLS; k++) {
		if (impls[k].skipped)
			continue;
		emit(&impls[k], rt_n, pin_n);
		stop(&impls[k]);
	}
	if (bench_queue_refused)
		bench_log("worker: %lu queue calls were refused", bench_queue_refused);
	return 0;
}
