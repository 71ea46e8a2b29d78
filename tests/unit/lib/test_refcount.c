// SPDX-License-Identifier: MIT
/*
 * test_refcount.c - src/lib/refcount.h: checked counts with an owner's
 * pin.  The last of pin and references releases; a put with nothing left
 * underflows, a get at the top overflows, a get on a freed object is a
 * use after free: each saturates, and a saturated count never releases.
 */
#include "ukt_test.h"
#include "lib/refcount.h"

START_TEST(test_pin_and_refs)
{
	unsigned int r;

	ukt__ref_init(&r, true);
	ck_assert_int_eq(ukt__ref_get(&r), UKT_REF_OK);
	ck_assert_int_eq(ukt__ref_put(&r), UKT_REF_OK);
	/* The pin holds: a put with no reference underflows, nothing released. */
	ck_assert_int_eq(ukt__ref_put(&r), UKT_REF_UNDERFLOW);
	ck_assert_uint_eq(r & UKT_REF_COUNT, UKT_REF_SATURATED);
	ck_assert_int_eq(ukt__ref_unpin(&r), UKT_REF_OK);	/* saturated: stays */
	ck_assert_int_eq(ukt__ref_put(&r), UKT_REF_OK);

	ukt__ref_init(&r, true);
	ck_assert_int_eq(ukt__ref_get(&r), UKT_REF_OK);
	ck_assert_int_eq(ukt__ref_unpin(&r), UKT_REF_OK);
	ck_assert_int_eq(ukt__ref_put(&r), UKT_REF_RELEASE);
	ck_assert_uint_eq(r, 0);
}
END_TEST

START_TEST(test_unpin_releases_last)
{
	unsigned int r;

	ukt__ref_init(&r, true);
	ck_assert_int_eq(ukt__ref_unpin(&r), UKT_REF_RELEASE);
	ck_assert_int_eq(ukt__ref_unpin(&r), UKT_REF_USE_AFTER_FREE);
	ukt__ref_init(&r, false);
	ck_assert_int_eq(ukt__ref_unpin(&r), UKT_REF_UNDERFLOW);	/* no pin to drop */
}
END_TEST

START_TEST(test_use_after_free)
{
	unsigned int r;

	ukt__ref_init(&r, false);
	ck_assert_int_eq(ukt__ref_put(&r), UKT_REF_RELEASE);
	ck_assert(!ukt__ref_tryget(&r));
	ck_assert_int_eq(ukt__ref_get(&r), UKT_REF_USE_AFTER_FREE);
	ck_assert_int_eq(ukt__ref_put(&r), UKT_REF_USE_AFTER_FREE);
	ck_assert_int_eq(ukt__ref_unpin(&r), UKT_REF_USE_AFTER_FREE);
	ck_assert_uint_eq(r, 0);				/* still marked freed */
	ck_assert(!ukt__ref_tryget(&r));
}
END_TEST

START_TEST(test_overflow_saturates)
{
	unsigned int r = UKT_REF_PIN | (UKT_REF_SATURATED - 2);

	ck_assert_int_eq(ukt__ref_get(&r), UKT_REF_OK);
	ck_assert_int_eq(ukt__ref_get(&r), UKT_REF_OVERFLOW);
	ck_assert_uint_eq(r, UKT_REF_PIN | UKT_REF_SATURATED);
	ck_assert_int_eq(ukt__ref_get(&r), UKT_REF_OK);
	ck_assert_uint_eq(r, UKT_REF_PIN | UKT_REF_SATURATED);
}
END_TEST

static unsigned int shared;

static void *hammer(void *arg)
{
	(void)arg;
	for (int i = 0; i < 100000; i++) {
		ukt__ref_get(&shared);
		ukt__ref_put(&shared);
	}
	return NULL;
}

/* Concurrent gets and puts balance; the last put releases exactly once. */
START_TEST(test_concurrent_balance)
{
	pthread_t th[4];

	ukt__ref_init(&shared, true);
	for (int i = 0; i < 4; i++)
		ck_assert_int_eq(pthread_create(&th[i], NULL, hammer, NULL), 0);
	for (int i = 0; i < 4; i++)
		pthread_join(th[i], NULL);
	ck_assert_uint_eq(shared, UKT_REF_PIN);
	ck_assert_int_eq(ukt__ref_unpin(&shared), UKT_REF_RELEASE);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("lib/refcount");
	TCase *tc = t_tcase(s, "refcount");

	tcase_add_test(tc, test_pin_and_refs);
	tcase_add_test(tc, test_unpin_releases_last);
	tcase_add_test(tc, test_use_after_free);
	tcase_add_test(tc, test_overflow_saturates);
	tcase_add_test(tc, test_concurrent_balance);
	return t_run_suite(s);
}
