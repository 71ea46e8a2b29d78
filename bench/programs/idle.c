// SPDX-License-Identifier: MIT
/*
 * idle.c - what idle threads cost: 100 kthreads sleeping in schedule()
 * until kthread_should_stop() and 10 idle kthread_workers, watched for
 * 2 seconds.  CPU time (the CPU-time clocks) and context switches (summed
 * from /proc/self/task/.../status) are those of every thread but this one,
 * which only watches; kthreadd and its spare threads count.  The goal is
 * zero of both.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include <ukthread.h>
#if __has_include(<ukthread/kthread_worker.h>)
#include <ukthread/kthread_worker.h>
#define HAVE_WORKER 1
#endif

#include "common.h"

#define NKTHREADS	100
#define NWORKERS	10

static int sleep_until_stopped(void *data)
{
	while (!kthread_should_stop()) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (!kthread_should_stop())
			schedule();
		__set_current_state(TASK_RUNNING);
	}
	return 0;
}

/* Context switches of one thread, voluntary and not; 0 if it is gone. */
static long thread_switches(const char *tid)
{
	char path[300], line[128];
	long n, sum = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/self/task/%s/status", tid);
	f = fopen(path, "r");
	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "voluntary_ctxt_switches: %ld", &n) == 1 ||
		    sscanf(line, "nonvoluntary_ctxt_switches: %ld", &n) == 1)
			sum += n;
	fclose(f);
	return sum;
}

/* The switches of every thread but the caller, and how many threads. */
static long others_switches(int *nthreads)
{
	long self = syscall(SYS_gettid), sum = 0;
	DIR *d = opendir("/proc/self/task");
	struct dirent *e;

	*nthreads = 0;
	if (!d)
		return -1;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.' || atol(e->d_name) == self)
			continue;
		sum += thread_switches(e->d_name);
		(*nthreads)++;
	}
	closedir(d);
	return sum;
}

static double clock_us(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

/*
 * CPU time of every thread but the caller, which only watches.  The CPU
 * clocks count to the nanosecond (getrusage() splits user and system time
 * by ticks, too coarse for a difference).  The caller's own time is read
 * first: what it spends between the reads counts against the others.
 */
static double others_cpu_us(void)
{
	double self = clock_us(CLOCK_THREAD_CPUTIME_ID);

	return clock_us(CLOCK_PROCESS_CPUTIME_ID) - self;
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000 };

	while (nanosleep(&ts, &ts))
		;
}

int main(int argc, char **argv)
{
	struct task_struct *k[NKTHREADS];
	struct bench_series cpu, switches;
	const char *note = NULL;
	int reps, nthreads = 0;
#ifdef HAVE_WORKER
	struct kthread_worker *w[NWORKERS];
#endif

	bench_init(argc, argv);
	reps = bench_reps(3, 1);
	for (int i = 0; i < NKTHREADS; i++) {
		k[i] = kthread_run(sleep_until_stopped, NULL, "idle/%d", i);
		if (IS_ERR(k[i])) {
			fprintf(stderr, "bench: kthread_run: %ld\n", PTR_ERR(k[i]));
			return 1;
		}
	}
#ifdef HAVE_WORKER
	for (int i = 0; i < NWORKERS; i++) {
		w[i] = kthread_run_worker(0, "idlew/%d", i);
		if (IS_ERR(w[i])) {
			fprintf(stderr, "bench: kthread_run_worker: %ld\n", PTR_ERR(w[i]));
			return 1;
		}
	}
#else
	note = "ukthread worker: not built yet, kthreads only";
	bench_log("idle: %s", note);
#endif
	/* Let every thread reach its sleep, and kthreadd refill its spares. */
	sleep_ms(300);

	bench_series_init(&cpu, 0);
	bench_series_init(&switches, 0);
	for (int r = 0; r < reps; r++) {
		long s0, s1;
		double c0, c1;

		bench_log("idle: window %d/%d, 2 s", r + 1, reps);
		s0 = others_switches(&nthreads);
		c0 = others_cpu_us();
		sleep_ms(2000);
		c1 = others_cpu_us();
		s1 = others_switches(&nthreads);
		bench_add_rep(&cpu, c1 - c0);
		bench_add_rep(&switches, (double)(s1 - s0));
	}
	bench_log("idle: %d threads watched", nthreads);
	bench_emit(&cpu, "idle", "idle 2 s: CPU time", "ukthread", "us", "lower", note);
	bench_emit(&switches, "idle", "idle 2 s: context switches", "ukthread",
		   "count", "lower", note);

	for (int i = 0; i < NKTHREADS; i++)
		kthread_stop(k[i]);
#ifdef HAVE_WORKER
	for (int i = 0; i < NWORKERS; i++)
		kthread_destroy_worker(w[i]);
#endif
	return 0;
}
