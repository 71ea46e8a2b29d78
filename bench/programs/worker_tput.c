// SPDX-License-Identifier: MIT
/*
 * worker_tput.c - throughput: NITEMS distinct trivial items queued by
 * 1, 2 or 4 producer threads (the items split between them), then one
 * flush; the clock runs from the producers' start to the flush's return.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "pin.h"
#include "worker.h"

struct producer {
	pthread_t thread;
	const struct bench_queue *q;
	size_t from, to;
	int cpu;
};

static pthread_barrier_t go, done, release;

static void *producer_fn(void *arg)
{
	struct producer *p = arg;

	if (p->cpu >= 0)
		bench_pin(0, p->cpu);
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

double bench_throughput(struct impl *im, int np, int cpu_prod, int cpu_worker)
{
	const struct bench_queue *q = im->q;
	struct producer p[4];
	unsigned long before = bench_works_run;
	uint64_t t0, t1;

	if (cpu_prod >= 0) {
		bench_pin(0, cpu_prod);		/* the flusher */
		bench_pin(im->tid, cpu_worker);
	}
	pthread_barrier_init(&go, NULL, (unsigned int)np + 1);
	pthread_barrier_init(&done, NULL, (unsigned int)np + 1);
	pthread_barrier_init(&release, NULL, (unsigned int)np + 1);
	for (int i = 0; i < np; i++) {
		p[i].q = q;
		p[i].from = (size_t)NITEMS * (size_t)i / (size_t)np;
		p[i].to = (size_t)NITEMS * (size_t)(i + 1) / (size_t)np;
		p[i].cpu = cpu_prod;
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
	if (cpu_prod >= 0) {
		bench_pin(0, -1);
		bench_pin(im->tid, -1);
	}
	if (bench_works_run - before != NITEMS)
		bench_log("worker: %s ran %lu items of %d", q->impl,
			  bench_works_run - before, NITEMS);
	return (double)NITEMS * 1e3 / (double)(t1 - t0);
}
