// SPDX-License-Identifier: MIT
/*
 * test_jiffies.c - jiffies, conversions, time_after() and friends
 * (src/kernel/time/jiffies.c).  The sleeps: test_sleep.c.
 */
#include <limits.h>

#include "ukt_test.h"

START_TEST(test_jiffies_start_near_initial)
{
	unsigned long j = jiffies;

	ck_assert_int_eq(HZ, 1000);
	/* Five minutes before a 32-bit wrap, as in the kernel. */
	ck_assert_uint_eq(INITIAL_JIFFIES, 4294967296ul - 300ul * 1000ul);
	ck_assert_msg(time_after_eq(j, INITIAL_JIFFIES),
		      "jiffies %lu before INITIAL_JIFFIES", j);
	/* The test program started less than a minute ago. */
	ck_assert_msg(j - INITIAL_JIFFIES < 60ul * HZ,
		      "jiffies %lu is %lu ticks past INITIAL_JIFFIES", j,
		      j - INITIAL_JIFFIES);
}
END_TEST

START_TEST(test_jiffies_monotonic_and_rate)
{
	unsigned long prev = jiffies, j0;
	long long t0;
	double ms;
	unsigned long dj;

	for (int i = 0; i < 100000; i++) {
		unsigned long j = jiffies;

		ck_assert_msg(time_after_eq(j, prev), "jiffies went back %lu -> %lu", prev, j);
		prev = j;
	}
	/* One tick per millisecond: compare with CLOCK_MONOTONIC. */
	j0 = jiffies;
	t0 = t_now_ns();
	t_sleep_ms(200);
	dj = jiffies - j0;
	ms = t_ms_since(t0);
	ck_assert_msg(dj + 2 >= (unsigned long)ms && dj <= (unsigned long)ms + 2,
		      "%lu jiffies in %.1f ms", dj, ms);
	ck_assert_uint_ge(dj, 199);
}
END_TEST

START_TEST(test_jiffies_64)
{
	unsigned long j = jiffies;
	unsigned long long j64 = get_jiffies_64();

	ck_assert_uint_eq(sizeof(j64), 8);
	ck_assert_msg(j64 >= j && j64 - j < 100, "jiffies_64 %llu vs jiffies %lu", j64, j);
	ck_assert(jiffies_64 >= j64);
}
END_TEST

START_TEST(test_conversions)
{
	ck_assert_uint_eq(msecs_to_jiffies(0), 0);
	ck_assert_uint_eq(msecs_to_jiffies(1), 1);
	ck_assert_uint_eq(msecs_to_jiffies(1000), HZ);
	ck_assert_uint_eq(msecs_to_jiffies(123456), 123456);
	ck_assert_uint_eq(usecs_to_jiffies(0), 0);
	ck_assert_uint_eq(usecs_to_jiffies(1), 1);		/* rounded up */
	ck_assert_uint_eq(usecs_to_jiffies(999), 1);
	ck_assert_uint_eq(usecs_to_jiffies(1000), 1);
	ck_assert_uint_eq(usecs_to_jiffies(1001), 2);
	ck_assert_uint_eq(usecs_to_jiffies(2500000), 2500);
	ck_assert_uint_eq(jiffies_to_msecs(0), 0);
	ck_assert_uint_eq(jiffies_to_msecs(5), 5);
	ck_assert_uint_eq(jiffies_to_msecs(HZ), 1000);
	ck_assert_uint_eq(jiffies_to_usecs(5), 5000);
	ck_assert_uint_eq(jiffies_to_usecs(HZ), 1000000);
	ck_assert_uint_eq(MAX_JIFFY_OFFSET, (LONG_MAX >> 1) - 1);
}
END_TEST

/*
 * The kernel's limits: a millisecond count that is negative as an int
 * means "forever" (msecs_to_jiffies(-1) must never become a short
 * timeout); a microsecond count beyond jiffies_to_usecs(MAX_JIFFY_OFFSET)
 * likewise, and nothing below it may wrap.
 */
START_TEST(test_conversions_limits)
{
	volatile unsigned int all = UINT_MAX, half = 0x80000000u, big = 0xfffffc18u;
	volatile unsigned int usec_limit = 4294965296u;	/* (unsigned int)(MAX_JIFFY_OFFSET * 1000) */

	ck_assert_uint_eq(msecs_to_jiffies(all), MAX_JIFFY_OFFSET);
	ck_assert_uint_eq(msecs_to_jiffies(half), MAX_JIFFY_OFFSET);
	ck_assert_uint_eq(msecs_to_jiffies(big), MAX_JIFFY_OFFSET);
	ck_assert_uint_eq(msecs_to_jiffies(0x7fffffffu), 0x7fffffffu);
	ck_assert_uint_eq(usecs_to_jiffies(all), MAX_JIFFY_OFFSET);
	ck_assert_uint_eq(usecs_to_jiffies(big), MAX_JIFFY_OFFSET);
	ck_assert_uint_eq(usecs_to_jiffies(usec_limit + 1), MAX_JIFFY_OFFSET);
	ck_assert_uint_eq(usecs_to_jiffies(usec_limit), 4294966u);
	ck_assert_uint_eq(usecs_to_jiffies(half), 2147484u);
	ck_assert_uint_eq(usecs_to_jiffies(0x7fffffffu), 2147484u);
	/* The same with constants, which the compiler may fold. */
	ck_assert_uint_eq(msecs_to_jiffies(-1), MAX_JIFFY_OFFSET);
	ck_assert_uint_eq(usecs_to_jiffies(-1), MAX_JIFFY_OFFSET);
}
END_TEST

START_TEST(test_time_after_wrap)
{
	unsigned long near_end = ULONG_MAX - 5;	/* just before the wrap */
	unsigned long wrapped = near_end + 10;	/* 4, after it */
	unsigned long j32 = 0xfffffff0ul, j32_next = 0x100000010ul;

	ck_assert_uint_eq(wrapped, 4);
	ck_assert(time_after(wrapped, near_end));
	ck_assert(!time_before(wrapped, near_end));
	ck_assert(time_before(near_end, wrapped));
	ck_assert(time_after_eq(wrapped, near_end));
	ck_assert(time_before_eq(near_end, wrapped));
	ck_assert(!time_after(near_end, wrapped));
	/* Equal values. */
	ck_assert(!time_after(wrapped, wrapped));
	ck_assert(!time_before(wrapped, wrapped));
	ck_assert(time_after_eq(wrapped, wrapped));
	ck_assert(time_before_eq(wrapped, wrapped));
	/* In range across the wrap. */
	ck_assert(time_in_range(ULONG_MAX, near_end, wrapped));
	ck_assert(time_in_range(1ul, near_end, wrapped));
	ck_assert(!time_in_range(100ul, near_end, wrapped));
	/* INITIAL_JIFFIES crosses 2^32 after five minutes: no wrap in a long. */
	ck_assert(time_after(j32_next, j32));
	ck_assert(time_before(j32, j32_next));
	/* Half the range away flips the answer, as it must. */
	ck_assert(time_after(0ul, (unsigned long)LONG_MAX + 2));
}
END_TEST

START_TEST(test_time_is_before_after_jiffies)
{
	unsigned long now = jiffies;

	ck_assert(time_is_after_jiffies(now + 10000));
	ck_assert(!time_is_before_jiffies(now + 10000));
	ck_assert(time_is_before_jiffies(now - 10000));
	ck_assert(!time_is_after_jiffies(now - 10000));
}
END_TEST

static Suite *jiffies_suite(void)
{
	Suite *s = suite_create("jiffies");
	TCase *tc = tcase_create("jiffies");

	tcase_set_timeout(tc, T_TIMEOUT);
	tcase_add_checked_fixture(tc, NULL, t_teardown);
	tcase_add_test(tc, test_jiffies_start_near_initial);
	tcase_add_test(tc, test_jiffies_monotonic_and_rate);
	tcase_add_test(tc, test_jiffies_64);
	tcase_add_test(tc, test_conversions);
	tcase_add_test(tc, test_conversions_limits);
	tcase_add_test(tc, test_time_after_wrap);
	tcase_add_test(tc, test_time_is_before_after_jiffies);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return t_run_suite(jiffies_suite());
}
