// SPDX-License-Identifier: MIT
/* test_time.c - jiffies, conversions, time_after() and the sleeps (time.c). */
#include <limits.h>

#include "helpers.h"

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
	t0 = ut_now_ns();
	ut_sleep_ms(200);
	dj = jiffies - j0;
	ms = ut_ms_since(t0);
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

START_TEST(test_msleep_at_least)
{
	static const unsigned int ms[] = { 1, 10, 50, 120 };

	for (unsigned int i = 0; i < sizeof(ms) / sizeof(ms[0]); i++) {
		unsigned long j0 = jiffies;
		long long t0 = ut_now_ns();
		double el;

		msleep(ms[i]);
		el = ut_ms_since(t0);
		ck_assert_msg(el >= ms[i], "msleep(%u) slept %.3f ms", ms[i], el);
		ck_assert_msg(el < ms[i] + 1000, "msleep(%u) slept %.3f ms", ms[i], el);
		ck_assert_uint_ge(jiffies - j0, ms[i]);
	}
	ck_assert(task_is_running(get_current()));
}
END_TEST

START_TEST(test_msleep_zero)
{
	long long t0 = ut_now_ns();

	msleep(0);
	ck_assert(ut_ms_since(t0) < 500);
}
END_TEST

START_TEST(test_ssleep)
{
	long long t0 = ut_now_ns();
	double el;

	ssleep(1);
	el = ut_ms_since(t0);
	ck_assert_msg(el >= 1000 && el < 3000, "ssleep(1) slept %.1f ms", el);
}
END_TEST

START_TEST(test_msleep_interruptible_full)
{
	long long t0 = ut_now_ns();
	unsigned long left = msleep_interruptible(60);
	double el = ut_ms_since(t0);

	ck_assert_uint_eq(left, 0);
	ck_assert_msg(el >= 60, "msleep_interruptible(60) slept %.3f ms", el);
}
END_TEST

struct sleeper {
	int kind;		/* which sleep */
	unsigned int ms;
	double slept_ms;	/* measured inside the thread */
	int started;
};

enum { SL_MSLEEP, SL_MSLEEP_INT, SL_USLEEP_RANGE };

static int sleeper_fn(void *data)
{
	struct sleeper *s = data;
	long long t0 = ut_now_ns();
	long ret = 0;

	__atomic_store_n(&s->started, 1, __ATOMIC_RELEASE);
	switch (s->kind) {
	case SL_MSLEEP:
		msleep(s->ms);
		break;
	case SL_MSLEEP_INT:
		ret = (long)msleep_interruptible(s->ms);
		break;
	case SL_USLEEP_RANGE:
		usleep_range(s->ms * 1000ul, s->ms * 1000ul + 50000ul);
		break;
	}
	s->slept_ms = ut_ms_since(t0);
	return (int)ret;
}

START_TEST(test_msleep_interruptible_stopped)
{
	struct sleeper s = { .kind = SL_MSLEEP_INT, .ms = 5000 };
	struct task_struct *p = kthread_run(sleeper_fn, &s, "msleep_int");
	long long t0;
	int left;

	ck_assert(!IS_ERR(p));
	ck_assert(UT_WAIT_FOR(__atomic_load_n(&s.started, __ATOMIC_ACQUIRE), 5000));
	ck_assert(ut_wait_sleeping(p, TASK_INTERRUPTIBLE, 5000));
	ut_sleep_ms(100);
	t0 = ut_now_ns();
	left = kthread_stop(p);
	ck_assert_msg(ut_ms_since(t0) < 1000, "stop took %.1f ms", ut_ms_since(t0));
	ck_assert_msg(s.slept_ms < 2500, "slept %.1f ms of 5000", s.slept_ms);
	/* The milliseconds left: about 5000 - slept, rounded up. */
	ck_assert_msg(left > 0 && left <= 5000, "left %d", left);
	ck_assert_msg(left >= 5000 - (int)s.slept_ms - 2 && left <= 5000 - (int)s.slept_ms + 2,
		      "left %d after sleeping %.1f ms", left, s.slept_ms);
}
END_TEST

/* wake_up_process() is not a signal: an interruptible msleep goes on. */
START_TEST(test_msleep_interruptible_ignores_wakeups)
{
	struct sleeper s = { .kind = SL_MSLEEP_INT, .ms = 300 };
	struct task_struct *p;

	p = kthread_run(sleeper_fn, &s, "msleep_wake");
	ck_assert(!IS_ERR(p));
	get_task_struct(p);
	ck_assert(UT_WAIT_FOR(__atomic_load_n(&s.started, __ATOMIC_ACQUIRE), 5000));
	while (!(ut_flags(p) & PF_EXITING)) {
		wake_up_process(p);
		ut_sleep_ms(5);
	}
	ck_assert_int_eq(kthread_stop_put(p), 0);
	ck_assert_msg(s.slept_ms >= 300, "woken after %.1f ms", s.slept_ms);
}
END_TEST

static void sleep_hammered(int kind, unsigned int ms)
{
	struct sleeper s = { .kind = kind, .ms = ms };
	struct task_struct *p = kthread_run(sleeper_fn, &s, "sleeper");
	int wakes = 0;

	ck_assert(!IS_ERR(p));
	get_task_struct(p);
	ck_assert(UT_WAIT_FOR(__atomic_load_n(&s.started, __ATOMIC_ACQUIRE), 5000));
	while (!(ut_flags(p) & PF_EXITING)) {
		wakes += wake_up_process(p);
		ut_sleep_ms(2);
	}
	ck_assert_int_eq(kthread_stop_put(p), 0);
	ck_assert_msg(s.slept_ms >= ms, "slept %.3f ms of %u", s.slept_ms, ms);
	/* The sleeper was really asleep, and really woken, many times. */
	ck_assert_int_gt(wakes, 5);
}

START_TEST(test_msleep_not_ended_by_wakeups)
{
	sleep_hammered(SL_MSLEEP, 250);
}
END_TEST

START_TEST(test_usleep_range_not_ended_by_wakeups)
{
	sleep_hammered(SL_USLEEP_RANGE, 200);
}
END_TEST

START_TEST(test_usleep_range_at_least)
{
	for (unsigned long us = 10; us <= 100000; us *= 10) {
		long long t0 = ut_now_ns();
		long long el;

		usleep_range(us, us * 2);
		el = ut_now_ns() - t0;
		ck_assert_msg(el >= (long long)us * 1000, "usleep_range(%lu) slept %lld ns", us, el);
	}
	{
		long long t0 = ut_now_ns();

		fsleep(3000);
		ck_assert(ut_now_ns() - t0 >= 3000000);
	}
}
END_TEST

START_TEST(test_delays_spin)
{
	long long t0 = ut_now_ns();

	udelay(500);
	ck_assert(ut_now_ns() - t0 >= 500000);
	t0 = ut_now_ns();
	mdelay(5);
	ck_assert(ut_now_ns() - t0 >= 5000000);
	t0 = ut_now_ns();
	ndelay(20000);
	ck_assert(ut_now_ns() - t0 >= 20000);
}
END_TEST

static Suite *time_suite(void)
{
	Suite *s = suite_create("time");
	TCase *tc = tcase_create("jiffies");
	TCase *ts = tcase_create("sleep");

	tcase_set_timeout(tc, UT_TIMEOUT);
	tcase_add_test(tc, test_jiffies_start_near_initial);
	tcase_add_test(tc, test_jiffies_monotonic_and_rate);
	tcase_add_test(tc, test_jiffies_64);
	tcase_add_test(tc, test_conversions);
	tcase_add_test(tc, test_conversions_limits);
	tcase_add_test(tc, test_time_after_wrap);
	tcase_add_test(tc, test_time_is_before_after_jiffies);
	suite_add_tcase(s, tc);

	tcase_set_timeout(ts, UT_TIMEOUT);
	tcase_add_test(ts, test_msleep_at_least);
	tcase_add_test(ts, test_msleep_zero);
	tcase_add_test(ts, test_ssleep);
	tcase_add_test(ts, test_msleep_interruptible_full);
	tcase_add_test(ts, test_msleep_interruptible_stopped);
	tcase_add_test(ts, test_msleep_interruptible_ignores_wakeups);
	tcase_add_test(ts, test_msleep_not_ended_by_wakeups);
	tcase_add_test(ts, test_usleep_range_not_ended_by_wakeups);
	tcase_add_test(ts, test_usleep_range_at_least);
	tcase_add_test(ts, test_delays_spin);
	suite_add_tcase(s, ts);
	return s;
}

int main(void)
{
	return ut_run_suite(time_suite());
}
