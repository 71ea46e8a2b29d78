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

/*
 * The queue, on cache lines of its own: the producer and the worker both
 * write it for every item, so a variable that shared its lines by the
 * accident of the link order would change what an item costs (see
 * bench_works_run in worker.c).
 */
static struct {
	pthread_mutex_t lock;
	struct peer_item *head, **tail;
	pthread_cond_t more;
	bool stopping;
} __attribute__((aligned(64))) q = {
	.lock = PTHREAD_MUTEX_INITIALIZER,
	.tail = &q.head,
	.more = PTHREAD_COND_INITIALIZER,
};
static pthread_t thread;

static void *worker_fn(void *arg)
{
	pthread_mutex_lock(&q.lock);
	for (;;) {
		struct peer_item *it;

		while (!q.head && !q.stopping)
			pthread_cond_wait(&q.more, &q.lock);
		if (!q.head)
			break;
		it = q.head;
		q.head = it->next;
		if (!q.head)
			q.tail = &q.head;
		pthread_mutex_unlock(&q.lock);
		it->fn();
		pthread_mutex_lock(&q.lock);
	}
	pthread_mutex_unlock(&q.lock);
	return NULL;
}

static const char *start(void)
{
	q.stopping = false;
	return pthread_create(&thread, NULL, worker_fn, NULL) ?
	       "pthread_create() failed" : NULL;
}

static void push(struct peer_item *it)
{
	pthread_mutex_lock(&q.lock);
	it->next = NULL;
	*q.tail = it;
	q.tail = &it->next;
	pthread_cond_signal(&q.more);
	pthread_mutex_unlock(&q.lock);
}

static void stop(void)
{
	pthread_mutex_lock(&q.lock);
	q.stopping = true;
	pthread_cond_signal(&q.more);
	pthread_mutex_unlock(&q.lock);
	pthread_join(thread, NULL);
}

static const struct peer_ops shim = { .start = start, .push = push, .stop = stop };

PEER_QUEUE(bench_queue_shim, "mutex+condvar", shim);
