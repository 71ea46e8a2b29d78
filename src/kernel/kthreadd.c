// SPDX-License-Identifier: MIT
/*
 * kthreadd.c - the creator thread, and the clean threads it keeps ready.
 *
 * Every kthread's thread is made by kthreadd, so it inherits kthreadd's
 * clean environment rather than its caller's: all signals blocked,
 * SCHED_OTHER at nice 0, allowed on every CPU the process may use.
 *
 * The kernel's creation path costs two cross-CPU wakeups on top of the
 * thread creation (caller -> kthreadd -> new thread -> caller).  To keep
 * kthread_create() near the cost of a bare pthread_create(), kthreadd
 * makes a few threads ahead of need ("spares"), which sleep in the pool
 * until kthread_create() hands one its task: that costs the caller one
 * futex wake, and kthreadd refills the pool in the background.  When the
 * pool is empty (or disabled with ukt_kthreadd_set_spares(0)), the caller
 * queues a request and waits, as in the kernel; a failed pthread_create()
 * then reaches the caller as its errno.
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <ukthread/completion.h>
#include <ukthread/cpumask.h>
#include <ukthread/kthread.h>
#include <ukthread/spinlock.h>

#include "kernel/kthreadd.h"
#include "lib/atfork.h"
#include "lib/env.h"
#include "lib/futex.h"
#include "lib/service.h"
#include "lib/spawn.h"
#include "lib/thread_safety.h"

#define DEFAULT_SPARES 2
#define MAX_SPARES 1024	/* $UKTHREAD_SPARES above this is refused */

/* What a new thread is for: a task, and the function it runs with it. */
struct job {
	struct ukt_task *task;
	void (*fn)(struct ukt_task *t);
};

/* A caller waiting for kthreadd to make its thread (on the caller's stack). */
struct create_request {
	struct ukt_list_head node;
	struct job job;
	int err;
	struct ukt_completion done;
};

/* A ready thread in the pool (on that thread's stack). */
struct spare {
	struct ukt_list_head node;
	struct job job;			/* the task handed over */
	int assigned;			/* futex word: 0 waiting, 1 handed over */
	int released;			/* the assigner is done with this struct */
	pthread_t thread;
	int tid;
};

static void *kthreadd_start_thread(int *err);
static struct ukt_service kthreadd_service = UKT_SERVICE_INIT(kthreadd_start_thread);
static ukt_spinlock_t kthreadd_lock = UKT_SPINLOCK_INIT;
static struct ukt_list_head create_list UKT_GUARDED_BY(kthreadd_lock) =
	UKT_LIST_HEAD_INIT(create_list);
static struct ukt_list_head spare_list UKT_GUARDED_BY(kthreadd_lock) =
	UKT_LIST_HEAD_INIT(spare_list);
static int nr_spares UKT_GUARDED_BY(kthreadd_lock);	/* in spare_list */
static int nr_spawning UKT_GUARDED_BY(kthreadd_lock);	/* being made */
/* -1: not read from the environment yet */
static int spares_target UKT_GUARDED_BY(kthreadd_lock) = -1;
/* the last spawn failed: wait for a request */
static bool spare_failed UKT_GUARDED_BY(kthreadd_lock);
static bool kthreadd_exit;	/* ukt__kthreadd_shutdown(): end the spares, then leave */
static unsigned int threads_ended;	/* spares and kthreadd, ended by the last shutdown */
/* Completed by kthreadd as the last thing it does: what it wrote happened before. */
static struct ukt_completion kthreadd_left = UKT_COMPLETION_INITIALIZER(kthreadd_left);

/* Reset what the calling thread may have inherited. */
static void clean_environment(void)
{
	setpriority(PRIO_PROCESS, 0, 0);
	sched_setaffinity(0, sizeof(struct ukt_cpumask),
			  (const cpu_set_t *)ukt_cpu_possible_mask());
}

static void spawn_done_cleanup(void *arg)
{
	(void)arg;
	ukt__spawn_done(UKT_SITE_THREAD);
}

/* Wait in the pool until kthread_create() hands over a task. */
static struct job spare_wait(void)
{
	struct spare sp = { .thread = pthread_self(),
			    .tid = (int)syscall(SYS_gettid) };

	ukt_spin_lock(&kthreadd_lock);
	ukt_list_add_tail(&sp.node, &spare_list);
	nr_spares++;
	nr_spawning--;
	ukt_spin_unlock(&kthreadd_lock);

	while (!__atomic_load_n(&sp.assigned, __ATOMIC_ACQUIRE))
		ukt__futex_wait(&sp.assigned, 0, NULL);
	/* @sp lives on this stack: keep it until the assigner let go. */
	while (!__atomic_load_n(&sp.released, __ATOMIC_ACQUIRE))
		sched_yield();
	return sp.job;
}

/* The body of every thread kthreadd makes. */
static void *kthread_thread(void *arg)
{
	struct create_request *req = arg;
	struct job job;

	pthread_cleanup_push(spawn_done_cleanup, NULL);
	clean_environment();
	if (req) {
		job = req->job;
		job.task->thread = pthread_self();
		job.task->pub.pid = (int)syscall(SYS_gettid);
		/* @req is on the caller's stack: no touching it after this. */
		ukt_complete(&req->done);
	} else {
		job = spare_wait();
	}
	if (job.fn)		/* NULL: kthreadd ends the spare (shutdown) */
		job.fn(job.task);
	pthread_cleanup_pop(1);
	return NULL;
}

/* Make one thread, for @req or (NULL) for the pool; 0 or an errno. */
static int spawn(struct create_request *req)
{
	return ukt__spawn(UKT_SITE_THREAD, kthread_thread, req);
}

static int spares_wanted(void)
	UKT_REQUIRES(kthreadd_lock)
{
	if (spare_failed)
		return 0;
	return spares_target - nr_spares - nr_spawning;
}

/* What kthreadd gets from the thread that starts it (on that one's stack). */
struct kthreadd_start {
	struct ukt_task *task;
	struct ukt_completion started;
};

/* kthreadd is leaving: end every spare, waiting for each to be gone; under lock. */
static void end_spares(void)
	UKT_REQUIRES(kthreadd_lock)
{
	while (nr_spawning) {
		/* A spare being made joins the pool in a moment. */
		ukt_spin_unlock(&kthreadd_lock);
		sched_yield();
		ukt_spin_lock(&kthreadd_lock);
	}
	while (!ukt_list_empty(&spare_list)) {
		struct spare *sp = ukt_container_of(spare_list.next, struct spare, node);
		int tid = sp->tid;

		ukt_list_del_init(&sp->node);
		nr_spares--;
		sp->job = (struct job){ NULL, NULL };
		__atomic_store_n(&sp->assigned, 1, __ATOMIC_RELEASE);
		ukt__futex_wake(&sp->assigned, 1);
		__atomic_store_n(&sp->released, 1, __ATOMIC_RELEASE);
		ukt_spin_unlock(&kthreadd_lock);
		ukt__thread_gone_wait(tid, 5000);
		threads_ended++;
		ukt_spin_lock(&kthreadd_lock);
	}
}

static void *kthreadd_fn(void *arg)
{
	struct kthreadd_start *start = arg;
	struct ukt_task *self = start->task;

	ukt__task_set_current(self);
	prctl(PR_SET_NAME, self->pub.comm, 0, 0, 0);
	clean_environment();
	ukt_complete(&start->started);	/* @start is gone after this */

	for (;;) {
		int n;

		ukt_set_current_state(UKT_TASK_INTERRUPTIBLE);
		ukt_spin_lock(&kthreadd_lock);
		if (kthreadd_exit) {
			ukt___set_current_state(UKT_TASK_RUNNING);
			end_spares();
			ukt_spin_unlock(&kthreadd_lock);
			break;
		}
		if (ukt_list_empty(&create_list) && spares_wanted() <= 0) {
			ukt_spin_unlock(&kthreadd_lock);
			ukt_schedule();
			ukt_spin_lock(&kthreadd_lock);
		}
		ukt___set_current_state(UKT_TASK_RUNNING);

		while (!ukt_list_empty(&create_list)) {
			struct create_request *req = ukt_container_of(create_list.next,
						struct create_request, node);
			int err;

			ukt_list_del_init(&req->node);
			spare_failed = false;
			ukt_spin_unlock(&kthreadd_lock);
			err = spawn(req);
			if (err) {
				req->err = -err;
				ukt_complete(&req->done);
			}
			ukt_spin_lock(&kthreadd_lock);
		}
		n = spares_wanted();
		if (n > 0)
			nr_spawning += n;
		ukt_spin_unlock(&kthreadd_lock);

		for (; n > 0; n--) {
			if (spawn(NULL) == 0)
				continue;
			ukt_spin_lock(&kthreadd_lock);
			nr_spawning -= n;
			spare_failed = true;
			ukt_spin_unlock(&kthreadd_lock);
			break;
		}
	}
	ukt_complete(&kthreadd_left);
	ukt__spawn_done(UKT_SITE_THREAD);
	return NULL;
}

static void kthreadd_fork_prepare(void)
	UKT_ACQUIRE(kthreadd_service.lock)
{
	ukt__service_fork_prepare(&kthreadd_service);
}

static void kthreadd_fork_parent(void)
	UKT_RELEASE(kthreadd_service.lock)
{
	ukt__service_fork_parent(&kthreadd_service);
}

/* The child is single-threaded: it resets kthreadd_lock and what it guards. */
static void kthreadd_fork_child(void)
	UKT_RELEASE(kthreadd_service.lock) UKT_NO_THREAD_SAFETY_ANALYSIS
{
	/* The child has none of the parent's threads: start afresh on demand. */
	ukt_spin_lock_init(&kthreadd_lock);
	ukt_list_init(&create_list);
	ukt_list_init(&spare_list);
	nr_spares = nr_spawning = 0;
	spare_failed = false;
	kthreadd_exit = false;
	ukt_init_completion(&kthreadd_left);
	ukt__service_fork_child(&kthreadd_service);
}

UKT_ATFORK(kthreadd_atfork, UKT_LAYER_KTHREAD, kthreadd_fork_prepare,
	   kthreadd_fork_parent, kthreadd_fork_child)

/* Read the spares knob once, before kthreadd first runs; under kthreadd_lock. */
static void spares_init(void)
	UKT_REQUIRES(kthreadd_lock)
{
	spares_target = ukt__env_int("UKTHREAD_SPARES", DEFAULT_SPARES, 0, MAX_SPARES);
}

/* Start kthreadd (under the service's lock): its task, or NULL and *@err. */
static void *kthreadd_start_thread(int *err)
{
	struct kthreadd_start start;
	struct ukt_task *t;

	/*
	 * Under kthreadd_lock: a ukt_kthreadd_set_spares() whose own start
	 * of kthreadd failed writes spares_target meanwhile.
	 */
	ukt_spin_lock(&kthreadd_lock);
	if (spares_target < 0)
		spares_init();
	ukt_spin_unlock(&kthreadd_lock);
	t = ukt__task_new(NULL, UKT_TASK_KTHREADD);
	if (!t) {
		*err = ENOMEM;
		return NULL;
	}
	t->pub.flags = UKT_PF_KTHREAD;
	strcpy(t->pub.comm, "kthreadd");
	start.task = t;
	ukt_init_completion(&start.started);
	*err = ukt__spawn(UKT_SITE_THREAD, kthreadd_fn, &start);
	if (*err) {
		ukt__task_unpin(t);
		return NULL;
	}
	/*
	 * Return (and so publish) only once kthreadd runs: callers that find
	 * the service started go on at once, and need a running kthreadd,
	 * its pid and thread.  Published before the spawn, a caller could
	 * race with all of that, or keep a task freed when the spawn failed.
	 */
	ukt_wait_for_completion(&start.started);
	return t;
}

/* kthreadd's task, started on first use; NULL and *@err if it cannot start. */
static struct ukt_task *kthreadd_get(int *err)
{
	return ukt__service_get(&kthreadd_service, err);
}

/* Hand @job to a spare; false when the pool is empty. */
static bool take_spare(struct ukt_task *kthreadd, struct job job)
{
	struct spare *sp;
	bool refill;

	ukt_spin_lock(&kthreadd_lock);
	if (ukt_list_empty(&spare_list)) {
		ukt_spin_unlock(&kthreadd_lock);
		return false;
	}
	sp = ukt_container_of(spare_list.next, struct spare, node);
	ukt_list_del_init(&sp->node);
	nr_spares--;
	refill = spares_wanted() > 0;
	ukt_spin_unlock(&kthreadd_lock);

	job.task->thread = sp->thread;
	job.task->pub.pid = sp->tid;
	sp->job = job;
	/* Release: the spare sees the task and its fields before it runs. */
	__atomic_store_n(&sp->assigned, 1, __ATOMIC_RELEASE);
	ukt__futex_wake(&sp->assigned, 1);
	__atomic_store_n(&sp->released, 1, __ATOMIC_RELEASE);
	if (refill)
		ukt_wake_up_process(&kthreadd->pub);
	return true;
}

/* End kthreadd (under the service's lock): it ends its spares, then leaves. */
static void kthreadd_stop(void *obj, void *arg)
{
	struct ukt_task *t = obj;
	int tid = t->pub.pid;

	(void)arg;
	ukt_reinit_completion(&kthreadd_left);
	ukt_spin_lock(&kthreadd_lock);
	kthreadd_exit = true;
	threads_ended = 0;
	ukt_spin_unlock(&kthreadd_lock);
	ukt_wake_up_process(&t->pub);
	ukt_wait_for_completion(&kthreadd_left);
	if (ukt__thread_gone_wait(tid, 10000))
		threads_ended++;
	ukt__task_exit(t);
	ukt__task_unpin(t);
	ukt_spin_lock(&kthreadd_lock);
	kthreadd_exit = false;
	spare_failed = false;
	ukt_spin_unlock(&kthreadd_lock);
}

unsigned int ukt__kthreadd_shutdown(void)
{
	threads_ended = 0;
	ukt__service_stop(&kthreadd_service, kthreadd_stop, NULL);
	return threads_ended;
}

int ukt__kthreadd_create(struct ukt_task *t, void (*fn)(struct ukt_task *t))
{
	struct create_request req = { .job = { .task = t, .fn = fn }, .err = 0 };
	struct ukt_task *kthreadd;
	int err;

	kthreadd = kthreadd_get(&err);
	if (!kthreadd)
		return -err;
	if (take_spare(kthreadd, req.job))
		return 0;

	ukt_init_completion(&req.done);
	ukt_spin_lock(&kthreadd_lock);
	ukt_list_add_tail(&req.node, &create_list);
	ukt_spin_unlock(&kthreadd_lock);
	ukt_wake_up_process(&kthreadd->pub);
	ukt_wait_for_completion(&req.done);
	return req.err;
}

struct ukt_task *ukt__kthreadd_peek(void)
{
	return ukt__service_peek(&kthreadd_service);
}

struct ukt_task_struct *ukt_kthreadd_task(void)
{
	int err;
	struct ukt_task *kthreadd = kthreadd_get(&err);

	return kthreadd ? &kthreadd->pub : NULL;
}

int ukt_kthreadd_set_spares(int n)
{
	struct ukt_task *kthreadd;
	int err;
	int old;

	if (n < 0)
		n = 0;
	kthreadd = kthreadd_get(&err);
	ukt_spin_lock(&kthreadd_lock);
	old = spares_target;
	spares_target = n;
	spare_failed = false;
	ukt_spin_unlock(&kthreadd_lock);
	/* Spares beyond the new target stay until used; none are killed. */
	if (kthreadd)
		ukt_wake_up_process(&kthreadd->pub);
	return old;
}
