// SPDX-License-Identifier: MIT
/*
 * test_wait.c - wait queues and the wait_event family
 * (src/kernel/sched/wait.c, <ukthread/wait.h>).
 */
#include "ukt_test.h"

static DECLARE_WAIT_QUEUE_HEAD(static_wq);

/* ---- heads and entries -------------------------------------------------- */

START_TEST(test_init_waitqueue_head)
{
	wait_queue_head_t wq;

	memset(&wq, 0xa5, sizeof(wq));
	init_waitqueue_head(&wq);
	ck_assert(!waitqueue_active(&wq));
	ck_assert(!wq_has_sleeper(&wq));
	ck_assert_int_eq(wake_up(&wq), 0);
	ck_assert_int_eq(wake_up_all(&wq), 0);
}
END_TEST

START_TEST(test_declare_wait_queue_head)
{
	DECLARE_WAIT_QUEUE_HEAD(local);
	DECLARE_WAIT_QUEUE_HEAD_ONSTACK(onstack);

	ck_assert(!waitqueue_active(&static_wq));
	ck_assert(!waitqueue_active(&local));
	ck_assert(!waitqueue_active(&onstack));
	ck_assert_int_eq(wake_up_interruptible(&static_wq), 0);
	/* Usable at once: a waiter comes and goes. */
	{
		DECLARE_WAITQUEUE(w, get_current());

		add_wait_queue(&static_wq, &w);
		ck_assert(waitqueue_active(&static_wq));
		remove_wait_queue(&static_wq, &w);
		ck_assert(!waitqueue_active(&static_wq));
	}
}
END_TEST

struct wake_log {
	int calls;
	unsigned int mode;
	void *key;
	int ret;
};

static int logging_wake(struct wait_queue_entry *e, unsigned int mode, int flags,
			void *key)
{
	struct wake_log *log = e->private;

	(void)flags;
	log->calls++;
	log->mode = mode;
	log->key = key;
	return log->ret;
}

START_TEST(test_add_remove_and_active)
{
	DECLARE_WAIT_QUEUE_HEAD(wq);
	struct wait_queue_entry a, b, x;
	struct wake_log la = { .ret = 1 }, lb = { .ret = 1 }, lx = { .ret = 1 };
	int key;

	init_waitqueue_func_entry(&a, logging_wake);
	init_waitqueue_func_entry(&b, logging_wake);
	init_waitqueue_func_entry(&x, logging_wake);
	a.private = &la;
	b.private = &lb;
	x.private = &lx;

	ck_assert(!waitqueue_active(&wq));
	add_wait_queue(&wq, &a);
	ck_assert(waitqueue_active(&wq));
	ck_assert(wq_has_sleeper(&wq));
	add_wait_queue_exclusive(&wq, &x);
	ck_assert(x.flags & WQ_FLAG_EXCLUSIVE);
	add_wait_queue(&wq, &b);
	ck_assert(!(b.flags & WQ_FLAG_EXCLUSIVE));

	/* Non-exclusive entries first, the exclusive one at the tail. */
	ck_assert_ptr_eq(wq.head.prev, &x.entry);

	/* wake_up(): every non-exclusive entry plus one exclusive. */
	ck_assert_int_eq(__wake_up(&wq, TASK_NORMAL, 1, &key), 3);
	ck_assert_int_eq(la.calls, 1);
	ck_assert_int_eq(lb.calls, 1);
	ck_assert_int_eq(lx.calls, 1);
	ck_assert_uint_eq(la.mode, TASK_NORMAL);
	ck_assert_ptr_eq(la.key, &key);
	ck_assert_ptr_eq(lx.key, &key);
	/* The wake functions do not dequeue: still active. */
	ck_assert(waitqueue_active(&wq));

	ck_assert_int_eq(wake_up_interruptible(&wq), 3);
	ck_assert_uint_eq(lb.mode, TASK_INTERRUPTIBLE);

	remove_wait_queue(&wq, &a);
	remove_wait_queue(&wq, &x);
	ck_assert(waitqueue_active(&wq));
	remove_wait_queue(&wq, &b);
	ck_assert(!waitqueue_active(&wq));
	ck_assert_int_eq(wake_up_all(&wq), 0);
	ck_assert_int_eq(la.calls, 2);
}
END_TEST

/* Exclusive waiters that decline (return 0) do not count against nr. */
START_TEST(test_wake_up_nr_counts_exclusive)
{
	DECLARE_WAIT_QUEUE_HEAD(wq);
	struct wait_queue_entry e[4];
	struct wake_log log[4] = { { .ret = 0 }, { .ret = 1 }, { .ret = 1 }, { .ret = 1 } };

	for (int i = 0; i < 4; i++) {
		init_waitqueue_func_entry(&e[i], logging_wake);
		e[i].private = &log[i];
		add_wait_queue_exclusive(&wq, &e[i]);
	}
	ck_assert_int_eq(wake_up(&wq), 1);
	ck_assert_int_eq(log[0].calls, 1);	/* declined */
	ck_assert_int_eq(log[1].calls, 1);	/* the one */
	ck_assert_int_eq(log[2].calls, 0);
	ck_assert_int_eq(wake_up_nr(&wq, 2), 2);
	ck_assert_int_eq(log[2].calls, 1);
	ck_assert_int_eq(log[3].calls, 0);
	ck_assert_int_eq(wake_up_all(&wq), 3);
	ck_assert_int_eq(log[3].calls, 1);
	for (int i = 0; i < 4; i++)
		remove_wait_queue(&wq, &e[i]);
	ck_assert(!waitqueue_active(&wq));
}
END_TEST

START_TEST(test_prepare_finish_wait)
{
	DECLARE_WAIT_QUEUE_HEAD(wq);
	DEFINE_WAIT(w);
	struct task_struct *me = get_current();

	prepare_to_wait(&wq, &w, TASK_UNINTERRUPTIBLE);
	ck_assert(waitqueue_active(&wq));
	ck_assert_uint_eq(me->__state, TASK_UNINTERRUPTIBLE);
	/* A wakeup before schedule(): autoremove dequeues, schedule returns. */
	ck_assert_int_eq(wake_up(&wq), 1);
	ck_assert(!waitqueue_active(&wq));
	ck_assert(task_is_running(me));
	schedule();
	finish_wait(&wq, &w);
	ck_assert(task_is_running(me));

	/* finish_wait() without a wakeup dequeues and sets TASK_RUNNING. */
	prepare_to_wait_exclusive(&wq, &w, TASK_INTERRUPTIBLE);
	ck_assert(w.flags & WQ_FLAG_EXCLUSIVE);
	ck_assert_uint_eq(me->__state, TASK_INTERRUPTIBLE);
	finish_wait(&wq, &w);
	ck_assert(task_is_running(me));
	ck_assert(!waitqueue_active(&wq));
	ck_assert_int_eq(wake_up(&wq), 0);
}
END_TEST

/* ---- wait_event with sleepers ------------------------------------------- */

enum ev_kind {
	EV_PLAIN, EV_EXCL, EV_INTR, EV_INTR_EXCL, EV_TIMEOUT, EV_INTR_TIMEOUT,
	EV_KILLABLE, EV_IDLE,
};

struct evw {
	wait_queue_head_t *wq;
	int *cond;
	enum ev_kind kind;
	long timeout;
	long ret;
	int done;
	int *ndone;
};

static bool cond_true(const int *c)
{
	return __atomic_load_n(c, __ATOMIC_ACQUIRE) != 0;
}

static int evw_fn(void *data)
{
	struct evw *w = data;

	switch (w->kind) {
	case EV_PLAIN:
		wait_event(*w->wq, cond_true(w->cond));
		break;
	case EV_EXCL:
		wait_event_exclusive(*w->wq, cond_true(w->cond));
		break;
	case EV_INTR:
		w->ret = wait_event_interruptible(*w->wq, cond_true(w->cond));
		break;
	case EV_INTR_EXCL:
		w->ret = wait_event_interruptible_exclusive(*w->wq, cond_true(w->cond));
		break;
	case EV_TIMEOUT:
		w->ret = wait_event_timeout(*w->wq, cond_true(w->cond), w->timeout);
		break;
	case EV_INTR_TIMEOUT:
		w->ret = wait_event_interruptible_timeout(*w->wq, cond_true(w->cond),
							  w->timeout);
		break;
	case EV_KILLABLE:
		w->ret = wait_event_killable(*w->wq, cond_true(w->cond));
		break;
	case EV_IDLE:
		wait_event_idle(*w->wq, cond_true(w->cond));
		break;
	}
	if (w->ndone)
		__atomic_fetch_add(w->ndone, 1, __ATOMIC_ACQ_REL);
	__atomic_store_n(&w->done, 1, __ATOMIC_RELEASE);
	return (int)w->ret;
}

static bool evw_done(struct evw *w)
{
	return __atomic_load_n(&w->done, __ATOMIC_ACQUIRE);
}

static unsigned int ev_state(enum ev_kind k)
{
	switch (k) {
	case EV_INTR: case EV_INTR_EXCL: case EV_INTR_TIMEOUT:
		return TASK_INTERRUPTIBLE;
	case EV_KILLABLE:
		return TASK_KILLABLE;
	case EV_IDLE:
		return TASK_IDLE;
	default:
		return TASK_UNINTERRUPTIBLE;
	}
}

static struct task_struct *start_evw(struct evw *w)
{
	struct task_struct *p = kthread_run(evw_fn, w, "evw%d", (int)w->kind);

	ck_assert(!IS_ERR(p));
	ck_assert(t_wait_sleeping(p, ev_state(w->kind), 5000));
	return p;
}

START_TEST(test_wait_event_condition_already_true)
{
	DECLARE_WAIT_QUEUE_HEAD(wq);
	int cond = 1;
	struct task_struct *me = get_current();

	wait_event(wq, cond);
	ck_assert_int_eq(wait_event_interruptible(wq, cond), 0);
	ck_assert_int_eq(wait_event_killable(wq, cond), 0);
	ck_assert_int_eq(wait_event_timeout(wq, cond, 100), 100);
	ck_assert_int_eq(wait_event_interruptible_timeout(wq, cond, 100), 100);
	ck_assert(task_is_running(me));
	ck_assert(!waitqueue_active(&wq));
}
END_TEST

START_TEST(test_wait_event_woken_by_condition)
{
	static const enum ev_kind kinds[] = { EV_PLAIN, EV_EXCL, EV_KILLABLE, EV_IDLE, EV_INTR };

	for (unsigned int i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		DECLARE_WAIT_QUEUE_HEAD(wq);
		int cond = 0;
		struct evw w = { .wq = &wq, .cond = &cond, .kind = kinds[i] };
		struct task_struct *p = start_evw(&w);

		ck_assert(waitqueue_active(&wq));
		/* A wakeup with the condition false: back to sleep. */
		ck_assert_int_eq(wake_up(&wq), 1);
		ck_assert(t_wait_sleeping(p, ev_state(kinds[i]), 5000));
		ck_assert(!evw_done(&w));
		__atomic_store_n(&cond, 1, __ATOMIC_RELEASE);
		ck_assert_int_eq(wake_up(&wq), 1);
		ck_assert(T_WAIT_FOR(evw_done(&w), 5000));
		ck_assert_int_eq(kthread_stop(p), 0);
		ck_assert_int_eq(w.ret, 0);
		ck_assert(!waitqueue_active(&wq));
	}
}
END_TEST

START_TEST(test_wait_event_interruptible_stopped)
{
	static const enum ev_kind kinds[] = { EV_INTR, EV_INTR_EXCL, EV_INTR_TIMEOUT };

	for (unsigned int i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		DECLARE_WAIT_QUEUE_HEAD(wq);
		int cond = 0;
		struct evw w = { .wq = &wq, .cond = &cond, .kind = kinds[i],
				 .timeout = 100 * HZ };
		struct task_struct *p = start_evw(&w);
		long long t0 = t_now_ns();

		ck_assert_int_eq(kthread_stop(p), -ERESTARTSYS);
		ck_assert(t_ms_since(t0) < 1000);
		ck_assert_int_eq(w.ret, -ERESTARTSYS);
		ck_assert(!waitqueue_active(&wq));
	}
}
END_TEST

/* An uninterruptible wait_event() is not ended by kthread_stop(). */
struct stopper {
	struct task_struct *p;
	int ret;
};

static void *stop_fn(void *arg)
{
	struct stopper *s = arg;

	s->ret = kthread_stop(s->p);
	return NULL;
}

START_TEST(test_wait_event_uninterruptible_not_stopped)
{
	DECLARE_WAIT_QUEUE_HEAD(wq);
	int cond = 0;
	struct evw w = { .wq = &wq, .cond = &cond, .kind = EV_PLAIN };
	struct task_struct *p = start_evw(&w);
	struct stopper st = { p, 1 };
	pthread_t th;

	/* Stop from a helper thread; the waiter must still wait for the condition. */
	get_task_struct(p);
	ck_assert_int_eq(pthread_create(&th, NULL, stop_fn, &st), 0);
	ck_assert(T_WAIT_FOR(signal_pending(p), 5000));
	t_sleep_ms(100);
	ck_assert(!evw_done(&w));
	ck_assert_uint_eq(t_state(p), TASK_UNINTERRUPTIBLE);
	__atomic_store_n(&cond, 1, __ATOMIC_RELEASE);
	wake_up(&wq);
	pthread_join(th, NULL);
	ck_assert_int_eq(st.ret, 0);
	ck_assert(evw_done(&w));
	put_task_struct(p);
}
END_TEST

START_TEST(test_wait_event_timeout_values)
{
	DECLARE_WAIT_QUEUE_HEAD(wq);
	int cond = 0;
	long long t0 = t_now_ns();

	/* Timed out with the condition false: 0. */
	ck_assert_int_eq(wait_event_timeout(wq, cond, 50), 0);
	ck_assert(t_ms_since(t0) >= 50);
	t0 = t_now_ns();
	ck_assert_int_eq(wait_event_interruptible_timeout(wq, cond, 30), 0);
	ck_assert(t_ms_since(t0) >= 30);
	ck_assert_int_eq(wait_event_idle_timeout(wq, cond, 5), 0);
	ck_assert_int_eq(wait_event_killable_timeout(wq, cond, 5), 0);
	/* Condition true and no time: still reports success, 1. */
	cond = 1;
	ck_assert_int_eq(wait_event_timeout(wq, cond, 0), 1);
	ck_assert_int_eq(wait_event_interruptible_timeout(wq, cond, 0), 1);
	ck_assert(task_is_running(get_current()));
	ck_assert(!waitqueue_active(&wq));
}
END_TEST

/* A condition that turns true exactly as the time runs out gives 1, not 0. */
static long long deadline_ns;
static int cond_evals;

static bool true_after_deadline(void)
{
	cond_evals++;
	return t_now_ns() >= deadline_ns;
}

START_TEST(test_wait_event_timeout_true_at_timeout)
{
	DECLARE_WAIT_QUEUE_HEAD(wq);
	long ret;

	cond_evals = 0;
	deadline_ns = t_now_ns() + 40 * 1000000LL;
	ret = wait_event_timeout(wq, true_after_deadline(), 40);
	ck_assert_int_eq(ret, 1);
	ck_assert_int_ge(cond_evals, 2);

	cond_evals = 0;
	deadline_ns = t_now_ns() + 40 * 1000000LL;
	ret = wait_event_interruptible_timeout(wq, true_after_deadline(), 40);
	ck_assert_int_eq(ret, 1);
	ck_assert_int_ge(cond_evals, 2);
}
END_TEST

START_TEST(test_wait_event_timeout_remaining)
{
	for (int k = 0; k < 2; k++) {
		DECLARE_WAIT_QUEUE_HEAD(wq);
		int cond = 0;
		struct evw w = { .wq = &wq, .cond = &cond,
				 .kind = k ? EV_INTR_TIMEOUT : EV_TIMEOUT, .timeout = 10 * HZ };
		struct task_struct *p = start_evw(&w);

		t_sleep_ms(50);
		__atomic_store_n(&cond, 1, __ATOMIC_RELEASE);
		wake_up_all(&wq);
		ck_assert(T_WAIT_FOR(evw_done(&w), 5000));
		ck_assert_int_eq(kthread_stop(p), (int)w.ret);
		ck_assert_msg(w.ret >= 1 && w.ret <= 10 * HZ - 50 + 1, "returned %ld", w.ret);
		ck_assert_msg(w.ret > 10 * HZ - 3000, "returned %ld", w.ret);
	}
}
END_TEST

#define NEX 3

/* wake_up() wakes one exclusive waiter; wake_up_all() the rest. */
START_TEST(test_wake_up_one_exclusive_vs_all)
{
	DECLARE_WAIT_QUEUE_HEAD(wq);
	int cond = 0, ndone = 0;
	struct evw w[NEX];
	struct task_struct *p[NEX];

	for (int i = 0; i < NEX; i++) {
		w[i] = (struct evw){ .wq = &wq, .cond = &cond, .kind = EV_EXCL,
				     .ndone = &ndone };
		p[i] = start_evw(&w[i]);
	}
	__atomic_store_n(&cond, 1, __ATOMIC_RELEASE);
	ck_assert_int_eq(wake_up(&wq), 1);
	ck_assert(T_WAIT_FOR(__atomic_load_n(&ndone, __ATOMIC_ACQUIRE) == 1, 5000));
	t_sleep_ms(50);
	ck_assert_int_eq(__atomic_load_n(&ndone, __ATOMIC_ACQUIRE), 1);
	/* The first queued was the one woken (exclusive waiters are FIFO). */
	ck_assert(evw_done(&w[0]));
	ck_assert_int_eq(wake_up_all(&wq), NEX - 1);
	ck_assert(T_WAIT_FOR(__atomic_load_n(&ndone, __ATOMIC_ACQUIRE) == NEX, 5000));
	for (int i = 0; i < NEX; i++)
		ck_assert_int_eq(kthread_stop(p[i]), 0);
	ck_assert(!waitqueue_active(&wq));
}
END_TEST

/* Non-exclusive waiters are all woken, plus one exclusive one. */
START_TEST(test_wake_up_mixed_exclusive)
{
	DECLARE_WAIT_QUEUE_HEAD(wq);
	int cond = 0, ndone = 0;
	struct evw w[4];
	struct task_struct *p[4];
	static const enum ev_kind kinds[4] = { EV_EXCL, EV_PLAIN, EV_EXCL, EV_PLAIN };

	for (int i = 0; i < 4; i++) {
		w[i] = (struct evw){ .wq = &wq, .cond = &cond, .kind = kinds[i],
				     .ndone = &ndone };
		p[i] = start_evw(&w[i]);
	}
	__atomic_store_n(&cond, 1, __ATOMIC_RELEASE);
	ck_assert_int_eq(wake_up(&wq), 3);
	ck_assert(T_WAIT_FOR(__atomic_load_n(&ndone, __ATOMIC_ACQUIRE) == 3, 5000));
	t_sleep_ms(50);
	ck_assert_int_eq(__atomic_load_n(&ndone, __ATOMIC_ACQUIRE), 3);
	ck_assert(evw_done(&w[0]) && evw_done(&w[1]) && evw_done(&w[3]));
	ck_assert(!evw_done(&w[2]));
	ck_assert_int_eq(wake_up(&wq), 1);
	ck_assert(T_WAIT_FOR(evw_done(&w[2]), 5000));
	for (int i = 0; i < 4; i++)
		ck_assert_int_eq(kthread_stop(p[i]), 0);
}
END_TEST

/* wake_up_interruptible() leaves TASK_UNINTERRUPTIBLE sleepers alone. */
START_TEST(test_wake_up_interruptible_skips_uninterruptible)
{
	DECLARE_WAIT_QUEUE_HEAD(wq);
	int cond = 0;
	struct evw u = { .wq = &wq, .cond = &cond, .kind = EV_PLAIN };
	struct evw in = { .wq = &wq, .cond = &cond, .kind = EV_INTR };
	struct task_struct *pu = start_evw(&u);
	struct task_struct *pi;

	__atomic_store_n(&cond, 1, __ATOMIC_RELEASE);
	ck_assert_int_eq(wake_up_interruptible(&wq), 0);
	ck_assert_int_eq(wake_up_interruptible_all(&wq), 0);
	t_sleep_ms(50);
	ck_assert(!evw_done(&u));
	ck_assert_uint_eq(t_state(pu), TASK_UNINTERRUPTIBLE);
	ck_assert(waitqueue_active(&wq));

	/* An interruptible sleeper on the same queue is woken by it. */
	__atomic_store_n(&cond, 0, __ATOMIC_RELEASE);
	pi = start_evw(&in);
	__atomic_store_n(&cond, 1, __ATOMIC_RELEASE);
	ck_assert_int_eq(wake_up_interruptible(&wq), 1);
	ck_assert(T_WAIT_FOR(evw_done(&in), 5000));
	t_sleep_ms(20);
	ck_assert(!evw_done(&u));

	ck_assert_int_eq(wake_up(&wq), 1);
	ck_assert(T_WAIT_FOR(evw_done(&u), 5000));
	ck_assert_int_eq(kthread_stop(pu), 0);
	ck_assert_int_eq(kthread_stop(pi), 0);
	ck_assert(!waitqueue_active(&wq));
}
END_TEST

/* Producer/consumer through a wait queue: no wakeup is lost. */
struct pc {
	wait_queue_head_t wq;
	int produced;
	int consumed;
	int n;
};

static int consumer_fn(void *data)
{
	struct pc *pc = data;

	while (pc->consumed < pc->n) {
		wait_event(pc->wq, __atomic_load_n(&pc->produced, __ATOMIC_ACQUIRE) >
				   pc->consumed);
		__atomic_store_n(&pc->consumed, pc->consumed + 1, __ATOMIC_RELEASE);
		wake_up(&pc->wq);
	}
	return pc->consumed;
}

START_TEST(test_wait_event_ping_pong)
{
	struct pc pc = { .n = 5000 };
	struct task_struct *p;

	init_waitqueue_head(&pc.wq);
	p = kthread_run(consumer_fn, &pc, "consumer");
	ck_assert(!IS_ERR(p));
	for (int i = 1; i <= pc.n; i++) {
		__atomic_store_n(&pc.produced, i, __ATOMIC_RELEASE);
		wake_up(&pc.wq);
		wait_event(pc.wq, __atomic_load_n(&pc.consumed, __ATOMIC_ACQUIRE) == i);
	}
	ck_assert_int_eq(kthread_stop(p), pc.n);
}
END_TEST

static Suite *wait_suite(void)
{
	Suite *s = suite_create("wait");
	TCase *tc = tcase_create("queue");
	TCase *te = tcase_create("wait_event");

	tcase_set_timeout(tc, T_TIMEOUT);
	tcase_add_checked_fixture(tc, NULL, t_teardown);
	tcase_add_test(tc, test_init_waitqueue_head);
	tcase_add_test(tc, test_declare_wait_queue_head);
	tcase_add_test(tc, test_add_remove_and_active);
	tcase_add_test(tc, test_wake_up_nr_counts_exclusive);
	tcase_add_test(tc, test_prepare_finish_wait);
	suite_add_tcase(s, tc);

	tcase_set_timeout(te, T_TIMEOUT);
	tcase_add_checked_fixture(te, NULL, t_teardown);
	tcase_add_test(te, test_wait_event_condition_already_true);
	tcase_add_test(te, test_wait_event_woken_by_condition);
	tcase_add_test(te, test_wait_event_interruptible_stopped);
	tcase_add_test(te, test_wait_event_uninterruptible_not_stopped);
	tcase_add_test(te, test_wait_event_timeout_values);
	tcase_add_test(te, test_wait_event_timeout_true_at_timeout);
	tcase_add_test(te, test_wait_event_timeout_remaining);
	tcase_add_test(te, test_wake_up_one_exclusive_vs_all);
	tcase_add_test(te, test_wake_up_mixed_exclusive);
	tcase_add_test(te, test_wake_up_interruptible_skips_uninterruptible);
	tcase_add_test(te, test_wait_event_ping_pong);
	suite_add_tcase(s, te);
	return s;
}

int main(void)
{
	return t_run_suite(wait_suite());
}
