// SPDX-License-Identifier: MIT
/* test_err.c - error pointers (the header-only <ukthread/err.h>). */
#include "ukt_test.h"

static int object;

START_TEST(test_err_ptr_roundtrip)
{
	for (long e = 1; e <= MAX_ERRNO; e++) {
		void *p = ERR_PTR(-e);

		ck_assert_msg(IS_ERR(p), "ERR_PTR(-%ld) not IS_ERR", e);
		ck_assert_msg(IS_ERR_OR_NULL(p), "ERR_PTR(-%ld) not IS_ERR_OR_NULL", e);
		ck_assert_int_eq(PTR_ERR(p), -e);
		ck_assert_int_eq(PTR_ERR_OR_ZERO(p), (int)-e);
		ck_assert(IS_ERR_VALUE(p));
	}
	ck_assert_int_eq(PTR_ERR(ERR_PTR(-EINTR)), -EINTR);
	ck_assert_int_eq(PTR_ERR(ERR_PTR(-ENOMEM)), -ENOMEM);
	ck_assert_int_eq(PTR_ERR(ERR_PTR(-ERESTARTSYS)), -512);
}
END_TEST

START_TEST(test_valid_pointers)
{
	int local;
	void *heap = malloc(16);
	void *ptrs[] = { &object, &local, heap, (void *)1,
			 (void *)(unsigned long)-(MAX_ERRNO + 1) };

	ck_assert_ptr_nonnull(heap);
	for (unsigned int i = 0; i < sizeof(ptrs) / sizeof(ptrs[0]); i++) {
		ck_assert_msg(!IS_ERR(ptrs[i]), "pointer %u taken for an error", i);
		ck_assert_msg(!IS_ERR_OR_NULL(ptrs[i]), "pointer %u taken for NULL/error", i);
		ck_assert_int_eq(PTR_ERR_OR_ZERO(ptrs[i]), 0);
	}
	free(heap);
}
END_TEST

START_TEST(test_null)
{
	ck_assert(!IS_ERR(NULL));
	ck_assert(IS_ERR_OR_NULL(NULL));
	ck_assert_int_eq(PTR_ERR_OR_ZERO(NULL), 0);
	ck_assert_int_eq(PTR_ERR(NULL), 0);
}
END_TEST

START_TEST(test_boundaries)
{
	/* -4095 is the last errno; -4096 is an ordinary (if odd) pointer. */
	ck_assert(IS_ERR((void *)(long)-4095));
	ck_assert(!IS_ERR((void *)(long)-4096));
	ck_assert(IS_ERR((void *)(long)-1));
	ck_assert_int_eq(MAX_ERRNO, 4095);
}
END_TEST

START_TEST(test_err_cast)
{
	void *e = ERR_PTR(-EAGAIN);
	struct task_struct *t = ERR_CAST(e);

	ck_assert(IS_ERR(t));
	ck_assert_int_eq(PTR_ERR(t), -EAGAIN);
	ck_assert_ptr_eq((void *)t, e);
	ck_assert_ptr_eq(ERR_CAST(&object), (void *)&object);
}
END_TEST

static Suite *err_suite(void)
{
	Suite *s = suite_create("err");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, T_TIMEOUT);
	tcase_add_checked_fixture(tc, NULL, t_teardown);
	tcase_add_test(tc, test_err_ptr_roundtrip);
	tcase_add_test(tc, test_valid_pointers);
	tcase_add_test(tc, test_null);
	tcase_add_test(tc, test_boundaries);
	tcase_add_test(tc, test_err_cast);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return t_run_suite(err_suite());
}
