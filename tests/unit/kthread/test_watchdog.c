// SPDX-License-Identifier: MIT
/*
 * test_watchdog.c - src/kernel/watchdog.c: a stuck work, a worker that
 * makes no progress, a long uninterruptible sleep, one warning per
 * incident, no wakeups while idle, and $UKTHREAD_WATCHDOG_SECS.
 */
#include <dirent.h>

#include "ukt_test.h"

static struct t_gate gate;

static void gated_work(struct kthread_work *w)
{
	(void)w;
	t_gate_pass(&gate);
}

/* stderr into a file for the test's duration; returns what was printed. */
static int capture_fd = -1, saved_fd = -1;

static void capture(void)
{
	char path[] = "/tmp/ukt_wd_XXXXXX";

	capture_fd = mkstemp(path);
	ck_assert_int_ge(capture_fd, 0);
	unlink(path);
	saved_fd = dup(2);
	dup2(capture_fd, 2);
}

static char *captured(void)
{
	static char buf[16384];
	ssize_t n = pread(capture_fd, buf, sizeof(buf) - 1, 0);

	buf[n > 0 ? n : 0] = '\0';
	return buf;
}

static void uncapture(void)
{
	dup2(saved_fd, 2);
}

START_TEST(test_stuck_work_warns_once)
{
	struct kthread_worker *w = kthread_run_worker(0, "wd_stuck");
	struct kthread_work g;

	memset(&gate, 0, sizeof(gate));
	kthread_init_work(&g, gated_work);
	capture();
	ck_assert_int_eq(ukt_watchdog_set(1), 0);
	kthread_queue_work(w, &g);
	ck_assert(T_WAIT_FOR(ukt_watchdog_warnings() >= 1, 4000));
	t_sleep_ms(1600);	/* three more looks: still one warning */
	ck_assert_uint_eq(ukt_watchdog_warnings(), 1);
	uncapture();
	ck_assert_ptr_nonnull(strstr(captured(), "worker wd_stuck/"));
	ck_assert_ptr_nonnull(strstr(captured(), "stuck in one work"));
	ck_assert_ptr_nonnull(strstr(captured(), "now ["));
	t_gate_open(&gate);
	kthread_destroy_worker(w);
	ck_assert_int_eq(ukt_watchdog_set(0), 1);
}
END_TEST

/* A worker never started, with works queued, makes no progress. */
START_TEST(test_no_progress_warns)
{
	struct kthread_worker *w = kthread_create_worker(0, "wd_unstarted");
	struct kthread_work q;

	kthread_init_work(&q, gated_work);
	t_gate_open(&gate);
	capture();
	ukt_watchdog_set(1);
	kthread_queue_work(w, &q);
	ck_assert(T_WAIT_FOR(ukt_watchdog_warnings() >= 1, 4000));
	uncapture();
	ck_assert_ptr_nonnull(strstr(captured(), "wd_unstarted"));
	ck_assert_ptr_nonnull(strstr(captured(), "has works queued and ran none"));
	wake_up_process(w->task);
	kthread_flush_worker(w);
	kthread_destroy_worker(w);
}
END_TEST

static int dsleep_fn(void *data)
{
	(void)data;
	schedule_timeout_uninterruptible(msecs_to_jiffies(2600));
	while (!kthread_should_stop())
		msleep_interruptible(5);
	return 0;
}

static int idle_fn(void *data)
{
	(void)data;
	while (!kthread_should_stop()) {
		set_current_state(TASK_IDLE);
		schedule_timeout(msecs_to_jiffies(2600));
	}
	return 0;
}

START_TEST(test_uninterruptible_sleep_warns)
{
	struct task_struct *d, *i;

	capture();
	ukt_watchdog_set(1);
	d = kthread_run(dsleep_fn, NULL, "wd_dsleep");
	i = kthread_run(idle_fn, NULL, "wd_idle");
	ck_assert(T_WAIT_FOR(ukt_watchdog_warnings() >= 1, 4000));
	t_sleep_ms(1000);
	uncapture();
	ck_assert_uint_eq(ukt_watchdog_warnings(), 1);
	ck_assert_ptr_nonnull(strstr(captured(), "kthread wd_dsleep/"));
	ck_assert_ptr_nonnull(strstr(captured(), "sleeps uninterruptibly"));
	ck_assert_ptr_null(strstr(captured(), "wd_idle"));
	kthread_stop(d);
	kthread_stop(i);
}
END_TEST

static int find_tid(const char *comm)
{
	DIR *d = opendir("/proc/self/task");
	struct dirent *e;
	int tid = -1;

	while (d && (e = readdir(d))) {
		char name[32];
		int t = atoi(e->d_name);

		if (t > 0 && t_read_os_comm(t, name, sizeof(name)) && !strcmp(name, comm))
			tid = t;
	}
	if (d)
		closedir(d);
	return tid;
}

static void quick_work(struct kthread_work *w)
{
	(void)w;
}

/* Idle: the watchdog sleeps without timeout; work wakes it again. */
START_TEST(test_no_wakeups_while_idle)
{
	struct kthread_worker *w = kthread_run_worker(0, "wd_idle_w");
	struct kthread_work q;
	int tid;
	long sw0, sw1;

	ukt_watchdog_set(1);
	kthread_init_work(&q, quick_work);
	kthread_queue_work(w, &q);
	kthread_flush_worker(w);
	ck_assert(T_WAIT_FOR((tid = find_tid("kwatchdog")) > 0, 2000));
	t_sleep_ms(700);	/* a look that finds all idle, then the long sleep */
	sw0 = t_voluntary_switches(tid);
	t_sleep_ms(2000);
	sw1 = t_voluntary_switches(tid);
	ck_assert_int_eq(sw1, sw0);
	/* Work again: a worker leaving its sleep wakes the watchdog. */
	memset(&gate, 0, sizeof(gate));
	kthread_init_work(&q, gated_work);
	kthread_queue_work(w, &q);
	ck_assert(T_WAIT_FOR(ukt_watchdog_warnings() >= 1, 4000));
	t_gate_open(&gate);
	kthread_destroy_worker(w);
	ck_assert_uint_eq(ukt_watchdog_warnings(), 1);
}
END_TEST

static const char *self_path;

static int run_self(const char *env, char *out, size_t size)
{
	return t_run_self(self_path, env, out, size);
}

START_TEST(test_env)
{
	char out[8192];

	ck_assert_int_eq(run_self("UKTHREAD_WATCHDOG_SECS=1", out, sizeof(out)), 0);
	ck_assert_ptr_nonnull(strstr(out, "limit 1"));
	ck_assert_ptr_nonnull(strstr(out, "stuck in one work"));
	ck_assert_int_eq(run_self("UKTHREAD_WATCHDOG_SECS=0", out, sizeof(out)), 0);
	ck_assert_ptr_nonnull(strstr(out, "watchdog off"));
	ck_assert_ptr_nonnull(strstr(out, "limit 0"));
	ck_assert_int_eq(run_self("UKTHREAD_WATCHDOG_SECS=3x", out, sizeof(out)), 0);
	ck_assert_ptr_nonnull(strstr(out, "watchdog off"));
	ck_assert_ptr_null(strstr(out, "stuck"));
}
END_TEST

static int env_child(void)
{
	struct kthread_worker *w = kthread_run_worker(0, "wd_env");
	struct kthread_work g;
	int old;

	kthread_init_work(&g, gated_work);
	kthread_queue_work(w, &g);
	t_sleep_ms(2200);
	old = ukt_watchdog_set(0);
	fprintf(stderr, "limit %d\n", old);
	t_gate_open(&gate);
	kthread_destroy_worker(w);
	return 0;
}

static Suite *watchdog_suite(void)
{
	Suite *s = suite_create("watchdog");
	TCase *tc = t_tcase(s, "watchdog");

	tcase_add_test(tc, test_stuck_work_warns_once);
	tcase_add_test(tc, test_no_progress_warns);
	tcase_add_test(tc, test_uninterruptible_sleep_warns);
	tcase_add_test(tc, test_no_wakeups_while_idle);
	tcase_add_test(tc, test_env);
	return s;
}

int main(int argc, char **argv)
{
	self_path = argv[0];
	if (argc > 1 && !strcmp(argv[1], "--env-child"))
		return env_child();
	return t_run_suite(watchdog_suite());
}
