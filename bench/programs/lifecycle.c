// SPDX-License-Identifier: MIT
/*
 * lifecycle.c - the life of one thread that returns at once:
 * kthread_run + kthread_stop, pthread_create + pthread_join,
 * g_thread_new + g_thread_join; and the creation call alone,
 * kthread_create vs pthread_create (the thread is reaped untimed).
 *
 * Every operation is timed on its own; repetitions go round the cases in
 * turn so that a slow spell of the shared machine hits all of them.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <ukthread.h>
#ifdef BENCH_HAVE_GLIB
#include <glib.h>
#endif

#include "common.h"

static int kthread_returns(void *data)
{
	return 0;
}

static void *pthread_returns(void *arg)
{
	return NULL;
}

static struct task_struct *must_succeed(struct task_struct *k)
{
	if (IS_ERR(k)) {
		fprintf(stderr, "bench: kthread_create: %ld\n", PTR_ERR(k));
		exit(1);
	}
	return k;
}

static void must_pthread(pthread_t *t)
{
	if (pthread_create(t, NULL, pthread_returns, NULL)) {
		perror("bench: pthread_create");
		exit(1);
	}
}

/* Each case returns the time of one operation in microseconds. */

static double kthread_run_stop(void)
{
	uint64_t t0 = bench_now_ns();

	kthread_stop(must_succeed(kthread_run(kthread_returns, NULL, "bench")));
	return (double)(bench_now_ns() - t0) / 1e3;
}

static double pthread_create_join(void)
{
	uint64_t t0 = bench_now_ns();
	pthread_t t;

	must_pthread(&t);
	pthread_join(t, NULL);
	return (double)(bench_now_ns() - t0) / 1e3;
}

#ifdef BENCH_HAVE_GLIB
static gpointer gthread_returns(gpointer data)
{
	return NULL;
}

static double gthread_new_join(void)
{
	uint64_t t0 = bench_now_ns();

	g_thread_join(g_thread_new("bench", gthread_returns, NULL));
	return (double)(bench_now_ns() - t0) / 1e3;
}
#endif

static double kthread_create_alone(void)
{
	uint64_t t0 = bench_now_ns();
	struct task_struct *k =
		must_succeed(kthread_create(kthread_returns, NULL, "bench"));
	double us = (double)(bench_now_ns() - t0) / 1e3;

	kthread_stop(k);
	return us;
}

static double pthread_create_alone(void)
{
	uint64_t t0 = bench_now_ns();
	pthread_t t;
	double us;

	must_pthread(&t);
	us = (double)(bench_now_ns() - t0) / 1e3;
	pthread_join(t, NULL);
	return us;
}

struct lifecycle_case {
	const char *name, *impl;
	double (*op)(void);
	struct bench_series s;
};

static struct lifecycle_case cases[] = {
	{ .name = "create + start + stop", .impl = "ukthread", .op = kthread_run_stop },
	{ .name = "create + start + stop", .impl = "pthread", .op = pthread_create_join },
#ifdef BENCH_HAVE_GLIB
	{ .name = "create + start + stop", .impl = "GThread", .op = gthread_new_join },
#endif
	{ .name = "create call alone", .impl = "ukthread", .op = kthread_create_alone },
	{ .name = "create call alone", .impl = "pthread", .op = pthread_create_alone },
};
#define NR_CASES (sizeof(cases) / sizeof(cases[0]))

int main(int argc, char **argv)
{
	int reps, ops;

	bench_init(argc, argv);
	reps = bench_reps(7, 2);
	ops = bench_reps(1000, 200);
#ifndef BENCH_HAVE_GLIB
	bench_emit_skip("lifecycle", "create + start + stop", "GThread",
			"GLib not found at build time");
#endif
	for (size_t c = 0; c < NR_CASES; c++) {
		bench_series_init(&cases[c].s, (size_t)reps * (size_t)ops);
		cases[c].op();		/* starts kthreadd, GLib's thread setup */
	}
	for (int r = 0; r < reps; r++) {
		bench_log("lifecycle: repetition %d/%d", r + 1, reps);
		for (size_t c = 0; c < NR_CASES; c++) {
			for (int i = 0; i < ops; i++)
				bench_sample(&cases[c].s, cases[c].op());
			bench_end_rep(&cases[c].s);
		}
	}
	for (size_t c = 0; c < NR_CASES; c++) {
		bench_emit(&cases[c].s, "lifecycle", cases[c].name, cases[c].impl,
			   "us", "lower", NULL);
		bench_series_free(&cases[c].s);
	}
	return 0;
}
