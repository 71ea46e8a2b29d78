// SPDX-License-Identifier: MIT
/*
 * scale.c - the cost of one operation against N, the number of things
 * alive at once, ukthread beside the peer that has the same operation, in
 * the same run.  Four curves:
 *
 * timers armed, N = 1k, 10k, 100k, 1M (QUICK: up to 100k)
 *	mod_timer() arming N timers with random far expiries (uniformly
 *	1 s .. 1 h ahead: none fires while measured), mod_timer() again on
 *	each armed timer to a new random expiry (re-arm), del_timer(); the
 *	peer is libuv's timer heap on a loop of this thread that is never run:
 *	uv_timer_start(), uv_timer_set_repeat() + uv_timer_again(),
 *	uv_timer_stop().  Cost per call.
 *	And N = 1M (QUICK: 100k) timers armed for one expiry: the rate from
 *	the tick they may first fire at to the last callback (each callback
 *	counts an atomic); libuv: from the uv_run(UV_RUN_NOWAIT) that finds
 *	them due to the last callback.
 * kthreads alive, N = 10, 100, 1,000, 10,000 (QUICK: up to 1,000)
 *	create (kthread_create() + wake_up_process(); the thread sleeps until
 *	told to park or stop), park all (kthread_park() of each in turn),
 *	stop all (kthread_stop() of each parked thread); the peer:
 *	pthread_create(), a "park" on a mutex + condvar of the thread's own
 *	(set the flag, signal, wait until it says it is parked), and stop
 *	(set the flag, signal, pthread_join()).  Cost per thread per phase.
 * workers, 1, 10, 100, 1,000
 *	one work per worker, queued round-robin by 2 producer threads
 *	(producer p queues the works of workers p, p + 2, ...), then a flush
 *	of every worker in turn; from the producers' start to the last
 *	flush's return, per work.  ukthread: one kthread_worker each and
 *	kthread_flush_worker(); the peer: one GThreadPool each (max_threads
 *	1, exclusive), flushed by a barrier item per pool (GLib has no
 *	flush).  The workers are idle before each round.
 * waiters on one wait queue, N = 1, 10, 100, 1,000
 *	N kthreads asleep in wait_event() on one wait_queue_head (each seen
 *	sleeping in /proc first); the condition is made true, wake_up_all(),
 *	and the time until the last waiter has returned, per waiter.  The
 *	peer: N pthreads in pthread_cond_wait() on one condvar,
 *	pthread_cond_broadcast().
 *
 * Each figure is the median of the repetitions, with min and max;
 * repetitions go round the implementations, starting with a different one
 * each time, so that a slow spell of the machine hits both.  Small N are
 * repeated within a repetition (several cycles or rounds) so that each
 * repetition times enough operations.  Each section has a time budget:
 * after its first repetitions it stops once the budget is spent, so that
 * a loaded machine cannot stretch the run.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include <ukthread.h>
#ifdef BENCH_HAVE_GLIB
#include <glib.h>
#endif
#ifdef BENCH_HAVE_LIBUV
#include <uv.h>
#endif

#include "common.h"
#include "event.h"
#include "futex.h"

/* ---- helpers ---- */

static void *must_calloc(size_t n, size_t size)
{
	void *p = calloc(n, size);

	if (!p) {
		perror("bench: scale: calloc");
		exit(1);
	}
	return p;
}

static void sleep_us(long us)
{
	struct timespec ts = { us / 1000000, (us % 1000000) * 1000 };

	while (nanosleep(&ts, &ts))
		;
}

static int gettid_(void)
{
	return (int)syscall(SYS_gettid);
}

/* xorshift64*: the same expiries for every implementation of a repetition. */
static uint64_t rng_next(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ull;
}

/* Wait until *@counter reaches @n; false after @timeout_ms. */
static bool wait_count(int *counter, int n, long timeout_ms)
{
	uint64_t end = bench_now_ns() + (uint64_t)timeout_ms * 1000000u;

	while (__atomic_load_n(counter, __ATOMIC_ACQUIRE) < n) {
		if (bench_now_ns() > end)
			return false;
		sleep_us(100);
	}
	return true;
}

/* Wait until *@flag is non-zero, sleeping on it; false past @end_ns. */
static bool wait_flag(int *flag, uint64_t end_ns)
{
	while (!__atomic_load_n(flag, __ATOMIC_ACQUIRE)) {
		uint64_t now = bench_now_ns();
		struct timespec ts = { 0, 50000000 };	/* relative: 50 ms at most */

		if (now > end_ns)
			return false;
		syscall(SYS_futex, flag, FUTEX_WAIT_PRIVATE, 0, &ts, NULL, 0);
	}
	return true;
}

/* Whether thread @tid sleeps ('S' or 'D' in /proc/self/task/@tid/stat). */
static bool thread_sleeping(int tid)
{
	char path[64], buf[256], *p;
	ssize_t len;
	int fd;

	snprintf(path, sizeof(path), "/proc/self/task/%d/stat", tid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	len = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (len <= 0)
		return false;
	buf[len] = 0;
	p = strrchr(buf, ')');	/* the name may hold anything */
	return p && p[1] == ' ' && (p[2] == 'S' || p[2] == 'D');
}

/* Wait until every thread of @tids sleeps; false after @timeout_ms. */
static bool wait_sleeping(const int *tids, int n, long timeout_ms)
{
	uint64_t end = bench_now_ns() + (uint64_t)timeout_ms * 1000000u;

	for (int i = 0; i < n; i++) {
		while (!thread_sleeping(tids[i])) {
			if (bench_now_ns() > end)
				return false;
			sleep_us(50);
		}
	}
	return true;
}

static double us_per(uint64_t ns, double ops)
{
	return (double)ns / 1e3 / ops;
}

/*
 * A section's time budget: true while repetition @r (0-based) should run.
 * The first @min_reps always run.
 */
static bool budget_left(const char *what, long n, int r, int min_reps, uint64_t end_ns)
{
	if (r >= min_reps && bench_now_ns() > end_ns) {
		bench_log("scale: %s, N=%ld: time budget spent after %d repetitions",
			  what, n, r);
		return false;
	}
	return true;
}

/* A row saying why @impl was not measured at this N. */
static void emit_skip(const char *group, const char *op, long n, const char *impl,
		      const char *why)
{
	char name[160];

	snprintf(name, sizeof(name), "%s, N=%ld", op, n);
	bench_emit_skip(group, name, impl, why);
}

/* ======================= timers ======================= */

#define TIMER_MIN_MS	1000ul
#define TIMER_MAX_MS	3600000ul

/* Callbacks of timers that were meant never to fire while measured. */
static int stray_fires;

struct timer_phases {
	double arm, rearm, del;		/* us per call */
};

static void make_deltas(unsigned long *d, size_t n, uint64_t *seed)
{
	for (size_t i = 0; i < n; i++)
		d[i] = TIMER_MIN_MS + rng_next(seed) % (TIMER_MAX_MS - TIMER_MIN_MS + 1);
}

static void never_fires(struct timer_list *t)
{
	__atomic_fetch_add(&stray_fires, 1, __ATOMIC_RELAXED);
}

static void ukt_timers(size_t n, int cycles, const unsigned long *d1,
		       const unsigned long *d2, struct timer_phases *ph)
{
	struct timer_list *t = must_calloc(n, sizeof(*t));
	uint64_t arm = 0, rearm = 0, del = 0;

	for (size_t i = 0; i < n; i++)
		timer_setup(&t[i], never_fires, 0);
	for (int c = 0; c < cycles; c++) {
		unsigned long j = jiffies;
		uint64_t t0 = bench_now_ns(), t1, t2, t3;

		for (size_t i = 0; i < n; i++)
			mod_timer(&t[i], j + d1[i]);
		t1 = bench_now_ns();
		j = jiffies;
		for (size_t i = 0; i < n; i++)
			mod_timer(&t[i], j + d2[i]);
		t2 = bench_now_ns();
		for (size_t i = 0; i < n; i++)
			del_timer(&t[i]);
		t3 = bench_now_ns();
		arm += t1 - t0;
		rearm += t2 - t1;
		del += t3 - t2;
	}
	ph->arm = us_per(arm, (double)n * cycles);
	ph->rearm = us_per(rearm, (double)n * cycles);
	ph->del = us_per(del, (double)n * cycles);
	free(t);
}

#ifdef BENCH_HAVE_LIBUV
static void uv_never_fires(uv_timer_t *t)
{
	__atomic_fetch_add(&stray_fires, 1, __ATOMIC_RELAXED);
}

/* Close every handle of @loop's @t and the loop itself (untimed). */
static void uv_teardown(uv_loop_t *loop, uv_timer_t *t, size_t n)
{
	for (size_t i = 0; i < n; i++)
		uv_close((uv_handle_t *)&t[i], NULL);
	uv_run(loop, UV_RUN_NOWAIT);	/* runs the closes */
	if (uv_loop_close(loop))
		bench_log("scale: uv_loop_close: handles left");
}

static void uv_timers(size_t n, int cycles, const unsigned long *d1,
		      const unsigned long *d2, struct timer_phases *ph)
{
	uv_timer_t *t = must_calloc(n, sizeof(*t));
	uint64_t arm = 0, rearm = 0, del = 0;
	uv_loop_t loop;

	uv_loop_init(&loop);
	for (size_t i = 0; i < n; i++)
		uv_timer_init(&loop, &t[i]);
	for (int c = 0; c < cycles; c++) {
		uint64_t t0, t1, t2, t3;

		/* Timeouts count from the loop's cached time, as mod_timer's from jiffies. */
		uv_update_time(&loop);
		t0 = bench_now_ns();
		for (size_t i = 0; i < n; i++)
			uv_timer_start(&t[i], uv_never_fires, d1[i], 0);
		t1 = bench_now_ns();
		uv_update_time(&loop);
		for (size_t i = 0; i < n; i++) {
			uv_timer_set_repeat(&t[i], d2[i]);
			uv_timer_again(&t[i]);
		}
		t2 = bench_now_ns();
		for (size_t i = 0; i < n; i++)
			uv_timer_stop(&t[i]);
		t3 = bench_now_ns();
		arm += t1 - t0;
		rearm += t2 - t1;
		del += t3 - t2;
	}
	ph->arm = us_per(arm, (double)n * cycles);
	ph->rearm = us_per(rearm, (double)n * cycles);
	ph->del = us_per(del, (double)n * cycles);
	uv_teardown(&loop, t, n);
	free(t);
}
#endif

static void section_timers(void)
{
	static const long ns[] = { 1000, 10000, 100000, 1000000 };
	int nn = bench_quick ? 3 : 4;
	uint64_t end = bench_now_ns() + 25000000000ull;

	for (int k = 0; k < nn; k++) {
		size_t n = (size_t)ns[k];
		/* At least 100,000 calls per phase and repetition. */
		int cycles = n >= 100000 ? 1 : (int)(100000 / n);
		int reps = n >= 1000000 ? bench_reps(3, 1) : bench_reps(7, 2);
		unsigned long *d1 = must_calloc(n, sizeof(*d1));
		unsigned long *d2 = must_calloc(n, sizeof(*d2));
		struct bench_series s[2][3];
		int nimpl = 1, strays = 0;
		char note[128];

#ifdef BENCH_HAVE_LIBUV
		nimpl = 2;
#endif
		for (int i = 0; i < 2; i++)
			for (int p = 0; p < 3; p++)
				bench_series_init(&s[i][p], 0);
		for (int r = 0; r < reps && budget_left("timers", (long)n, r, 1, end); r++) {
			uint64_t seed = 0x9e3779b97f4a7c15ull * (uint64_t)(r + 1);

			bench_log("scale: timers, N=%zu: repetition %d/%d", n, r + 1, reps);
			make_deltas(d1, n, &seed);
			make_deltas(d2, n, &seed);
			for (int i0 = 0; i0 < nimpl; i0++) {
				int i = (i0 + r) % nimpl;
				struct timer_phases ph;

				__atomic_store_n(&stray_fires, 0, __ATOMIC_RELAXED);
#ifdef BENCH_HAVE_LIBUV
				if (i == 1)
					uv_timers(n, cycles, d1, d2, &ph);
				else
#endif
					ukt_timers(n, cycles, d1, d2, &ph);
				strays += __atomic_load_n(&stray_fires, __ATOMIC_RELAXED);
				bench_add_rep(&s[i][0], ph.arm);
				bench_add_rep(&s[i][1], ph.rearm);
				bench_add_rep(&s[i][2], ph.del);
			}
		}
		snprintf(note, sizeof(note), "%d timer(s) fired while measured", strays);
		for (int i = 0; i < 2; i++) {
			static const char *const ops[3] = { "arm", "re-arm", "disarm" };
			const char *impl = i ? "libuv" : "ukthread";

			for (int p = 0; p < 3; p++) {
				if (i >= nimpl)
					emit_skip("scale-timers", ops[p], (long)n, impl,
						  "libuv not found at build time");
				else
					bench_emit_scale(&s[i][p], "scale-timers", ops[p], (long)n,
							 impl, "us", "lower",
							 strays ? note : NULL);
			}
		}
		free(d1);
		free(d2);
	}
}

/* ---- N timers expiring in one tick ---- */

static struct {
	int count, target, done;
	uint64_t first_ns, last_ns;
} ex;

static void expire_reset(int n)
{
	ex.count = 0;
	ex.target = n;
	ex.first_ns = ex.last_ns = 0;
	__atomic_store_n(&ex.done, 0, __ATOMIC_RELEASE);
}

static void expired(void)
{
	int c = __atomic_add_fetch(&ex.count, 1, __ATOMIC_RELAXED);

	if (c == 1)
		ex.first_ns = bench_now_ns();
	if (c == ex.target) {
		ex.last_ns = bench_now_ns();
		__atomic_store_n(&ex.done, 1, __ATOMIC_RELEASE);
		bench_futex_wake(&ex.done, 1);
	}
}

static void ukt_expired(struct timer_list *t)
{
	expired();
}

/*
 * The CLOCK_MONOTONIC time at which jiffy @j begins: jiffies counts the
 * milliseconds of CLOCK_MONOTONIC, so a jiffy begins at a whole one.
 */
static uint64_t jiffy_start_ns(unsigned long j)
{
	for (;;) {
		uint64_t a = bench_now_ns();
		unsigned long now = jiffies;
		uint64_t b = bench_now_ns();

		if (a / 1000000 == b / 1000000)
			return (a / 1000000 + (uint64_t)(long)(j - now)) * 1000000;
	}
}

/*
 * Arm @n timers for one expiry and time their callbacks.  The expiry e is
 * at least EXPIRE_AHEAD_MS ahead, so that arming ends first; a timer
 * armed for e may run from the start of jiffy e + 1 on (mod_timer():
 * never sooner than e - jiffies ms after the call), and e + 1 is taken on
 * a multiple of 512 ticks since the library's start (jiffies -
 * INITIAL_JIFFIES), a slot boundary of every level of a wheel of 8x
 * coarser levels that reaches 4 s ahead.  Measured from the start of
 * jiffy e + 1: any lateness of the timer thread counts.
 */
#define EXPIRE_AHEAD_MS	1000ul

static bool ukt_expire(size_t n, double *rate, double *first_us)
{
	struct timer_list *t = must_calloc(n, sizeof(*t));
	unsigned long tick, e;
	uint64_t tick_ns, armed;
	bool ok = true;

	for (size_t i = 0; i < n; i++)
		timer_setup(&t[i], ukt_expired, 0);
	expire_reset((int)n);
	tick = jiffies - INITIAL_JIFFIES + EXPIRE_AHEAD_MS;
	tick = (tick + 511) / 512 * 512;
	e = tick + INITIAL_JIFFIES - 1;
	tick_ns = jiffy_start_ns(e + 1);
	for (size_t i = 0; i < n; i++)
		mod_timer(&t[i], e);
	armed = bench_now_ns();
	if (!wait_flag(&ex.done, tick_ns + 30000000000ull)) {
		bench_log("scale: ukthread: %d of %zu timers fired in 30 s", ex.count, n);
		ok = false;
	} else if (armed > tick_ns) {
		bench_log("scale: ukthread: arming %zu timers took past their expiry; "
			  "repetition dropped", n);
		ok = false;
	} else {
		*rate = (double)n / ((double)(ex.last_ns - tick_ns) / 1e3);
		*first_us = ((double)ex.first_ns - (double)tick_ns) / 1e3;
	}
	/* The timer thread may still be returning from the last callback. */
	for (size_t i = 0; i < n; i++)
		del_timer_sync(&t[i]);
	free(t);
	return ok;
}

#ifdef BENCH_HAVE_LIBUV
static void uv_expired(uv_timer_t *t)
{
	expired();
}

static bool uv_expire(size_t n, double *rate, double *first_us)
{
	uv_timer_t *t = must_calloc(n, sizeof(*t));
	uint64_t t0;
	uv_loop_t loop;

	uv_loop_init(&loop);
	for (size_t i = 0; i < n; i++)
		uv_timer_init(&loop, &t[i]);
	expire_reset((int)n);
	uv_update_time(&loop);
	for (size_t i = 0; i < n; i++)
		uv_timer_start(&t[i], uv_expired, 1, 0);
	sleep_us(3000);
	t0 = bench_now_ns();
	uv_run(&loop, UV_RUN_NOWAIT);	/* finds them all due, runs them */
	if (!__atomic_load_n(&ex.done, __ATOMIC_ACQUIRE)) {
		bench_log("scale: libuv: %d of %zu timers ran", ex.count, n);
		uv_teardown(&loop, t, n);
		free(t);
		return false;
	}
	*rate = (double)n / ((double)(ex.last_ns - t0) / 1e3);
	*first_us = ((double)ex.first_ns - (double)t0) / 1e3;
	uv_teardown(&loop, t, n);
	free(t);
	return true;
}
#endif

static void section_expire(void)
{
	size_t n = bench_quick ? 100000 : 1000000;
	int reps = bench_reps(3, 1), nimpl = 1;
	struct bench_series rate[2], first[2];
	uint64_t end = bench_now_ns() + 15000000000ull;

#ifdef BENCH_HAVE_LIBUV
	nimpl = 2;
#endif
	for (int i = 0; i < 2; i++) {
		bench_series_init(&rate[i], 0);
		bench_series_init(&first[i], 0);
	}
	for (int r = 0; r < reps && budget_left("expiry", (long)n, r, 1, end); r++) {
		bench_log("scale: %zu timers expiring in one tick: repetition %d/%d",
			  n, r + 1, reps);
		for (int i0 = 0; i0 < nimpl; i0++) {
			int i = (i0 + r) % nimpl;
			double v, f;
			bool ok;

#ifdef BENCH_HAVE_LIBUV
			if (i == 1)
				ok = uv_expire(n, &v, &f);
			else
#endif
				ok = ukt_expire(n, &v, &f);
			if (ok) {
				bench_add_rep(&rate[i], v);
				bench_add_rep(&first[i], f);
			}
		}
	}
	for (int i = 0; i < 2; i++) {
		const char *impl = i ? "libuv" : "ukthread";

		if (i >= nimpl || !rate[i].reps) {
			const char *why = i >= nimpl ? "libuv not found at build time"
						     : "every repetition failed";

			emit_skip("scale-timers", "expiring in one tick", (long)n, impl, why);
			emit_skip("scale-timers", "expiring: first callback", (long)n, impl, why);
			continue;
		}
		bench_emit_scale(&rate[i], "scale-timers", "expiring in one tick", (long)n,
				 impl, "M/s", "higher",
				 i ? "from uv_run(UV_RUN_NOWAIT) to the last callback"
				   : "from the start of the tick they may first fire at "
				     "to the last callback");
		bench_emit_scale(&first[i], "scale-timers", "expiring: first callback",
				 (long)n, impl, "us", "lower",
				 i ? "after uv_run() is called" : "after the tick begins");
	}
}

/* ======================= kthreads ======================= */

struct kt_phases {
	double create, park, stop;	/* us per thread */
};

static int kt_started;

static int kt_main(void *data)
{
	__atomic_fetch_add(&kt_started, 1, __ATOMIC_RELEASE);
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

static bool ukt_kthreads(int n, struct kt_phases *ph)
{
	struct task_struct **k = must_calloc((size_t)n, sizeof(*k));
	uint64_t t0, t1, t2, t3, t4;
	bool ok = true;

	__atomic_store_n(&kt_started, 0, __ATOMIC_RELAXED);
	t0 = bench_now_ns();
	for (int i = 0; i < n; i++) {
		k[i] = kthread_create(kt_main, NULL, "scale/%d", i);
		if (IS_ERR(k[i])) {
			fprintf(stderr, "bench: scale: kthread %d: %ld\n", i, PTR_ERR(k[i]));
			exit(1);
		}
		wake_up_process(k[i]);
	}
	t1 = bench_now_ns();
	/* Untimed: every thread has started and gone to sleep. */
	if (!wait_count(&kt_started, n, 20000))
		ok = false;
	sleep_us(2000);
	t2 = bench_now_ns();
	for (int i = 0; i < n; i++)
		kthread_park(k[i]);
	t3 = bench_now_ns();
	for (int i = 0; i < n; i++)
		kthread_stop(k[i]);
	t4 = bench_now_ns();
	ph->create = us_per(t1 - t0, n);
	ph->park = us_per(t3 - t2, n);
	ph->stop = us_per(t4 - t3, n);
	free(k);
	return ok;
}

struct pt {
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t cond;
	int park, parked, stop;
};

static void *pt_main(void *arg)
{
	struct pt *p = arg;

	__atomic_fetch_add(&kt_started, 1, __ATOMIC_RELEASE);
	pthread_mutex_lock(&p->lock);
	while (!p->stop) {
		if (p->park && !p->parked) {
			p->parked = 1;
			pthread_cond_broadcast(&p->cond);
		}
		pthread_cond_wait(&p->cond, &p->lock);
	}
	pthread_mutex_unlock(&p->lock);
	return NULL;
}

static bool pt_threads(int n, struct kt_phases *ph)
{
	struct pt *p = must_calloc((size_t)n, sizeof(*p));
	uint64_t t0, t1, t2, t3, t4;
	bool ok = true;

	for (int i = 0; i < n; i++) {
		pthread_mutex_init(&p[i].lock, NULL);
		pthread_cond_init(&p[i].cond, NULL);
	}
	__atomic_store_n(&kt_started, 0, __ATOMIC_RELAXED);
	t0 = bench_now_ns();
	for (int i = 0; i < n; i++) {
		if (pthread_create(&p[i].thread, NULL, pt_main, &p[i])) {
			fprintf(stderr, "bench: scale: pthread %d failed\n", i);
			exit(1);
		}
	}
	t1 = bench_now_ns();
	if (!wait_count(&kt_started, n, 20000))
		ok = false;
	sleep_us(2000);
	t2 = bench_now_ns();
	for (int i = 0; i < n; i++) {
		pthread_mutex_lock(&p[i].lock);
		p[i].park = 1;
		pthread_cond_broadcast(&p[i].cond);
		while (!p[i].parked)
			pthread_cond_wait(&p[i].cond, &p[i].lock);
		pthread_mutex_unlock(&p[i].lock);
	}
	t3 = bench_now_ns();
	for (int i = 0; i < n; i++) {
		pthread_mutex_lock(&p[i].lock);
		p[i].stop = 1;
		pthread_cond_broadcast(&p[i].cond);
		pthread_mutex_unlock(&p[i].lock);
		pthread_join(p[i].thread, NULL);
	}
	t4 = bench_now_ns();
	ph->create = us_per(t1 - t0, n);
	ph->park = us_per(t3 - t2, n);
	ph->stop = us_per(t4 - t3, n);
	for (int i = 0; i < n; i++) {
		pthread_mutex_destroy(&p[i].lock);
		pthread_cond_destroy(&p[i].cond);
	}
	free(p);
	return ok;
}

static void section_kthreads(void)
{
	static const int ns[] = { 10, 100, 1000, 10000 };
	int nn = bench_quick ? 3 : 4;
	uint64_t end = bench_now_ns() + 45000000000ull;

	for (int k = 0; k < nn; k++) {
		int n = ns[k];
		/* At least 1,000 threads per phase and repetition. */
		int cycles = n >= 1000 ? 1 : 1000 / n;
		int reps = n >= 10000 ? bench_reps(5, 1) : bench_reps(5, 2);
		struct bench_series s[2][3];
		int bad = 0;

		for (int i = 0; i < 2; i++)
			for (int p = 0; p < 3; p++)
				bench_series_init(&s[i][p], 0);
		for (int r = 0; r < reps && budget_left("kthreads", n, r, n >= 10000 ? 3 : 2,
							end); r++) {
			bench_log("scale: kthreads, N=%d: repetition %d/%d", n, r + 1, reps);
			for (int i0 = 0; i0 < 2; i0++) {
				int i = (i0 + r) % 2;
				struct kt_phases sum = { 0, 0, 0 };

				for (int c = 0; c < cycles; c++) {
					struct kt_phases ph;

					if (!(i ? pt_threads(n, &ph) : ukt_kthreads(n, &ph)))
						bad++;
					sum.create += ph.create;
					sum.park += ph.park;
					sum.stop += ph.stop;
				}
				bench_add_rep(&s[i][0], sum.create / cycles);
				bench_add_rep(&s[i][1], sum.park / cycles);
				bench_add_rep(&s[i][2], sum.stop / cycles);
			}
		}
		if (bad)
			bench_log("scale: kthreads, N=%d: %d runs where not every thread "
				  "started in 20 s", n, bad);
		for (int i = 0; i < 2; i++) {
			static const char *const ops[3] = { "create", "park", "stop" };

			for (int p = 0; p < 3; p++)
				bench_emit_scale(&s[i][p], "scale-kthreads", ops[p], n,
						 i ? "pthread" : "ukthread", "us", "lower",
						 bad ? "some threads did not start in 20 s" : NULL);
		}
	}
}

/* ======================= workers ======================= */

/*
 * struct wk_impl - W serial workers.
 * @start: make @w workers, each with one work; NULL, or why not.
 * @queue: queue the work of worker @i (from a producer thread).
 * @flush_all: return once every worker has run what it was given.
 * @stop: stop and free the workers.
 */
struct wk_impl {
	const char *impl;
	const char *(*start)(int w);
	void (*queue)(int i);
	void (*flush_all)(void);
	void (*stop)(void);
};

static int wk_n;			/* workers in this run */
static int wk_ran;			/* works run, checked after each round */

/* ---- ukthread ---- */

static struct kthread_worker **ukw;
static struct kthread_work *ukw_works;

static void ukw_fn(struct kthread_work *work)
{
	__atomic_fetch_add(&wk_ran, 1, __ATOMIC_RELAXED);
}

static const char *ukw_start(int w)
{
	ukw = must_calloc((size_t)w, sizeof(*ukw));
	ukw_works = must_calloc((size_t)w, sizeof(*ukw_works));
	for (int i = 0; i < w; i++) {
		kthread_init_work(&ukw_works[i], ukw_fn);
		ukw[i] = kthread_run_worker(0, "scalew/%d", i);
		if (IS_ERR(ukw[i])) {
			fprintf(stderr, "bench: scale: kthread_run_worker %d: %ld\n", i,
				PTR_ERR(ukw[i]));
			exit(1);
		}
	}
	return NULL;
}

static void ukw_queue(int i)
{
	kthread_queue_work(ukw[i], &ukw_works[i]);
}

static void ukw_flush_all(void)
{
	for (int i = 0; i < wk_n; i++)
		kthread_flush_worker(ukw[i]);
}

static void ukw_stop(void)
{
	for (int i = 0; i < wk_n; i++)
		kthread_destroy_worker(ukw[i]);
	free(ukw);
	free(ukw_works);
}

static const struct wk_impl wk_ukthread = {
	"ukthread", ukw_start, ukw_queue, ukw_flush_all, ukw_stop,
};

/* ---- GLib: one GThreadPool per worker ---- */

#ifdef BENCH_HAVE_GLIB
struct gp_item {
	struct bench_event *barrier;	/* NULL: a work */
};

static GThreadPool **gp;
static struct gp_item *gp_works, *gp_barriers;
static struct bench_event *gp_events;

static void gp_run(gpointer data, gpointer user_data)
{
	struct gp_item *it = data;

	if (it->barrier)
		bench_event_signal(it->barrier);
	else
		__atomic_fetch_add(&wk_ran, 1, __ATOMIC_RELAXED);
}

static const char *gp_start(int w)
{
	gp = must_calloc((size_t)w, sizeof(*gp));
	gp_works = must_calloc((size_t)w, sizeof(*gp_works));
	gp_barriers = must_calloc((size_t)w, sizeof(*gp_barriers));
	gp_events = must_calloc((size_t)w, sizeof(*gp_events));
	for (int i = 0; i < w; i++) {
		gp_barriers[i].barrier = &gp_events[i];
		gp[i] = g_thread_pool_new(gp_run, NULL, 1, TRUE, NULL);
		if (!gp[i])
			return "g_thread_pool_new() failed";
	}
	return NULL;
}

static void gp_queue(int i)
{
	g_thread_pool_push(gp[i], &gp_works[i], NULL);
}

/* What a flush is without one: a barrier item per pool, waited for in turn. */
static void gp_flush_all(void)
{
	for (int i = 0; i < wk_n; i++) {
		bench_event_reset(&gp_events[i]);
		g_thread_pool_push(gp[i], &gp_barriers[i], NULL);
		bench_event_wait(&gp_events[i]);
	}
}

static void gp_stop(void)
{
	for (int i = 0; i < wk_n; i++)
		if (gp[i])
			g_thread_pool_free(gp[i], FALSE, TRUE);
	free(gp);
	free(gp_works);
	free(gp_barriers);
	free(gp_events);
}

static const struct wk_impl wk_gpool = {
	"GThreadPool", gp_start, gp_queue, gp_flush_all, gp_stop,
};
#endif

/* ---- the producers and the rounds ---- */

#define NPRODUCERS	2

static const struct wk_impl *wk_cur;
static int wk_go;			/* round number; -1: exit */
static int wk_done;			/* producers done with this round */
static struct bench_event wk_all_done;

static void *producer(void *arg)
{
	int p = (int)(intptr_t)arg, seen = 0;

	for (;;) {
		int g;

		while ((g = __atomic_load_n(&wk_go, __ATOMIC_ACQUIRE)) == seen)
			bench_futex_wait(&wk_go, seen);
		if (g < 0)
			return NULL;
		seen = g;
		for (int i = p; i < wk_n; i += NPRODUCERS)
			wk_cur->queue(i);
		if (__atomic_add_fetch(&wk_done, 1, __ATOMIC_ACQ_REL) == NPRODUCERS)
			bench_event_signal(&wk_all_done);
	}
}

/* @rounds rounds over @w workers of @im: one sample (us per work) each. */
static const char *wk_run(const struct wk_impl *im, int w, int rounds,
			  struct bench_series *s)
{
	pthread_t th[NPRODUCERS];
	const char *why;

	wk_n = w;
	wk_cur = im;
	why = im->start(w);
	if (why) {
		im->stop();
		return why;
	}
	__atomic_store_n(&wk_go, 0, __ATOMIC_RELAXED);
	for (int p = 0; p < NPRODUCERS; p++)
		if (pthread_create(&th[p], NULL, producer, (void *)(intptr_t)p)) {
			perror("bench: scale: producer");
			exit(1);
		}
	for (int r = 1; r <= rounds; r++) {
		uint64_t t0;

		/* Every thread idle: the workers asleep, the producers waiting. */
		sleep_us(1000);
		__atomic_store_n(&wk_ran, 0, __ATOMIC_RELAXED);
		__atomic_store_n(&wk_done, 0, __ATOMIC_RELAXED);
		bench_event_reset(&wk_all_done);
		t0 = bench_now_ns();
		__atomic_store_n(&wk_go, r, __ATOMIC_RELEASE);
		bench_futex_wake(&wk_go, NPRODUCERS);
		bench_event_wait(&wk_all_done);
		im->flush_all();
		bench_sample(s, us_per(bench_now_ns() - t0, w));
		if (__atomic_load_n(&wk_ran, __ATOMIC_RELAXED) != w) {
			fprintf(stderr, "bench: scale: %s: %d of %d works ran before the flush "
				"returned\n", im->impl, wk_ran, w);
			exit(1);
		}
	}
	bench_end_rep(s);
	__atomic_store_n(&wk_go, -1, __ATOMIC_RELEASE);
	bench_futex_wake(&wk_go, NPRODUCERS);
	for (int p = 0; p < NPRODUCERS; p++)
		pthread_join(th[p], NULL);
	im->stop();
	return NULL;
}

static void section_workers(void)
{
	static const int ws[] = { 1, 10, 100, 1000 };
	const struct wk_impl *impls[2] = { &wk_ukthread, NULL };
	uint64_t end = bench_now_ns() + 25000000000ull;
	int nimpl = 1;

#ifdef BENCH_HAVE_GLIB
	impls[1] = &wk_gpool;
	nimpl = 2;
#endif
	for (int k = 0; k < 4; k++) {
		int w = ws[k];
		/* At least 100 works per repetition. */
		int rounds = w >= 100 ? 1 : 100 / w;
		int reps = bench_reps(5, 2);
		struct bench_series s[2];
		const char *why[2] = { NULL, nimpl > 1 ? NULL : "GLib not found at build time" };

		for (int i = 0; i < 2; i++)
			bench_series_init(&s[i], (size_t)(rounds * reps));
		for (int r = 0; r < reps && budget_left("workers", w, r, 2, end); r++) {
			bench_log("scale: workers, N=%d: repetition %d/%d", w, r + 1, reps);
			for (int i0 = 0; i0 < nimpl; i0++) {
				int i = (i0 + r) % nimpl;

				if (!why[i])
					why[i] = wk_run(impls[i], w, rounds, &s[i]);
			}
		}
		for (int i = 0; i < 2; i++) {
			const char *impl = i ? "GThreadPool" : "ukthread";

			if (why[i] || !s[i].reps)
				emit_skip("scale-workers", "queue + flush", w, impl,
					  why[i] ? why[i] : "not measured");
			else
				bench_emit_scale(&s[i], "scale-workers", "queue + flush", w,
						 impl, "us", "lower", NULL);
			bench_series_free(&s[i]);
		}
	}
}

/* ======================= waiters ======================= */

static int wt_n, wt_gen, wt_ready, wt_woken;
static uint64_t wt_last_ns;
static struct bench_event wt_all_woken;
static int *wt_tids;

static void wt_woke(void)
{
	if (__atomic_add_fetch(&wt_woken, 1, __ATOMIC_ACQ_REL) == wt_n) {
		wt_last_ns = bench_now_ns();
		bench_event_signal(&wt_all_woken);
	}
}

/* ---- ukthread: kthreads in wait_event() on one wait queue ---- */

static DECLARE_WAIT_QUEUE_HEAD(wt_wq);
static struct task_struct **wt_k;

static int ukt_waiter(void *data)
{
	int seen = 0;

	wt_tids[(intptr_t)data] = gettid_();
	for (;;) {
		__atomic_fetch_add(&wt_ready, 1, __ATOMIC_RELEASE);
		wait_event(wt_wq, __atomic_load_n(&wt_gen, __ATOMIC_ACQUIRE) != seen ||
				  kthread_should_stop());
		if (kthread_should_stop())
			return 0;
		seen = __atomic_load_n(&wt_gen, __ATOMIC_ACQUIRE);
		wt_woke();
	}
}

static void ukt_wt_start(int n)
{
	wt_k = must_calloc((size_t)n, sizeof(*wt_k));
	for (int i = 0; i < n; i++) {
		wt_k[i] = kthread_run(ukt_waiter, (void *)(intptr_t)i, "scalewq/%d", i);
		if (IS_ERR(wt_k[i])) {
			fprintf(stderr, "bench: scale: kthread_run: %ld\n", PTR_ERR(wt_k[i]));
			exit(1);
		}
	}
}

static void ukt_wt_wake(int gen)
{
	__atomic_store_n(&wt_gen, gen, __ATOMIC_RELEASE);
	wake_up_all(&wt_wq);
}

static void ukt_wt_stop(void)
{
	for (int i = 0; i < wt_n; i++)
		kthread_stop(wt_k[i]);
	free(wt_k);
}

/* ---- pthreads in pthread_cond_wait() on one condvar ---- */

static pthread_mutex_t cv_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv_cond = PTHREAD_COND_INITIALIZER;
static int cv_stop;
static pthread_t *cv_threads;

static void *cv_waiter(void *arg)
{
	int seen = 0;

	wt_tids[(intptr_t)arg] = gettid_();
	pthread_mutex_lock(&cv_lock);
	for (;;) {
		__atomic_fetch_add(&wt_ready, 1, __ATOMIC_RELEASE);
		while (wt_gen == seen && !cv_stop)
			pthread_cond_wait(&cv_cond, &cv_lock);
		if (cv_stop)
			break;
		seen = wt_gen;
		pthread_mutex_unlock(&cv_lock);
		wt_woke();
		pthread_mutex_lock(&cv_lock);
	}
	pthread_mutex_unlock(&cv_lock);
	return NULL;
}

static void cv_start(int n)
{
	cv_stop = 0;
	cv_threads = must_calloc((size_t)n, sizeof(*cv_threads));
	for (int i = 0; i < n; i++)
		if (pthread_create(&cv_threads[i], NULL, cv_waiter, (void *)(intptr_t)i)) {
			perror("bench: scale: pthread_create");
			exit(1);
		}
}

static void cv_wake(int gen)
{
	pthread_mutex_lock(&cv_lock);
	wt_gen = gen;
	pthread_cond_broadcast(&cv_cond);
	pthread_mutex_unlock(&cv_lock);
}

static void cv_stop_all(void)
{
	pthread_mutex_lock(&cv_lock);
	cv_stop = 1;
	pthread_cond_broadcast(&cv_cond);
	pthread_mutex_unlock(&cv_lock);
	for (int i = 0; i < wt_n; i++)
		pthread_join(cv_threads[i], NULL);
	free(cv_threads);
}

struct wt_impl {
	void (*start)(int n);
	void (*wake)(int gen);
	void (*stop)(void);
};

static const struct wt_impl wt_impls[2] = {
	{ ukt_wt_start, ukt_wt_wake, ukt_wt_stop },
	{ cv_start, cv_wake, cv_stop_all },
};

/* @rounds wakes of @n sleepers: one sample (us per waiter) each. */
static int wt_run(const struct wt_impl *im, int n, int rounds, struct bench_series *s)
{
	int unsettled = 0;

	wt_n = n;
	__atomic_store_n(&wt_gen, 0, __ATOMIC_RELAXED);
	__atomic_store_n(&wt_ready, 0, __ATOMIC_RELAXED);
	wt_tids = must_calloc((size_t)n, sizeof(*wt_tids));
	im->start(n);
	for (int r = 1; r <= rounds; r++) {
		uint64_t t0;

		/* Untimed: every waiter is back in its wait and asleep. */
		if (!wait_count(&wt_ready, n * r, 20000) ||
		    !wait_sleeping(wt_tids, n, 5000))
			unsettled++;
		__atomic_store_n(&wt_woken, 0, __ATOMIC_RELAXED);
		bench_event_reset(&wt_all_woken);
		t0 = bench_now_ns();
		im->wake(r);
		bench_event_wait(&wt_all_woken);
		bench_sample(s, us_per(wt_last_ns - t0, n));
	}
	bench_end_rep(s);
	/* The last round's waiters are back in their wait before the stop. */
	wait_count(&wt_ready, n * (rounds + 1), 20000);
	im->stop();
	free(wt_tids);
	return unsettled;
}

static void section_waiters(void)
{
	static const int ns[] = { 1, 10, 100, 1000 };
	uint64_t end = bench_now_ns() + 25000000000ull;

	for (int k = 0; k < 4; k++) {
		int n = ns[k];
		int rounds = n >= 1000 ? 3 : n >= 100 ? 10 : 30;
		int reps = bench_reps(5, 2), unsettled = 0;
		struct bench_series s[2];

		for (int i = 0; i < 2; i++)
			bench_series_init(&s[i], (size_t)(rounds * reps));
		for (int r = 0; r < reps && budget_left("waiters", n, r, 2, end); r++) {
			bench_log("scale: waiters, N=%d: repetition %d/%d", n, r + 1, reps);
			for (int i0 = 0; i0 < 2; i0++) {
				int i = (i0 + r) % 2;

				unsettled += wt_run(&wt_impls[i], n, rounds, &s[i]);
			}
		}
		if (unsettled)
			bench_log("scale: waiters, N=%d: %d rounds started with a waiter "
				  "not seen asleep", n, unsettled);
		for (int i = 0; i < 2; i++) {
			bench_emit_scale(&s[i], "scale-waiters", "wake all", n,
					 i ? "pthread condvar" : "ukthread", "us", "lower",
					 unsettled ? "some rounds began with a waiter not "
						     "seen asleep" : NULL);
			bench_series_free(&s[i]);
		}
	}
}

int main(int argc, char **argv)
{
	uint64_t t0;

	bench_init(argc, argv);
	t0 = bench_now_ns();
	section_timers();
	bench_log("scale: timers: %.1f s", (double)(bench_now_ns() - t0) / 1e9);
	section_expire();
	bench_log("scale: + expiry: %.1f s", (double)(bench_now_ns() - t0) / 1e9);
	section_kthreads();
	bench_log("scale: + kthreads: %.1f s", (double)(bench_now_ns() - t0) / 1e9);
	section_workers();
	bench_log("scale: + workers: %.1f s", (double)(bench_now_ns() - t0) / 1e9);
	section_waiters();
	bench_log("scale: + waiters: %.1f s", (double)(bench_now_ns() - t0) / 1e9);
	return 0;
}
