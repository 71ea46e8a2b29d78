// SPDX-License-Identifier: MIT
/*
 * kthread.c - the kthread API: create, bind, stop, park, exit.
 *
 * Life of a kthread.  kthread_create() makes the task (task + control
 * block, one allocation, state TASK_UNINTERRUPTIBLE, two references: one
 * for the thread, one for whoever will call kthread_stop()), names it and
 * asks kthreadd for a thread (kthreadd.c).  The thread runs
 * kthread_main(): it sleeps until its first wakeup, then, unless a
 * stop came first, parks if asked to and runs threadfn.  Every way out -
 * return, kthread_exit(), pthread_exit(), cancellation - goes through
 * kthread_exit_cleanup(), which publishes the result, completes @exited
 * and drops the thread's reference.  kthread_stop() sets SHOULD_STOP and
 * the pending-signal flag, unparks, wakes, waits for @exited, returns the
 * result and drops the creation reference (it reaps the zombie).
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>

#include "kernel/kthread_internal.h"
#include "kernel/kthreadd.h"
#include "lib/alloc.h"
#include <ukthread/jiffies.h>
#include "lib/trace.h"
#include "lib/watch.h"

static void kthread_main(struct ukt_task *t);

/* Type-stable: a late kthread_stop() or put finds a freed kthread (task.c). */
UKT_POOL_DEFINE(kthread_pool, UKT_SITE_KTHREAD, struct kthread_task)

static void kthread_release(struct ukt_task *t)
{
	struct kthread *k = &((struct kthread_task *)t)->kthread;

	ukt__free(UKT_SITE_KTHREAD_NAME, k->full_name);
}

/* The scheduling core's hook: wait_woken() must not sleep through these. */
static bool kthread_interrupt_wait(struct ukt_task *t)
{
	struct kthread *k = &((struct kthread_task *)t)->kthread;

	return __atomic_load_n(&k->flags, __ATOMIC_SEQ_CST) &
		((1ul << KTHREAD_SHOULD_STOP) | (1ul << KTHREAD_SHOULD_PARK));
}

static void kthread_set_name(struct kthread_task *kt, const char *fmt, va_list ap)
{
	char buf[UKT_TASK_COMM_LEN];
	va_list aq;
	int len;

	va_copy(aq, ap);
	len = vsnprintf(buf, sizeof(buf), fmt, aq);
	va_end(aq);
	memcpy(kt->task.pub.comm, buf, sizeof(buf));
	/* Keep the whole name when comm had to cut it (the kernel's full_name). */
	if (len >= (int)sizeof(buf)) {
		char *full = ukt__zalloc(UKT_SITE_KTHREAD_NAME, (size_t)len + 1);

		if (full)
			(void)vsnprintf(full, (size_t)len + 1, fmt, ap);	/* @len fits */
		kt->kthread.full_name = full;
	}
}

struct ukt_task_struct *
ukt__kthread_create_va(int (*threadfn)(void *), void *data, int cpu,
		       const char *namefmt, va_list ap)
{
	struct kthread_task *kt;
	int err;

	if (UKT_WARN_ONCE(!threadfn, "kthread_create() with a NULL threadfn"))
		return ukt_err_ptr(-EINVAL);
	if (UKT_WARN_ONCE(!namefmt, "kthread_create() with a NULL name"))
		return ukt_err_ptr(-EINVAL);

	kt = (struct kthread_task *)ukt__task_new(&kthread_pool, UKT_TASK_KTHREAD);
	if (!kt)
		return ukt_err_ptr(-ENOMEM);
	/* The thread's pin, and the reference kthread_stop() reaps. */
	ukt_get_task_struct(&kt->task.pub);
	kt->task.release = kthread_release;
	kt->task.interrupt_wait = kthread_interrupt_wait;
	kt->task.pub.flags = UKT_PF_KTHREAD;
	kt->task.pub.__state = UKT_TASK_UNINTERRUPTIBLE;
	kt->task.pub.worker_private = &kt->kthread;
	kt->kthread.threadfn = threadfn;
	kt->kthread.data = data;
	kt->kthread.cpu = cpu;
	kt->kthread.result = -EINTR;
	ukt_init_completion(&kt->kthread.parked);
	ukt_init_completion(&kt->kthread.exited);
	ukt_spin_lock_init(&kt->kthread.info_lock);
	kthread_set_name(kt, namefmt, ap);

	err = ukt__kthreadd_create(&kt->task, kthread_main);
	if (err) {
		ukt_put_task_struct(&kt->task.pub);
		ukt__task_unpin(&kt->task);	/* no thread ever came */
		return ukt_err_ptr(err);
	}
	UKT_TRACE(kthread_create, kt->task.pub.pid, kt->task.pub.comm, threadfn);
	/* Made whole: show.c and watchdog.c may read it from now on. */
	__atomic_store_n(&kt->kthread.listed, 1, __ATOMIC_RELEASE);
	return &kt->task.pub;
}

struct ukt_task_struct *
ukt_kthread_create_on_node(int (*threadfn)(void *data), void *data, int node,
			   const char *namefmt, ...)
{
	struct ukt_task_struct *p;
	va_list ap;

	(void)node;
	va_start(ap, namefmt);
	p = ukt__kthread_create_va(threadfn, data, -1, namefmt, ap);
	va_end(ap);
	return p;
}

static bool cpu_usable(unsigned int cpu)
{
	return ukt_cpumask_test_cpu((int)cpu, ukt_cpu_online_mask());
}

/* Bind @p's thread to @mask; the caller checked that @p never ran. */
static void bind_mask(struct ukt_task_struct *p, const struct ukt_cpumask *mask)
{
	struct ukt_task *t = to_task(p);
	int err;

	err = pthread_setaffinity_np(t->thread, sizeof(*mask), (const cpu_set_t *)mask);
	if (UKT_WARN_ONCE(err, "cannot bind %s: %s", p->comm, strerror(err)))
		return;
	__atomic_or_fetch(&p->flags, UKT_PF_NO_SETAFFINITY, __ATOMIC_RELAXED);
}

/* kthread_bind*() is only for a thread that never ran; false otherwise. */
static bool may_bind(struct ukt_task_struct *p)
{
	struct kthread *k = to_kthread(p);

	if (UKT_WARN_ONCE(!k, "kthread_bind() on a task that is not a kthread"))
		return false;
	/*
	 * @started is set by the thread itself once it runs; a thread that
	 * was woken but has not run yet is already out of the waker's hands
	 * (the kernel's wait_task_inactive(TASK_UNINTERRUPTIBLE) fails for
	 * it), so a state other than the one of creation counts as started.
	 */
	if (UKT_WARN_ONCE(__atomic_load_n(&k->started, __ATOMIC_ACQUIRE) ||
			  __atomic_load_n(&p->__state, __ATOMIC_ACQUIRE) !=
			  UKT_TASK_UNINTERRUPTIBLE,
			  "kthread_bind() on %s, which has already started", p->comm))
		return false;
	return true;
}

struct ukt_task_struct *
ukt_kthread_create_on_cpu(int (*threadfn)(void *data), void *data,
			  unsigned int cpu, const char *namefmt)
{
	struct ukt_task_struct *p;

	if (UKT_WARN_ONCE(!cpu_usable(cpu), "kthread_create_on_cpu(): CPU %u is not usable", cpu))
		return ukt_err_ptr(-EINVAL);
	p = ukt_kthread_create_on_node(threadfn, data, 0, namefmt, cpu);
	if (ukt_is_err(p))
		return p;
	/* The new kthread's thread is ours until its first wakeup: bind now. */
	to_kthread(p)->cpu = (int)cpu;
	bind_mask(p, ukt_cpumask_of(cpu));
	return p;
}

void ukt_kthread_bind(struct ukt_task_struct *p, unsigned int cpu)
{
	if (UKT_WARN_ONCE(!cpu_usable(cpu), "kthread_bind(): CPU %u is not usable", cpu))
		return;
	if (may_bind(p))
		bind_mask(p, ukt_cpumask_of(cpu));
}

void ukt_kthread_bind_mask(struct ukt_task_struct *p, const struct ukt_cpumask *mask)
{
	struct ukt_cpumask usable;

	for (unsigned int i = 0; i < sizeof(usable.bits) / sizeof(usable.bits[0]); i++)
		usable.bits[i] = mask->bits[i] & ukt_cpu_online_mask()->bits[i];
	if (UKT_WARN_ONCE(ukt_cpumask_empty(&usable),
			  "kthread_bind_mask(): no usable CPU in the mask"))
		return;
	if (may_bind(p))
		bind_mask(p, &usable);
}

/* Every way out of a kthread ends here (a pthread cleanup handler). */
static void kthread_exit_cleanup(void *arg)
{
	struct kthread_task *kt = arg;
	struct kthread *k = &kt->kthread;

	if (!__atomic_load_n(&k->result_set, __ATOMIC_RELAXED))
		k->result = -ECANCELED;	/* pthread_exit() or cancellation */
	UKT_TRACE(kthread_exit, kt->task.pub.pid, kt->task.pub.comm, k->result);
	ukt_spin_lock(&k->info_lock);	/* its worker may go once it exited */
	__atomic_store_n(&k->worker, NULL, __ATOMIC_RELAXED);
	ukt_spin_unlock(&k->info_lock);
	ukt__task_exit(&kt->task);
	/* A parker waiting for a park that will never come learns it here. */
	ukt_complete_all(&k->parked);
	ukt_complete_all(&k->exited);
	ukt__task_unpin(&kt->task);
}

static void kthread_exit_cleanup_pop(void *arg)
{
	kthread_exit_cleanup(arg);
}

/* The body of a kthread, run on the thread kthreadd made for it. */
static void kthread_main(struct ukt_task *t)
{
	struct kthread_task *kt = (struct kthread_task *)t;
	struct kthread *k = &kt->kthread;

	/*
	 * Only current: the task's thread and pid were filled in before
	 * kthread_create() returned (kthreadd.c), and the creator may be
	 * reading them now (p->pid, kthread_bind()); writing them again here,
	 * same values or not, would be a data race.
	 */
	ukt__current = &kt->task;
	prctl(PR_SET_NAME, kt->task.pub.comm, 0, 0, 0);
	pthread_cleanup_push(kthread_exit_cleanup_pop, kt);

	/* Created stopped: sleep (TASK_UNINTERRUPTIBLE, set by the creator). */
	ukt_schedule();
	__atomic_store_n(&k->started, 1, __ATOMIC_RELEASE);
	UKT_TRACE(kthread_wakeup_new, kt->task.pub.pid, kt->task.pub.comm);
	ukt__watch_poke();	/* a new thread to watch (a worker may start busy) */

	if (!kthread_test_bit(k, KTHREAD_SHOULD_STOP)) {
		int ret;

		ukt_kthread_parkme();
		ret = k->threadfn(k->data);
		k->result = ret;
	}
	__atomic_store_n(&k->result_set, 1, __ATOMIC_RELAXED);
	pthread_cleanup_pop(1);
}

void ukt_kthread_exit(long result)
{
	struct kthread *k = to_kthread(ukt_get_current());

	if (k) {
		k->result = result;
		__atomic_store_n(&k->result_set, 1, __ATOMIC_RELAXED);
	}
	pthread_exit((void *)result);
}

void ukt_kthread_complete_and_exit(struct ukt_completion *comp, long code)
{
	if (comp)
		ukt_complete(comp);
	ukt_kthread_exit(code);
}

bool ukt_kthread_should_stop(void)
{
	struct kthread *k = to_kthread(ukt_get_current());

	if (UKT_WARN_ONCE(!k, "kthread_should_stop() called outside a kthread"))
		return false;
	return kthread_test_bit(k, KTHREAD_SHOULD_STOP);
}

bool ukt_kthread_should_park(void)
{
	struct kthread *k = to_kthread(ukt_get_current());

	if (UKT_WARN_ONCE(!k, "kthread_should_park() called outside a kthread"))
		return false;
	return kthread_test_bit(k, KTHREAD_SHOULD_PARK);
}

bool ukt_kthread_should_stop_or_park(void)
{
	struct ukt_task_struct *p = ukt_get_current();

	return to_kthread(p) && kthread_interrupt_wait(to_task(p));
}

/*
 * Sleep in TASK_PARKED while SHOULD_PARK is set.  Only kthread_unpark()'s
 * wake_up_state(TASK_PARKED) ends the sleep, so @parked is completed once
 * per park, not once per spurious wakeup.
 */
void ukt_kthread_parkme(void)
{
	struct kthread *k = to_kthread(ukt_get_current());

	if (UKT_WARN_ONCE(!k, "kthread_parkme() called outside a kthread"))
		return;
	for (;;) {
		ukt_set_current_state(UKT_TASK_PARKED);
		/*
		 * A thread being stopped does not park: a kthread_park() that
		 * came after kthread_stop() looked for a park to undo would
		 * leave the stopper waiting forever (tests/models/
		 * kthread_stop_park.pml).  The parker gets -ENOSYS instead.
		 */
		if (!kthread_test_bit(k, KTHREAD_SHOULD_PARK) ||
		    kthread_test_bit(k, KTHREAD_SHOULD_STOP))
			break;
		UKT_TRACE(kthread_park, ukt__cur()->pub.pid, ukt__cur()->pub.comm);
		ukt_complete(&k->parked);
		ukt_schedule();
	}
	ukt___set_current_state(UKT_TASK_RUNNING);
}

int ukt_kthread_park(struct ukt_task_struct *p)
{
	struct kthread *k = to_kthread(p);

	if (UKT_WARN_ONCE(!k, "kthread_park() on a task that is not a kthread"))
		return -EINVAL;
	if (UKT_WARN_ONCE(__atomic_load_n(&p->flags, __ATOMIC_SEQ_CST) & UKT_PF_EXITING,
			  "kthread_park() on %s, which is exiting", p->comm))
		return -ENOSYS;
	if (UKT_WARN_ONCE(kthread_test_and_set_bit(k, KTHREAD_SHOULD_PARK),
			  "kthread_park() on %s, which is already parked", p->comm))
		return -EBUSY;
	if (p == ukt_get_current())
		return 0;

	/*
	 * An exit from here on completes @parked; one before it set
	 * PF_EXITING first, which this test sees (seq_cst both sides).
	 */
	if (__atomic_load_n(&p->flags, __ATOMIC_SEQ_CST) & UKT_PF_EXITING) {
		kthread_clear_bit(k, KTHREAD_SHOULD_PARK);
		return -ENOSYS;
	}
	ukt_wake_up_process(p);
	for (;;) {
		ukt_wait_for_completion(&k->parked);
		/* The kernel would wait forever for a thread that exits instead. */
		if (UKT_WARN_ONCE(__atomic_load_n(&p->flags, __ATOMIC_SEQ_CST) &
				  UKT_PF_EXITING, "%s exited instead of parking", p->comm)) {
			kthread_clear_bit(k, KTHREAD_SHOULD_PARK);
			return -ENOSYS;
		}
		/*
		 * Return only once it really sleeps parked (the kernel's 2018
		 * fix).  A pass left from an earlier self-park finds it not
		 * parked: wait for the pass of this park then.
		 */
		if (ukt_wait_task_inactive(p, UKT_TASK_PARKED))
			return 0;
	}
}

void ukt_kthread_unpark(struct ukt_task_struct *p)
{
	struct kthread *k = to_kthread(p);

	if (UKT_WARN_ONCE(!k, "kthread_unpark() on a task that is not a kthread"))
		return;
	if (!kthread_test_bit(k, KTHREAD_SHOULD_PARK))
		return;
	/* Re-bind a per-CPU thread while it still sleeps parked (2013 fix). */
	if (kthread_test_bit(k, KTHREAD_IS_PER_CPU))
		bind_mask(p, ukt_cpumask_of((unsigned int)k->cpu));
	/*
	 * Drop a pass nobody took (a kthread that parked itself), so that the
	 * next kthread_park() waits for the next park; no complete() can run
	 * now, the bit is still set and the thread asleep or not yet parked.
	 * Only that one pass: reinit_completion() would also wipe the
	 * complete_all() of a thread that has just exited, and a concurrent
	 * kthread_park() about to wait would wait forever
	 * (tests/models/kthread_stop_park.pml, BROKEN=4).
	 */
	ukt_try_wait_for_completion(&k->parked);
	kthread_clear_bit(k, KTHREAD_SHOULD_PARK);
	UKT_TRACE(kthread_unpark, p->pid, p->comm);
	ukt_wake_up_state(p, UKT_TASK_PARKED);
}

int ukt_kthread_stop(struct ukt_task_struct *p)
{
	struct kthread *k;
	int ret;

	if (UKT_WARN_ONCE(ukt_is_err_or_null(p), "kthread_stop(%s)",
			  p ? "an ERR_PTR" : "NULL"))
		return -EINVAL;
	k = to_kthread(p);
	if (UKT_WARN_ONCE(!k, "kthread_stop() on a task that is not a kthread"))
		return -EINVAL;
	if (UKT_WARN_ONCE(p == ukt_get_current(), "%s called kthread_stop() on itself",
			  p->comm))
		return -EDEADLK;
	/* Freed already (stopped before, no reference of ours): nothing to stop. */
	if (UKT_WARN_ONCE(!ukt__task_tryget(to_task(p)),
			  "kthread_stop() on a kthread already reaped (stopped twice?)"))
		return -ESRCH;
	UKT_TRACE(sched_kthread_stop, p->pid, p->comm);
	kthread_test_and_set_bit(k, KTHREAD_SHOULD_STOP);
	ukt__set_notify_signal(to_task(p));
	ukt_kthread_unpark(p);
	ukt_wake_up_process(p);
	ukt_wait_for_completion(&k->exited);
	ret = (int)k->result;
	/* The first stop reaps: it owns the reference kthread_create() made. */
	if (!__atomic_exchange_n(&k->reaped, 1, __ATOMIC_ACQ_REL))
		ukt_put_task_struct(p);
	ukt_put_task_struct(p);
	UKT_TRACE(sched_kthread_stop_ret, ret);
	return ret;
}

int ukt__kthread_stop_timeout(struct ukt_task_struct *p, unsigned int timeout_ms)
{
	struct kthread *k = to_kthread(p);
	int ret;

	if (!k || p == ukt_get_current() || !ukt__task_tryget(to_task(p)))
		return -EINVAL;
	if (__atomic_load_n(&k->reaped, __ATOMIC_ACQUIRE)) {
		ukt_put_task_struct(p);
		return -EALREADY;
	}
	kthread_test_and_set_bit(k, KTHREAD_SHOULD_STOP);
	ukt__set_notify_signal(to_task(p));
	ukt_kthread_unpark(p);
	ukt_wake_up_process(p);
	if (!ukt_wait_for_completion_timeout(&k->exited, ukt_msecs_to_jiffies(timeout_ms) + 1)) {
		ukt_put_task_struct(p);
		return -EBUSY;		/* asked to stop; it may still, later */
	}
	ret = (int)k->result;
	if (!__atomic_exchange_n(&k->reaped, 1, __ATOMIC_ACQ_REL))
		ukt_put_task_struct(p);
	ukt_put_task_struct(p);
	(void)ret;
	return 0;
}

int ukt_kthread_stop_put(struct ukt_task_struct *p)
{
	int ret = ukt_kthread_stop(p);

	ukt_put_task_struct(p);
	return ret;
}

void *ukt_kthread_data(struct ukt_task_struct *p)
{
	struct kthread *k = to_kthread(p);

	if (UKT_WARN_ONCE(!k, "kthread_data() on a task that is not a kthread"))
		return NULL;
	return k->data;
}

void *ukt_kthread_probe_data(struct ukt_task_struct *p)
{
	struct kthread *k = to_kthread(p);

	return k ? k->data : NULL;
}

void *ukt_kthread_func(struct ukt_task_struct *p)
{
	struct kthread *k = to_kthread(p);

	return k ? (void *)k->threadfn : NULL;
}

void ukt_kthread_set_per_cpu(struct ukt_task_struct *p, int cpu)
{
	struct kthread *k = to_kthread(p);

	if (UKT_WARN_ONCE(!k, "kthread_set_per_cpu() on a task that is not a kthread"))
		return;
	if (cpu < 0) {
		kthread_clear_bit(k, KTHREAD_IS_PER_CPU);
		return;
	}
	if (UKT_WARN_ONCE(!cpu_usable((unsigned int)cpu),
			  "kthread_set_per_cpu(): CPU %d is not usable", cpu))
		return;
	k->cpu = cpu;
	kthread_test_and_set_bit(k, KTHREAD_IS_PER_CPU);
}

bool ukt_kthread_is_per_cpu(struct ukt_task_struct *p)
{
	struct kthread *k = to_kthread(p);

	return k && kthread_test_bit(k, KTHREAD_IS_PER_CPU);
}

void ukt_get_kthread_comm(char *buf, size_t size, struct ukt_task_struct *p)
{
	struct kthread *k = to_kthread(p);

	if (!size)
		return;
	if (k && k->full_name) {
		strncpy(buf, k->full_name, size - 1);
		buf[size - 1] = '\0';
	} else {
		ukt___get_task_comm(buf, size, p);
	}
}

/* Not yet reaped by kthread_stop() (a reaped one lives on only by a reference). */
static bool kthread_unreaped(struct ukt_task *t)
{
	struct kthread *k = &((struct kthread_task *)t)->kthread;

	return !__atomic_load_n(&k->reaped, __ATOMIC_ACQUIRE);
}

size_t ukt_kthreads_get(struct ukt_task_struct **tasks, size_t max)
{
	return ukt__tasks_get(UKT_TASK_KTHREAD, kthread_unreaped, tasks, max);
}
