// SPDX-License-Identifier: MIT
/*
 * core.c - current, task states, and the sleep/wake protocol.
 *
 * The algorithm.  A task's state word (task_struct.__state) is also the
 * futex it sleeps on.  A sleeper first stores its new state, then tests
 * its condition, then calls schedule(), which blocks in FUTEX_WAIT for as
 * long as the word still holds that state.  A waker changes the word to
 * TASK_RUNNING with a compare-and-swap that only succeeds if the state
 * matches what the waker may wake, then FUTEX_WAKEs.  Because the futex
 * wait compares the word atomically with going to sleep, a wakeup that
 * lands between set_current_state() and schedule() is never lost: the
 * word is already TASK_RUNNING and the wait returns at once.
 *
 * TASK_PARKED is just a value nobody but wake_up_state(p, TASK_PARKED)
 * matches, so spurious and ordinary wakeups leave a parked task asleep.
 *
 * The waker skips the FUTEX_WAKE system call unless the task says it is
 * blocked (task->sleeping); see wake_up_state() for why that is safe.
 */
#include <errno.h>
#include <sched.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <ukthread/debug.h>
#include <ukthread/jiffies.h>

#include "kernel/sched/sched.h"
#include "lib/clock.h"
#include "lib/atfork.h"
#include "lib/futex.h"
#include "lib/watch.h"

__thread struct ukt_task *ukt__current;

/* The address space of every thread but the kthreads. */
static struct ukt_mm_struct process_mm;

struct ukt_mm_struct *ukt_process_mm(void)
{
	return &process_mm;
}

static pthread_key_t adopted_key;
static pthread_once_t adopted_once = PTHREAD_ONCE_INIT;

void ukt__task_set_current(struct ukt_task *t)
{
	ukt__current = t;
	t->thread = pthread_self();
	t->pub.pid = (int)syscall(SYS_gettid);
}

void ukt__task_exit(struct ukt_task *t)
{
	__atomic_or_fetch(&t->pub.flags, UKT_PF_EXITING, __ATOMIC_SEQ_CST);
	__atomic_store_n(&t->pub.__state, UKT_TASK_DEAD, __ATOMIC_RELEASE);
	if (ukt__current == t)
		ukt__current = NULL;
}

/* The destructor of an adopted thread's task, at thread exit. */
static void adopted_exit(void *arg)
{
	struct ukt_task *t = arg;

	ukt__task_exit(t);
	ukt__task_unpin(t);
}

static bool adopted_key_ok;

static void adopted_key_init(void)
{
	adopted_key_ok = pthread_key_create(&adopted_key, adopted_exit) == 0;
}

/*
 * The task of a thread adopted without memory for one: kept in the
 * thread's own storage, never freed, not on the registry.  It works for
 * everything while the thread runs; it ends with the thread, so a
 * reference to it must not outlive the thread (README: "Semantics").
 */
static __thread struct ukt_task fallback_task;

/*
 * current for a thread the library did not make: a task is made on first
 * use and released when the thread exits.  Without memory for it (or
 * without a thread-specific key to release it with) the thread gets its
 * fallback task instead: no call fails, nothing aborts.
 */
static struct ukt_task *adopt_current(void)
{
	struct ukt_task *t = NULL;

	pthread_once(&adopted_once, adopted_key_init);
	if (adopted_key_ok)
		t = ukt__task_new(NULL, UKT_TASK_ADOPTED);
	if (t && pthread_setspecific(adopted_key, t)) {
		ukt__task_unpin(t);
		t = NULL;
	}
	if (!t) {
		t = &fallback_task;
		ukt__task_init_static(t, UKT_TASK_ADOPTED);
	}
	ukt__task_set_current(t);
	t->pub.mm = &process_mm;	/* a user thread: it has the process's mm */
	prctl(PR_GET_NAME, t->pub.comm, 0, 0, 0);
	return t;
}

/* A fork() child: the calling thread's task takes the child's ids. */
static void core_fork_child(void)
{
	struct ukt_task *t = ukt__current;

	if (t) {
		t->thread = pthread_self();
		t->pub.pid = (int)syscall(SYS_gettid);
		t->pub.tgid = getpid();
	}
}

UKT_ATFORK(core_atfork, UKT_LAYER_SCHED, NULL, NULL, core_fork_child)

struct ukt_task_struct *ukt_get_current(void)
{
	struct ukt_task *t = ukt__current;

	if (ukt_unlikely(!t))
		t = adopt_current();
	return &t->pub;
}

void ukt_set_current_state(unsigned int state)
{
	/* seq_cst: the condition test that follows must not move before it. */
	__atomic_store_n(&ukt__cur()->pub.__state, state, __ATOMIC_SEQ_CST);
}

void ukt___set_current_state(unsigned int state)
{
	__atomic_store_n(&ukt__cur()->pub.__state, state, __ATOMIC_RELAXED);
}

void ukt__set_notify_signal(struct ukt_task *t)
{
	__atomic_store_n(&t->sigpending, 1, __ATOMIC_SEQ_CST);
}

bool ukt_signal_pending(struct ukt_task_struct *p)
{
	return __atomic_load_n(&to_task(p)->sigpending, __ATOMIC_SEQ_CST);
}

bool ukt__schedule_until(const struct timespec *deadline)
{
	struct ukt_task *t = ukt__cur();
	unsigned int *word = &t->pub.__state;

	for (;;) {
		unsigned int s = __atomic_load_n(word, __ATOMIC_ACQUIRE);
		int r;

		if (s == UKT_TASK_RUNNING)
			return true;
		/* A stop pending: interruptible sleeps end (kernel: TIF_NOTIFY_SIGNAL). */
		if ((s & UKT_TASK_INTERRUPTIBLE) && ukt_signal_pending(&t->pub)) {
			__atomic_store_n(word, UKT_TASK_RUNNING, __ATOMIC_RELAXED);
			return true;
		}
		/* seq_cst pairs with the waker's CAS then load of ->sleeping. */
		__atomic_store_n(&t->sleeping, 1, __ATOMIC_SEQ_CST);
		/* What the hung-task watchdog looks for: wake it if it waits. */
		if ((s & (UKT_TASK_UNINTERRUPTIBLE | UKT_TASK_NOLOAD)) == UKT_TASK_UNINTERRUPTIBLE &&
		    t->kind == UKT_TASK_KTHREAD)
			ukt__watch_poke();
		r = ukt__futex_wait((int *)word, (int)s, deadline);
		__atomic_store_n(&t->sleeping, 0, __ATOMIC_RELAXED);
		if (r == -ETIMEDOUT) {
			__atomic_store_n(word, UKT_TASK_RUNNING, __ATOMIC_RELAXED);
			return false;
		}
	}
}

void ukt_schedule(void)
{
	ukt__schedule_until(NULL);
}

long ukt_schedule_timeout(long timeout)
{
	struct timespec ts;
	long long left;

	if (timeout == UKT_MAX_SCHEDULE_TIMEOUT) {
		ukt_schedule();
		return timeout;
	}
	if (UKT_WARN_ONCE(timeout < 0, "negative timeout %ld", timeout)) {
		ukt___set_current_state(UKT_TASK_RUNNING);
		return 0;
	}
	ukt__deadline_ns(&ts, (unsigned long long)timeout * (1000000000ull / UKT_HZ));
	if (!ukt__schedule_until(&ts))
		return 0;
	left = ukt__ns_until(&ts);
	if (left <= 0)
		return 0;
	/* Round up: a task woken early has at least one jiffy left. */
	return (long)((left + 1000000000LL / UKT_HZ - 1) / (1000000000LL / UKT_HZ));
}

long ukt_schedule_timeout_interruptible(long timeout)
{
	ukt_set_current_state(UKT_TASK_INTERRUPTIBLE);
	return ukt_schedule_timeout(timeout);
}

long ukt_schedule_timeout_uninterruptible(long timeout)
{
	ukt_set_current_state(UKT_TASK_UNINTERRUPTIBLE);
	return ukt_schedule_timeout(timeout);
}

long ukt_schedule_timeout_killable(long timeout)
{
	ukt_set_current_state(UKT_TASK_KILLABLE);
	return ukt_schedule_timeout(timeout);
}

long ukt_schedule_timeout_idle(long timeout)
{
	ukt_set_current_state(UKT_TASK_IDLE);
	return ukt_schedule_timeout(timeout);
}

/*
 * Why skipping FUTEX_WAKE is safe: the sleeper stores ->sleeping = 1 and
 * then FUTEX_WAIT reads the state word (the kernel puts a full barrier
 * between); the waker CASes the state word and then loads ->sleeping, all
 * seq_cst.  If the waker reads 0, the sleeper's store comes later in the
 * total order, so its FUTEX_WAIT reads TASK_RUNNING and does not block.
 */
int ukt_wake_up_state(struct ukt_task_struct *p, unsigned int state)
{
	struct ukt_task *t = to_task(p);
	unsigned int s = __atomic_load_n(&p->__state, __ATOMIC_RELAXED);

	do {
		if (!(s & state))
			return 0;
	} while (!__atomic_compare_exchange_n(&p->__state, &s, UKT_TASK_RUNNING, 1,
					      __ATOMIC_SEQ_CST, __ATOMIC_RELAXED));
	if (__atomic_load_n(&t->sleeping, __ATOMIC_SEQ_CST))
		ukt__futex_wake((int *)&p->__state, 1);
	return 1;
}

int ukt_wake_up_process(struct ukt_task_struct *p)
{
	return ukt_wake_up_state(p, UKT_TASK_NORMAL);
}

char *ukt___get_task_comm(char *buf, size_t size, struct ukt_task_struct *p)
{
	if (size) {
		strncpy(buf, p->comm, size - 1);
		buf[size - 1] = '\0';
	}
	return buf;
}

void ukt_set_task_comm(struct ukt_task_struct *p, const char *name)
{
	struct ukt_task *t = to_task(p);

	strncpy(p->comm, name, UKT_TASK_COMM_LEN - 1);
	p->comm[UKT_TASK_COMM_LEN - 1] = '\0';
	if (t == ukt__current)
		prctl(PR_SET_NAME, p->comm, 0, 0, 0);
	else if (!(p->flags & UKT_PF_EXITING))
		pthread_setname_np(t->thread, p->comm);
}

void ukt_yield(void)
{
	sched_yield();
}

unsigned long ukt_wait_task_inactive(struct ukt_task_struct *p,
				     unsigned int match_state)
{
	struct ukt_task *t = to_task(p);

	for (;;) {
		unsigned int s = __atomic_load_n(&p->__state, __ATOMIC_ACQUIRE);

		if (s == UKT_TASK_DEAD || (match_state && s != match_state))
			return 0;
		if (s != UKT_TASK_RUNNING &&
		    __atomic_load_n(&t->sleeping, __ATOMIC_ACQUIRE))
			return 1;
		sched_yield();
	}
}
