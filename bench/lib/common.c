// SPDX-License-Identifier: MIT
/* common.c - options, series statistics and JSON rows for the benchmarks. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"

bool bench_quick;

void bench_init(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--quick")) {
			bench_quick = true;
		} else {
			fprintf(stderr, "usage: %s [--quick]\n", argv[0]);
			exit(2);
		}
	}
	/* Rows go to a pipe: keep them whole and in order with the log. */
	setvbuf(stdout, NULL, _IOLBF, 0);
}

void bench_log(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static void sort(double *v, size_t n)
{
	qsort(v, n, sizeof(*v), cmp_double);
}

/* The median of @v, sorted in place; NaN when @n is 0. */
static double median(double *v, size_t n)
{
	if (!n)
		return NAN;
	sort(v, n);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* Nearest-rank percentile of sorted @v. */
static double percentile(const double *v, size_t n, double p)
{
	size_t rank = (size_t)ceil(p / 100 * (double)n);

	return v[rank ? rank - 1 : 0];
}

void bench_series_init(struct bench_series *s, size_t cap)
{
	memset(s, 0, sizeof(*s));
	if (!cap)
		return;
	s->samples = malloc(cap * sizeof(*s->samples));
	if (!s->samples) {
		perror("bench: samples");
		exit(1);
	}
	s->cap = cap;
}

void bench_series_free(struct bench_series *s)
{
	free(s->samples);
	s->samples = NULL;
}

void bench_sample(struct bench_series *s, double v)
{
	if (s->nsamples < s->cap)
		s->samples[s->nsamples++] = v;
}

void bench_add_rep(struct bench_series *s, double v)
{
	if (s->reps < BENCH_MAX_REPS)
		s->rep[s->reps++] = v;
}

void bench_end_rep(struct bench_series *s)
{
	/* Sorting the repetition's samples in place is harmless: the p99
	 * sorts them all again. */
	bench_add_rep(s, median(s->samples + s->rep_start,
				      s->nsamples - s->rep_start));
	s->rep_start = s->nsamples;
}

static void print_number(const char *key, double v)
{
	if (isfinite(v))
		printf(", \"%s\": %.6g", key, v);
	else
		printf(", \"%s\": null", key);
}

/* The row of bench_emit(); @extra: more "key": value pairs, or NULL. */
static void emit(struct bench_series *s, const char *group,
		 const char *name, const char *impl, const char *unit,
		 const char *better, const char *note, const char *extra)
{
	double reps[BENCH_MAX_REPS];
	double p99 = NAN;

	memcpy(reps, s->rep, sizeof(reps));
	printf("{\"group\": \"%s\", \"name\": \"%s\", \"impl\": \"%s\", "
	       "\"unit\": \"%s\", \"better\": \"%s\"",
	       group, name, impl, unit, better);
	print_number("median", median(reps, (size_t)s->reps));
	print_number("min", s->reps ? reps[0] : NAN);
	print_number("max", s->reps ? reps[s->reps - 1] : NAN);
	if (s->nsamples) {
		sort(s->samples, s->nsamples);
		p99 = percentile(s->samples, s->nsamples, 99);
	}
	print_number("p99", p99);
	printf(", \"reps\": %d, \"samples\": %zu", s->reps, s->nsamples);
	if (note)
		printf(", \"note\": \"%s\"", note);
	if (extra)
		printf(", %s", extra);
	printf("}\n");
}

void bench_emit(struct bench_series *s, const char *group,
		const char *name, const char *impl, const char *unit,
		const char *better, const char *note)
{
	emit(s, group, name, impl, unit, better, note, NULL);
}

void bench_emit_scale(struct bench_series *s, const char *group,
		      const char *op, long n, const char *impl, const char *unit,
		      const char *better, const char *note)
{
	char name[160], extra[200];

	snprintf(name, sizeof(name), "%s, N=%ld", op, n);
	snprintf(extra, sizeof(extra), "\"op\": \"%s\", \"n\": %ld", op, n);
	emit(s, group, name, impl, unit, better, note, extra);
}

void bench_emit_skip(const char *group, const char *name, const char *impl,
		     const char *why)
{
	printf("{\"group\": \"%s\", \"name\": \"%s\", \"impl\": \"%s\", "
	       "\"skipped\": \"%s\"}\n", group, name, impl, why);
}
