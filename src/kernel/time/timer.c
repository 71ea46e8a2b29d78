// SPDX-License-Identifier: MIT
/*
 * timer.c - timer_list timers on one timer thread.
 *
 * Armed timers sit in one list ordered by their CLOCK_MONOTONIC expiry in
 * nanoseconds; a new timer is placed by walking from the tail, which is
 * O(1) for the common case of timers armed with the same delay.  The
 * timer thread ("ktimers") sleeps until the first expiry (a futex wait
 * with an absolute CLOCK_MONOTONIC deadline), runs every expired function
 * in order with no lock held, and is woken only when a newly armed timer
 * becomes the first.  @running_timer lets timer_delete_sync() wait for a
 * function that is running.
 */
#include <errno.h>
#include <limits.h>
#include <string.h>

#include <ukthread/completion.h>
#include <ukthread/jiffies.h>
#include <ukthread/timer.h>
#include <ukthread/wait.h>

#include "kernel/sched/sched.h"
#include "kernel/time/timer.h"
#include "lib/atfork.h"
#include "lib/clock.h"
#include "lib/service.h"
#include "lib/spawn.h"

static ukt_spinlock_t timer_lock = UKT_SPINLOCK_INIT;
static struct ukt_list_head timers = UKT_LIST_HEAD_INIT(timers);
static struct ukt_timer_list *running_timer;	/* atomic */
static int timer_thread_exit;			/* atomic: ukt__timer_shutdown() */
static UKT_DECLARE_WAIT_QUEUE_HEAD(sync_wq);
static void *timer_thread_start(int *err);
static struct ukt_service timer_service = UKT_SERVICE_INIT(timer_thread_start);

/* What the timer thread hands back to the thread that started it. */
struct timer_start {
	struct ukt_completion started;
	struct ukt_task_struct *task;
};

static void *timer_thread(void *arg)
{
	struct timer_start *start = arg;
	struct ukt_task_struct *self = ukt_get_current();

	ukt_set_task_comm(self, "ktimers");
	start->task = self;
	ukt_complete(&start->started);	/* @start is gone after this */

	for (;;) {
		struct timespec deadline, *dl = NULL;
		struct ukt_timer_list *t;

		ukt_set_current_state(UKT_TASK_INTERRUPTIBLE);
		if (__atomic_load_n(&timer_thread_exit, __ATOMIC_ACQUIRE))
			break;
		ukt_spin_lock(&timer_lock);
		if (!ukt_list_empty(&timers)) {
			t = ukt_container_of(timers.next, struct ukt_timer_list, entry);
			if (t->__expires_ns <= ukt__now_ns()) {
				ukt_list_del_init(&t->entry);
				__atomic_store_n(&t->__pending, 0, __ATOMIC_RELEASE);
				__atomic_store_n(&running_timer, t, __ATOMIC_RELAXED);
				ukt_spin_unlock(&timer_lock);
				ukt___set_current_state(UKT_TASK_RUNNING);
				t->function(t);	/* may free @t: only its address is used below */
				/* seq_cst pairs with the waiter's queueing in wq_has_sleeper(). */
				__atomic_store_n(&running_timer, NULL, __ATOMIC_SEQ_CST);
				if (ukt_wq_has_sleeper(&sync_wq))
					ukt_wake_up_all(&sync_wq);
				continue;
			}
			deadline.tv_sec = t->__expires_ns / 1000000000ll;
			deadline.tv_nsec = t->__expires_ns % 1000000000ll;
			dl = &deadline;
		}
		ukt_spin_unlock(&timer_lock);
		ukt__schedule_until(dl);
	}
	ukt___set_current_state(UKT_TASK_RUNNING);
	ukt__spawn_done(UKT_SITE_TIMER_THREAD);
	return NULL;	/* its adopted task goes with the thread */
}

/*
 * Start the timer thread (under the service's lock).  It starts before
 * the first timer is armed, so a failure breaks no promise: the arm that
 * needed it fails (-EAGAIN), and the next one tries again.
 */
static void *timer_thread_start(int *err)
{
	struct timer_start start = { .task = NULL };

	ukt_init_completion(&start.started);
	*err = ukt__spawn(UKT_SITE_TIMER_THREAD, timer_thread, &start);
	if (*err)
		return NULL;
	ukt_wait_for_completion(&start.started);
	return start.task;
}

static void timer_fork_prepare(void)
{
	ukt__service_fork_prepare(&timer_service);
}

static void timer_fork_parent(void)
{
	ukt__service_fork_parent(&timer_service);
}

static void timer_fork_child(void)
{
	/* The timer thread did not come along: start afresh on demand. */
	ukt_spin_lock_init(&timer_lock);
	ukt_list_init(&timers);
	running_timer = NULL;
	ukt_init_waitqueue_head(&sync_wq);
	ukt__service_fork_child(&timer_service);
}

UKT_ATFORK(timer_atfork, UKT_LAYER_TIME, timer_fork_prepare, timer_fork_parent,
	   timer_fork_child)

/* The timer thread, started on first use; NULL (warned) if it cannot start. */
static struct ukt_task_struct *timer_thread_get(int *err)
{
	struct ukt_task_struct *t = ukt__service_get(&timer_service, err);

	UKT_WARN_ONCE(!t, "cannot start the timer thread (%s): timer not armed",
		      strerror(*err));
	return t;
}

static int detach(struct ukt_timer_list *timer);

/* End the timer thread (under the service's lock). */
static void timer_thread_stop(void *obj, void *arg)
{
	struct ukt_task_struct *task = obj;
	int tid = task->pid;

	(void)arg;
	__atomic_store_n(&timer_thread_exit, 1, __ATOMIC_RELEASE);
	ukt_wake_up_process(task);	/* @task is freed once the thread left */
	ukt__thread_gone_wait(tid, 5000);
	__atomic_store_n(&timer_thread_exit, 0, __ATOMIC_RELAXED);
}

int ukt__timer_shutdown(unsigned int *canceled)
{
	if (ukt_get_current() == ukt__service_peek(&timer_service))
		return -EDEADLK;
	ukt_spin_lock(&timer_lock);
	while (!ukt_list_empty(&timers)) {
		detach(ukt_container_of(timers.next, struct ukt_timer_list, entry));
		(*canceled)++;
	}
	ukt_spin_unlock(&timer_lock);
	/* A timer function running now finishes before the thread leaves. */
	return ukt__service_stop(&timer_service, timer_thread_stop, NULL);
}

int ukt__timer_thread_start(void)
{
	int err = 0;

	return ukt__service_get(&timer_service, &err) ? 0 : -err;
}

void ukt_timer_setup(struct ukt_timer_list *timer,
		     void (*fn)(struct ukt_timer_list *), unsigned int flags)
{
	memset(timer, 0, sizeof(*timer));
	ukt_list_init(&timer->entry);
	timer->function = fn;
	timer->flags = flags;
}

/* Unlink @timer if armed; under timer_lock.  Returns 1 if it was armed. */
static int detach(struct ukt_timer_list *timer)
{
	if (!timer->__pending)
		return 0;
	ukt_list_del_init(&timer->entry);
	__atomic_store_n(&timer->__pending, 0, __ATOMIC_RELEASE);
	return 1;
}

/*
 * The CLOCK_MONOTONIC time at which jiffies passes @expires: the start of
 * jiffy @expires + 1.  The caller read jiffies at most a jiffy earlier, so
 * a timer armed for jiffies + n fires no sooner than n jiffies after that
 * read, even when a tick comes between the read and this call.  jiffies
 * ticks on the millisecond boundaries of CLOCK_MONOTONIC (time.c), so the
 * jiffy start is the clock rounded down, once jiffies and the clock were
 * read within the same millisecond.  Far expiries (MAX_JIFFY_OFFSET is
 * "forever") saturate instead of wrapping around to the past.
 */
static long long expiry_ns(unsigned long expires)
{
	const long long ns_per_jiffy = 1000000000ll / UKT_HZ;
	long long t0, t1;
	unsigned long j;
	long delta;

	do {
		t0 = ukt__now_ns();
		j = ukt_jiffies();
		t1 = ukt__now_ns();
	} while (t0 / ns_per_jiffy != t1 / ns_per_jiffy);
	delta = (long)(expires - j);
	if (delta < 0)
		return t0;
	if (delta >= LLONG_MAX / ns_per_jiffy - t0 / ns_per_jiffy - 1)
		return LLONG_MAX;
	return (t0 / ns_per_jiffy + delta + 1) * ns_per_jiffy;
}

/*
 * Arm @timer at @expires; with @reduce, only if that is earlier than its
 * current expiry.  Returns 1 if it was armed before.
 */
static int arm(struct ukt_timer_list *timer, unsigned long expires, bool reduce)
{
	long long when = expiry_ns(expires);
	struct ukt_task_struct *thread;
	struct ukt_list_head *pos;
	bool first;
	int was, err = 0;

	if (UKT_WARN_ONCE(!timer->function, "arming a timer without a function"))
		return 0;
	thread = timer_thread_get(&err);
	if (!thread)
		return -err;
	ukt_spin_lock(&timer_lock);
	if (timer->__shutdown) {
		ukt_spin_unlock(&timer_lock);
		return 0;
	}
	if (reduce && timer->__pending && timer->__expires_ns <= when) {
		ukt_spin_unlock(&timer_lock);
		return 1;
	}
	was = detach(timer);
	timer->expires = expires;
	timer->__expires_ns = when;
	for (pos = timers.prev; pos != &timers; pos = pos->prev)
		if (ukt_container_of(pos, struct ukt_timer_list, entry)->__expires_ns <= when)
			break;
	ukt_list_add(&timer->entry, pos);
	__atomic_store_n(&timer->__pending, 1, __ATOMIC_RELEASE);
	first = timers.next == &timer->entry;
	ukt_spin_unlock(&timer_lock);
	if (first)
		ukt_wake_up_process(thread);
	return was;
}

int ukt_mod_timer(struct ukt_timer_list *timer, unsigned long expires)
{
	return arm(timer, expires, false);
}

void ukt_add_timer(struct ukt_timer_list *timer)
{
	UKT_WARN_ONCE(ukt_timer_pending(timer), "add_timer() on an armed timer");
	arm(timer, timer->expires, false);
}

int ukt_timer_reduce(struct ukt_timer_list *timer, unsigned long expires)
{
	return arm(timer, expires, true);
}

int ukt_timer_delete(struct ukt_timer_list *timer)
{
	int was;

	if (!ukt_timer_pending(timer))
		return 0;
	ukt_spin_lock(&timer_lock);
	was = detach(timer);
	ukt_spin_unlock(&timer_lock);
	return was;
}

int ukt_try_to_del_timer_sync(struct ukt_timer_list *timer)
{
	int ret = -1;

	ukt_spin_lock(&timer_lock);
	if (__atomic_load_n(&running_timer, __ATOMIC_RELAXED) != timer)
		ret = detach(timer);
	ukt_spin_unlock(&timer_lock);
	return ret;
}

static int delete_sync(struct ukt_timer_list *timer, bool shutdown)
{
	int ret;

	if (shutdown) {
		ukt_spin_lock(&timer_lock);
		timer->__shutdown = 1;
		ukt_spin_unlock(&timer_lock);
	}
	if (UKT_WARN_ONCE(ukt_get_current() == ukt__service_peek(&timer_service) &&
			  __atomic_load_n(&running_timer, __ATOMIC_RELAXED) == timer,
			  "timer_delete_sync() from the timer's own function"))
		return ukt_timer_delete(timer);
	for (;;) {
		ret = ukt_try_to_del_timer_sync(timer);
		if (ret >= 0)
			return ret;
		ukt_wait_event(sync_wq,
			       __atomic_load_n(&running_timer, __ATOMIC_SEQ_CST) != timer);
	}
}

int ukt_timer_delete_sync(struct ukt_timer_list *timer)
{
	return delete_sync(timer, false);
}

int ukt_timer_shutdown_sync(struct ukt_timer_list *timer)
{
	return delete_sync(timer, true);
}
