/* SPDX-License-Identifier: MIT */
/*
 * ukt_test.h - what every Check test program of tests/unit/ shares: the
 * clock, sleeping and polling outside the library, atomic counters,
 * gates and background calls, /proc readers, kthreadd's spares mode and
 * the suite runner.  One prefix: t_ for functions and types, T_ for
 * macros.
 *
 * Every test runs in its own forked process (Check's CK_FORK) with a
 * timeout, so a hang is a named failure; the Check parent never calls the
 * library (which starts threads) before srunner_run_all().  Assertions
 * are made on the test's main thread: helper threads only record what
 * they saw.
 */
#ifndef UKT_TEST_H
#define UKT_TEST_H

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
#define T_TIMEOUT 20

/* Sanitizer builds: the malloc interposition is left out. */
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define T_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || \
	__has_feature(memory_sanitizer)
#define T_SANITIZED 1
#endif
#endif
#ifndef T_SANITIZED
#define T_SANITIZED 0
#endif

/* Under valgrind (tools/check-valgrind): slower still. */
#if defined(__has_include)
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#define T_VALGRIND (RUNNING_ON_VALGRIND != 0)
#endif
#endif
#ifndef T_VALGRIND
#define T_VALGRIND 0
#endif

/*
 * Slower builds get more slack on "this should be quick" bounds (a time
 * limit, never a looser check of what happened).
 */
#define T_SLOW_FACTOR (T_VALGRIND ? 50 : T_SANITIZED ? 10 : 1)

/* ---- time, outside the library ------------------------------------------- */

/** t_now_ns - CLOCK_MONOTONIC in nanoseconds. */
static inline long long t_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/** t_ms_since - milliseconds (with fraction) elapsed since @t0_ns. */
static inline double t_ms_since(long long t0_ns)
{
	return (double)(t_now_ns() - t0_ns) / 1e6;
}

/** t_sleep_us - a plain nanosleep of @us microseconds, outside the library. */
static inline void t_sleep_us(unsigned long us)
{
	struct timespec ts = { (time_t)(us / 1000000), (long)(us % 1000000) * 1000L };

	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

/** t_sleep_ms - a plain nanosleep of @ms milliseconds, outside the library. */
static inline void t_sleep_ms(unsigned int ms)
{
	t_sleep_us((unsigned long)ms * 1000ul);
}

/** t_gettid - the calling thread's OS id. */
static inline int t_gettid(void)
{
	return (int)syscall(SYS_gettid);
}

/*
 * T_WAIT_FOR - poll @cond (an expression) until it holds or @ms
 * milliseconds passed; yields the final value of @cond.  For conditions
 * that another thread makes true "soon": the deadline is generous, the
 * poll interval short (200 us), so a pass costs no time and a failure is
 * bounded.
 */
#define T_WAIT_FOR(cond, ms) __extension__ ({				\
	long long __t_end = t_now_ns() + (long long)(ms) * 1000000LL;	\
	bool __t_ok;							\
	while (!(__t_ok = !!(cond)) && t_now_ns() < __t_end)		\
		t_sleep_us(200);					\
	__t_ok;								\
})

/*
 * T_SPIN_UNTIL - busy-wait for @cond, yielding the CPU now and then so
 * that a descheduled partner thread gets to run on a small machine.
 */
#define T_SPIN_UNTIL(cond) do {						\
	for (unsigned int __t_n = 0; !(cond); __t_n++)			\
		if (__t_n % 64 == 63)					\
			sched_yield();					\
} while (0)

/* ---- atomic helpers for test counters -------------------------------------- */

#define T_LOAD(p)		__atomic_load_n((p), __ATOMIC_SEQ_CST)
#define T_STORE(p, v)		__atomic_store_n((p), (v), __ATOMIC_SEQ_CST)
#define T_INC(p)		__atomic_add_fetch((p), 1, __ATOMIC_SEQ_CST)
#define T_DEC(p)		__atomic_sub_fetch((p), 1, __ATOMIC_SEQ_CST)
#define T_ADD(p, v)		__atomic_add_fetch((p), (v), __ATOMIC_SEQ_CST)

/* ---- tasks --------------------------------------------------------------------- */

/**
 * t_wait_sleeping - wait up to @ms until @p really sleeps (blocked in the
 * kernel) in @state; true when it does.
 */
static inline bool t_wait_sleeping(struct task_struct *p, unsigned int state,
				   unsigned int ms)
{
	return T_WAIT_FOR(wait_task_inactive(p, state) == 1, ms);
}

/** t_state - @p's task state, read once. */
static inline unsigned int t_state(struct task_struct *p)
{
	return __atomic_load_n(&p->__state, __ATOMIC_ACQUIRE);
}

/** t_flags - @p's PF_* flags, read once. */
static inline unsigned int t_flags(struct task_struct *p)
{
	return __atomic_load_n(&p->flags, __ATOMIC_ACQUIRE);
}

/* ---- /proc --------------------------------------------------------------------- */

/**
 * t_read_status_field - the number after "@field:" in
 * /proc/self/task/@tid/status, or -1.
 */
static inline long t_read_status_field(int tid, const char *field)
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

/** t_voluntary_switches - voluntary context switches of thread @tid. */
static inline long t_voluntary_switches(int tid)
{
	return t_read_status_field(tid, "voluntary_ctxt_switches");
}

/** t_nonvoluntary_switches - involuntary context switches of thread @tid. */
static inline long t_nonvoluntary_switches(int tid)
{
	return t_read_status_field(tid, "nonvoluntary_ctxt_switches");
}

/**
 * t_read_os_comm - the OS name of thread @tid (/proc/self/task/@tid/comm)
 * into @buf, without the newline; false if unreadable.
 */
static inline bool t_read_os_comm(int tid, char *buf, size_t size)
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

/* ---- kthreadd and CPUs --------------------------------------------------------- */

/**
 * t_spares_mode - run the test with kthreadd's default spare threads
 * (@zero false) or with none (@zero true).  Must come before any other
 * library call of the test: with no spares made at all, every
 * kthread_create() goes through a request to kthreadd.
 */
static inline void t_spares_mode(bool zero)
{
	if (!zero)
		return;
	/* kthreadd reads $UKTHREAD_SPARES when it starts: no spare ever made. */
	setenv("UKTHREAD_SPARES", "0", 1);
	ck_assert_int_eq(ukt_kthreadd_set_spares(0), 0);
}

/** t_last_online_cpu - the highest CPU number this process may use. */
static inline int t_last_online_cpu(void)
{
	int last = -1;

	for (int cpu = 0; cpu < NR_CPUS; cpu++)
		if (cpu_online(cpu))
			last = cpu;
	return last;
}

/* ---- gates -------------------------------------------------------------------- */

/*
 * A gate: a work or timer function blocks in t_gate_pass() until the test
 * opens it.  Plain polling, no library primitive, so that the library's
 * own sleeping and waking are not involved.
 */
struct t_gate {
	int open;
	int waiting;	/* how many are (or were) blocked in it */
};

static inline void t_gate_pass(struct t_gate *g)
{
	T_INC(&g->waiting);
	while (!T_LOAD(&g->open))
		t_sleep_us(100);
}

static inline void t_gate_open(struct t_gate *g)
{
	T_STORE(&g->open, 1);
}

/* Wait until someone is blocked in @g (up to 5 s). */
static inline bool t_gate_reached(struct t_gate *g)
{
	return T_WAIT_FOR(T_LOAD(&g->waiting) > 0, 5000);
}

/* ---- background calls ---------------------------------------------------------- */

/*
 * A background thread running one call, e.g. a flush or a cancel that is
 * expected to block.  @task is its ukthread task (adopted), so that the
 * test can see when it sleeps inside the library.
 */
struct t_bg {
	pthread_t thread;
	void (*fn)(void *arg);
	void *arg;
	struct ukt_task_struct *task;
	int started;
	int done;
	long long done_ns;
};

static inline void *t_bg_main(void *p)
{
	struct t_bg *bg = p;

	/* A reference: the test may look at the task after the thread ended. */
	T_STORE(&bg->task, ukt_get_task_struct(ukt_get_current()));
	T_STORE(&bg->started, 1);
	bg->fn(bg->arg);
	bg->done_ns = t_now_ns();
	T_STORE(&bg->done, 1);
	return NULL;
}

static inline void t_bg_start(struct t_bg *bg, void (*fn)(void *), void *arg)
{
	memset(bg, 0, sizeof(*bg));
	bg->fn = fn;
	bg->arg = arg;
	ck_assert_int_eq(pthread_create(&bg->thread, NULL, t_bg_main, bg), 0);
	ck_assert(T_WAIT_FOR(T_LOAD(&bg->started), 5000));
}

/* True once @bg sleeps uninterruptibly inside the library (up to 5 s). */
static inline bool t_bg_sleeping(struct t_bg *bg)
{
	return T_WAIT_FOR(T_LOAD(&bg->done) ||
			  ukt_wait_task_inactive(bg->task, UKT_TASK_UNINTERRUPTIBLE) == 1,
			  5000) && !T_LOAD(&bg->done);
}

/* True once @bg finished its call (up to @ms). */
static inline bool t_bg_finished(struct t_bg *bg, unsigned int ms)
{
	return T_WAIT_FOR(T_LOAD(&bg->done), ms);
}

static inline void t_bg_join(struct t_bg *bg)
{
	ck_assert_int_eq(pthread_join(bg->thread, NULL), 0);
	ukt_put_task_struct(bg->task);
	bg->task = NULL;
}

/* ---- fork() children ------------------------------------------------------------ */

/*
 * t_child_exit - end a test's own fork() child with @code.  Under valgrind
 * the child leaves through an exec of sh, which valgrind does not follow:
 * a child forked from a non-main thread, or with threads still running,
 * would otherwise get a leak check of its own, whose "possibly lost" blocks
 * are its threads' stacks (glibc's, not the library's: every such child
 * exits without ukt_shutdown() on purpose), and its exit status would be
 * valgrind's, not @code.
 */
static inline void t_child_exit(int code)
{
	if (T_VALGRIND) {
		char arg[16];

		snprintf(arg, sizeof(arg), "exit %d", code);
		execl("/bin/sh", "sh", "-c", arg, (char *)NULL);
	}
	_exit(code);
}

/**
 * t_run_self - run this test program again, as "@env @self --env-child",
 * for knobs the library reads from the environment when it loads.
 * @self: the program's path (argv[0]).
 * @env: NAME=value words put before it.
 * @out: where its standard output and error go, NUL-terminated.
 * @size: room in @out.
 *
 * Return: its pclose() status.
 */
static inline int t_run_self(const char *self, const char *env, char *out, size_t size)
{
	char cmd[512];
	FILE *p;
	size_t n;

	snprintf(cmd, sizeof(cmd), "%s %s --env-child 2>&1", env, self);
	p = popen(cmd, "r");
	ck_assert_ptr_nonnull(p);
	n = fread(out, 1, size - 1, p);
	out[n] = '\0';
	return pclose(p);
}

/* ---- the suite ------------------------------------------------------------------ */

/*
 * After every test, in its process: end every thread of the library's
 * (ukt_shutdown()), so that the test leaves no kthread, worker, timer or
 * library thread behind for valgrind to report "possibly lost", and so
 * that shutdown itself is tried on whatever each test left.  A kthread a
 * test left that does not stop in time fails the test.
 */
#define T_SHUTDOWN_MS 3000

static inline void t_teardown(void)
{
	struct ukt_shutdown_report r;
	int err = ukt_shutdown(T_SHUTDOWN_MS, &r);

	ck_assert_msg(err == 0, "ukt_shutdown() after the test: %d (%u kthreads left)",
		      err, r.left);
}

/*
 * Make a TCase with the per-test timeout (T_TIMEOUT; Check multiplies it
 * by $CK_TIMEOUT_MULTIPLIER under valgrind and the sanitizers) and the
 * shutdown after each test, and add it to @s.
 */
static inline TCase *t_tcase(Suite *s, const char *name)
{
	TCase *tc = tcase_create(name);

	tcase_set_timeout(tc, T_TIMEOUT);
	tcase_add_checked_fixture(tc, NULL, t_teardown);
	suite_add_tcase(s, tc);
	return tc;
}

/** t_run_suite - run @s, every test in its own process; the exit status for main(). */
static inline int t_run_suite(Suite *s)
{
	SRunner *sr = srunner_create(s);
	int failed;

	srunner_set_fork_status(sr, CK_FORK);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

#endif /* UKT_TEST_H */
