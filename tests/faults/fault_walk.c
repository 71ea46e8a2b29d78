// SPDX-License-Identifier: MIT
/*
 * fault_walk.c - make every allocation and thread-creation site fail in
 * turn, at its first and at its n-th use, under a workload that reaches
 * it: the caller gets the documented error, nothing leaks (every site's
 * ukt_site_live() back where it was), the library works afterwards, and
 * no site aborts.
 *
 * Each case runs in a forked child, so that one that aborts is a named
 * failure and each case starts with kthreadd and the timer thread not yet
 * running (the fork handlers reset them).  Cases marked ABORTS_TODAY are
 * known to abort (issue 12, defect 3): they pass when they abort and fail
 * the walk if they stop aborting, so that whoever fixes them flips the
 * mark.  Ends with "N passed, N failed".
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <ukthread.h>
#include <ukthread/debug.h>

static int stop_fn(void *data)
{
	while (!kthread_should_stop())
		schedule_timeout_interruptible(10);
	return 3;
}

static int fails;
static int workers_destroyed;	/* kept in quarantine, not freed */

/* kthread_stop()'s result: threadfn's, or -EINTR if it never ran. */
#define STOPPED_OK(r) ({ int __r = (r); __r == 3 || __r == -EINTR; })

#define EXPECT(cond, ...) do {						\
	if (!(cond)) {							\
		fprintf(stderr, "  expected: %s: ", #cond);		\
		fprintf(stderr, __VA_ARGS__);				\
		fputc('\n', stderr);					\
		fails++;						\
	}								\
} while (0)

/* ---- workloads: each makes @n uses of its site, the failing one among them -- */

/* kthread_run() n times: the injected one gives @err, the others work. */
static void run_kthreads(int n, long err, const char *name)
{
	int got_err = 0;

	for (int i = 0; i < n; i++) {
		struct task_struct *t = kthread_run(stop_fn, NULL, "%s", name);

		if (IS_ERR(t)) {
			EXPECT(PTR_ERR(t) == err, "kthread_run gave %ld", PTR_ERR(t));
			got_err++;
			continue;
		}
		EXPECT(STOPPED_OK(kthread_stop(t)), "kthread_stop");
	}
	EXPECT(got_err == 1, "%d of %d kthread_run() failed", got_err, n);
}

static void w_kthread(int n)
{
	run_kthreads(n, -ENOMEM, "fw");
}

static void w_thread(int n)
{
	ukt_kthreadd_set_spares(0);	/* every kthread_run() makes a thread */
	run_kthreads(n, -EAGAIN, "fw");
}

/* The first use of UKT_SITE_TASK here is kthreadd's own task. */
static void w_kthreadd_task(int n)
{
	struct task_struct *t = kthread_run(stop_fn, NULL, "fw");

	(void)n;
	EXPECT(IS_ERR(t) && PTR_ERR(t) == -ENOMEM, "kthread_run without kthreadd");
	if (!IS_ERR(t))
		kthread_stop(t);
}

/* A long name whose copy fails: the kthread still works, its name cut. */
static void w_kthread_name(int n)
{
	for (int i = 0; i < n; i++) {
		struct task_struct *t = kthread_run(stop_fn, NULL, "a-name-longer-than-comm-%d", i);
		char buf[64], full[64];

		EXPECT(!IS_ERR(t), "kthread_run with a long name");
		if (IS_ERR(t))
			continue;
		snprintf(full, sizeof(full), "a-name-longer-than-comm-%d", i);
		get_kthread_comm(buf, sizeof(buf), t);
		/* the whole name, or comm's 15 bytes of it when the copy failed */
		EXPECT(strlen(buf) >= 15 && strncmp(full, buf, strlen(buf)) == 0, "name %s", buf);
		EXPECT(STOPPED_OK(kthread_stop(t)), "kthread_stop");
	}
}

static void w_worker(int n)
{
	int got_err = 0;

	for (int i = 0; i < n; i++) {
		struct kthread_worker *w = kthread_run_worker(0, "fw");

		if (IS_ERR(w)) {
			EXPECT(PTR_ERR(w) == -ENOMEM, "kthread_create_worker gave %ld", PTR_ERR(w));
			got_err++;
			continue;
		}
		kthread_destroy_worker(w);
		workers_destroyed++;
	}
	EXPECT(got_err == 1, "%d of %d kthread_create_worker() failed", got_err, n);
}

static void *adopt(void *arg)
{
	(void)arg;
	(void)get_current();
	return NULL;
}

/* Fresh pthreads adopted on first use. */
static void w_adopted(int n)
{
	for (int i = 0; i < n; i++) {
		pthread_t th;

		pthread_create(&th, NULL, adopt, NULL);
		pthread_join(th, NULL);
	}
}

static void tfn(struct timer_list *t)
{
	(void)t;
}

/*
 * The first timer armed starts the timer thread: when that start fails,
 * mod_timer() says so (-EAGAIN) and arms nothing; the next arm tries the
 * start again (run_case()'s "after" part: @n 0, the start must work).
 */
static void w_timer_thread(int n)
{
	struct timer_list t;
	int r;

	timer_setup(&t, tfn, 0);
	r = mod_timer(&t, jiffies + 1);
	if (n) {
		EXPECT(r == -EAGAIN, "mod_timer() without its thread: %d, not -EAGAIN", r);
		EXPECT(!timer_pending(&t), "a timer armed without a timer thread");
	} else {
		EXPECT(r == 0, "mod_timer() with the timer thread: %d", r);
	}
	del_timer_sync(&t);
}

/* ---- the table ------------------------------------------------------------- */

struct fcase {
	const char *name;
	enum ukt_alloc_site site;
	unsigned long nth;	/* which use fails */
	int uses;		/* how many uses the workload makes */
	void (*work)(int n);
	int warm;		/* start kthreadd (and so adopt main) first */
	int aborts_today;	/* issue 12 defect 3: flip to 0 once fixed */
};

static const struct fcase cases[] = {
	{ "kthreadd's task, first use", UKT_SITE_TASK, 1, 1, w_kthreadd_task, 0, 0 },
	{ "adopted task, first use", UKT_SITE_TASK, 1, 1, w_adopted, 1, 0 },
	{ "adopted task, 3rd use", UKT_SITE_TASK, 3, 4, w_adopted, 1, 0 },
	{ "kthread, first use", UKT_SITE_KTHREAD, 1, 3, w_kthread, 1, 0 },
	{ "kthread, 4th use", UKT_SITE_KTHREAD, 4, 6, w_kthread, 1, 0 },
	{ "kthread name, first use", UKT_SITE_KTHREAD_NAME, 1, 2, w_kthread_name, 1, 0 },
	{ "kthread name, 3rd use", UKT_SITE_KTHREAD_NAME, 3, 4, w_kthread_name, 1, 0 },
	{ "thread, first use", UKT_SITE_THREAD, 1, 3, w_thread, 1, 0 },
	{ "thread, 3rd use", UKT_SITE_THREAD, 3, 5, w_thread, 1, 0 },
	{ "worker, first use", UKT_SITE_WORKER, 1, 2, w_worker, 1, 0 },
	{ "worker, 3rd use", UKT_SITE_WORKER, 3, 4, w_worker, 1, 0 },
	{ "timer thread, first use", UKT_SITE_TIMER_THREAD, 1, 1, w_timer_thread, 1, 0 },
};

static long settle_to(enum ukt_alloc_site site, long want)
{
	for (int i = 0; i < 500 && ukt_site_live(site) > want; i++)
		usleep(10000);
	return ukt_site_live(site);
}

/* In the child: one case.  Exit 0 if everything held. */
static int run_case(const struct fcase *c);

/* Run case @c in a forked child with a 60 s alarm; its wait status. */
static int run_in_child(const struct fcase *c)
{
	int status;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		alarm(60);
		_exit(run_case(c));
	}
	waitpid(pid, &status, 0);
	return status;
}

static int run_case(const struct fcase *c)
{
	long base[UKT_SITE_NR];

	if (c->warm) {
		(void)get_current();
		(void)kthreadd_task;
	}
	usleep(20000);	/* let kthreadd fill its pool */
	for (int i = 0; i < UKT_SITE_NR; i++)
		base[i] = ukt_site_live((enum ukt_alloc_site)i);
	ukt_fault_inject(c->site, c->nth, 1);
	c->work(c->uses);
	ukt_fault_inject(c->site, 0, 0);
	/* Nothing leaked: every site back to (at most) where it was, the
	 * library's own threads allowed: spares and a started ktimers. */
	for (int i = 0; i < UKT_SITE_NR; i++) {
		long want = base[i];
		long now;

		if (i == UKT_SITE_THREAD)
			want = base[i] > 3 ? base[i] : 3;	/* kthreadd + 2 spares */
		if (i == UKT_SITE_TIMER_THREAD)
			want = 1;
		if (i == UKT_SITE_WORKER)
			want = base[i] + workers_destroyed;	/* the quarantine */
		if (i == UKT_SITE_TASK && !c->warm)
			want = base[i] + 1;	/* kthreadd's, started afterwards */
		now = settle_to((enum ukt_alloc_site)i, want);
		EXPECT(now <= want, "site %d: %ld live, at most %ld wanted", i, now, want);
	}
	/* The library works afterwards. */
	{
		struct task_struct *t = kthread_run(stop_fn, NULL, "after");
		struct kthread_worker *w = kthread_run_worker(0, "after");

		EXPECT(!IS_ERR(t) && STOPPED_OK(kthread_stop(t)), "a kthread after the fault");
		EXPECT(!IS_ERR(w), "a worker after the fault");
		if (!IS_ERR(w))
			kthread_destroy_worker(w);
		w_timer_thread(0);
		w_adopted(1);
	}
	return fails ? 1 : 0;
}

int main(void)
{
	int passed = 0, failed = 0;

#if defined(__SANITIZE_THREAD__)
	/*
	 * Every case runs in a child forked from a parent with the library's
	 * threads running, which ThreadSanitizer does not support (it stops
	 * the child, or with die_after_fork=0 trips on "dup thread with used
	 * id").  The plain, ASan+UBSan and valgrind runs cover the walk.
	 */
	printf("fault_walk: SKIP under ThreadSanitizer: it cannot follow a fork() "
	       "of a multi-threaded parent; the plain, ASan and valgrind runs cover this\n");
	return 77;
#endif
	/* The parent has the library running, as a program would. */
	(void)get_current();
	(void)kthreadd_task;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct fcase *c = &cases[i];
		int status;
		bool aborted, ok;

		status = run_in_child(c);
		if (WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM) {
			/*
			 * A hang, seen once in a CI run under ASan (kthreadd's
			 * task, first use) and not since: say so loudly, run the
			 * case once more, and let the second run decide.
			 */
			printf("HANG %s: no answer in 60 s; running it once more\n", c->name);
			status = run_in_child(c);
		}
		aborted = WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT;
		if (c->aborts_today) {
			ok = aborted;
			printf("%s %s: %s\n", ok ? "ok  " : "FAIL", c->name,
			       aborted ? "aborts, as expected until issue 12 defect 3 is fixed"
				       : "no longer aborts: flip aborts_today in fault_walk.c");
		} else {
			ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
			printf("%s %s%s\n", ok ? "ok  " : "FAIL", c->name,
			       ok ? "" : WIFSIGNALED(status) ? ": killed by a signal" : "");
		}
		if (ok)
			passed++;
		else
			failed++;
	}
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
