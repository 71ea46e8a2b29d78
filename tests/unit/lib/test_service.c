// SPDX-License-Identifier: MIT
/*
 * test_service.c - src/lib/service.c: a service starts once however many
 * threads ask at the same time, a failed start is retried on next use,
 * and a fork() child starts it afresh.
 */
#include <sys/wait.h>

#include "ukt_test.h"
#include "lib/service.h"

static int starts;
static int fail_next;
static int object = 42;

static void *start(int *err)
{
	T_INC(&starts);
	if (T_LOAD(&fail_next)) {
		T_STORE(&fail_next, 0);
		*err = EAGAIN;
		return NULL;
	}
	t_sleep_ms(10);		/* a slow start: the others pile up on the lock */
	return &object;
}

static struct ukt_service svc = UKT_SERVICE_INIT(start);

static void *asker(void *arg)
{
	int err = 0;

	(void)arg;
	return ukt__service_get(&svc, &err);
}

START_TEST(test_starts_once)
{
	pthread_t t[8];
	void *got;

	ck_assert_ptr_null(ukt__service_peek(&svc));
	for (int i = 0; i < 8; i++)
		ck_assert_int_eq(pthread_create(&t[i], NULL, asker, NULL), 0);
	for (int i = 0; i < 8; i++) {
		ck_assert_int_eq(pthread_join(t[i], &got), 0);
		ck_assert_ptr_eq(got, &object);
	}
	ck_assert_int_eq(T_LOAD(&starts), 1);
	ck_assert_ptr_eq(ukt__service_peek(&svc), &object);
}
END_TEST

START_TEST(test_failed_start_is_retried)
{
	int err = 0;

	T_STORE(&fail_next, 1);
	ck_assert_ptr_null(ukt__service_get(&svc, &err));
	ck_assert_int_eq(err, EAGAIN);
	ck_assert_ptr_null(ukt__service_peek(&svc));
	ck_assert_ptr_eq(ukt__service_get(&svc, &err), &object);
	ck_assert_int_eq(T_LOAD(&starts), 2);
}
END_TEST

static void prepare(void) { ukt__service_fork_prepare(&svc); }
static void parent(void) { ukt__service_fork_parent(&svc); }
static void child(void) { ukt__service_fork_child(&svc); }

START_TEST(test_fork_child_starts_afresh)
{
	int err = 0;
	int status;
	pid_t pid;

	ck_assert_int_eq(pthread_atfork(prepare, parent, child), 0);
	ck_assert_ptr_eq(ukt__service_get(&svc, &err), &object);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		bool ok = ukt__service_peek(&svc) == NULL &&
			  ukt__service_get(&svc, &err) == &object && starts == 2;

		t_child_exit(ok ? 0 : 1);
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFEXITED(status));
	ck_assert_int_eq(WEXITSTATUS(status), 0);
	/* The parent's service is untouched. */
	ck_assert_ptr_eq(ukt__service_peek(&svc), &object);
	ck_assert_int_eq(T_LOAD(&starts), 1);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("lib/service");
	TCase *tc = t_tcase(s, "service");

	tcase_add_test(tc, test_starts_once);
	tcase_add_test(tc, test_failed_start_is_retried);
	tcase_add_test(tc, test_fork_child_starts_afresh);
	return t_run_suite(s);
}
