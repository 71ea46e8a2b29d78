// SPDX-License-Identifier: MIT
/*
 * test_timer_thread.c - the timer thread (src/kernel/time/timer.c) when it
 * cannot be started: arming a timer fails cleanly and the next try works.
 */
#include "ukt_test.h"

static int fires;

static void fire_fn(struct timer_list *t)
{
	(void)t;
	T_INC(&fires);
}

START_TEST(test_timer_thread_start_fails)
{
	struct timer_list t;
	unsigned long warns = ukt_warn_count();

	timer_setup(&t, fire_fn, 0);
	ukt_fault_inject(UKT_SITE_TIMER_THREAD, 1, 1);
	ck_assert_int_eq(mod_timer(&t, jiffies + 1), -EAGAIN);
	ck_assert(!timer_pending(&t));
	ck_assert_uint_eq(ukt_warn_count(), warns + 1);
	ck_assert_int_eq(ukt_site_live(UKT_SITE_TIMER_THREAD), 0);
	/* The next arm starts it. */
	ck_assert_int_eq(mod_timer(&t, jiffies + 1), 0);
	ck_assert(T_WAIT_FOR(T_LOAD(&fires) == 1, 5000));
	ck_assert_int_eq(ukt_site_live(UKT_SITE_TIMER_THREAD), 1);
	ck_assert_int_eq(timer_delete_sync(&t), 0);
}
END_TEST

START_TEST(test_add_timer_and_reduce_fail_cleanly)
{
	struct timer_list t;

	timer_setup(&t, fire_fn, 0);
	ukt_fault_inject(UKT_SITE_TIMER_THREAD, 1, 2);
	t.expires = jiffies + 1;
	add_timer(&t);
	ck_assert(!timer_pending(&t));
	ck_assert_int_eq(timer_reduce(&t, jiffies + 1), -EAGAIN);
	ck_assert(!timer_pending(&t));
	ck_assert_int_eq(mod_timer(&t, jiffies + 1), 0);
	ck_assert(T_WAIT_FOR(T_LOAD(&fires) == 1, 5000));
}
END_TEST

int main(void)
{
	Suite *s = suite_create("timer_thread");
	TCase *tc = t_tcase(s, "start");

	tcase_add_test(tc, test_timer_thread_start_fails);
	tcase_add_test(tc, test_add_timer_and_reduce_fail_cleanly);
	return t_run_suite(s);
}
