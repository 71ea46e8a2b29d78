// SPDX-License-Identifier: MIT
/*
 * test_show.c - src/kernel/show.c: the task snapshot, ukt_show_state()'s
 * table, a dump while tasks come and go, and the dump on a signal.
 */
#include <signal.h>
#include <sys/wait.h>

#include "ukt_test.h"

struct found {
	char name[64];
	struct ukt_task_info info;
	int seen;
};

static int find_cb(const struct ukt_task_info *info, void *arg)
{
	struct found *f = arg;

	if (!strcmp(info->name, f->name)) {
		f->info = *info;
		f->seen++;
	}
	return 0;
}

static bool find(const char *name, struct found *f)
{
	memset(f, 0, sizeof(*f));
	snprintf(f->name, sizeof(f->name), "%s", name);
	ck_assert_int_eq(ukt_for_each_task(find_cb, f), 0);
	return f->seen == 1;
}

static int loop_fn(void *data)
{
	(void)data;
	while (!kthread_should_stop()) {
		if (kthread_should_park())
			kthread_parkme();
		msleep_interruptible(5);
	}
	return 3;
}

static struct t_gate gate;

static void gated_work(struct kthread_work *w)
{
	(void)w;
	t_gate_pass(&gate);
}

static void quick_work(struct kthread_work *w)
{
	(void)w;
}

START_TEST(test_lists_kthreads_and_states)
{
	struct task_struct *a = kthread_run(loop_fn, NULL, "show_a/%d", 1);
	struct task_struct *b = kthread_create(loop_fn, NULL, "show_b_with_a_long_name");
	struct found f;

	ck_assert(!IS_ERR(a) && !IS_ERR(b));
	ck_assert(find("show_a/1", &f));
	ck_assert_int_eq(f.info.pid, a->pid);
	ck_assert_int_eq(f.info.kind, UKT_INFO_KTHREAD);
	ck_assert_ptr_eq(f.info.threadfn, (void *)loop_fn);
	/* A kthread not woken yet sleeps uninterruptibly; the full name is kept. */
	ck_assert(find("show_b_with_a_long_name", &f));
	ck_assert_int_eq(f.info.state_char, 'D');
	ck_assert_int_eq(kthread_park(a), 0);
	ck_assert(find("show_a/1", &f));
	ck_assert_int_eq(f.info.state_char, 'P');
	ck_assert_str_eq(f.info.state_name, "parked");
	ck_assert(f.info.flags & UKT_INFO_SHOULD_PARK);
	kthread_unpark(a);
	ck_assert(T_WAIT_FOR(find("show_a/1", &f) && f.info.state_char == 'S', 2000));
	ck_assert(!(f.info.flags & UKT_INFO_SHOULD_PARK));
	ck_assert(find("kthreadd", &f));
	ck_assert_int_eq(f.info.kind, UKT_INFO_KTHREADD);
	ck_assert_int_eq(kthread_stop(a), 3);
	ck_assert_int_eq(kthread_stop(b), -EINTR);
	/* Reaped: no longer listed. */
	ck_assert(!find("show_a/1", &f));
	ck_assert_int_eq(f.seen, 0);
}
END_TEST

START_TEST(test_bound_cpu)
{
	int cpu = t_last_online_cpu();
	struct task_struct *t = kthread_run_on_cpu(loop_fn, NULL, (unsigned int)cpu, "show_cpu/%u");
	struct found f;
	char name[32];

	ck_assert(!IS_ERR(t));
	snprintf(name, sizeof(name), "show_cpu/%d", cpu);
	ck_assert(find(name, &f));
	ck_assert(f.info.flags & UKT_INFO_BOUND);
	ck_assert_int_eq(f.info.cpu, cpu);
	kthread_stop(t);
}
END_TEST

START_TEST(test_worker_figures)
{
	struct kthread_worker *w = kthread_run_worker(0, "show_worker");
	struct kthread_work g, q[3];
	struct found f;

	ck_assert(!IS_ERR(w));
	memset(&gate, 0, sizeof(gate));
	kthread_init_work(&g, gated_work);
	ck_assert(kthread_queue_work(w, &g));
	for (int i = 0; i < 3; i++) {
		kthread_init_work(&q[i], quick_work);
		ck_assert(kthread_queue_work(w, &q[i]));
	}
	ck_assert(T_WAIT_FOR(t_gate_reached(&gate), 2000));
	ck_assert(T_WAIT_FOR(find("show_worker", &f) && f.info.work_ns >= 20000000LL, 2000));
	ck_assert_int_eq(f.info.kind, UKT_INFO_WORKER);
	ck_assert_ptr_eq((void *)f.info.work_func, (void *)gated_work);
	ck_assert_uint_eq(f.info.works_pending, 3);
	ck_assert_uint_eq(f.info.works_run, 0);
	t_gate_open(&gate);
	kthread_flush_worker(w);
	/* The flush returns from inside its barrier work: wait for its end. */
	ck_assert(T_WAIT_FOR(find("show_worker", &f) && !f.info.work_func, 2000));
	ck_assert_uint_eq(f.info.works_pending, 0);
	ck_assert_uint_ge(f.info.works_run, 4);
	ck_assert_ptr_eq((void *)f.info.longest_func, (void *)gated_work);
	ck_assert_int_ge(f.info.longest_ns, 20000000LL);
	kthread_destroy_worker(w);
}
END_TEST

static int stop_after_two(const struct ukt_task_info *info, void *arg)
{
	int *n = arg;

	(void)info;
	return ++*n == 2 ? 42 : 0;
}

START_TEST(test_callback_stops_walk)
{
	struct task_struct *t[3];
	int n = 0;

	for (int i = 0; i < 3; i++)
		t[i] = kthread_run(loop_fn, NULL, "show_walk/%d", i);
	ck_assert_int_eq(ukt_for_each_task(stop_after_two, &n), 42);
	ck_assert_int_eq(n, 2);
	for (int i = 0; i < 3; i++)
		kthread_stop(t[i]);
}
END_TEST

/* The table: a header and one line per task, with the work by symbol. */
START_TEST(test_show_state_table)
{
	struct kthread_worker *w = kthread_run_worker(0, "show_tab");
	struct kthread_work g;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	memset(&gate, 0, sizeof(gate));
	kthread_init_work(&g, gated_work);
	kthread_queue_work(w, &g);
	ck_assert(T_WAIT_FOR(t_gate_reached(&gate), 2000));
	ukt_show_state(f);
	fclose(f);
	ck_assert_ptr_nonnull(strstr(buf, "NAME"));
	ck_assert_ptr_nonnull(strstr(buf, "kthreadd"));
	ck_assert_ptr_nonnull(strstr(buf, "show_tab"));
	/* gated_work is static: dladdr() names the file and offset instead. */
	ck_assert_ptr_nonnull(strstr(buf, "0 run; now "));
	ck_assert_ptr_null(strstr(buf, "0 run; now -"));
	free(buf);
	t_gate_open(&gate);
	kthread_destroy_worker(w);
}
END_TEST

/* A dump while kthreads come and go: only live memory read (ASan, TSan). */
static int churn_stop;

static void churn(void *arg)
{
	(void)arg;
	while (!T_LOAD(&churn_stop)) {
		struct task_struct *t = kthread_run(loop_fn, NULL, "churn");
		struct kthread_worker *w = kthread_run_worker(0, "churn_w");

		if (!IS_ERR(t))
			kthread_stop(t);
		if (!IS_ERR(w))
			kthread_destroy_worker(w);
	}
}

static int count_cb(const struct ukt_task_info *info, void *arg)
{
	ck_assert(info->pid > 0);
	ck_assert(info->name[0]);
	++*(int *)arg;
	return 0;
}

START_TEST(test_dump_while_churning)
{
	struct t_bg bg[2];
	FILE *null = fopen("/dev/null", "w");
	long long end = t_now_ns() + 1500000000LL / (T_SANITIZED ? 1 : 1);
	int dumps = 0;

	t_bg_start(&bg[0], churn, NULL);
	t_bg_start(&bg[1], churn, NULL);
	while (t_now_ns() < end) {
		int n = 0;

		ck_assert_int_eq(ukt_for_each_task(count_cb, &n), 0);
		ukt_show_state(null);
		dumps++;
	}
	T_STORE(&churn_stop, 1);
	t_bg_join(&bg[0]);
	t_bg_join(&bg[1]);
	fclose(null);
	ck_assert_int_gt(dumps, 10);
}
END_TEST

START_TEST(test_signal_misuse)
{
	struct sigaction sa;
	unsigned long w0 = ukt_warn_count();

	ck_assert_int_eq(ukt_show_state_on_signal(SIGKILL), -EINVAL);
	ck_assert_int_eq(ukt_show_state_on_signal(-3), -EINVAL);
	ck_assert_int_eq(ukt_show_state_on_signal(NSIG + 5), -EINVAL);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_IGN;
	sigaction(SIGUSR1, &sa, NULL);
	ck_assert_int_eq(ukt_show_state_on_signal(SIGUSR1), -EBUSY);
	ck_assert_uint_gt(ukt_warn_count(), w0);
	ck_assert_int_eq(ukt_show_state_on_signal(0), 0);
}
END_TEST

/* The dump on a signal: the handler wakes a thread, which prints to stderr. */
START_TEST(test_dump_on_signal)
{
	char path[] = "/tmp/ukt_show_XXXXXX";
	int fd = mkstemp(path), saved = dup(2);
	struct task_struct *t = kthread_run(loop_fn, NULL, "show_sig");
	char buf[8192];
	ssize_t n = 0;

	ck_assert_int_ge(fd, 0);
	unlink(path);
	dup2(fd, 2);
	ck_assert_int_eq(ukt_show_state_on_signal(SIGUSR2), 0);
	raise(SIGUSR2);
	T_WAIT_FOR((n = pread(fd, buf, sizeof(buf) - 1, 0)) > 0 && memmem(buf, (size_t)n,
		   "show_sig", 8), 3000);
	dup2(saved, 2);
	ck_assert_int_gt(n, 0);
	buf[n] = '\0';
	ck_assert_ptr_nonnull(strstr(buf, "task dump"));
	ck_assert_ptr_nonnull(strstr(buf, "show_sig"));
	ck_assert_int_eq(ukt_show_state_on_signal(0), 0);
	kthread_stop(t);
}
END_TEST

/* $UKTHREAD_DUMP_SIGNAL, read when the library loads: run this program again. */
static const char *self_path;

static int run_self(const char *env, char *out, size_t size)
{
	return t_run_self(self_path, env, out, size);
}

START_TEST(test_env_signal)
{
	char out[8192];

	ck_assert_int_eq(run_self("UKTHREAD_DUMP_SIGNAL=SIGUSR2", out, sizeof(out)), 0);
	ck_assert_ptr_nonnull(strstr(out, "env_child"));
	ck_assert_ptr_nonnull(strstr(out, "task dump"));
	ck_assert_int_eq(run_self("UKTHREAD_DUMP_SIGNAL=USR2", out, sizeof(out)), 0);
	ck_assert_ptr_nonnull(strstr(out, "task dump"));
	ck_assert_int_eq(run_self("UKTHREAD_DUMP_SIGNAL=SIGBOGUS", out, sizeof(out)), 0);
	ck_assert_ptr_nonnull(strstr(out, "is not a signal"));
	ck_assert_ptr_null(strstr(out, "task dump"));
	ck_assert_int_eq(run_self("UKTHREAD_DUMP_SIGNAL=9", out, sizeof(out)), 0);
	ck_assert_ptr_nonnull(strstr(out, "cannot be caught"));
}
END_TEST

static int env_child(void)
{
	struct task_struct *t = kthread_run(loop_fn, NULL, "env_child");
	struct sigaction sa;

	sigaction(SIGUSR2, NULL, &sa);
	if (sa.sa_handler != SIG_DFL)	/* unhandled, it would kill us */
		raise(SIGUSR2);
	msleep(300);
	kthread_stop(t);
	return 0;
}

static Suite *show_suite(void)
{
	Suite *s = suite_create("show");
	TCase *tc = t_tcase(s, "show");

	tcase_add_test(tc, test_lists_kthreads_and_states);
	tcase_add_test(tc, test_bound_cpu);
	tcase_add_test(tc, test_worker_figures);
	tcase_add_test(tc, test_callback_stops_walk);
	tcase_add_test(tc, test_show_state_table);
	tcase_add_test(tc, test_dump_while_churning);
	tcase_add_test(tc, test_signal_misuse);
	tcase_add_test(tc, test_dump_on_signal);
	tcase_add_test(tc, test_env_signal);
	return s;
}

int main(int argc, char **argv)
{
	self_path = argv[0];
	if (argc > 1 && !strcmp(argv[1], "--env-child"))
		return env_child();
	return t_run_suite(show_suite());
}
