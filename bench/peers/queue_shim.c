// SPDX-License-Identifier: MIT
/*
 * queue_shim.c - the worker people write by hand when they have no
 * kthread_worker: a list under a mutex, a condition variable signalled on
 * every queue, one item taken per lock, as in the usual kernel-API shims.
 */
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>

#include "event.h"
#include "queue.h"

struct shim_item {
	struct shim_item *next;
	void (*fn)(struct shim_item *item);
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t more = PTHREAD_COND_INITIALIZER;
static struct shim_item *head, **tail = &head;
static bool stopping;
static pthread_t thread;
static struct shim_item *items;
static struct shim_item barrier, probe;
static struct bench_event barrier_done;

static void *worker_fn(void *arg)
{
	pthread_mutex_lock(&lock);
	for (;;) {
		struct shim_item *it;

		while (!head && !stopping)
			pthread_cond_wait(&more, &lock);
		if (!head)
			break;
		it = head;
		head = it->next;
		if (!head)
			tail = &head;
		pthread_mutex_unlock(&lock);
		it->fn(it);
		pthread_mutex_lock(&lock);
	}
	pthread_mutex_unlock(&lock);
	return NULL;
}

static void shim_queue(struct shim_item *it)
{
	pthread_mutex_lock(&lock);
	it->next = NULL;
	*tail = it;
	tail = &it->next;
	pthread_cond_signal(&more);
	pthread_mutex_unlock(&lock);
}

static void trivial(struct shim_item *it)
{
	bench_trivial_work();
}

static void signal_barrier(struct shim_item *it)
{
	bench_event_signal(&barrier_done);
}

static void record_tid(struct shim_item *it)
{
	bench_record_worker_tid();
	bench_event_signal(&barrier_done);
}

static void flush(void)
{
	bench_event_reset(&barrier_done);
	shim_queue(&barrier);
	bench_event_wait(&barrier_done);
}

static const char *start(size_t nitems)
{
	items = calloc(nitems, sizeof(*items));
	if (!items)
		return "out of memory";
	for (size_t i = 0; i < nitems; i++)
		items[i].fn = trivial;
	barrier.fn = signal_barrier;
	probe.fn = record_tid;
	stopping = false;
	if (pthread_create(&thread, NULL, worker_fn, NULL)) {
		free(items);
		return "pthread_create() failed";
	}
	bench_event_reset(&barrier_done);
	shim_queue(&probe);
	bench_event_wait(&barrier_done);
	return NULL;
}

static void queue(size_t i)
{
	shim_queue(&items[i]);
}

static void flush_item(size_t i)
{
	flush();
}

static void stop(void)
{
	pthread_mutex_lock(&lock);
	stopping = true;
	pthread_cond_signal(&more);
	pthread_mutex_unlock(&lock);
	pthread_join(thread, NULL);
	free(items);
}

const struct bench_queue bench_queue_shim = {
	.impl = "mutex+condvar",
	.start = start,
	.queue = queue,
	.flush = flush,
	.flush_item = flush_item,
	.stop = stop,
};
