// SPDX-License-Identifier: MIT
/*
 * mass.c - 10,000 threads alive at once, parked, then all stopped: the
 * time and the process's peak RSS, ukthread vs plain pthreads.
 *
 * ukthread does what the kernel's smpboot does: kthread_create(), then
 * kthread_park(), which returns once the thread sleeps parked;
 * kthread_stop() for each at the end.  The pthread version does the same
 * with a futex per thread: it says "parked" and sleeps, the creator waits
 * for that; stopping sets the word, wakes, joins.
 *
 * Each repetition runs in a fresh child process, so each has its own peak
 * RSS, measured from the same starting point.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <ukthread.h>

#include "common.h"
#include "futex.h"

#define NTHREADS 10000

struct result {
	double create_ms, stop_ms;
	long peak_kib;
};

/* ---- ukthread ---- */

static int parked_until_stopped(void *data)
{
	while (!kthread_should_stop()) {
		if (kthread_should_park()) {
			kthread_parkme();
			continue;
		}
		set_current_state(TASK_INTERRUPTIBLE);
		if (!kthread_should_stop() && !kthread_should_park())
			schedule();
		__set_current_state(TASK_RUNNING);
	}
	return 0;
}

static void run_kthreads(struct result *res)
{
	struct task_struct **k = calloc(NTHREADS, sizeof(*k));
	uint64_t t0, t1;

	t0 = bench_now_ns();
	for (int i = 0; i < NTHREADS; i++) {
		k[i] = kthread_create(parked_until_stopped, NULL, "bench/%d", i);
		if (IS_ERR(k[i])) {
			fprintf(stderr, "bench: kthread %d: %ld\n", i, PTR_ERR(k[i]));
			exit(1);
		}
		kthread_park(k[i]);
	}
	t1 = bench_now_ns();
	for (int i = 0; i < NTHREADS; i++)
		kthread_stop(k[i]);
	res->create_ms = (double)(t1 - t0) / 1e6;
	res->stop_ms = (double)(bench_now_ns() - t1) / 1e6;
	free(k);
}

/* ---- pthreads ---- */

struct pt {
	pthread_t thread;
	int parked, stop;
};

static void *pt_main(void *arg)
{
	struct pt *p = arg;

	__atomic_store_n(&p->parked, 1, __ATOMIC_RELEASE);
	bench_futex_wake(&p->parked, 1);
	while (!__atomic_load_n(&p->stop, __ATOMIC_ACQUIRE))
		bench_futex_wait(&p->stop, 0);
	return NULL;
}

static void run_pthreads(struct result *res)
{
	struct pt *p = calloc(NTHREADS, sizeof(*p));
	uint64_t t0, t1;

	t0 = bench_now_ns();
	for (int i = 0; i < NTHREADS; i++) {
		if (pthread_create(&p[i].thread, NULL, pt_main, &p[i])) {
			fprintf(stderr, "bench: pthread %d failed\n", i);
			exit(1);
		}
		while (!__atomic_load_n(&p[i].parked, __ATOMIC_ACQUIRE))
			bench_futex_wait(&p[i].parked, 0);
	}
	t1 = bench_now_ns();
	for (int i = 0; i < NTHREADS; i++) {
		__atomic_store_n(&p[i].stop, 1, __ATOMIC_RELEASE);
		bench_futex_wake(&p[i].stop, 1);
		pthread_join(p[i].thread, NULL);
	}
	res->create_ms = (double)(t1 - t0) / 1e6;
	res->stop_ms = (double)(bench_now_ns() - t1) / 1e6;
	free(p);
}

/* ---- one child per repetition ---- */

static long peak_rss_kib(void)
{
	char line[128];
	long kib = -1;
	FILE *f = fopen("/proc/self/status", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "VmHWM: %ld kB", &kib) == 1)
			break;
	fclose(f);
	return kib;
}

static int run_child(void (*run)(struct result *), struct result *res)
{
	int fd[2], status;
	pid_t pid;

	if (pipe(fd)) {
		perror("bench: pipe");
		return -1;
	}
	pid = fork();
	if (pid < 0) {
		perror("bench: fork");
		return -1;
	}
	if (pid == 0) {
		close(fd[0]);
		run(res);
		res->peak_kib = peak_rss_kib();
		_exit(write(fd[1], res, sizeof(*res)) == sizeof(*res) ? 0 : 1);
	}
	close(fd[1]);
	if (read(fd[0], res, sizeof(*res)) != sizeof(*res))
		res->peak_kib = -1;
	close(fd[0]);
	waitpid(pid, &status, 0);
	return WIFEXITED(status) && !WEXITSTATUS(status) && res->peak_kib > 0 ? 0 : -1;
}

static struct {
	const char *impl;
	void (*run)(struct result *);
	struct bench_series create, stop, total, rss;
} impls[] = {
	{ .impl = "ukthread", .run = run_kthreads },
	{ .impl = "pthread", .run = run_pthreads },
};

int main(int argc, char **argv)
{
	uint64_t end;
	int reps;

	bench_init(argc, argv);
	reps = bench_reps(5, 1);
	/*
	 * This process makes no thread: every child starts from the same
	 * state.  After three repetitions, stop once 20 s have passed (about
	 * 10 s are needed on a quiet machine), so that a loaded one cannot
	 * stretch the run past its three minutes.
	 */
	end = bench_now_ns() + 20000000000ull;
	for (int r = 0; r < reps; r++) {
		if (r >= 3 && bench_now_ns() > end) {
			bench_log("mass: time budget spent after %d repetitions", r);
			break;
		}
		bench_log("mass: repetition %d/%d", r + 1, reps);
		for (size_t k = 0; k < 2; k++) {
			struct result res;

			if (run_child(impls[k].run, &res))
				continue;	/* a failed child leaves no figures */
			bench_add_rep(&impls[k].create, res.create_ms);
			bench_add_rep(&impls[k].stop, res.stop_ms);
			bench_add_rep(&impls[k].total, res.create_ms + res.stop_ms);
			bench_add_rep(&impls[k].rss, (double)res.peak_kib / 1024);
		}
	}
	for (size_t k = 0; k < 2; k++) {
		const char *impl = impls[k].impl;

		static const char *const names[4] = {
			"10k parked: create+park+stop", "10k parked: create+park",
			"10k parked: stop all", "10k parked: peak RSS",
		};
		struct bench_series *s[4] = {
			&impls[k].total, &impls[k].create, &impls[k].stop, &impls[k].rss,
		};

		for (int i = 0; i < 4; i++) {
			if (!impls[k].total.reps)
				bench_emit_skip("mass", names[i], impl, "every run failed");
			else
				bench_emit(s[i], "mass", names[i], impl,
					   i == 3 ? "MiB" : "ms", "lower", NULL);
		}
	}
	return 0;
}
