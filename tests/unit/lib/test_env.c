// SPDX-License-Identifier: MIT
/*
 * test_env.c - src/lib/env.c: knobs are parsed strictly; a bad value is
 * one warning and the default.  (That the library uses secure_getenv()
 * only is checked on the built library: tools/check-no-getenv.)
 */
#include "ukt_test.h"
#include "lib/env.h"

#define KNOB "UKTHREAD_TEST_KNOB"

START_TEST(test_unset_is_default)
{
	unsigned long warns = ukt_warn_count();

	unsetenv(KNOB);
	ck_assert_int_eq(ukt__env_int(KNOB, 4, 0, 10), 4);
	ck_assert_uint_eq(ukt_warn_count(), warns);
}
END_TEST

static const struct { const char *s; int v; } good[] = {
	{ "0", 0 }, { "7", 7 }, { "10", 10 }, { "-3", -3 }, { "007", 7 },
};

START_TEST(test_good_values)
{
	unsigned long warns = ukt_warn_count();

	setenv(KNOB, good[_i].s, 1);
	ck_assert_int_eq(ukt__env_int(KNOB, 4, -5, 10), good[_i].v);
	ck_assert_uint_eq(ukt_warn_count(), warns);
}
END_TEST

static const char *const bad[] = {
	"", "x", "5x", " 5", "+5", "5 ", "11", "-6", "99999999999999999999", "-", "0x3", "1e2",
};

START_TEST(test_bad_values_warn_once_each)
{
	unsigned long warns = ukt_warn_count();

	setenv(KNOB, bad[_i], 1);
	ck_assert_int_eq(ukt__env_int(KNOB, 4, -5, 10), 4);
	ck_assert_uint_eq(ukt_warn_count(), warns + 1);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("lib/env");
	TCase *tc = t_tcase(s, "env");

	tcase_add_test(tc, test_unset_is_default);
	tcase_add_loop_test(tc, test_good_values, 0, (int)(sizeof(good) / sizeof(good[0])));
	tcase_add_loop_test(tc, test_bad_values_warn_once_each, 0,
			    (int)(sizeof(bad) / sizeof(bad[0])));
	return t_run_suite(s);
}
