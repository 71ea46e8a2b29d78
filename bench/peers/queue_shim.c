// SPDX-License-Identifier: MIT
/*
 * queue_shim.c - the worker people write by hand when they have no
 * kthread_worker: a list under a mutex, a condition variable signalled on
 * every queue, one item taken per lock, as in the usual kernel-API shims.
 * Its flush is the other peers' barrier item (peer.c).
 */
#include <pthread.h>
#include <stdbool.h>

#include "peer.h"

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t more = PTHREAD_COND_INITIALIZER;
static struct peer_item *head, **tail = &head;
static bool stopping;
static pthread_t thread;

static void *worker_fn(void *arg)
{
	pthread_mutex_lock(&lock);
	for (;;) {
		struct peer_item *it;

		while (!head && !stopping)
			pthread_cond_wait(&more, &lock);
		if (!head)
			break;
		it = head;
		head = it->next;
		if (!head)
			tail = &head;
		pthread_mutex_unlock(&lock);
		it->fn();
		pthread_mutex_lock(&lock);
	}
	pthread_mutex_unlock(&lock);
	return NULL;
}

static const char *start(void)
{
	stopping = false;
	return pthread_create(&thread, NULL, worker_fn, NULL) ?
	       "pthread_create() failed" : NULL;
}

static void push(struct peer_item *it)
{
	pthread_mutex_lock(&lock);
	it->next = NULL;
	*tail = it;
	tail = &it->next;
	pthread_cond_signal(&more);
	pthread_mutex_unlock(&lock);
}

static void stop(void)
{
	pthread_mutex_lock(&lock);
	stopping = true;
	pthread_cond_signal(&more);
	pthread_mutex_unlock(&lock);
	pthread_join(thread, NULL);
}

static const struct peer_ops shim = { .start = start, .push = push, .stop = stop };

PEER_QUEUE(bench_queue_shim, "mutex+condvar", shim);
