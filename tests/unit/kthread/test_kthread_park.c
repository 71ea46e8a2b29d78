// SPDX-License-Identifier: MIT
/*
 * test_kthread_park.c - kthread_park(), kthread_unpark(), kthread_parkme()
 * (src/kernel/kthread.c).
 */
#include "ukt_test.h"

struct pk {
	int ran;		/* threadfn entered */
	int loops;		/* rounds of the main loop */
	int parks;		/* returns from kthread_parkme() after a park */
	int value;		/* what threadfn returns on stop */
	int exit_on_park;	/* return 9 instead of parking */
	int step;
	/* seen inside */
	int self_park_ret;
	bool sp_requested, sop_requested, sp_after, sop_after, sop_stopping, sp_stopping;
	unsigned int state_after_self_park;
};

static int get(int *v)
{
	return __atomic_load_n(v, __ATOMIC_ACQUIRE);
}

static void bump(int *v)
{
	__atomic_fetch_add(v, 1, __ATOMIC_ACQ_REL);
}

/* The usual loop of a parkable kthread. */
static int park_loop_fn(void *data)
{
	struct pk *pk = data;

	bump(&pk->ran);
	while (!kthread_should_stop()) {
		if (kthread_should_park()) {
			if (pk->exit_on_park)
				return 9;
			kthread_parkme();
			bump(&pk->parks);
			continue;
		}
		bump(&pk->loops);
		set_current_state(TASK_INTERRUPTIBLE);
		if (!kthread_should_stop_or_park())
			schedule();
		__set_current_state(TASK_RUNNING);
	}
	return pk->value;
}

static struct task_struct *run_loop(struct pk *pk)
{
	struct task_struct *p = kthread_run(park_loop_fn, pk, "parkable");

	ck_assert(!IS_ERR(p));
	ck_assert(T_WAIT_FOR(get(&pk->loops) >= 1, 5000));
	ck_assert(t_wait_sleeping(p, TASK_INTERRUPTIBLE, 5000));
	return p;
}

START_TEST(test_park_before_first_wakeup)
{
	struct pk pk = { .value = 21 };
	struct task_struct *p = kthread_create(park_loop_fn, &pk, "park_new");

	ck_assert(!IS_ERR(p));
	ck_assert_int_eq(kthread_park(p), 0);
	ck_assert_uint_eq(t_state(p), TASK_PARKED);
	t_sleep_ms(30);
	ck_assert_int_eq(get(&pk.ran), 0);
	ck_assert_uint_eq(t_state(p), TASK_PARKED);
	kthread_unpark(p);
	ck_assert(T_WAIT_FOR(get(&pk.ran) == 1, 5000));
	ck_assert(T_WAIT_FOR(get(&pk.loops) >= 1, 5000));
	ck_assert_int_eq(get(&pk.parks), 0);	/* parked before threadfn */
	ck_assert_int_eq(kthread_stop(p), 21);
}
END_TEST

START_TEST(test_park_returns_when_parked)
{
	struct pk pk = { .value = 1 };
	struct task_struct *p = run_loop(&pk);

	for (int i = 1; i <= 50; i++) {
		ck_assert_int_eq(kthread_park(p), 0);
		/* Asleep in TASK_PARKED the moment park returns. */
		ck_assert_uint_eq(t_state(p), TASK_PARKED);
		ck_assert_int_eq(wait_task_inactive(p, TASK_PARKED), 1);
		ck_assert_int_eq(get(&pk.parks), i - 1);
		kthread_unpark(p);
		ck_assert(T_WAIT_FOR(get(&pk.parks) == i, 5000));
		ck_assert(t_wait_sleeping(p, TASK_INTERRUPTIBLE, 5000));
	}
	ck_assert_int_eq(kthread_stop(p), 1);
}
END_TEST

START_TEST(test_parked_ignores_wakeups)
{
	struct pk pk = { .value = 2 };
	struct task_struct *p = run_loop(&pk);
	int loops;

	ck_assert_int_eq(kthread_park(p), 0);
	loops = get(&pk.loops);
	for (int i = 0; i < 1000; i++) {
		ck_assert_int_eq(wake_up_process(p), 0);
		ck_assert_int_eq(wake_up_state(p, TASK_NORMAL), 0);
	}
	t_sleep_ms(30);
	ck_assert_uint_eq(t_state(p), TASK_PARKED);
	ck_assert_int_eq(get(&pk.loops), loops);
	ck_assert_int_eq(get(&pk.parks), 0);
	kthread_unpark(p);
	ck_assert(T_WAIT_FOR(get(&pk.parks) == 1, 5000));
	ck_assert(T_WAIT_FOR(get(&pk.loops) == loops + 1, 5000));
	ck_assert_int_eq(kthread_stop(p), 2);
}
END_TEST

START_TEST(test_double_park_ebusy)
{
	struct pk pk = { .value = 3 };
	struct task_struct *p = run_loop(&pk);
	unsigned long w;

	ck_assert_int_eq(kthread_park(p), 0);
	w = ukt_warn_count();
	ck_assert_int_eq(kthread_park(p), -EBUSY);
	ck_assert_uint_eq(ukt_warn_count(), w + 1);
	ck_assert_uint_eq(t_state(p), TASK_PARKED);
	kthread_unpark(p);
	ck_assert(T_WAIT_FOR(get(&pk.parks) == 1, 5000));
	/* Parkable again after the unpark. */
	ck_assert_int_eq(kthread_park(p), 0);
	ck_assert_uint_eq(t_state(p), TASK_PARKED);
	kthread_unpark(p);
	ck_assert(T_WAIT_FOR(get(&pk.parks) == 2, 5000));
	ck_assert_int_eq(kthread_stop(p), 3);
}
END_TEST

START_TEST(test_unpark_not_parked_is_noop)
{
	struct pk pk = { .value = 4 }, pk2 = { .value = 5 };
	struct task_struct *p = run_loop(&pk);
	int loops = get(&pk.loops);
	unsigned long w;

	/* A sleeping, unparked thread is not woken by it. */
	kthread_unpark(p);
	kthread_unpark(p);
	t_sleep_ms(30);
	ck_assert_int_eq(get(&pk.loops), loops);
	ck_assert_uint_eq(t_state(p), TASK_INTERRUPTIBLE);
	ck_assert_int_eq(kthread_stop(p), 4);

	/* Nor does it start a thread that was never woken. */
	p = kthread_create(park_loop_fn, &pk2, "never_woken");
	ck_assert(!IS_ERR(p));
	kthread_unpark(p);
	t_sleep_ms(30);
	ck_assert_int_eq(get(&pk2.ran), 0);
	ck_assert_uint_eq(t_state(p), TASK_UNINTERRUPTIBLE);
	ck_assert_int_eq(kthread_stop(p), -EINTR);

	/* On a non-kthread: a warning, nothing else. */
	w = ukt_warn_count();
	kthread_unpark(get_current());
	ck_assert_uint_eq(ukt_warn_count(), w + 1);
	ck_assert(task_is_running(get_current()));
}
END_TEST

START_TEST(test_stop_parked)
{
	struct pk pk = { .value = 6 };
	struct task_struct *p = run_loop(&pk);
	long long t0;

	ck_assert_int_eq(kthread_park(p), 0);
	t0 = t_now_ns();
	ck_assert_int_eq(kthread_stop(p), 6);
	ck_assert(t_ms_since(t0) < 1000);
	ck_assert_int_eq(get(&pk.parks), 1);
}
END_TEST

/*
 * Parked before its first wakeup, then stopped: as in the kernel, the
 * stop releases the park and threadfn runs (seeing kthread_should_stop()).
 */
START_TEST(test_stop_parked_before_first_wakeup)
{
	struct pk pk = { .value = 7 };
	struct task_struct *p = kthread_create(park_loop_fn, &pk, "park_stop");

	ck_assert(!IS_ERR(p));
	ck_assert_int_eq(kthread_park(p), 0);
	ck_assert_int_eq(kthread_stop(p), 7);
	ck_assert_int_eq(get(&pk.ran), 1);
	ck_assert_int_eq(get(&pk.loops), 0);
}
END_TEST

static int self_park_fn(void *data)
{
	struct pk *pk = data;

	pk->self_park_ret = kthread_park(get_current());
	pk->sp_requested = kthread_should_park();
	pk->sop_requested = kthread_should_stop_or_park();
	pk->state_after_self_park = get_current()->__state;
	__atomic_store_n(&pk->step, 1, __ATOMIC_RELEASE);
	kthread_parkme();
	pk->sp_after = kthread_should_park();
	pk->sop_after = kthread_should_stop_or_park();
	__atomic_store_n(&pk->step, 2, __ATOMIC_RELEASE);
	return park_loop_fn(pk);
}

START_TEST(test_self_park)
{
	struct pk pk = { .value = 8 };
	struct task_struct *p = kthread_run(self_park_fn, &pk, "self_park");
	unsigned long w;

	ck_assert(!IS_ERR(p));
	ck_assert(T_WAIT_FOR(get(&pk.step) >= 1, 5000));
	/* kthread_park() on itself only set the request, and returned 0. */
	ck_assert_int_eq(pk.self_park_ret, 0);
	ck_assert(pk.sp_requested);
	ck_assert(pk.sop_requested);
	ck_assert_uint_eq(pk.state_after_self_park, TASK_RUNNING);
	/* Then kthread_parkme() parked it. */
	ck_assert(t_wait_sleeping(p, TASK_PARKED, 5000));
	ck_assert_int_eq(get(&pk.step), 1);
	/* Already asked to park: -EBUSY. */
	w = ukt_warn_count();
	ck_assert_int_eq(kthread_park(p), -EBUSY);
	ck_assert_uint_eq(ukt_warn_count(), w + 1);
	kthread_unpark(p);
	ck_assert(T_WAIT_FOR(get(&pk.step) == 2, 5000));
	ck_assert(!pk.sp_after);
	ck_assert(!pk.sop_after);
	/* An ordinary park from outside still waits for a real park. */
	ck_assert(T_WAIT_FOR(get(&pk.loops) >= 1, 5000));
	ck_assert_int_eq(kthread_park(p), 0);
	ck_assert_uint_eq(t_state(p), TASK_PARKED);
	ck_assert_int_eq(wait_task_inactive(p, TASK_PARKED), 1);
	kthread_unpark(p);
	ck_assert(T_WAIT_FOR(get(&pk.parks) == 1, 5000));
	ck_assert_int_eq(kthread_stop(p), 8);
}
END_TEST

START_TEST(test_park_thread_that_exits)
{
	struct pk pk = { .value = 10, .exit_on_park = 1 };
	struct task_struct *p = run_loop(&pk);
	unsigned long w = ukt_warn_count();
	long long t0 = t_now_ns();

	ck_assert_int_eq(kthread_park(p), -ENOSYS);
	ck_assert(t_ms_since(t0) < 2000);
	ck_assert_uint_eq(ukt_warn_count(), w + 1);
	ck_assert(t_flags(p) & PF_EXITING);
	ck_assert_int_eq(kthread_stop(p), 9);
}
END_TEST

static int return_fn(void *data)
{
	(void)data;
	return 11;
}

START_TEST(test_park_exited_thread)
{
	struct task_struct *p = kthread_run(return_fn, NULL, "exited");
	unsigned long w;

	ck_assert(!IS_ERR(p));
	ck_assert(T_WAIT_FOR(t_state(p) == TASK_DEAD, 5000));
	w = ukt_warn_count();
	ck_assert_int_eq(kthread_park(p), -ENOSYS);
	ck_assert_uint_eq(ukt_warn_count(), w + 1);
	kthread_unpark(p);
	ck_assert_int_eq(kthread_stop(p), 11);
}
END_TEST

/* kthread_should_park() / kthread_should_stop_or_park() inside. */
static int flags_fn(void *data)
{
	struct pk *pk = data;

	pk->sp_after = kthread_should_park();		/* false at start */
	pk->sop_after = kthread_should_stop_or_park();
	__atomic_store_n(&pk->step, 1, __ATOMIC_RELEASE);
	while (!kthread_should_park())
		schedule_timeout_interruptible(1);
	pk->sp_requested = kthread_should_park();
	pk->sop_requested = kthread_should_stop_or_park();
	kthread_parkme();
	__atomic_store_n(&pk->step, 2, __ATOMIC_RELEASE);
	while (!kthread_should_stop_or_park())
		schedule_timeout_interruptible(1);
	pk->sop_stopping = kthread_should_stop_or_park();
	pk->sp_stopping = kthread_should_park();
	return kthread_should_stop() ? 12 : -1;
}

START_TEST(test_should_park_and_stop_or_park)
{
	struct pk pk = { 0 };
	struct task_struct *p = kthread_run(flags_fn, &pk, "flags");
	unsigned long w;

	ck_assert(!IS_ERR(p));
	ck_assert(T_WAIT_FOR(get(&pk.step) == 1, 5000));
	ck_assert(!pk.sp_after);
	ck_assert(!pk.sop_after);
	ck_assert_int_eq(kthread_park(p), 0);
	ck_assert(pk.sp_requested);
	ck_assert(pk.sop_requested);
	kthread_unpark(p);
	ck_assert(T_WAIT_FOR(get(&pk.step) == 2, 5000));
	ck_assert_int_eq(kthread_stop(p), 12);
	ck_assert(pk.sop_stopping);
	ck_assert(!pk.sp_stopping);
	/* Outside a kthread. */
	w = ukt_warn_count();
	ck_assert(!kthread_should_stop_or_park());
	ck_assert_uint_eq(ukt_warn_count(), w);
	ck_assert(!kthread_should_park());
	ck_assert_uint_eq(ukt_warn_count(), w + 1);
}
END_TEST

START_TEST(test_park_misuse)
{
	unsigned long w = ukt_warn_count();

	ck_assert_int_eq(kthread_park(get_current()), -EINVAL);
	ck_assert_uint_eq(ukt_warn_count(), w + 1);
	kthread_parkme();	/* not a kthread: warns, returns */
	ck_assert_uint_eq(ukt_warn_count(), w + 2);
	ck_assert(task_is_running(get_current()));
}
END_TEST

/* 500 park/unpark cycles from a controller thread, against a kthread that
 * calls kthread_parkme() on every round of a busy loop, while the main
 * thread throws ordinary wakeups at it. */
#define CYCLES 500

struct cycler {
	struct task_struct *p;
	struct pk *pk;
	int done;
	int errors;
	int bad_state;
	int ran_while_parked;
};

static int busy_park_fn(void *data)
{
	struct pk *pk = data;

	bump(&pk->ran);
	while (!kthread_should_stop()) {
		kthread_parkme();
		bump(&pk->loops);
		if (get(&pk->loops) % 8 == 0)
			schedule_timeout_interruptible(1);
		else if (get(&pk->loops) % 2 == 0)
			sched_yield();
	}
	return pk->value;
}

static void *cycle_fn(void *arg)
{
	struct cycler *c = arg;

	for (int i = 0; i < CYCLES; i++) {
		int loops;

		if (kthread_park(c->p) != 0)
			c->errors++;
		if (t_state(c->p) != TASK_PARKED)
			c->bad_state++;
		loops = get(&c->pk->loops);
		if (i % 50 == 0)
			t_sleep_ms(3);
		else
			sched_yield();
		if (get(&c->pk->loops) != loops)
			c->ran_while_parked++;
		kthread_unpark(c->p);
		if (i % 3 == 0)
			sched_yield();
	}
	__atomic_store_n(&c->done, 1, __ATOMIC_RELEASE);
	return NULL;
}

START_TEST(test_park_unpark_cycles)
{
	struct pk pk = { .value = 13 };
	struct cycler c = { .pk = &pk };
	struct task_struct *p = kthread_run(busy_park_fn, &pk, "cycled");
	pthread_t th;
	int loops;

	ck_assert(!IS_ERR(p));
	c.p = p;
	ck_assert_int_eq(pthread_create(&th, NULL, cycle_fn, &c), 0);
	while (!__atomic_load_n(&c.done, __ATOMIC_ACQUIRE)) {
		wake_up_process(p);
		sched_yield();
	}
	pthread_join(th, NULL);
	ck_assert_int_eq(c.errors, 0);
	ck_assert_int_eq(c.bad_state, 0);
	ck_assert_int_eq(c.ran_while_parked, 0);
	/* Unparked at the end: it goes on running. */
	loops = get(&pk.loops);
	ck_assert(T_WAIT_FOR(get(&pk.loops) > loops, 5000));
	ck_assert_int_eq(kthread_stop(p), 13);
	ck_assert_int_eq(get(&pk.ran), 1);
}
END_TEST

/*
 * kthread_park() just after kthread_stop() began: the thread, which sees
 * both requests, must not park for good (the stopper would wait forever,
 * tests/models/kthread_stop_park.pml BROKEN=5); the park gets -ENOSYS.
 */
struct pas {
	struct task_struct *task;
	int ran;
	int saw_stop;
	int stop_ret;
};

static int park_after_stop_fn(void *data)
{
	struct pas *s = data;

	T_STORE(&s->ran, 1);
	while (!kthread_should_stop())
		schedule_timeout_interruptible(1);
	T_STORE(&s->saw_stop, 1);
	T_WAIT_FOR(kthread_should_park(), 2000);
	if (kthread_should_park())
		kthread_parkme();	/* the usual idiom of a threadfn loop */
	return 5;
}

static void bg_stop(void *arg)
{
	struct pas *s = arg;

	T_STORE(&s->stop_ret, kthread_stop(s->task));
}

START_TEST(test_park_after_stop)
{
	struct pas s = { 0 };
	struct t_bg bg;
	int ret;

	s.task = kthread_run(park_after_stop_fn, &s, "pas");
	ck_assert(!IS_ERR(s.task));
	get_task_struct(s.task);	/* ours, for the park after the stop */
	ck_assert(T_WAIT_FOR(T_LOAD(&s.ran), 5000));	/* else the stop gives -EINTR */
	t_bg_start(&bg, bg_stop, &s);
	ck_assert(T_WAIT_FOR(T_LOAD(&s.saw_stop), 5000));
	ret = kthread_park(s.task);
	ck_assert_int_eq(ret, -ENOSYS);
	ck_assert_msg(t_bg_finished(&bg, 5000), "kthread_stop() never returned");
	t_bg_join(&bg);
	ck_assert_int_eq(T_LOAD(&s.stop_ret), 5);
	put_task_struct(s.task);
}
END_TEST

static Suite *park_suite(void)
{
	Suite *s = suite_create("park");
	TCase *tc = tcase_create("park");

	tcase_set_timeout(tc, T_TIMEOUT);
	tcase_add_checked_fixture(tc, NULL, t_teardown);
	tcase_add_test(tc, test_park_before_first_wakeup);
	tcase_add_test(tc, test_park_returns_when_parked);
	tcase_add_test(tc, test_parked_ignores_wakeups);
	tcase_add_test(tc, test_double_park_ebusy);
	tcase_add_test(tc, test_unpark_not_parked_is_noop);
	tcase_add_test(tc, test_stop_parked);
	tcase_add_test(tc, test_stop_parked_before_first_wakeup);
	tcase_add_test(tc, test_self_park);
	tcase_add_test(tc, test_park_thread_that_exits);
	tcase_add_test(tc, test_park_exited_thread);
	tcase_add_test(tc, test_should_park_and_stop_or_park);
	tcase_add_test(tc, test_park_misuse);
	tcase_add_test(tc, test_park_unpark_cycles);
	tcase_add_test(tc, test_park_after_stop);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return t_run_suite(park_suite());
}
