// SPDX-License-Identifier: MIT
/*
 * test_kthread_identity.c - what a kthread is and is called:
 * kthread_should_stop()/_park() outside a kthread, kthread_data(),
 * kthread_probe_data(), kthread_func(), names and comm, the list of
 * every kthread (ukt_kthreads_get()) (src/kernel/kthread.c).
 */
#include "kthread_fixture.h"

/* ---- outside a kthread ------------------------------------------------------ */

static void *outside_queries(void *arg)
{
	unsigned long *warns = arg;
	unsigned long w = ukt_warn_count();

	if (kthread_should_stop() || kthread_should_park() || kthread_should_stop_or_park())
		*warns = 1000;
	else
		*warns = ukt_warn_count() - w;
	return NULL;
}

START_TEST(test_should_stop_park_outside)
{
	unsigned long w = ukt_warn_count(), thread_warns = 0;
	pthread_t th;

	ck_assert(!kthread_should_stop());
	ck_assert_uint_eq(ukt_warn_count(), w + 1);
	ck_assert(!kthread_should_park());
	ck_assert_uint_eq(ukt_warn_count(), w + 2);
	/* The combined test is for any thread: no warning. */
	ck_assert(!kthread_should_stop_or_park());
	ck_assert_uint_eq(ukt_warn_count(), w + 2);
	/* Every call counts, not only the first per site. */
	ck_assert(!kthread_should_stop());
	ck_assert_uint_eq(ukt_warn_count(), w + 3);

	ck_assert_int_eq(pthread_create(&th, NULL, outside_queries, &thread_warns), 0);
	pthread_join(th, NULL);
	ck_assert_uint_eq(thread_warns, 2);
}
END_TEST

START_TEST(test_data_probe_func)
{
	struct probe pr = { .value = 1 };
	struct task_struct *p, *me;
	unsigned long w;

	p = kthread_run(until_stop_fn, &pr, "data");
	ck_assert(!IS_ERR(p));
	ck_assert(T_WAIT_FOR(is_ready(&pr), 5000));
	w = ukt_warn_count();
	ck_assert_ptr_eq(kthread_data(p), &pr);
	ck_assert_ptr_eq(kthread_probe_data(p), &pr);
	ck_assert_ptr_eq(kthread_func(p), (void *)until_stop_fn);
	ck_assert_ptr_eq(pr.data_inside, &pr);
	ck_assert_uint_eq(ukt_warn_count(), w);

	/* The main thread is no kthread. */
	me = get_current();
	ck_assert_ptr_null(kthread_probe_data(me));
	ck_assert_ptr_null(kthread_func(me));
	ck_assert(!kthread_is_per_cpu(me));
	ck_assert_uint_eq(ukt_warn_count(), w);
	ck_assert_ptr_null(kthread_data(me));
	ck_assert_uint_eq(ukt_warn_count(), w + 1);
	/* Nor is kthreadd. */
	ck_assert_ptr_null(kthread_probe_data(kthreadd_task));
	ck_assert_ptr_null(kthread_func(kthreadd_task));
	ck_assert_uint_eq(ukt_warn_count(), w + 1);
	ck_assert_int_eq(kthread_stop(p), 1);

	/* NULL data is data too. */
	p = kthread_create(return_at_once_fn, NULL, "nodata");
	ck_assert(!IS_ERR(p));
	ck_assert_ptr_null(kthread_probe_data(p));
	ck_assert_ptr_eq(kthread_func(p), (void *)return_at_once_fn);
	ck_assert_int_eq(kthread_stop(p), -EINTR);
}
END_TEST

/* ---- names ------------------------------------------------------------------ */

START_TEST(test_names)
{
	struct probe pr = { .value = 2 };
	struct task_struct *p;
	char buf[64], os[32];
	const char *full = "abcdefghijklmnopqrstuvwxyz-42";

	t_spares_mode(_i);
	p = kthread_run(until_stop_fn, &pr, "abcdefghijklmnopqrstuvwxyz-%d", 42);
	ck_assert(!IS_ERR(p));
	ck_assert_str_eq(p->comm, "abcdefghijklmno");
	ck_assert_int_eq(strlen(p->comm), TASK_COMM_LEN - 1);
	ck_assert_int_eq(p->comm[TASK_COMM_LEN - 1], '\0');
	get_kthread_comm(buf, sizeof(buf), p);
	ck_assert_str_eq(buf, full);
	get_task_comm(os, p);
	ck_assert_str_eq(os, "abcdefghijklmno");
	/* A small buffer gets a terminated prefix. */
	memset(buf, 'x', sizeof(buf));
	get_kthread_comm(buf, 6, p);
	ck_assert_str_eq(buf, "abcde");
	ck_assert(T_WAIT_FOR(is_ready(&pr), 5000));
	ck_assert(t_read_os_comm(p->pid, os, sizeof(os)));
	ck_assert_str_eq(os, p->comm);
	ck_assert_int_eq(kthread_stop(p), 2);

	/* A name that fits: comm is the whole name. */
	memset(&pr, 0, sizeof(pr));
	p = kthread_run(until_stop_fn, &pr, "w/%d:%s", 3, "io");
	ck_assert(!IS_ERR(p));
	ck_assert_str_eq(p->comm, "w/3:io");
	get_kthread_comm(buf, sizeof(buf), p);
	ck_assert_str_eq(buf, "w/3:io");
	ck_assert(T_WAIT_FOR(is_ready(&pr), 5000));
	ck_assert(t_read_os_comm(p->pid, os, sizeof(os)));
	ck_assert_str_eq(os, "w/3:io");
	ck_assert_int_eq(kthread_stop(p), 0);

	/* Exactly 15 bytes. */
	p = kthread_create(return_at_once_fn, NULL, "%s", "123456789012345");
	ck_assert(!IS_ERR(p));
	ck_assert_str_eq(p->comm, "123456789012345");
	get_kthread_comm(buf, sizeof(buf), p);
	ck_assert_str_eq(buf, "123456789012345");
	ck_assert_int_eq(kthread_stop(p), -EINTR);

	/* A non-kthread: its comm. */
	get_kthread_comm(buf, sizeof(buf), get_current());
	ck_assert_str_eq(buf, get_current()->comm);
}
END_TEST

/* Without memory for the full name, the kthread still comes, truncated. */
START_TEST(test_name_alloc_failure)
{
	struct task_struct *p;
	char buf[64];
	long names = ukt_site_live(UKT_SITE_KTHREAD_NAME);

	ukt_fault_inject(UKT_SITE_KTHREAD_NAME, 1, 1);
	p = kthread_create(return_at_once_fn, NULL, "a-name-longer-than-fifteen");
	ck_assert(!IS_ERR(p));
	ck_assert_str_eq(p->comm, "a-name-longer-t");
	get_kthread_comm(buf, sizeof(buf), p);
	ck_assert_str_eq(buf, "a-name-longer-t");
	ck_assert_int_eq(ukt_site_live(UKT_SITE_KTHREAD_NAME), names);
	ck_assert_int_eq(kthread_stop(p), -EINTR);
	/* The next one has its full name again, freed with the task. */
	p = kthread_create(return_at_once_fn, NULL, "a-name-longer-than-fifteen");
	ck_assert(!IS_ERR(p));
	ck_assert_int_eq(ukt_site_live(UKT_SITE_KTHREAD_NAME), names + 1);
	get_kthread_comm(buf, sizeof(buf), p);
	ck_assert_str_eq(buf, "a-name-longer-than-fifteen");
	ck_assert_int_eq(kthread_stop(p), -EINTR);
	ck_assert(T_WAIT_FOR(ukt_site_live(UKT_SITE_KTHREAD_NAME) == names, 5000));
}
END_TEST

/* ---- ukt_kthreads_get(): every kthread not yet reaped ---------------------- */

static int list_fn(void *data)
{
	if (data)		/* one that ends on its own: a zombie until reaped */
		return 7;
	while (!kthread_should_stop())
		msleep_interruptible(1000);
	return 1;
}

static bool listed(struct task_struct **v, size_t n, struct task_struct *p)
{
	for (size_t i = 0; i < n; i++)
		if (v[i] == p)
			return true;
	return false;
}

START_TEST(test_kthreads_get)
{
	struct task_struct *v[16], *running, *zombie, *created;
	size_t n, base;

	base = ukt_kthreads_get(v, 0);
	running = kthread_run(list_fn, NULL, "list_run");
	zombie = kthread_run(list_fn, (void *)1, "list_zombie");
	created = kthread_create(list_fn, NULL, "list_new");
	ck_assert(!IS_ERR(running) && !IS_ERR(zombie) && !IS_ERR(created));
	ck_assert(T_WAIT_FOR(t_flags(zombie) & PF_EXITING, 5000));
	ck_assert(t_wait_sleeping(running, TASK_INTERRUPTIBLE, 5000));	/* it ran */

	n = ukt_kthreads_get(v, 16);
	ck_assert_uint_eq(n, base + 3);
	ck_assert(listed(v, n, running) && listed(v, n, zombie) && listed(v, n, created));
	ck_assert(!listed(v, n, get_current()));
	ck_assert(!listed(v, n, kthreadd_task));
	for (size_t i = 0; i < n; i++)
		put_task_struct(v[i]);
	/* Room for fewer: the count is still whole, only @max stored. */
	ck_assert_uint_eq(ukt_kthreads_get(v, 1), base + 3);
	put_task_struct(v[0]);

	/* Reaped ones leave the list, even while a reference keeps them. */
	get_task_struct(zombie);
	ck_assert_int_eq(kthread_stop(zombie), 7);
	ck_assert_int_eq(kthread_stop(running), 1);
	ck_assert_int_eq(kthread_stop(created), -EINTR);
	n = ukt_kthreads_get(v, 16);
	ck_assert_uint_eq(n, base);
	ck_assert(!listed(v, n, zombie));
	for (size_t i = 0; i < n; i++)
		put_task_struct(v[i]);
	put_task_struct(zombie);
}
END_TEST

static Suite *identity_suite(void)
{
	Suite *s = suite_create("kthread_identity");
	TCase *tc;

	tc = t_tcase(s, "identity");
	tcase_add_test(tc, test_should_stop_park_outside);
	tcase_add_test(tc, test_data_probe_func);
	tcase_add_loop_test(tc, test_names, 0, 2);
	tcase_add_test(tc, test_name_alloc_failure);
	tcase_add_test(tc, test_kthreads_get);
	return s;
}

int main(void)
{
	return t_run_suite(identity_suite());
}
