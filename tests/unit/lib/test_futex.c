// SPDX-License-Identifier: MIT
/*
 * test_futex.c - src/lib/futex.c: waits compare atomically, time out on an
 * absolute CLOCK_MONOTONIC deadline, and wakes reach the right number.
 */
#include "ukt_test.h"
#include "lib/clock.h"
#include "lib/futex.h"

static int word;
static int woken;

static void *waiter(void *arg)
{
	int r;

	(void)arg;
	while (T_LOAD(&word) == 0) {
		r = ukt__futex_wait(&word, 0, NULL);
		ck_assert(r == 0 || r == -EAGAIN || r == -EINTR);
	}
	T_INC(&woken);
	return NULL;
}

START_TEST(test_wait_value_differs)
{
	int w = 1;

	ck_assert_int_eq(ukt__futex_wait(&w, 0, NULL), -EAGAIN);
}
END_TEST

START_TEST(test_wait_times_out_at_deadline)
{
	struct timespec ts;
	long long t0 = t_now_ns();
	int w = 0;

	ukt__deadline_ns(&ts, 20 * 1000000ull);
	ck_assert_int_eq(ukt__futex_wait(&w, 0, &ts), -ETIMEDOUT);
	ck_assert_int_ge(t_now_ns() - t0, 20 * 1000000ll);
	/* A deadline in the past: at once. */
	ts.tv_sec = 0;
	ts.tv_nsec = 0;
	ck_assert_int_eq(ukt__futex_wait(&w, 0, &ts), -ETIMEDOUT);
}
END_TEST

START_TEST(test_wake_wakes_a_sleeper)
{
	pthread_t t;

	ck_assert_int_eq(pthread_create(&t, NULL, waiter, NULL), 0);
	t_sleep_ms(20);	/* most likely asleep in the futex by now */
	ck_assert_int_eq(T_LOAD(&woken), 0);
	T_STORE(&word, 1);
	ukt__futex_wake(&word, 1);
	ck_assert(T_WAIT_FOR(T_LOAD(&woken) == 1, 5000));
	pthread_join(t, NULL);
}
END_TEST

static int one_word;
static int one_woken;

static void *one_waiter(void *arg)
{
	(void)arg;
	/* Returns on the first wake, whatever the word says. */
	if (ukt__futex_wait(&one_word, 0, NULL) == 0)
		T_INC(&one_woken);
	return NULL;
}

START_TEST(test_wake_counts)
{
	pthread_t t[3];

	for (int i = 0; i < 3; i++)
		ck_assert_int_eq(pthread_create(&t[i], NULL, one_waiter, NULL), 0);
	t_sleep_ms(50);
	ukt__futex_wake(&one_word, 1);
	ck_assert(T_WAIT_FOR(T_LOAD(&one_woken) >= 1, 5000));
	t_sleep_ms(50);
	ck_assert_int_eq(T_LOAD(&one_woken), 1);
	ukt__futex_wake(&one_word, 2);
	ck_assert(T_WAIT_FOR(T_LOAD(&one_woken) == 3, 5000));
	for (int i = 0; i < 3; i++)
		pthread_join(t[i], NULL);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("lib/futex");
	TCase *tc = t_tcase(s, "futex");

	tcase_add_test(tc, test_wait_value_differs);
	tcase_add_test(tc, test_wait_times_out_at_deadline);
	tcase_add_test(tc, test_wake_wakes_a_sleeper);
	tcase_add_test(tc, test_wake_counts);
	return t_run_suite(s);
}
