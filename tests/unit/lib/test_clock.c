// SPDX-License-Identifier: MIT
/* test_clock.c - src/lib/clock.c: CLOCK_MONOTONIC nanoseconds, deadlines. */
#include <limits.h>

#include "ukt_test.h"
#include "lib/clock.h"

START_TEST(test_now_follows_the_clock)
{
	long long a = t_now_ns();
	long long b = ukt__now_ns();
	long long c = t_now_ns();

	ck_assert_int_le(a, b);
	ck_assert_int_le(b, c);
}
END_TEST

START_TEST(test_deadline_and_ns_until)
{
	struct timespec ts;
	long long before = t_now_ns();
	long long left;

	ukt__deadline_ns(&ts, 50 * 1000000ull);
	ck_assert_int_ge(ts.tv_nsec, 0);
	ck_assert_int_lt(ts.tv_nsec, UKT_NSEC_PER_SEC);
	ck_assert_int_ge(ts.tv_sec * UKT_NSEC_PER_SEC + ts.tv_nsec, before + 50 * 1000000ll);
	left = ukt__ns_until(&ts);
	ck_assert_int_gt(left, 0);
	ck_assert_int_le(left, 50 * 1000000ll);
	t_sleep_ms(60);
	ck_assert_int_lt(ukt__ns_until(&ts), 0);
}
END_TEST

START_TEST(test_far_deadline_saturates)
{
	struct timespec ts;

	ukt__deadline_ns(&ts, ULLONG_MAX);
	ck_assert_int_eq(ts.tv_sec, LLONG_MAX / UKT_NSEC_PER_SEC);
	ck_assert_int_eq(ts.tv_nsec, LLONG_MAX % UKT_NSEC_PER_SEC);
	ck_assert_int_gt(ukt__ns_until(&ts), 0);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("lib/clock");
	TCase *tc = t_tcase(s, "clock");

	tcase_add_test(tc, test_now_follows_the_clock);
	tcase_add_test(tc, test_deadline_and_ns_until);
	tcase_add_test(tc, test_far_deadline_saturates);
	return t_run_suite(s);
}
