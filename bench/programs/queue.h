/* SPDX-License-Identifier: MIT */
/*
 * queue.h - one serial worker (one thread running items in order), seen
 * the same way for ukthread's kthread_worker and for every peer, so that
 * worker.c drives them all with the same code and the same work.
 *
 * Every implementation keeps an array of distinct items, made before the
 * clock starts; an item is queued again only after a flush has seen it
 * run.  The work is the same everywhere: one call through a function
 * pointer to bench_trivial_work().
 */
#ifndef BENCH_QUEUE_H
#define BENCH_QUEUE_H

#include <stddef.h>

/**
 * struct bench_queue - a serial worker.
 * @impl: the name in the rows.
 * @missing: NULL, or why this implementation was not built.
 * @start: start the worker with @nitems items; NULL, or why it failed.
 *	Leaves bench_worker_tid set to the worker thread's id.
 * @queue: queue item @i; called from any producer thread.
 * @flush: return once every item queued so far has run.
 * @flush_item: return once item @i has run.
 * @settle: untimed housekeeping after each measured operation (NULL: none).
 * @producer_exit: called by a producer thread after its last @queue, once
 *	the measurement is over (NULL: none).
 * @stop: stop the worker and free the items.
 */
struct bench_queue {
	const char *impl;
	const char *missing;
	const char *(*start)(size_t nitems);
	void (*queue)(size_t i);
	void (*flush)(void);
	void (*flush_item)(size_t i);
	void (*settle)(void);
	void (*producer_exit)(void);
	void (*stop)(void);
};

/* Items run so far; only worker threads write it, one at a time. */
extern unsigned long bench_works_run;
/* Queue calls that the implementation refused (should stay 0). */
extern unsigned long bench_queue_refused;
/* The OS id of the worker thread of the queue last started. */
extern int bench_worker_tid;

/** bench_trivial_work - the work every item does. */
void bench_trivial_work(void);
/** bench_record_worker_tid - called on the worker thread by @start. */
void bench_record_worker_tid(void);

extern const struct bench_queue bench_queue_ukthread;
extern const struct bench_queue bench_queue_shim;
extern const struct bench_queue bench_queue_gpool;
extern const struct bench_queue bench_queue_gasync;
extern const struct bench_queue bench_queue_uv;

#endif /* BENCH_QUEUE_H */
