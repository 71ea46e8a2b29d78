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

static Suite *task_suite(void)
{
	Suite *s = suite_create("task");
	TCase *tc = t_tcase(s, "current");

	tcase_add_test(tc, test_current_adopted_thread);
	tcase_add_test(tc, test_adopted_tasks_released);
	tcase_add_test(tc, test_get_put_task_struct);
	return s;
}

int main(void)
{
	return t_run_suite(task_suite());
}
