// SPDX-License-Identifier: MIT
/*
 * shutdown.c - ukt_shutdown(): end everything the library runs, so that a
 * program can leave (or be checked by valgrind) with no thread of ours.
 *
 * In order: every kthread the program left running, newest first (a
 * kthread made by another is stopped before its maker, as a program
 * tearing down in reverse would), workers made by kthread_create_worker()
 * destroyed on the way; then every armed timer and the timer thread; then
 * kthreadd and its spares.  Each waits for the threads to be gone, not
 * only done.  kthreadd and the timer thread start again on next use.
 */
#include <errno.h>

#include <ukthread/kthread.h>

#include "kernel/kthread_internal.h"
#include "kernel/kthread_worker_internal.h"
#include "kernel/kthreadd.h"
#include "kernel/time/timer.h"
#include "lib/spawn.h"

struct shutdown_ctx {
	unsigned int timeout_ms;
	struct ukt_shutdown_report r;
};

/* The worker that kthread @k runs, if kthread_create_worker() made it. */
static struct ukt_kthread_worker *made_worker(struct ukt_task *t, struct kthread *k)
{
	struct ukt_kthread_worker *w = k->data;

	if (k->threadfn != ukt_kthread_worker_fn || !w)
		return NULL;
	if (!(__atomic_load_n(&w->flags, __ATOMIC_ACQUIRE) & KTW__ALLOCATED) ||
	    (__atomic_load_n(&w->flags, __ATOMIC_ACQUIRE) & KTW__DESTROYED) ||
	    __atomic_load_n(&w->task, __ATOMIC_ACQUIRE) != &t->pub)
		return NULL;
	return w;
}

static void stop_one(struct ukt_task *t, void *arg)
{
	struct shutdown_ctx *c = arg;
	struct kthread *k = to_kthread(&t->pub);
	struct ukt_kthread_worker *w;
	int tid = t->pub.pid;
	int err;

	if (!k || __atomic_load_n(&k->reaped, __ATOMIC_ACQUIRE))
		return;		/* stopped already; a reference keeps it */
	w = made_worker(t, k);
	if (w)
		err = ukt__worker_shutdown(w, c->timeout_ms, &c->r.works_dropped);
	else
		err = ukt__kthread_stop_timeout(&t->pub, c->timeout_ms);
	if (err == -EBUSY) {
		c->r.left++;
		return;
	}
	if (err)
		return;
	c->r.kthreads++;
	if (w)
		c->r.workers++;
	/* Stopped is not gone: the thread is still on its way out. */
	if (tid)
		ukt__thread_gone_wait(tid, c->timeout_ms + 1000);
}

int ukt_shutdown(unsigned int timeout_ms, struct ukt_shutdown_report *report)
{
	struct shutdown_ctx c = { .timeout_ms = timeout_ms };
	struct ukt_task *self = ukt__cur();
	long n;
	int err;

	if (UKT_WARN_ONCE(self->kind != UKT_TASK_ADOPTED || to_kthread(&self->pub),
			  "ukt_shutdown() from a thread of the library's (%s)", self->pub.comm))
		return -EDEADLK;
	n = ukt__task_for_each(UKT_TASK_KTHREAD, stop_one, &c);
	if (n < 0)
		return (int)n;
	err = ukt__timer_shutdown(&c.r.timers);
	if (err < 0)
		return err;		/* from a timer function */
	c.r.threads += (unsigned int)err;
	c.r.threads += ukt__kthreadd_shutdown();
	if (report)
		*report = c.r;
	return c.r.left ? -EBUSY : 0;
}
