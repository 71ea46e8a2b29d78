// SPDX-License-Identifier: MIT
/*
 * timer.c - timer_list timers on one timer thread.
 *
 * Armed timers sit in a hierarchical timer wheel (timer_wheel.c), which
 * arms, re-arms and disarms in O(1) and may fire a timer late by less
 * than its level's granularity (1 ms up to 64 ms ahead, less than 8/63 of
 * the delay beyond), never early.  The timer thread ("ktimers") sleeps
 * until the start of the next tick whose slot holds timers (a futex wait
 * with an absolute CLOCK_MONOTONIC deadline, none when no timer is
 * armed), takes the timers due by then out of the wheel and runs their
 * functions, coarser slots first, with no lock held.  Arming wakes it
 * only for a timer that fires before the alarm it sleeps with
 * (@thread_alarm).  @running_timer lets timer_delete_sync() wait for a
 * function that is running.  @in_callback is true on the timer thread
 * while it runs a function: the kernel runs timers in softirq context,
 * and <linux/interrupt.h>'s context tests ask ukt_in_timer_callback().
 */
#include <errno.h>
#include <limits.h>
#include <string.h>

#include <ukthread/completion.h>
#include <ukthread/jiffies.h>
#include <ukthread/timer.h>
#include <ukthread/wait.h>

#include "kernel/sched/sched.h"
#include "kernel/time/jiffies.h"
#include "kernel/time/timer.h"
#include "kernel/time/timer_internal.h"
#include "kernel/time/timer_wheel.h"
#include "lib/atfork.h"
#include "lib/service.h"
#include "lib/spawn.h"
#include "lib/thread_safety.h"
#include "lib/trace.h"

/* Everything below but @running_timer is under timer_lock. */
static ukt_spinlock_t timer_lock = UKT_SPINLOCK_INIT;
static struct ukt_wheel wheel UKT_GUARDED_BY(timer_lock);
static bool wheel_ready UKT_GUARDED_BY(timer_lock);
static struct ukt_list_head expired UKT_GUARDED_BY(timer_lock) = UKT_LIST_HEAD_INIT(expired);
/* The tick the thread sleeps until; 0 while it runs (no wakeup needed). */
static unsigned long long thread_alarm UKT_GUARDED_BY(timer_lock);
static struct ukt_timer_list *running_timer;	/* atomic */
static __thread bool in_callback;		/* this thread runs a timer function */
static int timer_thread_exit;			/* atomic: ukt__timer_shutdown() */
static UKT_DECLARE_WAIT_QUEUE_HEAD(sync_wq);
static void *timer_thread_start(int *err);
static struct ukt_service timer_service = UKT_SERVICE_INIT(timer_thread_start);

/* What the timer thread hands back to the thread that started it. */
struct timer_start {
	struct ukt_completion started;
	struct ukt_task_struct *task;
};

/* The wheel, made on first use (and again in a fork child); under timer_lock. */
static struct ukt_wheel *wheel_get(void)
	UKT_REQUIRES(timer_lock)
{
	if (ukt_unlikely(!wheel_ready)) {
		ukt__wheel_init(&wheel, ukt__ticks_now());
		wheel_ready = true;
	}
	return &wheel;
}

/*
 * Bring the wheel's clock up to now before a timer is placed: a timer is
 * placed by its distance from the clock, so a clock left behind while the
 * thread slept would put it on a coarser level than its delay needs.  No
 * slot holds timers before the thread's alarm, so the clock may move up
 * to that tick without skipping any; while the thread runs (no alarm) it
 * keeps the clock itself, within a tick of now, and no clock is read.
 * Under timer_lock.
 */
static void forward_wheel(void)
	UKT_REQUIRES(timer_lock)
{
	unsigned long long now;

	wheel_get();
	if (!thread_alarm)
		return;
	now = ukt__ticks_now();
	if (now > thread_alarm)
		now = thread_alarm;
	if (now > wheel.clk)
		wheel.clk = now;
}

/* Run the functions of the timers taken out of the wheel, one by one. */
static void run_expired(void)
{
	for (;;) {
		struct ukt_timer_list *t;
		void (*fn)(struct ukt_timer_list *);
		unsigned long now;

		ukt_spin_lock(&timer_lock);
		if (ukt_list_empty(&expired)) {
			ukt_spin_unlock(&timer_lock);
			return;
		}
		t = ukt_container_of(expired.next, struct ukt_timer_list, entry);
		ukt_list_del_init(&t->entry);
		t->__slot = 0;
		__atomic_store_n(&t->__pending, 0, __ATOMIC_RELEASE);
		__atomic_store_n(&running_timer, t, __ATOMIC_RELAXED);
		fn = t->function;
		now = ukt__jiffies_of_tick(wheel.clk);
		ukt_spin_unlock(&timer_lock);
		UKT_TRACE(timer_expire_entry, t, fn, now);
		in_callback = true;
		fn(t);	/* may free @t: only its address is used below */
		in_callback = false;
		UKT_TRACE(timer_expire_exit, t);
		/* seq_cst pairs with the waiter's queueing in wq_has_sleeper(). */
		__atomic_store_n(&running_timer, NULL, __ATOMIC_SEQ_CST);
		if (ukt_wq_has_sleeper(&sync_wq))
			ukt_wake_up_all(&sync_wq);
	}
}

static void *timer_thread(void *arg)
{
	struct timer_start *start = arg;
	struct ukt_task_struct *self = ukt_get_current();

	ukt_set_task_comm(self, "ktimers");
	start->task = self;
	ukt_complete(&start->started);	/* @start is gone after this */

	for (;;) {
		struct timespec deadline, *dl = NULL;
		unsigned long long now, next;

		ukt_set_current_state(UKT_TASK_INTERRUPTIBLE);
		if (__atomic_load_n(&timer_thread_exit, __ATOMIC_ACQUIRE))
			break;
		ukt_spin_lock(&timer_lock);
		thread_alarm = 0;
		now = ukt__ticks_now();
		ukt__wheel_collect(wheel_get(), now, &expired);
		if (!ukt_list_empty(&expired)) {
			ukt_spin_unlock(&timer_lock);
			ukt___set_current_state(UKT_TASK_RUNNING);
			run_expired();
			continue;
		}
		if (ukt__wheel_next(&wheel, &next)) {
			long long ns = ukt__tick_start_ns(next);

			deadline.tv_sec = ns / 1000000000LL;
			deadline.tv_nsec = ns % 1000000000LL;
			dl = &deadline;
		} else {
			next = ULLONG_MAX;
		}
		thread_alarm = next;
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
	UKT_ACQUIRE(timer_service.lock)
{
	ukt__service_fork_prepare(&timer_service);
}

static void timer_fork_parent(void)
	UKT_RELEASE(timer_service.lock)
{
	ukt__service_fork_parent(&timer_service);
}

/* The child is single-threaded: it resets timer_lock and what it guards. */
static void timer_fork_child(void)
	UKT_RELEASE(timer_service.lock) UKT_NO_THREAD_SAFETY_ANALYSIS
{
	/* The timer thread did not come along: start afresh on demand. */
	ukt_spin_lock_init(&timer_lock);
	wheel_ready = false;
	ukt_list_init(&expired);
	thread_alarm = 0;
	running_timer = NULL;
	ukt_init_waitqueue_head(&sync_wq);
	ukt__service_fork_child(&timer_service);
}

UKT_ATFORK(timer_atfork, UKT_LAYER_TIME, timer_fork_prepare, timer_fork_parent,
	   timer_fork_child)

bool ukt_in_timer_callback(void)
{
	return in_callback;
}

struct ukt_task_struct *ukt__timer_task(void)
{
	return ukt__service_peek(&timer_service);
}

/* The timer thread, started on first use; NULL (warned) if it cannot start. */
static struct ukt_task_struct *timer_thread_get(int *err)
{
	struct ukt_task_struct *t = ukt__service_get(&timer_service, err);

	UKT_WARN_ONCE(!t, "cannot start the timer thread (%s): timer not armed",
		      strerror(*err));
	return t;
}

static int detach(struct ukt_timer_list *timer) UKT_REQUIRES(timer_lock);

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

/* Disarm every timer on @list (a wheel slot, or the expired list); under timer_lock. */
static unsigned int disarm_list(struct ukt_list_head *list)
	UKT_REQUIRES(timer_lock)
{
	unsigned int n = 0;

	while (!ukt_list_empty(list)) {
		detach(ukt_container_of(list->next, struct ukt_timer_list, entry));
		n++;
	}
	return n;
}

int ukt__timer_shutdown(unsigned int *canceled)
{
	if (ukt_get_current() == ukt__service_peek(&timer_service))
		return -EDEADLK;
	ukt_spin_lock(&timer_lock);
	if (wheel_ready) {
		for (int l = 0; l < UKT_WHEEL_LEVELS; l++)
			for (unsigned int i = 0; i < UKT_WHEEL_SLOTS; i++)
				*canceled += disarm_list(&wheel.slot[l][i]);
	}
	*canceled += disarm_list(&expired);
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
	UKT_REQUIRES(timer_lock)
{
	if (!timer->__pending)
		return 0;
	UKT_TRACE(timer_cancel, timer);
	if (timer->__slot > 0)
		ukt__wheel_del(&wheel, timer);
	else				/* taken out to run, not run yet */
		ukt_list_del_init(&timer->entry);
	timer->__slot = 0;
	__atomic_store_n(&timer->__pending, 0, __ATOMIC_RELEASE);
	return 1;
}

/*
 * The tick at whose start a timer armed for @expires may fire: the start
 * of jiffy @expires + 1.  The caller read jiffies at most a jiffy earlier,
 * so a timer armed for jiffies + n fires no sooner than n jiffies after
 * that read, even when a tick comes between the read and this call.
 *
 * No clock is read here: @expires names its tick on its own, and @ref
 * (the wheel's clock, a tick close enough to now) only gives the
 * difference a sign, so that an expiry already passed comes out before
 * @ref (the wheel fires it at once) and a far one (MAX_JIFFY_OFFSET is
 * "forever") far ahead, neither wrapping around.
 */
static unsigned long long due_tick(unsigned long expires, unsigned long long ref)
{
	long delta = (long)(expires - ukt__jiffies_of_tick(ref));

	if (delta < 0)
		return (unsigned long long)-delta > ref ? 0 : ref + (unsigned long long)delta + 1;
	return ref + (unsigned long long)delta + 1;
}

/*
 * Arm @timer at @expires; with @reduce, only if that is earlier than its
 * current expiry.  Returns 1 if it was armed before.
 */
static int arm(struct ukt_timer_list *timer, unsigned long expires, bool reduce)
{
	struct ukt_task_struct *thread;
	unsigned long long due, fire;
	bool wake;
	int was, err = 0;

	if (UKT_WARN_ONCE(!timer->function, "arming a timer without a function"))
		return 0;
	thread = timer_thread_get(&err);
	if (!thread)
		return -err;
	ukt_spin_lock(&timer_lock);
	forward_wheel();
	due = due_tick(expires, wheel.clk);
	if (timer->__shutdown) {
		ukt_spin_unlock(&timer_lock);
		return 0;
	}
	if (reduce && timer->__pending && timer->__due <= due) {
		ukt_spin_unlock(&timer_lock);
		return 1;
	}
	was = detach(timer);
	timer->expires = expires;
	timer->__due = due;
	fire = ukt__wheel_add(&wheel, timer);
	__atomic_store_n(&timer->__pending, 1, __ATOMIC_RELEASE);
	UKT_TRACE(timer_start, timer, timer->function, expires,
		  ukt__jiffies_of_tick(wheel.clk), timer->flags);
	/* Only a timer that fires before the thread's alarm needs it woken. */
	wake = fire < thread_alarm;
	if (wake)
		thread_alarm = fire;
	ukt_spin_unlock(&timer_lock);
	if (wake)
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
