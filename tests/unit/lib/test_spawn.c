// SPDX-License-Identifier: MIT
/*
 * test_spawn.c - src/lib/spawn.c: a library thread is detached, has every
 * signal blocked and SCHED_OTHER whatever its caller has, and is counted
 * at its site; an injected fault fails the spawn cleanly.
 */
#include <signal.h>

#include "ukt_test.h"
#include "lib/spawn.h"

struct seen {
	int ran;
	int all_blocked;
	int policy;
	int detached;
	int done;
};

static void *body(void *arg)
{
	struct seen *s = arg;
	pthread_attr_t attr;
	struct sched_param sp;
	sigset_t set;
	int state = -1;

	pthread_sigmask(SIG_BLOCK, NULL, &set);
	s->all_blocked = sigismember(&set, SIGINT) && sigismember(&set, SIGTERM) &&
		sigismember(&set, SIGUSR1) && sigismember(&set, SIGCHLD);
	pthread_getschedparam(pthread_self(), &s->policy, &sp);
	if (pthread_getattr_np(pthread_self(), &attr) == 0) {
		pthread_attr_getdetachstate(&attr, &state);
		pthread_attr_destroy(&attr);
	}
	s->detached = state == PTHREAD_CREATE_DETACHED;
	T_STORE(&s->ran, 1);
	while (!T_LOAD(&s->done))
		t_sleep_ms(1);
	ukt__spawn_done(UKT_SITE_TIMER_THREAD);
	return NULL;
}

START_TEST(test_clean_thread)
{
	static struct seen s;	/* not on the stack: the thread reads it until it ends */
	long live0 = ukt_site_live(UKT_SITE_TIMER_THREAD);
	unsigned long total0 = ukt_site_total(UKT_SITE_TIMER_THREAD);
	struct sched_param rt = { .sched_priority = 1 };
	bool rt_caller = pthread_setschedparam(pthread_self(), SCHED_FIFO, &rt) == 0;

	ck_assert_int_eq(ukt__spawn(UKT_SITE_TIMER_THREAD, body, &s), 0);
	ck_assert(T_WAIT_FOR(T_LOAD(&s.ran), 5000));
	ck_assert(s.all_blocked);
	/* Even from a real-time caller (where the test may make one). */
	ck_assert_int_eq(s.policy, SCHED_OTHER);
	if (!rt_caller)
		printf("test_clean_thread: not allowed SCHED_FIFO; inherited policy unchecked\n");
	ck_assert(s.detached);
	ck_assert_int_eq(ukt_site_live(UKT_SITE_TIMER_THREAD), live0 + 1);
	ck_assert_uint_eq(ukt_site_total(UKT_SITE_TIMER_THREAD), total0 + 1);
	T_STORE(&s.done, 1);
	ck_assert(T_WAIT_FOR(ukt_site_live(UKT_SITE_TIMER_THREAD) == live0, 5000));
}
END_TEST

START_TEST(test_injected_fault)
{
	static struct seen s;	/* not on the stack: the thread reads it until it ends */
	long live0 = ukt_site_live(UKT_SITE_TIMER_THREAD);
	unsigned long total0 = ukt_site_total(UKT_SITE_TIMER_THREAD);

	ukt_fault_inject(UKT_SITE_TIMER_THREAD, 1, 1);
	ck_assert_int_eq(ukt__spawn(UKT_SITE_TIMER_THREAD, body, &s), EAGAIN);
	ck_assert_int_eq(ukt_site_live(UKT_SITE_TIMER_THREAD), live0);
	ck_assert_uint_eq(ukt_site_total(UKT_SITE_TIMER_THREAD), total0);
	t_sleep_ms(20);
	ck_assert_int_eq(T_LOAD(&s.ran), 0);
	/* The next attempt works. */
	ck_assert_int_eq(ukt__spawn(UKT_SITE_TIMER_THREAD, body, &s), 0);
	ck_assert(T_WAIT_FOR(T_LOAD(&s.ran), 5000));
	T_STORE(&s.done, 1);
	ck_assert(T_WAIT_FOR(ukt_site_live(UKT_SITE_TIMER_THREAD) == live0, 5000));
}
END_TEST

int main(void)
{
	Suite *s = suite_create("lib/spawn");
	TCase *tc = t_tcase(s, "spawn");

	tcase_add_test(tc, test_clean_thread);
	tcase_add_test(tc, test_injected_fault);
	return t_run_suite(s);
}
