// SPDX-License-Identifier: MIT
/*
 * test_completion_signal.c - complete(), complete_all(), wake_up_process()
 * and wake_up() are async-signal-safe (src/kernel/sched/completion.c,
 * core.c, wait.c): a storm of signals whose handler calls all four
 * interrupts a thread that runs every completion operation on the same
 * objects.  No deadlock (a hang is the test's timeout), and not one pass
 * is lost or made up.
 */
#include <signal.h>

#include "ukt_test.h"

#define STORM_MS 600

static struct completion c;		/* counted passes */
static struct completion c_all;		/* complete_all() / reinit */
static DECLARE_WAIT_QUEUE_HEAD(wq);
static struct task_struct *target_task;
static int handler_runs;		/* complete()s made by the handler */
static int stop;

static void handler(int sig)
{
	/* A handler keeps errno for the code it interrupted (a wakeup's futex
	 * call may set it); ThreadSanitizer reports one that does not. */
	int saved_errno = errno;

	(void)sig;
	complete(&c);
	complete_all(&c_all);
	wake_up(&wq);
	if (T_LOAD(&target_task))
		wake_up_process(T_LOAD(&target_task));
	T_INC(&handler_runs);
	errno = saved_errno;
}

struct target {
	pthread_t thread;
	long iters;
	long taken;			/* passes taken by try_wait_for_completion() */
	int ready;
};

static void *target_main(void *arg)
{
	struct target *t = arg;
	struct wait_queue_entry e;

	T_STORE(&target_task, get_current());
	init_wait_entry(&e, 0);
	T_STORE(&t->ready, 1);
	while (!T_LOAD(&stop)) {
		complete(&c);
		if (try_wait_for_completion(&c))
			t->taken++;
		complete(&c);
		wait_for_completion(&c);
		(void)completion_done(&c);
		complete_all(&c_all);
		wait_for_completion(&c_all);
		reinit_completion(&c_all);
		(void)wait_for_completion_timeout(&c_all, 0);
		prepare_to_wait(&wq, &e, TASK_INTERRUPTIBLE);
		wake_up(&wq);
		finish_wait(&wq, &e);
		set_current_state(TASK_INTERRUPTIBLE);
		wake_up_process(get_current());
		__set_current_state(TASK_RUNNING);
		t->iters++;
	}
	return NULL;
}

/* Another thread on the same objects, so that handlers also meet real contention. */
struct rival {
	pthread_t thread;
	long made, taken;
};

static void *rival_main(void *arg)
{
	struct rival *r = arg;

	while (!T_LOAD(&stop)) {
		complete(&c);
		r->made++;
		if (try_wait_for_completion(&c))
			r->taken++;
		wake_up_all(&wq);
		t_sleep_us(50);		/* contention now and then, not a lockstep */
	}
	return NULL;
}

START_TEST(test_signal_storm_on_completion_ops)
{
	struct sigaction sa = { .sa_handler = handler };
	struct target t = { 0 };
	struct rival r = { 0 };
	long long end;
	long sent = 0;
	unsigned int left;

	init_completion(&c);
	init_completion(&c_all);
	sigemptyset(&sa.sa_mask);
	ck_assert_int_eq(sigaction(SIGUSR1, &sa, NULL), 0);
	ck_assert_int_eq(pthread_create(&t.thread, NULL, target_main, &t), 0);
	ck_assert_int_eq(pthread_create(&r.thread, NULL, rival_main, &r), 0);
	ck_assert(T_WAIT_FOR(T_LOAD(&t.ready), 5000));
	end = t_now_ns() + STORM_MS * 1000000LL;
	while (t_now_ns() < end) {
		ck_assert_int_eq(pthread_kill(t.thread, SIGUSR1), 0);
		sent++;
		if (sent % 16 == 0)
			sched_yield();
	}
	T_STORE(&stop, 1);
	ck_assert_int_eq(pthread_join(t.thread, NULL), 0);
	ck_assert_int_eq(pthread_join(r.thread, NULL), 0);
	signal(SIGUSR1, SIG_IGN);
	/* Every pass made is taken or still banked. */
	left = c.done;
	ck_assert_msg((long)left == t.iters - t.taken + r.made - r.taken + T_LOAD(&handler_runs),
		      "done %u, target %ld iters %ld taken, rival %ld made %ld taken, handler %d",
		      left, t.iters, t.taken, r.made, r.taken, T_LOAD(&handler_runs));
	fprintf(stderr, "storm: %ld signals sent, %d handled, %ld iterations\n", sent, T_LOAD(&handler_runs), t.iters);
	ck_assert_int_gt(t.iters, 0);
	ck_assert_int_gt(T_LOAD(&handler_runs), 0);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("completion_signal");
	TCase *tc = t_tcase(s, "storm");

	tcase_add_test(tc, test_signal_storm_on_completion_ops);
	return t_run_suite(s);
}
