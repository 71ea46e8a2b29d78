// SPDX-License-Identifier: MIT
/*
 * test_semaphore.c - counting semaphores (src/kernel/sched/semaphore.c):
 * the count, trylock's sense, FIFO hand-over, -EINTR on kthread_stop(),
 * -ETIME, and mutual exclusion under contention.
 */
#include "ukt_test.h"

static DEFINE_SEMAPHORE(static_binary);		/* the old spelling: count 1 */
static DEFINE_SEMAPHORE(static_three, 3);

START_TEST(test_count_and_trylock)
{
	struct semaphore s;

	sema_init(&s, 2);
	ck_assert_int_eq(down_trylock(&s), 0);
	ck_assert_int_eq(down_trylock(&s), 0);
	ck_assert_int_eq(down_trylock(&s), 1);	/* the kernel's sense: 1 = busy */
	up(&s);
	ck_assert_int_eq(down_trylock(&s), 0);
	up(&s);
	up(&s);
	ck_assert_uint_eq(s.count, 2);

	ck_assert_uint_eq(static_binary.count, 1);
	ck_assert_uint_eq(static_three.count, 3);
	down(&static_binary);
	ck_assert_int_eq(down_trylock(&static_binary), 1);
	up(&static_binary);
	ck_assert_int_eq(down_interruptible(&static_three), 0);
	ck_assert_int_eq(down_killable(&static_three), 0);
	ck_assert_int_eq(down_timeout(&static_three, 10), 0);
	ck_assert_int_eq(down_trylock(&static_three), 1);
}
END_TEST

START_TEST(test_down_timeout_expires)
{
	struct semaphore s;
	long long t0;

	sema_init(&s, 0);
	t0 = t_now_ns();
	ck_assert_int_eq(down_timeout(&s, 30), -ETIME);
	ck_assert(t_ms_since(t0) >= 29.0);
	ck_assert_int_eq(down_timeout(&s, 0), -ETIME);
	ck_assert(ukt_list_empty(&s.wait_list));
	up(&s);
	ck_assert_uint_eq(s.count, 1);
}
END_TEST

/* Sleepers are served in arrival order, and a late arrival never steals. */
struct fifo {
	struct semaphore sem;
	int order[3];
	int next;
	int ready;
};

struct fifo_arg {
	struct fifo *f;
	int id;
};

static int fifo_fn(void *data)
{
	struct fifo_arg *a = data;

	T_INC(&a->f->ready);
	down(&a->f->sem);
	a->f->order[T_INC(&a->f->next) - 1] = a->id;
	return 0;
}

START_TEST(test_fifo_hand_over)
{
	struct fifo f = { .next = 0 };
	struct fifo_arg args[3];
	struct task_struct *t[3];

	sema_init(&f.sem, 0);
	for (int i = 0; i < 3; i++) {
		args[i] = (struct fifo_arg){ &f, i };
		t[i] = kthread_run(fifo_fn, &args[i], "sem%d", i);
		ck_assert(!IS_ERR(t[i]));
		ck_assert(t_wait_sleeping(t[i], TASK_UNINTERRUPTIBLE, 5000));
	}
	/* up() gives the unit to the oldest sleeper: trylock finds none. */
	up(&f.sem);
	ck_assert_int_eq(down_trylock(&f.sem), 1);
	ck_assert(T_WAIT_FOR(T_LOAD(&f.next) == 1, 5000));
	up(&f.sem);
	ck_assert(T_WAIT_FOR(T_LOAD(&f.next) == 2, 5000));
	up(&f.sem);
	for (int i = 0; i < 3; i++)
		ck_assert_int_eq(kthread_stop(t[i]), 0);
	ck_assert_int_eq(f.order[0], 0);
	ck_assert_int_eq(f.order[1], 1);
	ck_assert_int_eq(f.order[2], 2);
	ck_assert_uint_eq(f.sem.count, 0);
}
END_TEST

static int intr_fn(void *data)
{
	struct semaphore *s = data;
	int ret = down_interruptible(s);

	if (!ret)
		up(s);
	return ret;
}

START_TEST(test_down_interruptible_stopped)
{
	struct semaphore s;
	struct task_struct *t;

	sema_init(&s, 0);
	t = kthread_run(intr_fn, &s, "semintr");
	ck_assert(!IS_ERR(t));
	ck_assert(t_wait_sleeping(t, TASK_INTERRUPTIBLE, 5000));
	ck_assert_int_eq(kthread_stop(t), -EINTR);
	ck_assert(ukt_list_empty(&s.wait_list));
	/* The unit it did not get is still there for the next one. */
	up(&s);
	ck_assert_int_eq(down_trylock(&s), 0);
}
END_TEST

/* Contention: a binary semaphore as a lock, four kthreads and this thread. */
struct contend {
	struct semaphore sem;
	int inside;
	int overlap;
	long counter;
	int done;	/* threads finished: stop them only then (else -EINTR) */
};

static void contend_round(struct contend *c)
{
	down(&c->sem);
	if (T_INC(&c->inside) != 1)
		T_INC(&c->overlap);
	c->counter++;			/* a plain access: the semaphore guards it */
	if (c->counter % 64 == 0)
		sched_yield();
	T_DEC(&c->inside);
	up(&c->sem);
}

static int contend_fn(void *data)
{
	struct contend *c = data;

	for (int i = 0; i < 5000; i++)
		contend_round(c);
	T_INC(&c->done);
	return 0;
}

START_TEST(test_contention_mutual_exclusion)
{
	struct contend c = { .inside = 0 };
	struct task_struct *t[4];

	sema_init(&c.sem, 1);
	for (int i = 0; i < 4; i++) {
		t[i] = kthread_run(contend_fn, &c, "semc%d", i);
		ck_assert(!IS_ERR(t[i]));
	}
	for (int i = 0; i < 5000; i++)
		contend_round(&c);
	ck_assert(T_WAIT_FOR(T_LOAD(&c.done) == 4, 15000));
	for (int i = 0; i < 4; i++)
		ck_assert_int_eq(kthread_stop(t[i]), 0);
	ck_assert_int_eq(c.overlap, 0);
	ck_assert_int_eq(c.counter, 25000);
	ck_assert_uint_eq(c.sem.count, 1);
	ck_assert(ukt_list_empty(&c.sem.wait_list));
}
END_TEST

/* A counting semaphore admits at most its count at once. */
struct pool {
	struct semaphore sem;
	int inside;
	int peak;
	int done;
};

static int pool_fn(void *data)
{
	struct pool *p = data;

	for (int i = 0; i < 300; i++) {
		int now;

		down(&p->sem);
		now = T_INC(&p->inside);
		for (int peak = T_LOAD(&p->peak); now > peak &&
		     !__atomic_compare_exchange_n(&p->peak, &peak, now, 0,
						  __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);)
			;
		t_sleep_us(20);
		T_DEC(&p->inside);
		up(&p->sem);
	}
	T_INC(&p->done);
	return 0;
}

START_TEST(test_contention_counting)
{
	struct pool p = { .inside = 0 };
	struct task_struct *t[6];

	sema_init(&p.sem, 2);
	for (int i = 0; i < 6; i++) {
		t[i] = kthread_run(pool_fn, &p, "semp%d", i);
		ck_assert(!IS_ERR(t[i]));
	}
	ck_assert(T_WAIT_FOR(T_LOAD(&p.done) == 6, 15000));
	for (int i = 0; i < 6; i++)
		ck_assert_int_eq(kthread_stop(t[i]), 0);
	ck_assert_int_le(p.peak, 2);
	ck_assert_int_ge(p.peak, 1);
	ck_assert_uint_eq(p.sem.count, 2);
}
END_TEST

static Suite *semaphore_suite(void)
{
	Suite *s = suite_create("semaphore");
	TCase *tc = t_tcase(s, "single");
	TCase *tw = t_tcase(s, "waiters");

	tcase_add_test(tc, test_count_and_trylock);
	tcase_add_test(tc, test_down_timeout_expires);
	tcase_add_test(tw, test_fifo_hand_over);
	tcase_add_test(tw, test_down_interruptible_stopped);
	tcase_add_test(tw, test_contention_mutual_exclusion);
	tcase_add_test(tw, test_contention_counting);
	return s;
}

int main(void)
{
	return t_run_suite(semaphore_suite());
}
