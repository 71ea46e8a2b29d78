/* SPDX-License-Identifier: MIT */
/*
 * wtest.h - what the kthread_worker and timer tests share.
 *
 * Every test runs in its own forked process (Check's CK_FORK) with a
 * timeout, so a hang is a named failure; the Check parent never calls the
 * library.  Assertions are made on the test's main thread: helper threads
 * only record what they saw.
 */
#ifndef UKT_WTEST_H
#define UKT_WTEST_H

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

/* Per-test timeout in seconds. */
#define WT_TIMEOUT 20

/* Sanitizer builds: the malloc interposition is left out. */
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define WT_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || \
	__has_feature(memory_sanitizer)
#define WT_SANITIZED 1
#endif
#endif
#ifndef WT_SANITIZED
#define WT_SANITIZED 0
#endif

/* Slower builds get more slack on "this should be quick" bounds. */
#define WT_SLOW_FACTOR (WT_SANITIZED ? 10 : 1)

static inline long long wt_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static inline void wt_sleep_us(unsigned long us)
{
	struct timespec ts = { (time_t)(us / 1000000), (long)(us % 1000000) * 1000L };

	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

static inline void wt_sleep_ms(unsigned int ms)
{
	wt_sleep_us((unsigned long)ms * 1000ul);
}

static inline int wt_gettid(void)
{
	return (int)syscall(SYS_gettid);
}

/* Poll @cond until it holds or @ms passed; yields the final value. */
#define WT_WAIT_FOR(cond, ms) __extension__ ({				\
	long long __wt_end = wt_now_ns() + (long long)(ms) * 1000000LL;	\
	bool __wt_ok;							\
	while (!(__wt_ok = !!(cond)) && wt_now_ns() < __wt_end)		\
		wt_sleep_us(200);					\
	__wt_ok;							\
})

/* Atomic helpers for test counters. */
#define WT_LOAD(p)		__atomic_load_n((p), __ATOMIC_SEQ_CST)
#define WT_STORE(p, v)		__atomic_store_n((p), (v), __ATOMIC_SEQ_CST)
#define WT_INC(p)		__atomic_add_fetch((p), 1, __ATOMIC_SEQ_CST)
#define WT_DEC(p)		__atomic_sub_fetch((p), 1, __ATOMIC_SEQ_CST)
#define WT_ADD(p, v)		__atomic_add_fetch((p), (v), __ATOMIC_SEQ_CST)

/*
 * A gate: a work or timer function blocks in gate_pass() until the test
 * opens it.  Plain polling, no library primitive, so that the library's
 * own sleeping and waking are not involved.
 */
struct wt_gate {
	int open;
	int waiting;	/* how many are (or were) blocked in it */
};

static inline void wt_gate_pass(struct wt_gate *g)
{
	WT_INC(&g->waiting);
	while (!WT_LOAD(&g->open))
		wt_sleep_us(100);
}

static inline void wt_gate_open(struct wt_gate *g)
{
	WT_STORE(&g->open, 1);
}

/* Wait until someone is blocked in @g (up to 5 s). */
static inline bool wt_gate_reached(struct wt_gate *g)
{
	return WT_WAIT_FOR(WT_LOAD(&g->waiting) > 0, 5000);
}

/*
 * A background thread running one call, e.g. a flush or a cancel that is
 * expected to block.  @task is its ukthread task (adopted), so that the
 * test can see when it sleeps inside the library.
 */
struct wt_bg {
	pthread_t thread;
	void (*fn)(void *arg);
	void *arg;
	struct ukt_task_struct *task;
	int started;
	int done;
	long long done_ns;
};

static inline void *wt_bg_main(void *p)
{
	struct wt_bg *bg = p;

	/* A reference: the test may look at the task after the thread ended. */
	WT_STORE(&bg->task, ukt_get_task_struct(ukt_get_current()));
	WT_STORE(&bg->started, 1);
	bg->fn(bg->arg);
	bg->done_ns = wt_now_ns();
	WT_STORE(&bg->done, 1);
	return NULL;
}

static inline void wt_bg_start(struct wt_bg *bg, void (*fn)(void *), void *arg)
{
	memset(bg, 0, sizeof(*bg));
	bg->fn = fn;
	bg->arg = arg;
	ck_assert_int_eq(pthread_create(&bg->thread, NULL, wt_bg_main, bg), 0);
	ck_assert(WT_WAIT_FOR(WT_LOAD(&bg->started), 5000));
}

/* True once @bg sleeps uninterruptibly inside the library (up to 5 s). */
static inline bool wt_bg_sleeping(struct wt_bg *bg)
{
	return WT_WAIT_FOR(WT_LOAD(&bg->done) ||
			   ukt_wait_task_inactive(bg->task, UKT_TASK_UNINTERRUPTIBLE) == 1,
			   5000) && !WT_LOAD(&bg->done);
}

/* True once @bg finished its call (up to @ms). */
static inline bool wt_bg_finished(struct wt_bg *bg, unsigned int ms)
{
	return WT_WAIT_FOR(WT_LOAD(&bg->done), ms);
}

static inline void wt_bg_join(struct wt_bg *bg)
{
	ck_assert_int_eq(pthread_join(bg->thread, NULL), 0);
	ukt_put_task_struct(bg->task);
	bg->task = NULL;
}

/* Make a TCase with the suite's timeout and add it to @s. */
static inline TCase *wt_tcase(Suite *s, const char *name)
{
	TCase *tc = tcase_create(name);

	tcase_set_timeout(tc, WT_TIMEOUT);
	suite_add_tcase(s, tc);
	return tc;
}

/* Run @s, every test in its own process; the exit status for main(). */
static inline int wt_run_suite(Suite *s)
{
	SRunner *sr = srunner_create(s);
	int failed;

	srunner_set_fork_status(sr, CK_FORK);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

#endif /* UKT_WTEST_H */
