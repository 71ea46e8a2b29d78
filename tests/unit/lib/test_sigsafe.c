// SPDX-License-Identifier: MIT
/*
 * test_sigsafe.c - src/lib/sigsafe.c: the chain of critical sections a
 * thread is in, nested (a handler interrupting a handler), and per thread.
 */
#include "ukt_test.h"
#include "lib/sigsafe.h"

static int a, b;

START_TEST(test_nested_frames)
{
	struct ukt_sigsafe_frame fa, fb;

	ck_assert(!ukt__sigsafe_inside(&a));
	ukt__sigsafe_enter(&fa, &a);
	ck_assert(ukt__sigsafe_inside(&a));
	ck_assert(!ukt__sigsafe_inside(&b));
	ukt__sigsafe_enter(&fb, &b);		/* as a handler would, inside */
	ck_assert(ukt__sigsafe_inside(&a));
	ck_assert(ukt__sigsafe_inside(&b));
	ck_assert_ptr_eq(ukt__sigsafe_inside(&a), &fa);
	ukt__sigsafe_defer(ukt__sigsafe_inside(&a));
	ukt__sigsafe_leave(&fb);
	ck_assert(!ukt__sigsafe_inside(&b));
	ck_assert(ukt__sigsafe_inside(&a));
	ukt__sigsafe_leave(&fa);
	ck_assert(!ukt__sigsafe_inside(&a));
	ck_assert(ukt__sigsafe_pending(&fa));	/* the section must look again */
	ck_assert(!ukt__sigsafe_pending(&fb));
}
END_TEST

static void *other_thread(void *arg)
{
	*(bool *)arg = ukt__sigsafe_inside(&a) != NULL;
	return NULL;
}

START_TEST(test_per_thread)
{
	struct ukt_sigsafe_frame fa;
	bool seen = true;
	pthread_t th;

	ukt__sigsafe_enter(&fa, &a);
	ck_assert_int_eq(pthread_create(&th, NULL, other_thread, &seen), 0);
	pthread_join(th, NULL);
	ck_assert(!seen);
	ukt__sigsafe_leave(&fa);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("lib/sigsafe");
	TCase *tc = t_tcase(s, "sigsafe");

	tcase_add_test(tc, test_nested_frames);
	tcase_add_test(tc, test_per_thread);
	return t_run_suite(s);
}
