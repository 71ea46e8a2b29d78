// SPDX-License-Identifier: MIT
/*
 * test_core_adopt.c - the task of a thread the library did not make
 * (src/kernel/sched/core.c): its ids after fork(), and what a thread gets
 * when there is no memory for its task.
 */
#include <sys/wait.h>

#include "ukt_test.h"

/* Run @fn in a fork() child; true when it exited 0. */
static bool in_child(int (*fn)(void))
{
	int status;
	pid_t pid = fork();

	ck_assert_int_ge(pid, 0);
	if (pid == 0)
		t_child_exit(fn());
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

static int child_ids(void)
{
	struct task_struct *me = get_current();

	if (me->pid != t_gettid())
		return 1;
	if (me->tgid != getpid())
		return 2;
	if (task_pid_nr(me) != t_gettid())
		return 3;
	return 0;
}

/* After fork(), current->pid and ->tgid in the child are the child's. */
START_TEST(test_fork_child_ids)
{
	struct task_struct *me = get_current();
	int parent_pid = me->pid;

	ck_assert(in_child(child_ids));
	ck_assert_int_eq(me->pid, parent_pid);
	ck_assert_int_eq(me->tgid, getpid());
}
END_TEST

static void *fork_from_thread(void *arg)
{
	bool *ok = arg;

	(void)get_current();
	*ok = in_child(child_ids);
	return NULL;
}

/* The same from a thread that is not the main one. */
START_TEST(test_fork_child_ids_from_thread)
{
	bool ok = false;
	pthread_t th;

	(void)get_current();
	ck_assert_int_eq(pthread_create(&th, NULL, fork_from_thread, &ok), 0);
	ck_assert_int_eq(pthread_join(th, NULL), 0);
	ck_assert(ok);
}
END_TEST

struct waiter {
	struct completion *c;
	int tid;
	struct task_struct *task;
	int pid;
	int done;
};

static void *wait_fresh(void *arg)
{
	struct waiter *w = arg;

	T_STORE(&w->tid, t_gettid());
	/* The first call of this thread: its task cannot be allocated. */
	wait_for_completion(w->c);
	w->task = get_current();
	w->pid = w->task->pid;
	T_STORE(&w->done, 1);
	return NULL;
}

/* No memory for a fresh thread's task: the call works all the same. */
START_TEST(test_adopt_without_memory)
{
	DECLARE_COMPLETION_ONSTACK(c);
	struct waiter w = { .c = &c };
	long live = ukt_site_live(UKT_SITE_TASK);
	unsigned long total = ukt_site_total(UKT_SITE_TASK);
	pthread_t th;

	(void)get_current();
	live = ukt_site_live(UKT_SITE_TASK);
	total = ukt_site_total(UKT_SITE_TASK);
	ukt_fault_inject(UKT_SITE_TASK, 1, 1);
	ck_assert_int_eq(pthread_create(&th, NULL, wait_fresh, &w), 0);
	ck_assert(T_WAIT_FOR(T_LOAD(&w.tid) != 0, 5000));
	t_sleep_ms(20);
	complete(&c);
	ck_assert(T_WAIT_FOR(T_LOAD(&w.done), 5000));
	ck_assert_int_eq(pthread_join(th, NULL), 0);
	ck_assert_int_eq(w.pid, w.tid);
	/* Nothing was allocated for it, and nothing is left. */
	ck_assert_uint_eq(ukt_site_total(UKT_SITE_TASK), total);
	ck_assert_int_eq(ukt_site_live(UKT_SITE_TASK), live);
	/* The next thread gets an allocated task again. */
	ck_assert_int_eq(pthread_create(&th, NULL, wait_fresh, &w), 0);
	complete(&c);
	ck_assert_int_eq(pthread_join(th, NULL), 0);
	ck_assert_uint_eq(ukt_site_total(UKT_SITE_TASK), total + 1);
}
END_TEST

static Suite *adopt_suite(void)
{
	Suite *s = suite_create("core_adopt");
	TCase *tc = t_tcase(s, "fork");

	tcase_add_test(tc, test_fork_child_ids);
	tcase_add_test(tc, test_fork_child_ids_from_thread);
	tc = t_tcase(s, "no_memory");
	tcase_add_test(tc, test_adopt_without_memory);
	return s;
}

int main(void)
{
	return t_run_suite(adopt_suite());
}
