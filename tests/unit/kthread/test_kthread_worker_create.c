// SPDX-License-Identifier: MIT
/*
 * test_kthread_worker_create.c - kthread_create_worker*(),
 * kthread_run_worker*() and kthread_destroy_worker(): names, CPUs, not
 * started until woken, errors, destroy flushing and stopping, use after
 * destroy (src/kernel/kthread_worker_create.c).
 */
#include <sys/stat.h>

#include <sys/wait.h>

#include "worker_fixture.h"

/* ---- create ------------------------------------------------------------- */

START_TEST(test_create_worker_does_not_start)
{
	struct kthread_worker *w = kthread_create_worker(0, "wt-kw%d", 7);
	char comm[TASK_COMM_LEN];
	struct tw a;

	ck_assert(!IS_ERR(w));
	ck_assert_ptr_nonnull(T_LOAD(&w->task));
	__get_task_comm(comm, sizeof(comm), T_LOAD(&w->task));
	ck_assert_str_eq(comm, "wt-kw7");
	tw_init(&a, NULL);
	ck_assert(kthread_queue_work(w, &a.work));
	t_sleep_ms(50);
	ck_assert_int_eq(T_LOAD(&a.runs), 0);
	ck_assert(!kthread_queue_work(w, &a.work));	/* still pending */
	wake_up_process(T_LOAD(&w->task));
	kthread_flush_work(&a.work);
	ck_assert_int_eq(T_LOAD(&a.runs), 1);
	ck_assert_ptr_eq(a.task, T_LOAD(&w->task));
	end_worker(w);
}
END_TEST

START_TEST(test_create_worker_on_node_and_freezable)
{
	struct kthread_worker *w = kthread_create_worker_on_node(KTW_FREEZABLE, NUMA_NO_NODE,
								 "wt-%s", "node");
	char comm[TASK_COMM_LEN];
	struct tw a;

	ck_assert(!IS_ERR(w));
	__get_task_comm(comm, sizeof(comm), T_LOAD(&w->task));
	ck_assert_str_eq(comm, "wt-node");
	tw_init(&a, NULL);
	ck_assert(kthread_queue_work(w, &a.work));
	t_sleep_ms(20);
	ck_assert_int_eq(T_LOAD(&a.runs), 0);
	wake_up_process(T_LOAD(&w->task));
	kthread_flush_work(&a.work);
	ck_assert_int_eq(T_LOAD(&a.runs), 1);
	end_worker(w);

	w = kthread_run_worker(KTW_FREEZABLE, "wt-frz");
	ck_assert(!IS_ERR(w));
	kthread_init_work(&a.work, tw_fn);	/* it belonged to the old worker */
	ck_assert(kthread_queue_work(w, &a.work));
	kthread_flush_work(&a.work);
	ck_assert_int_eq(T_LOAD(&a.runs), 2);
	end_worker(w);
}
END_TEST


struct cpu_probe {
	struct kthread_work work;
	int cpu;
	int allowed;
	int allowed_cpu;
};

static void cpu_probe_fn(struct kthread_work *work)
{
	struct cpu_probe *p = ukt_container_of(work, struct cpu_probe, work);
	cpu_set_t set;

	p->cpu = sched_getcpu();
	CPU_ZERO(&set);
	if (sched_getaffinity(0, sizeof(set), &set) == 0) {
		p->allowed = CPU_COUNT(&set);
		for (int c = 0; c < CPU_SETSIZE; c++)
			if (CPU_ISSET(c, &set))
				p->allowed_cpu = c;
	}
}

static void check_bound_worker(struct kthread_worker *w, int cpu, bool started,
			       const char *name)
{
	struct cpu_probe p = { .cpu = -1 };
	char comm[TASK_COMM_LEN];

	ck_assert_msg(!IS_ERR(w), "create on cpu %d: %ld", cpu, PTR_ERR(w));
	__get_task_comm(comm, sizeof(comm), T_LOAD(&w->task));
	ck_assert_str_eq(comm, name);
	kthread_init_work(&p.work, cpu_probe_fn);
	ck_assert(kthread_queue_work(w, &p.work));
	if (!started) {
		t_sleep_ms(20);
		ck_assert_int_eq(p.cpu, -1);
		wake_up_process(T_LOAD(&w->task));
	}
	kthread_flush_work(&p.work);
	ck_assert_int_eq(p.cpu, cpu);
	ck_assert_int_eq(p.allowed, 1);
	ck_assert_int_eq(p.allowed_cpu, cpu);
	end_worker(w);
}

START_TEST(test_create_worker_on_cpu)
{
	int cpu = t_last_online_cpu();
	char name[32];

	ck_assert_int_ge(cpu, 0);
	snprintf(name, sizeof(name), "wt-cpu/%d", cpu);
	check_bound_worker(kthread_create_worker_on_cpu(cpu, 0, "wt-cpu/%u"), cpu, false, name);
	snprintf(name, sizeof(name), "wt-rcpu%d", cpu);
	check_bound_worker(kthread_run_worker_on_cpu(cpu, 0, "wt-rcpu%d"), cpu, true, name);
	snprintf(name, sizeof(name), "wt-cpu0/%d", 0);
	check_bound_worker(kthread_create_worker_on_cpu(0, 0, "wt-cpu0/%u"), 0, false, name);
}
END_TEST

START_TEST(test_create_worker_errors)
{
	struct kthread_worker *w;
	unsigned long warns = ukt_warn_count();

	w = kthread_create_worker_on_cpu(-1, 0, "wt-bad%u");
	ck_assert(IS_ERR(w));
	ck_assert_int_eq(PTR_ERR(w), -EINVAL);
	ck_assert_uint_eq(ukt_warn_count(), warns + 1);
	w = kthread_create_worker_on_cpu(NR_CPUS + 5, 0, "wt-bad%u");
	ck_assert(IS_ERR(w));
	ukt_fault_inject(UKT_SITE_WORKER, 1, 1);
	w = kthread_create_worker(0, "wt-nomem");
	ck_assert(IS_ERR(w));
	ck_assert_int_eq(PTR_ERR(w), -ENOMEM);
	/* The next one succeeds. */
	w = kthread_run_worker(0, "wt-ok");
	ck_assert(!IS_ERR(w));
	end_worker(w);
}
END_TEST

START_TEST(test_run_worker_starts)
{
	struct kthread_worker *w = kthread_run_worker(0, "wt-run%s", "x");
	char comm[TASK_COMM_LEN];
	struct tw a;

	ck_assert(!IS_ERR(w));
	__get_task_comm(comm, sizeof(comm), T_LOAD(&w->task));
	ck_assert_str_eq(comm, "wt-runx");
	tw_init(&a, NULL);
	ck_assert(kthread_queue_work(w, &a.work));
	/* Runs without any wake_up_process() or flush. */
	ck_assert(T_WAIT_FOR(T_LOAD(&a.runs) == 1, 5000));
	end_worker(w);
}
END_TEST

/* ---- misuse around destroy ------------------------------------------------- */

START_TEST(test_destroy_from_own_thread_warns)
{
	check_misuse(DESTROY_OWN_WORKER, -1);
}
END_TEST

START_TEST(test_queue_on_destroyed_worker_warns)
{
	struct kthread_worker *w = start_worker("wt-dead");
	struct kthread_delayed_work dw;
	unsigned long warns;
	struct tw a;

	tw_init(&a, NULL);
	kthread_init_delayed_work(&dw, dw_fn);
	end_worker(w);
	/* The memory of a destroyed worker is kept a while to catch this. */
	warns = ukt_warn_count();
	ck_assert(!kthread_queue_work(w, &a.work));
	ck_assert_uint_eq(ukt_warn_count(), warns + 1);
	ck_assert(!kthread_queue_delayed_work(w, &dw, 0));
	ck_assert_uint_eq(ukt_warn_count(), warns + 2);
	ck_assert(!kthread_mod_delayed_work(w, &dw, 1));
	ck_assert_uint_eq(ukt_warn_count(), warns + 3);
	t_sleep_ms(20);
	ck_assert_int_eq(T_LOAD(&a.runs), 0);
	ck_assert(!timer_pending(&dw.timer));
	ck_assert_ptr_null(a.work.worker);
}
END_TEST

/* Long after its destruction (many workers later), still caught. */
START_TEST(test_queue_on_long_destroyed_worker_warns)
{
	struct kthread_worker *old = start_worker("wt-old");
	struct tw a, b;
	unsigned long warns;

	tw_init(&a, NULL);
	tw_init(&b, NULL);
	ck_assert(kthread_queue_work(old, &a.work));
	kthread_flush_work(&a.work);
	end_worker(old);
	/* Many workers come and go; their memory may be the old one's again. */
	for (int i = 0; i < 3 * 16 + 5; i++) {
		struct kthread_worker *w = kthread_create_worker(0, "wt-churn");

		ck_assert(!IS_ERR(w));
		kthread_destroy_worker(w);
	}
	warns = ukt_warn_count();
	ck_assert(!kthread_queue_work(old, &a.work));	/* a work of the old worker */
	ck_assert_uint_eq(ukt_warn_count(), warns + 1);
	ck_assert(!kthread_queue_work(old, &b.work));	/* a fresh work */
	ck_assert_uint_eq(ukt_warn_count(), warns + 2);
	t_sleep_ms(10);
	ck_assert_int_eq(T_LOAD(&a.runs), 1);
	ck_assert_int_eq(T_LOAD(&b.runs), 0);
}
END_TEST

/* The worker of a reused memory does not take the works of the old one. */
START_TEST(test_work_of_destroyed_worker_refused_after_reuse)
{
	struct kthread_worker *old = start_worker("wt-gen");
	struct kthread_worker *live[80];
	struct kthread_worker *same = NULL;
	unsigned long warns;
	struct tw a;
	int n = 0;

	tw_init(&a, NULL);
	ck_assert(kthread_queue_work(old, &a.work));
	kthread_flush_work(&a.work);
	end_worker(old);
	/* Make workers until one has the old one's address (or give up). */
	while (n < 80 && !same) {
		live[n] = kthread_create_worker(0, "wt-gen%d", n);
		ck_assert(!IS_ERR(live[n]));
		if (live[n] == old)
			same = live[n];
		n++;
	}
	if (same) {
		warns = ukt_warn_count();
		ck_assert(!kthread_queue_work(same, &a.work));
		ck_assert_uint_eq(ukt_warn_count(), warns + 1);
	}
	while (n > 0)
		kthread_destroy_worker(live[--n]);
	ck_assert_int_eq(T_LOAD(&a.runs), 1);
}
END_TEST

/* A worker's name is kept whole, like a kthread's. */
START_TEST(test_worker_long_name_kept)
{
	char name[301], got[400];
	struct kthread_worker *w;

	memset(name, 'n', 300);
	name[300] = '\0';
	memcpy(name, "wt-", 3);
	w = kthread_create_worker(0, "%s", name);
	ck_assert(!IS_ERR(w));
	get_kthread_comm(got, sizeof(got), w->task);
	ck_assert_str_eq(got, name);
	kthread_destroy_worker(w);
	w = kthread_create_worker_on_cpu(t_last_online_cpu(), 0,
		"wt-a-very-long-worker-name-well-beyond-one-hundred-and-twenty-seven-bytes-"
		"which-used-to-be-cut-by-a-fixed-buffer-of-one-hundred-and-twenty-eight/%u");
	ck_assert(!IS_ERR(w));
	get_kthread_comm(got, sizeof(got), w->task);
	ck_assert_int_gt(strlen(got), 127);
	kthread_destroy_worker(w);
}
END_TEST

/*
 * Returning from main() with workers running, one of them inside a work:
 * the process exits normally and at once.  Run as a fresh program (this
 * one, exec'd), so that it is a real exit from main.
 */
START_TEST(test_exit_from_main_with_running_workers)
{
	char self[4096];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	long long t0 = t_now_ns();
	int status;
	pid_t pid;

	ck_assert_int_gt(n, 0);
	self[n] = '\0';
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		execl(self, self, "--exit-with-workers", (char *)NULL);
		_exit(127);
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFEXITED(status));
	ck_assert_int_eq(WEXITSTATUS(status), 0);
	ck_assert_msg(t_ms_since(t0) < 5000.0 * T_SLOW_FACTOR, "took %.0f ms", t_ms_since(t0));
}
END_TEST

/* ---- destroy ------------------------------------------------------------ */

static void slow_fn(struct kthread_work *work)
{
	struct tw *t = ukt_container_of(work, struct tw, work);

	t_sleep_ms(2);
	T_INC(&t->finished);
}

static bool task_dir_exists(int tid)
{
	char path[64];
	struct stat st;

	snprintf(path, sizeof(path), "/proc/self/task/%d", tid);
	return stat(path, &st) == 0;
}

START_TEST(test_destroy_flushes_and_stops)
{
	struct kthread_worker *w = start_worker("wt-destroy");
	unsigned long warns = ukt_warn_count();
	struct tw works[20];
	int tid = T_LOAD(&w->task)->pid;

	ck_assert(task_dir_exists(tid));
	for (int i = 0; i < 20; i++) {
		memset(&works[i], 0, sizeof(works[i]));
		kthread_init_work(&works[i].work, slow_fn);
		ck_assert(kthread_queue_work(w, &works[i].work));
	}
	end_worker(w);
	for (int i = 0; i < 20; i++)
		ck_assert_int_eq(T_LOAD(&works[i].finished), 1);
	ck_assert_uint_eq(ukt_warn_count(), warns);
	ck_assert_msg(T_WAIT_FOR(!task_dir_exists(tid), 2000),
		      "the worker's thread %d is still there", tid);
}
END_TEST

START_TEST(test_destroy_unstarted_worker_runs_queued)
{
	struct kthread_worker *w = kthread_create_worker(0, "wt-unstarted");
	unsigned long warns;
	struct tw a;

	ck_assert(!IS_ERR(w));
	tw_init(&a, NULL);
	ck_assert(kthread_queue_work(w, &a.work));
	warns = ukt_warn_count();
	end_worker(w);
	ck_assert_int_eq(T_LOAD(&a.runs), 1);
	ck_assert_uint_eq(ukt_warn_count(), warns);
}
END_TEST

START_TEST(test_destroy_frees_worker)
{
	long live0 = ukt_site_live(UKT_SITE_WORKER);
	unsigned long total0 = ukt_site_total(UKT_SITE_WORKER);

	for (int i = 0; i < 60; i++) {
		struct kthread_worker *w = start_worker("wt-free");
		struct tw a;

		tw_init(&a, NULL);
		ck_assert(kthread_queue_work(w, &a.work));
		end_worker(w);
		ck_assert_int_eq(T_LOAD(&a.runs), 1);
	}
	ck_assert_uint_eq(ukt_site_total(UKT_SITE_WORKER), total0 + 60);
	/* A few destroyed workers are kept (quarantine) to catch late use. */
	ck_assert_int_le(ukt_site_live(UKT_SITE_WORKER) - live0, 16);
}
END_TEST

static Suite *create_suite(void)
{
	Suite *s = suite_create("kthread_worker_create");
	TCase *tc;

	tc = t_tcase(s, "create");
	tcase_add_test(tc, test_create_worker_does_not_start);
	tcase_add_test(tc, test_create_worker_on_node_and_freezable);
	tcase_add_test(tc, test_create_worker_on_cpu);
	tcase_add_test(tc, test_create_worker_errors);
	tcase_add_test(tc, test_run_worker_starts);

	tc = t_tcase(s, "misuse");
	tcase_add_test(tc, test_destroy_from_own_thread_warns);
	tcase_add_test(tc, test_queue_on_destroyed_worker_warns);
	tcase_add_test(tc, test_queue_on_long_destroyed_worker_warns);
	tcase_add_test(tc, test_work_of_destroyed_worker_refused_after_reuse);
	tcase_add_test(tc, test_worker_long_name_kept);
	tcase_add_test(tc, test_exit_from_main_with_running_workers);

	tc = t_tcase(s, "destroy");
	tcase_add_test(tc, test_destroy_flushes_and_stops);
	tcase_add_test(tc, test_destroy_unstarted_worker_runs_queued);
	tcase_add_test(tc, test_destroy_frees_worker);
	return s;
}

/* The program run by test_exit_from_main_with_running_workers. */
static int exit_with_workers(void)
{
	static struct tw works[8];	/* static: the works outlive this function */
	static struct blocker b;
	struct kthread_worker *w[4];

	for (int i = 0; i < 4; i++) {
		w[i] = kthread_run_worker(0, "wt-exit%d", i);
		if (IS_ERR(w[i]))
			return 2;
	}
	memset(&b, 0, sizeof(b));
	kthread_init_work(&b.work, blocker_fn);
	kthread_queue_work(w[0], &b.work);	/* a worker busy in a work */
	for (int i = 0; i < 8; i++) {
		tw_init(&works[i], NULL);
		kthread_queue_work(w[i % 4], &works[i].work);
	}
	return 0;				/* leave main with all of it running */
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "--exit-with-workers"))
		return exit_with_workers();
	return t_run_suite(create_suite());
}
