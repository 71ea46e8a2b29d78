// SPDX-License-Identifier: MIT
/*
 * test_spin.c - src/lib/spin.h: ukt__spin_until() returns as soon as its
 * condition holds, gives up when told or when its time is over, and does
 * not spin at all where the process has one CPU.
 */
#include "ukt_test.h"
#include "lib/spin.h"

static int flag;
static int looks;

static bool flag_set(void *arg)
{
	(void)arg;
	T_INC(&looks);
	return T_LOAD(&flag);
}

static bool always(void *arg)
{
	(void)arg;
	return true;
}

static void *setter(void *arg)
{
	(void)arg;
	t_sleep_ms(2);
	T_STORE(&flag, 1);
	return NULL;
}

START_TEST(test_done_at_once)
{
	T_STORE(&flag, 1);
	ck_assert(ukt__spin_until(flag_set, NULL, NULL, 1000000000ll));
	ck_assert_int_eq(T_LOAD(&looks), 1);
}
END_TEST

START_TEST(test_time_runs_out)
{
	long long t0 = t_now_ns();

	ck_assert(!ukt__spin_until(flag_set, NULL, NULL, 5 * 1000000ll));
	if (ukt__multi_cpu()) {
		ck_assert_int_ge(t_now_ns() - t0, 5 * 1000000ll);
		ck_assert_int_gt(T_LOAD(&looks), UKT_SPIN_LOOK_EVERY);
	} else {
		ck_assert_int_eq(T_LOAD(&looks), 1);	/* one look, no spin */
	}
}
END_TEST

START_TEST(test_give_up)
{
	ck_assert(!ukt__spin_until(flag_set, always, NULL, 1000000000ll));
	/* At most one look past the first give-up test. */
	ck_assert_int_le(T_LOAD(&looks), UKT_SPIN_LOOK_EVERY + 1);
}
END_TEST

START_TEST(test_sees_the_other_thread)
{
	pthread_t t;

	if (!ukt__multi_cpu())
		return;
	ck_assert_int_eq(pthread_create(&t, NULL, setter, NULL), 0);
	ck_assert(ukt__spin_until(flag_set, NULL, NULL, 5000 * 1000000ll));
	pthread_join(t, NULL);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("lib/spin");
	TCase *tc = t_tcase(s, "spin");

	tcase_add_test(tc, test_done_at_once);
	tcase_add_test(tc, test_time_runs_out);
	tcase_add_test(tc, test_give_up);
	tcase_add_test(tc, test_sees_the_other_thread);
	return t_run_suite(s);
}
