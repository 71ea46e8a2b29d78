// SPDX-License-Identifier: MIT
/*
 * test_task.c - task allocation and the registry: adopting a foreign
 * thread, releasing its task when it leaves, get/put_task_struct()
 * references (src/kernel/sched/task.c).
 */
#include <sys/prctl.h>

#include "ukt_test.h"

/* ---- adoption and references ---------------------------------------------- */

struct adopt_result {
	struct task_struct *task;
	struct task_struct *again;
	int tid;
	char comm[16];
};

static void *adopt_thread(void *arg)
{
	struct adopt_result *r = arg;

	prctl(PR_SET_NAME, "adoptee", 0, 0, 0);
	r->tid = t_gettid();
	r->task = get_task_struct(get_current());
	r->again = get_current();
	get_task_comm(r->comm, r->task);
	return NULL;
}

START_TEST(test_current_adopted_thread)
{
	struct adopt_result r = { 0 };
	struct task_struct *me = get_current();
	long live = ukt_site_live(UKT_SITE_TASK);
	pthread_t th;

	ck_assert_int_eq(pthread_create(&th, NULL, adopt_thread, &r), 0);
	ck_assert_int_eq(pthread_join(th, NULL), 0);
	ck_assert_ptr_nonnull(r.task);
	ck_assert_ptr_ne(r.task, me);
	ck_assert_ptr_eq(r.again, r.task);
	ck_assert_int_eq(r.task->pid, r.tid);
	ck_assert_int_ne(r.task->pid, me->pid);
	ck_assert_int_eq(r.task->tgid, getpid());
	ck_assert_str_eq(r.comm, "adoptee");
	ck_assert(!(r.task->flags & PF_KTHREAD));
	/* The thread is gone, our reference keeps the task: dead and exiting. */
	ck_assert_int_eq(ukt_site_live(UKT_SITE_TASK), live + 1);
	ck_assert_uint_eq(r.task->__state, TASK_DEAD);
	ck_assert(r.task->flags & PF_EXITING);
	ck_assert_int_eq(wake_up_process(r.task), 0);
	put_task_struct(r.task);
	ck_assert_int_eq(ukt_site_live(UKT_SITE_TASK), live);
}
END_TEST

static void *adopt_and_leave(void *arg)
{
	(void)arg;
	(void)get_current();
	return NULL;
}

/* A thread that leaves drops its task: no leak however many come and go. */
START_TEST(test_adopted_tasks_released)
{
	long live;

	(void)get_current();
	live = ukt_site_live(UKT_SITE_TASK);
	for (int i = 0; i < 50; i++) {
		pthread_t th;

		ck_assert_int_eq(pthread_create(&th, NULL, adopt_and_leave, NULL), 0);
		ck_assert_int_eq(pthread_join(th, NULL), 0);
	}
	ck_assert_int_eq(ukt_site_live(UKT_SITE_TASK), live);
}
END_TEST

START_TEST(test_get_put_task_struct)
{
	struct adopt_result r = { 0 };
	long live = ukt_site_live(UKT_SITE_TASK);
	pthread_t th;

	ck_assert_int_eq(pthread_create(&th, NULL, adopt_thread, &r), 0);
	ck_assert_int_eq(pthread_join(th, NULL), 0);
	/* Three more references, four puts in all. */
	ck_assert_ptr_eq(get_task_struct(r.task), r.task);
	get_task_struct(r.task);
	get_task_struct(r.task);
	put_task_struct(r.task);
	put_task_struct(r.task);
	put_task_struct(r.task);
	ck_assert_int_eq(ukt_site_live(UKT_SITE_TASK), live + 1);
	ck_assert_str_eq(r.task->comm, "adoptee");
	put_task_struct(r.task);
	ck_assert_int_eq(ukt_site_live(UKT_SITE_TASK), live);
}
END_TEST

/* ---- checked references (refcount_t) ---------------------------------------- */

/* put_task_struct(get_current()): the thread's own reference cannot go. */
START_TEST(test_put_current_keeps_own_task)
{
	struct task_struct *me = get_current();
	long live = ukt_site_live(UKT_SITE_TASK);
	unsigned long warns = ukt_warn_count();

	put_task_struct(me);		/* no reference of ours: underflow */
	ck_assert_uint_eq(ukt_warn_count(), warns + 1);
	ck_assert_int_eq(ukt_site_live(UKT_SITE_TASK), live);
	ck_assert_ptr_eq(get_current(), me);
	ck_assert_int_eq(me->pid, t_gettid());
	set_current_state(TASK_INTERRUPTIBLE);
	ck_assert_int_eq(wake_up_process(me), 1);
	schedule();			/* woken already: returns at once */
	/* Saturated: further gets and puts change nothing and warn no more. */
	get_task_struct(me);
	put_task_struct(me);
	put_task_struct(me);
	ck_assert_int_eq(ukt_site_live(UKT_SITE_TASK), live);
}
END_TEST

static void *put_own_and_leave(void *arg)
{
	unsigned long *warns = arg;
	unsigned long w = ukt_warn_count();

	put_task_struct(get_current());
	*warns = ukt_warn_count() - w;
	return NULL;
}

/* A thread that drops its own task and then leaves: no double free at exit. */
START_TEST(test_put_current_then_exit)
{
	unsigned long warns = 0;
	pthread_t th;

	ck_assert_int_eq(pthread_create(&th, NULL, put_own_and_leave, &warns), 0);
	ck_assert_int_eq(pthread_join(th, NULL), 0);
	ck_assert_uint_eq(warns, 1);
	(void)get_current();		/* the library still works */
}
END_TEST

/* One put too many on a task whose thread is gone: a warning, no second free. */
START_TEST(test_put_underflow_after_free_warns)
{
	struct adopt_result r = { 0 };
	long live = ukt_site_live(UKT_SITE_TASK);
	unsigned long warns;
	pthread_t th;

	ck_assert_int_eq(pthread_create(&th, NULL, adopt_thread, &r), 0);
	ck_assert_int_eq(pthread_join(th, NULL), 0);
	put_task_struct(r.task);	/* the last reference: freed */
	ck_assert_int_eq(ukt_site_live(UKT_SITE_TASK), live);
	warns = ukt_warn_count();
	put_task_struct(r.task);	/* stray */
	ck_assert_uint_eq(ukt_warn_count(), warns + 1);
	get_task_struct(r.task);	/* use after the count hit zero */
	ck_assert_uint_eq(ukt_warn_count(), warns + 2);
	ck_assert_int_eq(ukt_site_live(UKT_SITE_TASK), live);
	/* New tasks come and go as before. */
	for (int i = 0; i < 5; i++) {
		ck_assert_int_eq(pthread_create(&th, NULL, adopt_and_leave, NULL), 0);
		ck_assert_int_eq(pthread_join(th, NULL), 0);
	}
	ck_assert_int_eq(ukt_site_live(UKT_SITE_TASK), live);
}
END_TEST

static Suite *task_suite(void)
{
	Suite *s = suite_create("task");
	TCase *tc = t_tcase(s, "current");

	tcase_add_test(tc, test_current_adopted_thread);
	tcase_add_test(tc, test_adopted_tasks_released);
	tcase_add_test(tc, test_get_put_task_struct);
	tc = t_tcase(s, "refcount");
	tcase_add_test(tc, test_put_current_keeps_own_task);
	tcase_add_test(tc, test_put_current_then_exit);
	tcase_add_test(tc, test_put_underflow_after_free_warns);
	return s;
}

int main(void)
{
	return t_run_suite(task_suite());
}
