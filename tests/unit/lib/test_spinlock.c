// SPDX-License-Identifier: MIT
/*
 * test_spinlock.c - ukt_spinlock_t (<ukthread/spinlock.h>, slow paths in
 * src/lib/spinlock.c): lock, unlock and trylock alone, mutual exclusion
 * of several threads counting a shared counter, the sleep on the futex
 * when the holder keeps the lock and the wakeup at unlock.
 */
#include <ukthread/spinlock.h>

#include "ukt_test.h"

START_TEST(test_lock_unlock_trylock)
{
	ukt_spinlock_t s = UKT_SPINLOCK_INIT, d;

	ck_assert(!ukt_spin_is_locked(&s));
	ukt_spin_lock(&s);
	ck_assert(ukt_spin_is_locked(&s));
	ck_assert(!ukt_spin_trylock(&s));
	ck_assert(ukt_spin_is_locked(&s));
	ukt_spin_unlock(&s);
	ck_assert(!ukt_spin_is_locked(&s));
	ck_assert(ukt_spin_trylock(&s));
	ck_assert(ukt_spin_is_locked(&s));
	ck_assert(!ukt_spin_trylock(&s));
	ukt_spin_unlock(&s);
	ck_assert(!ukt_spin_is_locked(&s));

	/* Initialised at run time, over garbage. */
	memset(&d, 0xff, sizeof(d));
	ukt_spin_lock_init(&d);
	ck_assert(!ukt_spin_is_locked(&d));
	ck_assert(ukt_spin_trylock(&d));
	ukt_spin_unlock(&d);
	ck_assert(!ukt_spin_is_locked(&d));
	ck_assert_uint_eq(sizeof(ukt_spinlock_t), 4);
}
END_TEST

/* ---- contention --------------------------------------------------------------- */

#define NTHREADS 4
#define PER_THREAD 50000

struct counting {
	ukt_spinlock_t lock;
	pthread_barrier_t start;
	long counter;		/* plain: only the lock protects it */
	int inside;		/* threads in the critical section */
	int overlaps;		/* times one found another inside */
	int use_trylock;
	long try_failures;
	int hold_us;		/* sleep this long while holding, now and then */
};

static void critical_section(struct counting *c, int i)
{
	if (T_INC(&c->inside) != 1)
		T_INC(&c->overlaps);
	c->counter++;
	if (c->hold_us && i % 1000 == 0)
		t_sleep_us((unsigned long)c->hold_us);	/* contenders go to sleep */
	T_DEC(&c->inside);
}

static void *counting_thread(void *arg)
{
	struct counting *c = arg;
	long failures = 0;

	pthread_barrier_wait(&c->start);
	for (int i = 0; i < PER_THREAD; i++) {
		if (c->use_trylock) {
			while (!ukt_spin_trylock(&c->lock)) {
				failures++;
				if (failures % 64 == 0)
					sched_yield();
			}
		} else {
			ukt_spin_lock(&c->lock);
		}
		critical_section(c, i);
		ukt_spin_unlock(&c->lock);
	}
	T_ADD(&c->try_failures, failures);
	return NULL;
}

static void run_counting(struct counting *c)
{
	pthread_t th[NTHREADS];

	ukt_spin_lock_init(&c->lock);
	ck_assert_int_eq(pthread_barrier_init(&c->start, NULL, NTHREADS), 0);
	for (int i = 0; i < NTHREADS; i++)
		ck_assert_int_eq(pthread_create(&th[i], NULL, counting_thread, c), 0);
	for (int i = 0; i < NTHREADS; i++)
		ck_assert_int_eq(pthread_join(th[i], NULL), 0);
	pthread_barrier_destroy(&c->start);
	ck_assert_int_eq(c->overlaps, 0);
	ck_assert_int_eq(c->counter, (long)NTHREADS * PER_THREAD);
	ck_assert(!ukt_spin_is_locked(&c->lock));
}

START_TEST(test_contended_lock_counts_exactly)
{
	static struct counting c;

	memset(&c, 0, sizeof(c));
	run_counting(&c);
}
END_TEST

START_TEST(test_contended_trylock_counts_exactly)
{
	static struct counting c;

	memset(&c, 0, sizeof(c));
	c.use_trylock = 1;
	run_counting(&c);
}
END_TEST

/* Holders that keep the lock long: contenders sleep on the futex. */
START_TEST(test_contended_with_sleeping_waiters)
{
	static struct counting c;

	memset(&c, 0, sizeof(c));
	c.hold_us = 2000;
	run_counting(&c);
}
END_TEST

/* ---- the sleep and the wakeup -------------------------------------------------- */

struct waiter {
	ukt_spinlock_t *lock;
	int tid;
	int trying;
	int acquired;
};

static void *lock_waiter(void *arg)
{
	struct waiter *w = arg;

	T_STORE(&w->tid, t_gettid());
	T_STORE(&w->trying, 1);
	ukt_spin_lock(w->lock);
	T_STORE(&w->acquired, 1);
	ukt_spin_unlock(w->lock);
	return NULL;
}

/* The thread's state letter in /proc/self/task/@tid/stat ('S': asleep). */
static char thread_state(int tid)
{
	char path[64], buf[512], *p;
	FILE *f;
	size_t n;

	snprintf(path, sizeof(path), "/proc/self/task/%d/stat", tid);
	f = fopen(path, "r");
	if (!f)
		return '?';
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	p = strrchr(buf, ')');
	return p && p[1] == ' ' ? p[2] : '?';
}

START_TEST(test_waiter_sleeps_and_unlock_wakes_it)
{
	ukt_spinlock_t lock = UKT_SPINLOCK_INIT;
	struct waiter w[3];
	pthread_t th[3];

	for (int round = 0; round < 5; round++) {
		ukt_spin_lock(&lock);
		for (int i = 0; i < 3; i++) {
			memset(&w[i], 0, sizeof(w[i]));
			w[i].lock = &lock;
			ck_assert_int_eq(pthread_create(&th[i], NULL, lock_waiter, &w[i]), 0);
		}
		for (int i = 0; i < 3; i++)
			ck_assert(T_WAIT_FOR(T_LOAD(&w[i].trying), 5000));
		/* Spinning gave up: the word says "sleepers", the threads sleep. */
		ck_assert(T_WAIT_FOR(T_LOAD(&lock.val) == 2, 5000));
		for (int i = 0; i < 3; i++)
			ck_assert_msg(T_WAIT_FOR(thread_state(T_LOAD(&w[i].tid)) == 'S', 5000),
				      "round %d: waiter %d is in state %c", round, i,
				      thread_state(T_LOAD(&w[i].tid)));
		t_sleep_ms(20);
		for (int i = 0; i < 3; i++)
			ck_assert_int_eq(T_LOAD(&w[i].acquired), 0);
		/* Every sleeper gets woken in turn: none is left behind. */
		ukt_spin_unlock(&lock);
		for (int i = 0; i < 3; i++)
			ck_assert_msg(T_WAIT_FOR(T_LOAD(&w[i].acquired), 5000),
				      "round %d: waiter %d never woke", round, i);
		for (int i = 0; i < 3; i++)
			ck_assert_int_eq(pthread_join(th[i], NULL), 0);
		ck_assert(!ukt_spin_is_locked(&lock));
	}
}
END_TEST

static Suite *spinlock_suite(void)
{
	Suite *s = suite_create("spinlock");
	TCase *tc;

	tc = t_tcase(s, "single");
	tcase_add_test(tc, test_lock_unlock_trylock);

	tc = t_tcase(s, "contention");
	tcase_add_test(tc, test_contended_lock_counts_exactly);
	tcase_add_test(tc, test_contended_trylock_counts_exactly);
	tcase_add_test(tc, test_contended_with_sleeping_waiters);
	tcase_add_test(tc, test_waiter_sleeps_and_unlock_wakes_it);
	return s;
}

int main(void)
{
	return t_run_suite(spinlock_suite());
}
