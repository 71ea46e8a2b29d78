// SPDX-License-Identifier: MIT
/*
 * test_rwsem.c - reader/writer semaphores (src/kernel/sched/rwsem.c):
 * shared reads, exclusive writes, FIFO fairness (no writer starves),
 * downgrade_write(), -EINTR on kthread_stop(), misuse warnings and
 * contention.
 */
#include "ukt_test.h"

static DECLARE_RWSEM(static_rwsem);

START_TEST(test_readers_share_writer_excludes)
{
	struct rw_semaphore s;

	init_rwsem(&s);
	ck_assert(!rwsem_is_locked(&s));
	down_read(&s);
	ck_assert_int_eq(down_read_trylock(&s), 1);
	ck_assert_int_eq(down_write_trylock(&s), 0);
	ck_assert(rwsem_is_locked(&s));
	up_read(&s);
	up_read(&s);
	ck_assert_int_eq(down_write_trylock(&s), 1);
	ck_assert_int_eq(down_read_trylock(&s), 0);
	ck_assert_int_eq(down_write_trylock(&s), 0);
	up_write(&s);
	ck_assert(!rwsem_is_locked(&s));

	down_write(&static_rwsem);
	downgrade_write(&static_rwsem);
	ck_assert_int_eq(down_read_trylock(&static_rwsem), 1);
	ck_assert_int_eq(down_write_trylock(&static_rwsem), 0);
	up_read(&static_rwsem);
	up_read(&static_rwsem);
	ck_assert_int_eq(down_write_killable(&static_rwsem), 0);
	up_write(&static_rwsem);
	ck_assert_int_eq(down_read_killable(&static_rwsem), 0);
	ck_assert_int_eq(down_read_interruptible(&static_rwsem), 0);
	up_read(&static_rwsem);
	up_read(&static_rwsem);
}
END_TEST

START_TEST(test_misuse_warns)
{
	struct rw_semaphore s;
	unsigned long w = ukt_warn_count();

	init_rwsem(&s);
	up_read(&s);
	up_write(&s);
	downgrade_write(&s);
	ck_assert_uint_eq(ukt_warn_count(), w + 3);
	ck_assert(!rwsem_is_locked(&s));
	ck_assert_int_eq(down_write_trylock(&s), 1);
	up_write(&s);
}
END_TEST

/* A record of who got in, in what order. */
struct order {
	struct rw_semaphore sem;
	char log[8];
	int n;
	int holding;
};

struct order_arg {
	struct order *o;
	char who;		/* 'r' or 'w' */
};

static int order_fn(void *data)
{
	struct order_arg *a = data;
	struct order *o = a->o;

	if (a->who == 'w')
		down_write(&o->sem);
	else
		down_read(&o->sem);
	T_STORE(&o->log[T_INC(&o->n) - 1], a->who);
	T_INC(&o->holding);
	while (!kthread_should_stop())
		msleep_interruptible(1000);
	if (a->who == 'w')
		up_write(&o->sem);
	else
		up_read(&o->sem);
	return 0;
}

static struct task_struct *order_start(struct order_arg *a, unsigned int state)
{
	struct task_struct *t = kthread_run(order_fn, a, "rw%c", a->who);

	ck_assert(!IS_ERR(t));
	ck_assert(t_wait_sleeping(t, state, 5000));
	return t;
}

/* With a reader in, a writer waits, and a later reader queues behind it. */
START_TEST(test_writer_not_starved)
{
	struct order o = { .n = 0 };
	struct order_arg w = { &o, 'w' }, r = { &o, 'r' };
	struct task_struct *tw, *tr;

	init_rwsem(&o.sem);
	down_read(&o.sem);			/* this thread: the first reader */
	tw = order_start(&w, TASK_UNINTERRUPTIBLE);
	tr = order_start(&r, TASK_UNINTERRUPTIBLE);
	ck_assert_int_eq(down_read_trylock(&o.sem), 0);	/* a writer waits */
	ck_assert_int_eq(T_LOAD(&o.n), 0);
	up_read(&o.sem);
	ck_assert(T_WAIT_FOR(T_LOAD(&o.n) == 1, 5000));
	ck_assert_int_eq(T_LOAD(&o.log[0]), 'w');
	ck_assert_int_eq(kthread_stop(tw), 0);	/* the writer leaves: the reader comes */
	ck_assert(T_WAIT_FOR(T_LOAD(&o.n) == 2, 5000));
	ck_assert_int_eq(T_LOAD(&o.log[1]), 'r');
	ck_assert_int_eq(kthread_stop(tr), 0);
	ck_assert(!rwsem_is_locked(&o.sem));
}
END_TEST

/* Downgrading lets the waiting readers in, but not the writer behind them. */
START_TEST(test_downgrade_write)
{
	struct order o = { .n = 0 };
	struct order_arg r1 = { &o, 'r' }, r2 = { &o, 'r' }, w = { &o, 'w' };
	struct task_struct *t1, *t2, *tw;

	init_rwsem(&o.sem);
	down_write(&o.sem);
	t1 = order_start(&r1, TASK_UNINTERRUPTIBLE);
	t2 = order_start(&r2, TASK_UNINTERRUPTIBLE);
	tw = order_start(&w, TASK_UNINTERRUPTIBLE);
	downgrade_write(&o.sem);
	ck_assert(T_WAIT_FOR(T_LOAD(&o.n) == 2, 5000));
	ck_assert_int_eq(T_LOAD(&o.log[0]), 'r');
	ck_assert_int_eq(T_LOAD(&o.log[1]), 'r');
	t_sleep_ms(20);
	ck_assert_int_eq(T_LOAD(&o.n), 2);	/* the writer still waits */
	ck_assert_int_eq(kthread_stop(t1), 0);
	ck_assert_int_eq(kthread_stop(t2), 0);
	t_sleep_ms(20);
	ck_assert_int_eq(T_LOAD(&o.n), 2);	/* and this thread still reads */
	up_read(&o.sem);
	ck_assert(T_WAIT_FOR(T_LOAD(&o.n) == 3, 5000));
	ck_assert_int_eq(T_LOAD(&o.log[2]), 'w');
	ck_assert_int_eq(kthread_stop(tw), 0);
}
END_TEST

static int intr_fn(void *data)
{
	struct rw_semaphore *s = data;
	int ret = down_read_interruptible(s);

	if (!ret)
		up_read(s);
	return ret;
}

START_TEST(test_down_read_interruptible_stopped)
{
	struct rw_semaphore s;
	struct task_struct *t;

	init_rwsem(&s);
	down_write(&s);
	t = kthread_run(intr_fn, &s, "rwintr");
	ck_assert(!IS_ERR(t));
	ck_assert(t_wait_sleeping(t, TASK_INTERRUPTIBLE, 5000));
	ck_assert_int_eq(kthread_stop(t), -EINTR);
	ck_assert(ukt_list_empty(&s.wait_list));
	up_write(&s);
	ck_assert(!rwsem_is_locked(&s));
}
END_TEST

/* Contention: readers check that no writer is inside, writers that nobody is. */
struct rwc {
	struct rw_semaphore sem;
	int readers;
	int writers;
	int bad;
	long value;
	long reads_ok;
	int done;	/* threads finished: stop them only then (else -EINTR) */
};

static int rwc_reader(void *data)
{
	struct rwc *c = data;

	for (int i = 0; i < 3000; i++) {
		long v1, v2;

		down_read(&c->sem);
		T_INC(&c->readers);
		if (T_LOAD(&c->writers))
			T_INC(&c->bad);
		v1 = c->value;
		if (i % 32 == 0)
			sched_yield();
		v2 = c->value;
		if (v1 != v2)
			T_INC(&c->bad);
		T_DEC(&c->readers);
		up_read(&c->sem);
		T_INC(&c->reads_ok);
	}
	T_INC(&c->done);
	return 0;
}

static int rwc_writer(void *data)
{
	struct rwc *c = data;

	for (int i = 0; i < 1500; i++) {
		down_write(&c->sem);
		if (T_INC(&c->writers) != 1 || T_LOAD(&c->readers))
			T_INC(&c->bad);
		c->value++;
		if (i % 16 == 0) {
			/* Sometimes become a reader: no writer may slip in. */
			T_DEC(&c->writers);
			downgrade_write(&c->sem);
			T_INC(&c->readers);
			if (T_LOAD(&c->writers))
				T_INC(&c->bad);
			T_DEC(&c->readers);
			up_read(&c->sem);
			continue;
		}
		T_DEC(&c->writers);
		up_write(&c->sem);
	}
	T_INC(&c->done);
	return 0;
}

START_TEST(test_contention)
{
	struct rwc c = { .value = 0 };
	struct task_struct *t[5];

	init_rwsem(&c.sem);
	for (int i = 0; i < 3; i++)
		t[i] = kthread_run(rwc_reader, &c, "rwr%d", i);
	for (int i = 3; i < 5; i++)
		t[i] = kthread_run(rwc_writer, &c, "rww%d", i);
	for (int i = 0; i < 5; i++)
		ck_assert(!IS_ERR(t[i]));
	ck_assert(T_WAIT_FOR(T_LOAD(&c.done) == 5, 15000));
	for (int i = 0; i < 5; i++) {
		ck_assert_int_eq(kthread_stop(t[i]), 0);
	}
	ck_assert_int_eq(c.bad, 0);
	ck_assert_int_eq(c.value, 3000);
	ck_assert_int_eq(c.reads_ok, 9000);
	ck_assert(!rwsem_is_locked(&c.sem));
	ck_assert(ukt_list_empty(&c.sem.wait_list));
}
END_TEST

static Suite *rwsem_suite(void)
{
	Suite *s = suite_create("rwsem");
	TCase *tc = t_tcase(s, "single");
	TCase *tw = t_tcase(s, "waiters");

	tcase_add_test(tc, test_readers_share_writer_excludes);
	tcase_add_test(tc, test_misuse_warns);
	tcase_add_test(tw, test_writer_not_starved);
	tcase_add_test(tw, test_downgrade_write);
	tcase_add_test(tw, test_down_read_interruptible_stopped);
	tcase_add_test(tw, test_contention);
	return s;
}

int main(void)
{
	return t_run_suite(rwsem_suite());
}
