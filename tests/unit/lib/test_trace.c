// SPDX-License-Identifier: MIT
/*
 * test_trace.c - src/lib/trace.c: the calls behind the compat
 * tracepoints fire (or skip) their probes without side effects; the
 * probes themselves are checked in tests/trace.
 */
#include "ukt_test.h"

static void fn(struct kthread_work *w)
{
	(void)w;
}

START_TEST(test_trace_calls)
{
	struct kthread_worker worker;
	struct kthread_work work;
	unsigned long w0 = ukt_warn_count();

	kthread_init_worker(&worker);
	kthread_init_work(&work, fn);
	ukt_trace_sched_kthread_stop(get_current());
	ukt_trace_sched_kthread_stop_ret(3);
	ukt_trace_sched_kthread_work_queue_work(&worker, &work);
	ukt_trace_sched_kthread_work_execute_start(&work);
	ukt_trace_sched_kthread_work_execute_end(&work, fn);
	ck_assert_uint_eq(ukt_warn_count(), w0);
	ck_assert(ukt_list_empty(&worker.work_list));
}
END_TEST

START_TEST(test_trace_enabled)
{
#ifdef UKT_TEST_PROBES
	ck_assert(ukt_trace_enabled());
#else
	ck_assert(!ukt_trace_enabled());
#endif
}
END_TEST

int main(void)
{
	Suite *s = suite_create("trace");
	TCase *tc = t_tcase(s, "trace");

	tcase_add_test(tc, test_trace_calls);
	tcase_add_test(tc, test_trace_enabled);
	return t_run_suite(s);
}
