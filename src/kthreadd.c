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
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "kthread_internal.h"

#define DEFAULT_SPARES 2

/* A caller waiting for kthreadd to make its thread (on the caller's stack). */
struct create_request {
	struct ukt_list_head node;
	struct kthread_task *kt;
	int err;
	struct ukt_completion done;
};

/* A ready thread in the pool (on that thread's stack). */
struct spare {
	struct ukt_list_head node;
	struct kthread_task *kt;	/* the task handed over */
	int assigned;			/* futex word: 0 waiting, 1 handed over */
	int released;			/* the assigner is done with this struct */
	pthread_t thread;
	int tid;
};

static pthread_mutex_t start_lock = PTHREAD_MUTEX_INITIALIZER;
static ukt_spinlock_t kthreadd_lock = UKT_SPINLOCK_INIT;
static struct ukt_list_head create_list = UKT_LIST_HEAD_INIT(create_list);
static struct ukt_list_head spare_list = UKT_LIST_HEAD_INIT(spare_list);
static int nr_spares;		/* in spare_list */
static int nr_spawning;		/* being made */
static int spares_target = -1;	/* -1: not read from the environment yet */
static bool spare_failed;	/* the last spawn failed: wait for a request */
static struct ukt_task *kthreadd;	/* NULL until started */
static struct ukt_task *kthreadd_starting;	/* for kthreadd_fn(), under start_lock */
static struct ukt_cpumask possible_mask, allowed_mask;

/* Reset what the calling thread may have inherited. */
static void clean_environment(void)
{
	setpriority(PRIO_PROCESS, 0, 0);
	sched_setaffinity(0, sizeof(possible_mask), (cpu_set_t *)&possible_mask);
}

static void spawn_done_cleanup(void *arg)
{
	(void)arg;
	ukt__spawn_done();
}

/* Wait in the pool until kthread_create() hands over a task. */
static struct kthread_task *spare_wait(void)
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
	return sp.kt;
}

/* The body of every thread kthreadd makes. */
static void *kthread_thread(void *arg)
{
	struct create_request *req = arg;
	struct kthread_task *kt;

	pthread_cleanup_push(spawn_done_cleanup, NULL);
	clean_environment();
	if (req) {
		kt = req->kt;
		kt->task.thread = pthread_self();
		kt->task.pub.pid = (int)syscall(SYS_gettid);
		/* @req is on the caller's stack: no touching it after this. */
		ukt_complete(&req->done);
	} else {
		kt = spare_wait();
	}
	ukt__kthread_main(kt);
	pthread_cleanup_pop(1);
	return NULL;
}

/* Make one thread, for @req or (NULL) for the pool; 0 or an errno. */
static int spawn(struct create_request *req)
{
	struct sched_param param = { .sched_priority = 0 };
	pthread_attr_t attr;
	pthread_t thread;
	sigset_t all;
	int err;

	sigfillset(&all);
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	pthread_attr_setinheritsched(&attr, PTHREAD_EXPLICIT_SCHED);
	pthread_attr_setschedpolicy(&attr, SCHED_OTHER);
	pthread_attr_setschedparam(&attr, &param);
	pthread_attr_setsigmask_np(&attr, &all);
	err = ukt__spawn(&thread, &attr, kthread_thread, req);
	pthread_attr_destroy(&attr);
	return err;
}

static int spares_wanted(void)
{
	if (spare_failed)
		return 0;
	return spares_target - nr_spares - nr_spawning;
}

static void *kthreadd_fn(void *arg)
{
	struct ukt_completion *started = arg;
	struct ukt_task *self = kthreadd_starting;

	ukt__task_set_current(self);
	prctl(PR_SET_NAME, self->pub.comm, 0, 0, 0);
	clean_environment();
	sched_getaffinity(0, sizeof(allowed_mask), (cpu_set_t *)&allowed_mask);
	ukt_complete(started);

	for (;;) {
		int n;

		ukt_set_current_state(UKT_TASK_INTERRUPTIBLE);
		ukt_spin_lock(&kthreadd_lock);
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
	return NULL;
}

static void kthreadd_atfork_child(void)
{
	/* The child has none of the parent's threads: start afresh on demand. */
	pthread_mutex_init(&start_lock, NULL);
	ukt_spin_lock_init(&kthreadd_lock);
	ukt_list_init(&create_list);
	ukt_list_init(&spare_list);
	nr_spares = nr_spawning = 0;
	spare_failed = false;
	kthreadd = NULL;
}

__attribute__((constructor)) static void kthreadd_init(void)
{
	long n = sysconf(_SC_NPROCESSORS_CONF);

	for (long cpu = 0; cpu < n && cpu < UKT_NR_CPUS; cpu++)
		ukt_cpumask_set_cpu((unsigned int)cpu, &possible_mask);
	pthread_atfork(NULL, NULL, kthreadd_atfork_child);
}

/* Start kthreadd if it is not running; 0 or an errno. */
static int kthreadd_start(void)
{
	UKT_DECLARE_COMPLETION_ONSTACK(started);
	struct ukt_task *t;
	pthread_t thread;
	pthread_attr_t attr;
	sigset_t all;
	int err;

	if (ukt_likely(__atomic_load_n(&kthreadd, __ATOMIC_ACQUIRE)))
		return 0;
	pthread_mutex_lock(&start_lock);
	if (kthreadd) {
		pthread_mutex_unlock(&start_lock);
		return 0;
	}
	if (spares_target < 0) {
		const char *env = getenv("UKTHREAD_SPARES");

		spares_target = env ? atoi(env) : DEFAULT_SPARES;
		if (spares_target < 0)
			spares_target = 0;
	}
	t = ukt__task_new(UKT_SITE_TASK, sizeof(*t), UKT_TASK_KTHREADD);
	if (!t) {
		pthread_mutex_unlock(&start_lock);
		return ENOMEM;
	}
	t->pub.flags = UKT_PF_KTHREAD;
	strcpy(t->pub.comm, "kthreadd");
	kthreadd_starting = t;

	sigfillset(&all);
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	pthread_attr_setsigmask_np(&attr, &all);
	err = ukt__spawn(&thread, &attr, kthreadd_fn, &started);
	pthread_attr_destroy(&attr);
	if (err) {
		ukt_put_task_struct(&t->pub);
		pthread_mutex_unlock(&start_lock);
		return err;
	}
	ukt_wait_for_completion(&started);
	/*
	 * Publish only now: the lock-free test at the top lets callers go
	 * on at once, and they need a running kthreadd, its pid and thread,
	 * and allowed_mask (cpu_online_mask) filled in.  Published before
	 * the spawn, a caller could race with all of that, or keep a task
	 * freed when the spawn failed.
	 */
	__atomic_store_n(&kthreadd, t, __ATOMIC_RELEASE);
	pthread_mutex_unlock(&start_lock);
	return 0;
}

/* Hand @kt to a spare; false when the pool is empty. */
static bool take_spare(struct kthread_task *kt)
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

	kt->task.thread = sp->thread;
	kt->task.pub.pid = sp->tid;
	sp->kt = kt;
	/* Release: the spare sees the task and its fields before it runs. */
	__atomic_store_n(&sp->assigned, 1, __ATOMIC_RELEASE);
	ukt__futex_wake(&sp->assigned, 1);
	__atomic_store_n(&sp->released, 1, __ATOMIC_RELEASE);
	if (refill)
		ukt_wake_up_process(&kthreadd->pub);
	return true;
}

int ukt__kthreadd_create(struct kthread_task *kt)
{
	struct create_request req = { .kt = kt, .err = 0 };
	int err = kthreadd_start();

	if (err)
		return -err;
	if (take_spare(kt))
		return 0;

	ukt_init_completion(&req.done);
	ukt_spin_lock(&kthreadd_lock);
	ukt_list_add_tail(&req.node, &create_list);
	ukt_spin_unlock(&kthreadd_lock);
	ukt_wake_up_process(&kthreadd->pub);
	ukt_wait_for_completion(&req.done);
	return req.err;
}

struct ukt_task_struct *ukt_kthreadd_task(void)
{
	if (kthreadd_start())
		return NULL;
	return &kthreadd->pub;
}

int ukt_kthreadd_set_spares(int n)
{
	int old;

	if (n < 0)
		n = 0;
	kthreadd_start();
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

const void *ukt__cpus_allowed(void)
{
	if (kthreadd_start()) {
		static struct ukt_cpumask fallback;

		sched_getaffinity(0, sizeof(fallback), (cpu_set_t *)&fallback);
		return &fallback;
	}
	return &allowed_mask;
}

const void *ukt__cpus_possible(void)
{
	return &possible_mask;
}
