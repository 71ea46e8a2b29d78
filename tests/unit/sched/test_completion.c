// SPDX-License-Identifier: MIT
/* test_completion.c - completions (src/kernel/sched/completion.c). */
#include "ukt_test.h"

static DECLARE_COMPLETION(static_done);

/* ---- the functions alone ---------------------------------------------- */

START_TEST(test_init_not_done)
{
	struct completion c;

	init_completion(&c);
	ck_assert(!completion_done(&c));
	ck_assert(!try_wait_for_completion(&c));
	ck_assert_uint_eq(c.done, 0);
}
END_TEST

START_TEST(test_declare_completion)
{
	DECLARE_COMPLETION(local);
	DECLARE_COMPLETION_ONSTACK(onstack);

	ck_assert(!completion_done(&static_done));
	ck_assert(!completion_done(&local));
	ck_assert(!completion_done(&onstack));
	complete(&static_done);
	complete(&local);
	complete(&onstack);
	ck_assert(completion_done(&static_done));
	ck_assert(completion_done(&local));
	ck_assert(completion_done(&onstack));
	wait_for_completion(&static_done);
	wait_for_completion(&local);
	wait_for_completion(&onstack);
	ck_assert(!completion_done(&static_done));
	ck_assert(!completion_done(&local));
	ck_assert(!completion_done(&onstack));
}
END_TEST

START_TEST(test_banked_passes)
{
	DECLARE_COMPLETION_ONSTACK(c);

	complete(&c);
	complete(&c);
	complete(&c);
	ck_assert_uint_eq(c.done, 3);
	ck_assert(completion_done(&c));
	ck_assert(try_wait_for_completion(&c));
	wait_for_completion(&c);
	ck_assert_uint_eq(wait_for_completion_timeout(&c, 100), 100);
	ck_assert(!completion_done(&c));
	ck_assert(!try_wait_for_completion(&c));
}
END_TEST

START_TEST(test_complete_all_lets_everyone_through)
{
	DECLARE_COMPLETION_ONSTACK(c);

	complete_all(&c);
	for (int i = 0; i < 100; i++) {
		ck_assert(completion_done(&c));
		ck_assert(try_wait_for_completion(&c));
		wait_for_completion(&c);
	}
	ck_assert_int_eq(wait_for_completion_interruptible(&c), 0);
	ck_assert_int_eq(wait_for_completion_killable(&c), 0);
	ck_assert_uint_eq(wait_for_completion_timeout(&c, 7), 7);
	/* complete() after complete_all() changes nothing. */
	complete(&c);
	ck_assert(completion_done(&c));
	reinit_completion(&c);
	ck_assert(!completion_done(&c));
	ck_assert(!try_wait_for_completion(&c));
}
END_TEST

START_TEST(test_reinit)
{
	DECLARE_COMPLETION_ONSTACK(c);

	complete(&c);
	complete(&c);
	reinit_completion(&c);
	ck_assert(!completion_done(&c));
	ck_assert_uint_eq(wait_for_completion_timeout(&c, 10), 0);
	complete(&c);
	ck_assert(try_wait_for_completion(&c));
	ck_assert(!try_wait_for_completion(&c));
}
END_TEST

START_TEST(test_timeout_expires)
{
	DECLARE_COMPLETION_ONSTACK(c);
	long long t0 = t_now_ns();

	ck_assert_uint_eq(wait_for_completion_timeout(&c, 50), 0);
	ck_assert_msg(t_ms_since(t0) >= 50, "waited %.3f ms", t_ms_since(t0));
	t0 = t_now_ns();
	ck_assert_int_eq(wait_for_completion_interruptible_timeout(&c, 30), 0);
	ck_assert(t_ms_since(t0) >= 30);
	t0 = t_now_ns();
	ck_assert_int_eq(wait_for_completion_killable_timeout(&c, 30), 0);
	ck_assert(t_ms_since(t0) >= 30);
	/* A zero timeout only polls. */
	ck_assert_uint_eq(wait_for_completion_timeout(&c, 0), 0);
	complete(&c);
	ck_assert_uint_eq(wait_for_completion_timeout(&c, 0), 1);
	ck_assert(task_is_running(get_current()));
	/* Nothing was left queued by the timeouts. */
	ck_assert(ukt_list_empty(&c.waiters));
}
END_TEST

/* ---- with waiters ------------------------------------------------------------- */

enum wait_kind {
	W_PLAIN, W_IO, W_TIMEOUT, W_INTR, W_INTR_TIMEOUT, W_KILLABLE, W_KILLABLE_TIMEOUT,
};

struct waiter {
	struct completion *c;
	int id;
	enum wait_kind kind;
	unsigned long timeout;
	long ret;
	int passed;
	int *order;	/* shared: ids in the order they passed */
	int *nslot;	/* shared: next free slot of @order */
	int *npassed;	/* shared: slots written */
};

static int waiter_fn(void *data)
{
	struct waiter *w = data;

	switch (w->kind) {
	case W_PLAIN:
		wait_for_completion(w->c);
		break;
	case W_IO:
		wait_for_completion_io(w->c);
		break;
	case W_TIMEOUT:
		w->ret = (long)wait_for_completion_timeout(w->c, w->timeout);
		break;
	case W_INTR:
		w->ret = wait_for_completion_interruptible(w->c);
		break;
	case W_INTR_TIMEOUT:
		w->ret = wait_for_completion_interruptible_timeout(w->c, w->timeout);
		break;
	case W_KILLABLE:
		w->ret = wait_for_completion_killable(w->c);
		break;
	case W_KILLABLE_TIMEOUT:
		w->ret = wait_for_completion_killable_timeout(w->c, w->timeout);
		break;
	}
	if (w->order) {
		int slot = __atomic_fetch_add(w->nslot, 1, __ATOMIC_ACQ_REL);

		w->order[slot] = w->id;
		/* Publish after the slot is written: readers wait for npassed. */
		__atomic_fetch_add(w->npassed, 1, __ATOMIC_RELEASE);
	}
	__atomic_store_n(&w->passed, 1, __ATOMIC_RELEASE);
	return (int)w->ret;
}

static bool passed(struct waiter *w)
{
	return __atomic_load_n(&w->passed, __ATOMIC_ACQUIRE);
}

static struct task_struct *start_waiter(struct waiter *w, unsigned int state)
{
	struct task_struct *p = kthread_run(waiter_fn, w, "waiter%d", w->id);

	ck_assert(!IS_ERR(p));
	ck_assert(t_wait_sleeping(p, state, 5000));
	return p;
}

#define NW 4

/* complete() lets exactly one waiter through, the oldest first. */
START_TEST(test_complete_one_waiter_fifo)
{
	DECLARE_COMPLETION_ONSTACK(c);
	struct waiter w[NW];
	struct task_struct *p[NW];
	int order[NW], nslot = 0, npassed = 0;

	for (int i = 0; i < NW; i++) {
		w[i] = (struct waiter){ .c = &c, .id = i, .kind = W_PLAIN,
					.order = order, .nslot = &nslot,
					.npassed = &npassed };
		/* Started one by one, each asleep before the next: queue order. */
		p[i] = start_waiter(&w[i], TASK_UNINTERRUPTIBLE);
	}
	for (int i = 0; i < NW; i++) {
		complete(&c);
		ck_assert(T_WAIT_FOR(__atomic_load_n(&npassed, __ATOMIC_ACQUIRE) == i + 1, 5000));
		t_sleep_ms(20);	/* nobody else slips through */
		ck_assert_int_eq(__atomic_load_n(&npassed, __ATOMIC_ACQUIRE), i + 1);
		ck_assert_int_eq(order[i], i);
		ck_assert(!completion_done(&c));
	}
	for (int i = 0; i < NW; i++)
		ck_assert_int_eq(kthread_stop(p[i]), 0);
}
END_TEST

START_TEST(test_complete_all_wakes_all_waiters)
{
	DECLARE_COMPLETION_ONSTACK(c);
	struct waiter w[NW];
	struct task_struct *p[NW];
	int order[NW], nslot = 0, npassed = 0;
	static const enum wait_kind kinds[NW] = { W_PLAIN, W_IO, W_INTR, W_KILLABLE };

	for (int i = 0; i < NW; i++) {
		w[i] = (struct waiter){ .c = &c, .id = i, .kind = kinds[i],
					.order = order, .nslot = &nslot,
					.npassed = &npassed };
		p[i] = start_waiter(&w[i], kinds[i] == W_INTR ? TASK_INTERRUPTIBLE :
				    kinds[i] == W_KILLABLE ? TASK_KILLABLE :
				    TASK_UNINTERRUPTIBLE);
	}
	t_sleep_ms(20);
	ck_assert_int_eq(__atomic_load_n(&npassed, __ATOMIC_ACQUIRE), 0);
	complete_all(&c);
	ck_assert(T_WAIT_FOR(__atomic_load_n(&npassed, __ATOMIC_ACQUIRE) == NW, 5000));
	for (int i = 0; i < NW; i++) {
		ck_assert(passed(&w[i]));
		ck_assert_int_eq(kthread_stop(p[i]), 0);
	}
	/* And later waiters too. */
	ck_assert(completion_done(&c));
	wait_for_completion(&c);
}
END_TEST

/* A banked pass is taken by a waiter that comes later, without sleeping. */
START_TEST(test_banked_pass_to_later_waiter)
{
	DECLARE_COMPLETION_ONSTACK(c);
	struct waiter w = { .c = &c, .id = 0, .kind = W_TIMEOUT, .timeout = 5000 };
	struct task_struct *p;

	complete(&c);
	p = kthread_run(waiter_fn, &w, "late_waiter");
	ck_assert(!IS_ERR(p));
	ck_assert(T_WAIT_FOR(passed(&w), 5000));
	ck_assert_int_eq(kthread_stop(p), 5000);
	ck_assert(!completion_done(&c));
}
END_TEST

START_TEST(test_timeout_returns_remaining)
{
	DECLARE_COMPLETION_ONSTACK(c);
	struct waiter w = { .c = &c, .kind = W_TIMEOUT, .timeout = 10000 };
	struct task_struct *p = start_waiter(&w, TASK_UNINTERRUPTIBLE);
	long long t0 = t_now_ns();

	t_sleep_ms(50);
	complete(&c);
	ck_assert(T_WAIT_FOR(passed(&w), 5000));
	ck_assert_int_eq(kthread_stop(p), (int)w.ret);
	ck_assert_msg(w.ret >= 1 && w.ret <= 10000 - 50 + 1, "returned %ld", w.ret);
	ck_assert_msg(w.ret >= 10000 - (long)t_ms_since(t0) - 10, "returned %ld", w.ret);
}
END_TEST

START_TEST(test_timeout_expires_in_kthread)
{
	DECLARE_COMPLETION_ONSTACK(c);
	struct waiter w = { .c = &c, .kind = W_TIMEOUT, .timeout = 40 };
	struct task_struct *p = kthread_run(waiter_fn, &w, "to_waiter");

	ck_assert(!IS_ERR(p));
	ck_assert(T_WAIT_FOR(passed(&w), 5000));
	ck_assert_int_eq(kthread_stop(p), 0);
	ck_assert_int_eq(w.ret, 0);
	/* The waiter left the queue: a later complete() banks a pass. */
	ck_assert(ukt_list_empty(&c.waiters));
	complete(&c);
	ck_assert(completion_done(&c));
}
END_TEST

START_TEST(test_interruptible_completed)
{
	DECLARE_COMPLETION_ONSTACK(c);
	struct waiter w = { .c = &c, .kind = W_INTR };
	struct task_struct *p = start_waiter(&w, TASK_INTERRUPTIBLE);

	complete(&c);
	ck_assert(T_WAIT_FOR(passed(&w), 5000));
	ck_assert_int_eq(kthread_stop(p), 0);
	ck_assert_int_eq(w.ret, 0);
}
END_TEST

/* kthread_stop() interrupts an interruptible wait: -ERESTARTSYS. */
START_TEST(test_interruptible_stopped)
{
	DECLARE_COMPLETION_ONSTACK(c);
	struct waiter w = { .c = &c, .kind = W_INTR };
	struct task_struct *p = start_waiter(&w, TASK_INTERRUPTIBLE);
	long long t0 = t_now_ns();

	ck_assert_int_eq(kthread_stop(p), -ERESTARTSYS);
	ck_assert(t_ms_since(t0) < 1000);
	ck_assert_int_eq(w.ret, -ERESTARTSYS);
	/* No pass was consumed, no waiter left behind. */
	ck_assert(ukt_list_empty(&c.waiters));
	ck_assert(!completion_done(&c));
}
END_TEST

START_TEST(test_interruptible_timeout)
{
	DECLARE_COMPLETION_ONSTACK(c);
	struct waiter w = { .c = &c, .kind = W_INTR_TIMEOUT, .timeout = 10000 };
	struct waiter w2 = { .c = &c, .kind = W_INTR_TIMEOUT, .timeout = 30 };
	struct waiter w3 = { .c = &c, .kind = W_INTR_TIMEOUT, .timeout = 10000 };
	struct task_struct *p;

	/* Stopped: -ERESTARTSYS. */
	p = start_waiter(&w, TASK_INTERRUPTIBLE);
	ck_assert_int_eq(kthread_stop(p), -ERESTARTSYS);
	ck_assert_int_eq(w.ret, -ERESTARTSYS);
	/* Timed out: 0. */
	p = kthread_run(waiter_fn, &w2, "intr_to");
	ck_assert(!IS_ERR(p));
	ck_assert(T_WAIT_FOR(passed(&w2), 5000));
	ck_assert_int_eq(kthread_stop(p), 0);
	ck_assert_int_eq(w2.ret, 0);
	/* Completed: what was left. */
	p = start_waiter(&w3, TASK_INTERRUPTIBLE);
	t_sleep_ms(20);
	complete(&c);
	ck_assert(T_WAIT_FOR(passed(&w3), 5000));
	ck_assert_int_eq(kthread_stop(p), (int)w3.ret);
	ck_assert_msg(w3.ret >= 1 && w3.ret < 10000 - 19, "returned %ld", w3.ret);
}
END_TEST

struct completer {
	struct completion *c;
	unsigned int delay_ms;
};

static void *complete_later(void *arg)
{
	struct completer *cl = arg;

	t_sleep_ms(cl->delay_ms);
	complete(cl->c);
	return NULL;
}

/*
 * A killable wait ends only on a fatal signal, and kthread_stop() is not
 * one: the stopper waits until the completion comes.
 */
START_TEST(test_killable_not_interrupted_by_stop)
{
	DECLARE_COMPLETION_ONSTACK(c);
	struct waiter w = { .c = &c, .kind = W_KILLABLE };
	struct task_struct *p = start_waiter(&w, TASK_KILLABLE);
	struct completer cl = { &c, 200 };
	long long t0 = t_now_ns();
	pthread_t th;

	ck_assert_int_eq(pthread_create(&th, NULL, complete_later, &cl), 0);
	ck_assert_int_eq(kthread_stop(p), 0);
	ck_assert_msg(t_ms_since(t0) >= 150, "stop returned after %.1f ms", t_ms_since(t0));
	ck_assert_int_eq(w.ret, 0);
	pthread_join(th, NULL);
	ck_assert(!completion_done(&c));
}
END_TEST

START_TEST(test_killable_timeout)
{
	DECLARE_COMPLETION_ONSTACK(c);
	struct waiter w = { .c = &c, .kind = W_KILLABLE_TIMEOUT, .timeout = 10000 };
	struct task_struct *p = start_waiter(&w, TASK_KILLABLE);

	t_sleep_ms(20);
	complete(&c);
	ck_assert(T_WAIT_FOR(passed(&w), 5000));
	ck_assert_int_eq(kthread_stop(p), (int)w.ret);
	ck_assert_msg(w.ret >= 1 && w.ret < 10000 - 19, "returned %ld", w.ret);
}
END_TEST

/* Waiters that are not kthreads (plain pthreads) work the same. */
static void *pthread_waiter(void *arg)
{
	struct waiter *w = arg;

	waiter_fn(w);
	return NULL;
}

START_TEST(test_pthread_waiters_and_wait_io)
{
	DECLARE_COMPLETION_ONSTACK(c);
	struct waiter w[2] = {
		{ .c = &c, .id = 0, .kind = W_IO },
		{ .c = &c, .id = 1, .kind = W_INTR },
	};
	pthread_t th[2];

	for (int i = 0; i < 2; i++)
		ck_assert_int_eq(pthread_create(&th[i], NULL, pthread_waiter, &w[i]), 0);
	t_sleep_ms(30);
	ck_assert(!passed(&w[0]) && !passed(&w[1]));
	complete(&c);
	complete(&c);
	for (int i = 0; i < 2; i++)
		pthread_join(th[i], NULL);
	ck_assert_int_eq(w[1].ret, 0);
	ck_assert(!completion_done(&c));
}
END_TEST

/* Many completes from several threads, as many passes taken. */
struct storm {
	struct completion *c;
	int n;
};

static void *storm_completer(void *arg)
{
	struct storm *st = arg;

	for (int i = 0; i < st->n; i++)
		complete(st->c);
	return NULL;
}

static void *storm_waiter(void *arg)
{
	struct storm *st = arg;

	for (int i = 0; i < st->n; i++)
		wait_for_completion(st->c);
	return NULL;
}

START_TEST(test_complete_wait_storm)
{
	DECLARE_COMPLETION_ONSTACK(c);
	struct storm st = { &c, 20000 };
	pthread_t th[4];

	pthread_create(&th[0], NULL, storm_waiter, &st);
	pthread_create(&th[1], NULL, storm_waiter, &st);
	pthread_create(&th[2], NULL, storm_completer, &st);
	pthread_create(&th[3], NULL, storm_completer, &st);
	for (int i = 0; i < 4; i++)
		pthread_join(th[i], NULL);
	ck_assert(!completion_done(&c));
	ck_assert_uint_eq(c.done, 0);
}
END_TEST

/* A zeroed completion, never initialised: a warning, then it works. */
START_TEST(test_uninitialised_completion_warns)
{
	static struct completion z;	/* zeroed, no init_completion() */
	unsigned long warns = ukt_warn_count();

	memset(&z, 0, sizeof(z));
	ck_assert_uint_eq(wait_for_completion_timeout(&z, 5), 0);
	ck_assert_uint_eq(ukt_warn_count(), warns + 1);
	complete(&z);
	ck_assert(try_wait_for_completion(&z));
	memset(&z, 0, sizeof(z));
	complete(&z);			/* complete() first, on a zeroed one */
	ck_assert_uint_eq(ukt_warn_count(), warns + 2);
	wait_for_completion(&z);
}
END_TEST

static Suite *completion_suite(void)
{
	Suite *s = suite_create("completion");
	TCase *tc = tcase_create("single");
	TCase *tw = tcase_create("waiters");

	tcase_set_timeout(tc, T_TIMEOUT);
	tcase_add_checked_fixture(tc, NULL, t_teardown);
	tcase_add_test(tc, test_init_not_done);
	tcase_add_test(tc, test_declare_completion);
	tcase_add_test(tc, test_banked_passes);
	tcase_add_test(tc, test_complete_all_lets_everyone_through);
	tcase_add_test(tc, test_reinit);
	tcase_add_test(tc, test_timeout_expires);
	tcase_add_test(tc, test_uninitialised_completion_warns);
	suite_add_tcase(s, tc);

	tcase_set_timeout(tw, T_TIMEOUT);
	tcase_add_checked_fixture(tw, NULL, t_teardown);
	tcase_add_test(tw, test_complete_one_waiter_fifo);
	tcase_add_test(tw, test_complete_all_wakes_all_waiters);
	tcase_add_test(tw, test_banked_pass_to_later_waiter);
	tcase_add_test(tw, test_timeout_returns_remaining);
	tcase_add_test(tw, test_timeout_expires_in_kthread);
	tcase_add_test(tw, test_interruptible_completed);
	tcase_add_test(tw, test_interruptible_stopped);
	tcase_add_test(tw, test_interruptible_timeout);
	tcase_add_test(tw, test_killable_not_interrupted_by_stop);
	tcase_add_test(tw, test_killable_timeout);
	tcase_add_test(tw, test_pthread_waiters_and_wait_io);
	tcase_add_test(tw, test_complete_wait_storm);
	suite_add_tcase(s, tw);
	return s;
}

int main(void)
{
	return t_run_suite(completion_suite());
}
