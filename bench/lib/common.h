/* SPDX-License-Identifier: MIT */
/*
 * common.h - what every benchmark program shares: the clock, the series
 * of repeated measurements and their statistics, and the JSON rows that
 * bench/report/report.py reads (one object per line on stdout).
 *
 * A figure is always the median over several repetitions, with the
 * smallest and largest repetition beside it.  A repetition's value is
 * either one batch (a rate, a total time) or, for latencies timed one by
 * one, the median of that repetition's samples; all samples are pooled
 * for the p99.
 */
#ifndef BENCH_COMMON_H
#define BENCH_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#define BENCH_MAX_REPS	64

/* Set by bench_init() from --quick: fewer repetitions, a smoke run. */
extern bool bench_quick;

/** bench_init - parse the common options (--quick); exits on a bad one. */
void bench_init(int argc, char **argv);

/** bench_reps - @full repetitions, or @quick ones in a quick run. */
static inline int bench_reps(int full, int quick)
{
	return bench_quick ? quick : full;
}

/** bench_now_ns - CLOCK_MONOTONIC in nanoseconds (vDSO, about 20 ns). */
static inline uint64_t bench_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/**
 * struct bench_series - the repetitions of one measurement.
 * @samples: every sample of every repetition (for the p99), or NULL when
 *	the repetitions are batches.
 * @nsamples: samples taken; @cap: room in @samples.
 * @rep_start: index in @samples where the current repetition began.
 * @rep: one value per repetition; @reps: how many.
 */
struct bench_series {
	double *samples;
	size_t nsamples, cap, rep_start;
	double rep[BENCH_MAX_REPS];
	int reps;
};

/** bench_series_init - an empty series with room for @cap samples (0: none). */
void bench_series_init(struct bench_series *s, size_t cap);
/** bench_series_free - release the samples. */
void bench_series_free(struct bench_series *s);
/** bench_sample - add one timed sample to the current repetition. */
void bench_sample(struct bench_series *s, double v);
/** bench_end_rep - close a repetition: its value is its samples' median. */
void bench_end_rep(struct bench_series *s);
/** bench_add_rep - add a repetition measured as one batch. */
void bench_add_rep(struct bench_series *s, double v);

/**
 * bench_emit - print the JSON row of a series (sorts its samples).
 * @better: "lower" (times, memory, counts) or "higher" (rates).
 * @note: free text for the reader, or NULL.
 */
void bench_emit(struct bench_series *s, const char *group,
		const char *name, const char *impl, const char *unit,
		const char *better, const char *note);

/**
 * bench_emit_scale - bench_emit() for one point of a curve against N: the
 * row is named "@op, N=@n" and also carries "op" and "n".
 */
void bench_emit_scale(struct bench_series *s, const char *group,
		      const char *op, long n, const char *impl, const char *unit,
		      const char *better, const char *note);

/** bench_emit_skip - print a row saying why @impl was not measured. */
void bench_emit_skip(const char *group, const char *name, const char *impl,
		     const char *why);

/** bench_log - a progress line on stderr (stdout carries the rows). */
void bench_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif /* BENCH_COMMON_H */
