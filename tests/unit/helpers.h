/* SPDX-License-Identifier: MIT */
/*
 * helpers.h - what the unit test programs share.
 *
 * Every test runs in its own forked process (Check's CK_FORK), so the
 * library (which starts threads) is used only inside the tests, never by
 * the Check parent before srunner_run_all().
 */
#ifndef UKT_TEST_HELPERS_H
#define UKT_TEST_HELPERS_H

#include <check.h>
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <ukthread.h>

/* Per-test timeout in seconds: a hang is a named failure, not a stuck run. */
#define UT_TIMEOUT 20

/** ut_now_ns - CLOCK_MONOTONIC in nanoseconds. */
static inline long long ut_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/** ut_ms_since - milliseconds (with fraction) elapsed since @t0_ns. */
static inline double ut_ms_since(long long t0_ns)
{
	return (double)(ut_now_ns() - t0_ns) / 1e6;
}

/** ut_sleep_ms - a plain nanosleep, outside the library. */
static inline void ut_sleep_ms(unsigned int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

/** ut_gettid - the calling thread's OS id. */
static inline int ut_gettid(void)
{
	return (int)syscall(SYS_gettid);
}

/*
 * UT_WAIT_FOR - poll @cond (an expression) until it holds or @ms
 * milliseconds passed; yields the final value of @cond.  For conditions
 * that another thread makes true "soon": the deadline is generous, the
 * poll interval short, so a pass costs no time and a failure is bounded.
 */
#define UT_WAIT_FOR(cond, ms) __extension__ ({				\
	long long __ut_end = ut_now_ns() + (long long)(ms) * 1000000LL;	\
	bool __ut_ok;							\
	while (!(__ut_ok = !!(cond)) && ut_now_ns() < __ut_end)		\
		ut_sleep_ms(1);						\
	__ut_ok;							\
})

/*
 * UT_SPIN_UNTIL - busy-wait for @cond, yielding the CPU now and then so
 * that a descheduled partner thread gets to run on a small machine.
 */
#define UT_SPIN_UNTIL(cond) do {					\
	for (unsigned int __ut_n = 0; !(cond); __ut_n++)		\
		if (__ut_n % 64 == 63)					\
			sched_yield();					\
} while (0)

/**
 * ut_wait_sleeping - wait up to @ms until @p really sleeps (blocked in the
 * kernel) in @state; true when it does.
 */
static inline bool ut_wait_sleeping(struct task_struct *p, unsigned int state,
				    unsigned int ms)
{
	return UT_WAIT_FOR(wait_task_inactive(p, state) == 1, ms);
}

/** ut_state - @p's task state, read once. */
static inline unsigned int ut_state(struct task_struct *p)
{
	return __atomic_load_n(&p->__state, __ATOMIC_ACQUIRE);
}

/** ut_flags - @p's PF_* flags, read once. */
static inline unsigned int ut_flags(struct task_struct *p)
{
	return __atomic_load_n(&p->flags, __ATOMIC_ACQUIRE);
}

/**
 * ut_read_status_field - the number after "@field:" in
 * /proc/self/task/@tid/status, or -1.
 */
static inline long ut_read_status_field(int tid, const char *field)
{
	char path[64], line[256];
	size_t flen = strlen(field);
	long val = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/self/task/%d/status", tid);
	f = fopen(path, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		if (!strncmp(line, field, flen) && line[flen] == ':') {
			val = strtol(line + flen + 1, NULL, 10);
			break;
		}
	}
	fclose(f);
	return val;
}

/** ut_voluntary_switches - voluntary context switches of thread @tid. */
static inline long ut_voluntary_switches(int tid)
{
	return ut_read_status_field(tid, "voluntary_ctxt_switches");
}

/** ut_nonvoluntary_switches - involuntary context switches of thread @tid. */
static inline long ut_nonvoluntary_switches(int tid)
{
	return ut_read_status_field(tid, "nonvoluntary_ctxt_switches");
}

/**
 * ut_read_os_comm - the OS name of thread @tid (/proc/self/task/@tid/comm)
 * into @buf, without the newline; false if unreadable.
 */
static inline bool ut_read_os_comm(int tid, char *buf, size_t size)
{
	char path[64];
	FILE *f;
	bool ok;

	snprintf(path, sizeof(path), "/proc/self/task/%d/comm", tid);
	f = fopen(path, "r");
	if (!f)
		return false;
	ok = fgets(buf, (int)size, f) != NULL;
	fclose(f);
	if (ok)
		buf[strcspn(buf, "\n")] = '\0';
	return ok;
}

/**
 * ut_spares_mode - run the test with kthreadd's default spare threads
 * (@zero false) or with none (@zero true).  Must come before any other
 * library call of the test: with no spares made at all, every
 * kthread_create() goes through a request to kthreadd.
 */
static inline void ut_spares_mode(bool zero)
{
	if (!zero)
		return;
	/* kthreadd reads $UKTHREAD_SPARES when it starts: no spare ever made. */
	setenv("UKTHREAD_SPARES", "0", 1);
	ck_assert_int_eq(ukt_kthreadd_set_spares(0), 0);
}

/** ut_last_online_cpu - the highest CPU number this process may use. */
static inline int ut_last_online_cpu(void)
{
	int last = -1;

	for (int cpu = 0; cpu < NR_CPUS; cpu++)
		if (cpu_online(cpu))
			last = cpu;
	return last;
}

/** ut_run_suite - run @s in fork mode; the exit status for main(). */
static inline int ut_run_suite(Suite *s)
{
	SRunner *sr = srunner_create(s);
	int failed;

	srunner_set_fork_status(sr, CK_FORK);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

#endif /* UKT_TEST_HELPERS_H */
