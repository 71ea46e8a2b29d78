// SPDX-License-Identifier: MIT
/*
 * test_sleep.c - msleep(), ssleep(), msleep_interruptible(), usleep_range()
 * and the spinning delays (src/kernel/time/sleep.c).
 */
#include "ukt_test.h"

START_TEST(test_msleep_at_least)
{
	static const unsigned int ms[] = { 1, 10, 50, 120 };

	for (unsigned int i = 0; i < sizeof(ms) / sizeof(ms[0]); i++) {
		unsigned long j0 = jiffies;
		long long t0 = t_now_ns();
		double el;

		msleep(ms[i]);
		el = t_ms_since(t0);
		ck_assert_msg(el >= ms[i], "msleep(%u) slept %.3f ms", ms[i], el);
		ck_assert_msg(el < ms[i] + 1000, "msleep(%u) slept %.3f ms", ms[i], el);
		ck_assert_uint_ge(jiffies - j0, ms[i]);
	}
	ck_assert(task_is_running(get_current()));
}
END_TEST

START_TEST(test_msleep_zero)
{
	long long t0 = t_now_ns();

	msleep(0);
	ck_assert(t_ms_since(t0) < 500);
}
END_TEST

START_TEST(test_ssleep)
{
	long long t0 = t_now_ns();
	double el;

	ssleep(1);
	el = t_ms_since(t0);
	ck_assert_msg(el >= 1000 && el < 3000, "ssleep(1) slept %.1f ms", el);
}
END_TEST

START_TEST(test_msleep_interruptible_full)
{
	long long t0 = t_now_ns();
	unsigned long left = msleep_interruptible(60);
	double el = t_ms_since(t0);

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
	long long t0 = t_now_ns();
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
	s->slept_ms = t_ms_since(t0);
	return (int)ret;
}

START_TEST(test_msleep_interruptible_stopped)
{
	struct sleeper s = { .kind = SL_MSLEEP_INT, .ms = 5000 };
	struct task_struct *p = kthread_run(sleeper_fn, &s, "msleep_int");
	long long t0;
	int left;

	ck_assert(!IS_ERR(p));
	ck_assert(T_WAIT_FOR(__atomic_load_n(&s.started, __ATOMIC_ACQUIRE), 5000));
	ck_assert(t_wait_sleeping(p, TASK_INTERRUPTIBLE, 5000));
	t_sleep_ms(100);
	t0 = t_now_ns();
	left = kthread_stop(p);
	ck_assert_msg(t_ms_since(t0) < 1000, "stop took %.1f ms", t_ms_since(t0));
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
	ck_assert(T_WAIT_FOR(__atomic_load_n(&s.started, __ATOMIC_ACQUIRE), 5000));
	while (!(t_flags(p) & PF_EXITING)) {
		wake_up_process(p);
		t_sleep_ms(5);
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
	ck_assert(T_WAIT_FOR(__atomic_load_n(&s.started, __ATOMIC_ACQUIRE), 5000));
	while (!(t_flags(p) & PF_EXITING)) {
		wakes += wake_up_process(p);
		t_sleep_ms(2);
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
		long long t0 = t_now_ns();
		long long el;

		usleep_range(us, us * 2);
		el = t_now_ns() - t0;
		ck_assert_msg(el >= (long long)us * 1000, "usleep_range(%lu) slept %lld ns", us, el);
	}
	{
		long long t0 = t_now_ns();

		fsleep(3000);
		ck_assert(t_now_ns() - t0 >= 3000000);
	}
}
END_TEST

START_TEST(test_delays_spin)
{
	long long t0 = t_now_ns();

	udelay(500);
	ck_assert(t_now_ns() - t0 >= 500000);
	t0 = t_now_ns();
	mdelay(5);
	ck_assert(t_now_ns() - t0 >= 5000000);
	t0 = t_now_ns();
	ndelay(20000);
	ck_assert(t_now_ns() - t0 >= 20000);
}
END_TEST

static Suite *sleep_suite(void)
{
	Suite *s = suite_create("sleep");
	TCase *ts = tcase_create("sleep");

	tcase_set_timeout(ts, T_TIMEOUT);
	tcase_add_checked_fixture(ts, NULL, t_teardown);
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
	return t_run_suite(sleep_suite());
}
