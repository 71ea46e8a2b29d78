// SPDX-License-Identifier: MIT
/* test_watch.c - src/lib/watch.c: the watchdog's sleep, pokes and kicks. */
#include "ukt_test.h"

#include "lib/clock.h"
#include "lib/watch.h"

static int woke;

static void sleeper(void *arg)
{
	ukt__watch_sleep(NULL, arg != NULL);
	T_STORE(&woke, 1);
}

START_TEST(test_poke_wakes_armed)
{
	struct t_bg bg;

	ukt__watch_arm();
	t_bg_start(&bg, sleeper, (void *)1);
	t_sleep_ms(50);
	ck_assert(!T_LOAD(&woke));
	ukt__watch_poke();
	ck_assert(T_WAIT_FOR(T_LOAD(&woke), 2000));
	t_bg_join(&bg);
	ck_assert_int_eq(T_LOAD(&ukt__watch_waiting), 0);
}
END_TEST

START_TEST(test_poke_ignored_unarmed)
{
	struct t_bg bg;

	t_bg_start(&bg, sleeper, NULL);
	t_sleep_ms(50);
	ukt__watch_poke();	/* word at 0: no syscall, no wakeup */
	t_sleep_ms(100);
	ck_assert(!T_LOAD(&woke));
	ukt__watch_kick();
	ck_assert(T_WAIT_FOR(T_LOAD(&woke), 2000));
	t_bg_join(&bg);
}
END_TEST

START_TEST(test_timed_sleep)
{
	struct timespec ts;
	long long t0 = t_now_ns();

	ukt__deadline_ns(&ts, 30000000ull);
	ukt__watch_sleep(&ts, false);
	ck_assert_int_ge(t_now_ns() - t0, 29000000LL);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("watch");
	TCase *tc = t_tcase(s, "watch");

	tcase_add_test(tc, test_poke_wakes_armed);
	tcase_add_test(tc, test_poke_ignored_unarmed);
	tcase_add_test(tc, test_timed_sleep);
	return t_run_suite(s);
}
