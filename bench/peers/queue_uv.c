// SPDX-License-Identifier: MIT
/*
 * queue_uv.c - libuv's uv_queue_work() with a pool of one thread
 * (UV_THREADPOOL_SIZE=1, set by worker.c before libuv starts its pool).
 *
 * uv_queue_work() belongs to the thread that runs the loop, so each
 * producer thread gets a loop of its own; they all feed the one global
 * pool, which runs items in order.  A barrier item stands in for a flush.
 * libuv hands every finished request back to its loop (uv_run() calls the
 * after-work callbacks); that happens in @settle and @producer_exit,
 * outside the timed part, which if anything flatters libuv.
 */
#include <sched.h>
#include <stdlib.h>
#include <uv.h>

#include "event.h"
#include "queue.h"

static __thread uv_loop_t *loop;	/* this thread's loop, made on demand */
static uv_work_t *reqs;
static uv_work_t barrier;
static struct bench_event barrier_done;

static uv_loop_t *my_loop(void)
{
	if (!loop) {
		loop = malloc(sizeof(*loop));
		if (!loop || uv_loop_init(loop))
			abort();
	}
	return loop;
}

static void trivial(uv_work_t *req)
{
	bench_trivial_work();
}

static void signal_barrier(uv_work_t *req)
{
	bench_event_signal(&barrier_done);
}

static void record_tid(uv_work_t *req)
{
	bench_record_worker_tid();
	bench_event_signal(&barrier_done);
}

static void submit(uv_work_t *req, uv_work_cb fn)
{
	if (uv_queue_work(my_loop(), req, fn, NULL))
		__atomic_fetch_add(&bench_queue_refused, 1, __ATOMIC_RELAXED);
}

/*
 * Take back every finished request of this thread's loop.  The pool
 * thread posts the last one a moment after the barrier signalled; yield
 * meanwhile, in case it waits for this CPU.
 */
static void settle(void)
{
	while (uv_loop_alive(my_loop())) {
		uv_run(loop, UV_RUN_NOWAIT);
		if (uv_loop_alive(loop))
			sched_yield();
	}
}

static void flush(void)
{
	bench_event_reset(&barrier_done);
	submit(&barrier, signal_barrier);
	bench_event_wait(&barrier_done);
}

static const char *start(size_t nitems)
{
	reqs = calloc(nitems, sizeof(*reqs));
	if (!reqs)
		return "out of memory";
	/* The first request starts the pool: do it before the clock. */
	bench_event_reset(&barrier_done);
	submit(&barrier, record_tid);
	bench_event_wait(&barrier_done);
	settle();
	return NULL;
}

static void queue(size_t i)
{
	submit(&reqs[i], trivial);
}

static void flush_item(size_t i)
{
	flush();
}

static void producer_exit(void)
{
	settle();
	uv_loop_close(loop);
	free(loop);
	loop = NULL;
}

static void stop(void)
{
	producer_exit();
	free(reqs);
}

const struct bench_queue bench_queue_uv = {
	.impl = "libuv",
	.start = start,
	.queue = queue,
	.flush = flush,
	.flush_item = flush_item,
	.settle = settle,
	.producer_exit = producer_exit,
	.stop = stop,
};
