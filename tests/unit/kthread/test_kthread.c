// SPDX-License-Identifier: MIT
/*
 * test_kthread.c - the kthread lifecycle: create, run, stop, the
 * ways out (kthread_exit(), pthread_exit(), cancellation), stop waking
 * interruptible sleeps, many at once, misuse of kthread_stop()
 * (src/kernel/kthread.c).  Identity: test_kthread_identity.c; binding:
 * test_kthread_bind.c; failures: test_kthread_failures.c; kthreadd:
 * test_kthreadd.c; park: test_kthread_park.c.
 */
#include "kthread_fixture.h"

/* ---- create / run / stop -------------------------------------------------- */

START_TEST(test_create_stopped)
{
	struct probe pr = { .value = 11 };
	struct task_struct *p;

	t_spares_mode(_i);
	p = kthread_create(until_stop_fn, &pr, "stopped");
	ck_assert(!IS_ERR(p));
	ck_assert_ptr_nonnull(p);
	ck_assert(p->flags & PF_KTHREAD);
	ck_assert_ptr_nonnull(p->worker_private);
	ck_assert_uint_eq(t_state(p), TASK_UNINTERRUPTIBLE);
	t_sleep_ms(50);
	ck_assert_int_eq(ran(&pr), 0);
	ck_assert_uint_eq(t_state(p), TASK_UNINTERRUPTIBLE);
	ck_assert_int_eq(wake_up_process(p), 1);
	ck_assert(T_WAIT_FOR(is_ready(&pr), 5000));
	ck_assert_int_eq(ran(&pr), 1);
	ck_assert_int_eq(kthread_stop(p), 11);
}
END_TEST

START_TEST(test_run_and_stop)
{
	struct probe pr = { .value = 1234 };
	long live;
	struct task_struct *p;

	t_spares_mode(_i);
	live = ukt_site_live(UKT_SITE_KTHREAD);
	p = kthread_run(until_stop_fn, &pr, "runner");
	ck_assert(!IS_ERR(p));
	ck_assert_int_eq(ukt_site_live(UKT_SITE_KTHREAD), live + 1);
	ck_assert(T_WAIT_FOR(is_ready(&pr), 5000));
	ck_assert_ptr_eq(pr.self, p);
	ck_assert_int_eq(pr.tid, p->pid);
	ck_assert_int_eq(p->tgid, getpid());
	ck_assert_ptr_eq(pr.data_inside, &pr);
	ck_assert(!pr.should_stop_at_start);
	ck_assert(!pr.sigpending_at_start);
	ck_assert_ptr_eq(kthread_func(p), (void *)until_stop_fn);
	ck_assert_int_eq(kthread_stop(p), 1234);
	ck_assert_int_eq(ran(&pr), 1);
	/* Stop made signal_pending() true inside. */
	ck_assert(pr.sigpending_after_stop);
	ck_assert_int_eq(kthread_live_settled(live), live);
}
END_TEST

/* The pid is valid as soon as kthread_create() returns. */
START_TEST(test_pid_valid_at_create)
{
	struct probe pr = { .value = 3 };
	struct task_struct *p;
	char path[64];

	t_spares_mode(_i);
	p = kthread_create(until_stop_fn, &pr, "pid_check");
	ck_assert(!IS_ERR(p));
	ck_assert_int_gt(p->pid, 0);
	ck_assert_int_ne(p->pid, t_gettid());
	snprintf(path, sizeof(path), "/proc/self/task/%d", p->pid);
	ck_assert_int_eq(access(path, F_OK), 0);
	wake_up_process(p);
	ck_assert(T_WAIT_FOR(is_ready(&pr), 5000));
	ck_assert_int_eq(pr.tid, p->pid);
	ck_assert_int_eq(kthread_stop(p), 3);
}
END_TEST

START_TEST(test_never_woken_stop_eintr)
{
	struct probe pr = { .value = 5 };
	long live;
	struct task_struct *p;

	t_spares_mode(_i);
	live = ukt_site_live(UKT_SITE_KTHREAD);
	p = kthread_create(until_stop_fn, &pr, "never_woken");
	ck_assert(!IS_ERR(p));
	t_sleep_ms(20);
	ck_assert_int_eq(kthread_stop(p), -EINTR);
	ck_assert_int_eq(ran(&pr), 0);
	ck_assert_int_eq(kthread_live_settled(live), live);
}
END_TEST

/* wake_up_process() and kthread_stop() race: threadfn runs at most once. */
#define RACE_ITERS 200

struct race {
	struct task_struct *p;
	int seq;
	int ack;
};

static void *race_waker(void *arg)
{
	struct race *r = arg;

	for (int i = 1; i <= RACE_ITERS; i++) {
		T_SPIN_UNTIL(__atomic_load_n(&r->seq, __ATOMIC_ACQUIRE) == i);
		wake_up_process(r->p);
		__atomic_store_n(&r->ack, i, __ATOMIC_RELEASE);
	}
	return NULL;
}

static int race_fn(void *data)
{
	int *ran_count = data;

	__atomic_fetch_add(ran_count, 1, __ATOMIC_ACQ_REL);
	return 77;
}

START_TEST(test_stop_races_with_wake)
{
	struct race r = { 0 };
	pthread_t th;
	int values = 0, eintrs = 0;
	long live;

	t_spares_mode(_i);
	live = ukt_site_live(UKT_SITE_KTHREAD);
	ck_assert_int_eq(pthread_create(&th, NULL, race_waker, &r), 0);
	for (int i = 1; i <= RACE_ITERS; i++) {
		int ran_count = 0, ret;
		struct task_struct *p = kthread_create(race_fn, &ran_count, "race%d", i);

		ck_assert(!IS_ERR(p));
		get_task_struct(p);	/* the waker may still touch it */
		r.p = p;
		__atomic_store_n(&r.seq, i, __ATOMIC_RELEASE);
		switch (i % 4) {
		case 1:
			sched_yield();
			break;
		case 2:
			for (volatile int k = 0; k < 2000; k++)
				;
			break;
		case 3:
			T_SPIN_UNTIL(__atomic_load_n(&r.ack, __ATOMIC_ACQUIRE) == i);
			break;
		}
		ret = kthread_stop(p);
		T_SPIN_UNTIL(__atomic_load_n(&r.ack, __ATOMIC_ACQUIRE) == i);
		put_task_struct(p);
		ck_assert_msg(ret == 77 || ret == -EINTR, "iteration %d: stop returned %d", i, ret);
		ck_assert_int_le(ran_count, 1);
		ck_assert_int_eq(ran_count, ret == 77 ? 1 : 0);
		if (ret == 77)
			values++;
		else
			eintrs++;
	}
	pthread_join(th, NULL);
	ck_assert_int_eq(values + eintrs, RACE_ITERS);
	ck_assert_int_eq(kthread_live_settled(live), live);
}
END_TEST

/* threadfn returns on its own; the zombie waits for a late kthread_stop(). */
START_TEST(test_zombie_late_stop)
{
	struct probe pr = { .value = 42 };
	long live;
	struct task_struct *p;

	t_spares_mode(_i);
	live = ukt_site_live(UKT_SITE_KTHREAD);
	p = kthread_run(return_at_once_fn, &pr, "zombie");
	ck_assert(!IS_ERR(p));
	ck_assert(T_WAIT_FOR(t_flags(p) & PF_EXITING, 5000));
	ck_assert(T_WAIT_FOR(t_state(p) == TASK_DEAD, 5000));
	t_sleep_ms(50);
	/* Its thread is gone, its task is not. */
	ck_assert_int_eq(ukt_site_live(UKT_SITE_KTHREAD), live + 1);
	ck_assert_ptr_eq(kthread_data(p), &pr);
	ck_assert_int_eq(wake_up_process(p), 0);
	ck_assert_int_eq(kthread_stop(p), 42);
	ck_assert_int_eq(kthread_live_settled(live), live);
}
END_TEST

START_TEST(test_stop_put_with_reference)
{
	struct probe pr = { .value = 7 };
	long live;
	struct task_struct *p;

	t_spares_mode(_i);
	live = ukt_site_live(UKT_SITE_KTHREAD);
	p = kthread_run(return_at_once_fn, &pr, "stop_put");
	ck_assert(!IS_ERR(p));
	get_task_struct(p);
	ck_assert(T_WAIT_FOR(t_state(p) == TASK_DEAD, 5000));
	ck_assert_int_eq(kthread_stop_put(p), 7);
	ck_assert_int_eq(kthread_live_settled(live), live);

	/* And on a thread still running. */
	pr.value = 8;
	pr.ready = 0;
	p = kthread_run(until_stop_fn, &pr, "stop_put2");
	ck_assert(!IS_ERR(p));
	get_task_struct(p);
	ck_assert(T_WAIT_FOR(is_ready(&pr), 5000));
	ck_assert_int_eq(kthread_stop_put(p), 8);
	ck_assert_int_eq(kthread_live_settled(live), live);
}
END_TEST

/* ---- ways out ---------------------------------------------------------------- */

static int after_exit;

static void nested_exit(int depth, long v)
{
	if (depth < 0)
		return;
	if (depth > 0)
		nested_exit(depth - 1, v);
	else
		kthread_exit(v);
	after_exit = 1;
}

static int exit_nested_fn(void *data)
{
	(void)data;
	nested_exit(5, 55);
	after_exit = 2;
	return 1;
}

START_TEST(test_kthread_exit_nested)
{
	long live;
	struct task_struct *p;

	t_spares_mode(_i);
	live = ukt_site_live(UKT_SITE_KTHREAD);
	after_exit = 0;
	p = kthread_run(exit_nested_fn, NULL, "exit_nested");
	ck_assert(!IS_ERR(p));
	ck_assert(T_WAIT_FOR(t_state(p) == TASK_DEAD, 5000));
	ck_assert_int_eq(kthread_stop(p), 55);
	ck_assert_int_eq(after_exit, 0);
	ck_assert_int_eq(kthread_live_settled(live), live);
}
END_TEST

struct cae {
	struct completion *comp;
	long code;
};

static int complete_and_exit_fn(void *data)
{
	struct cae *c = data;

	kthread_complete_and_exit(c->comp, c->code);
	return -1;
}

START_TEST(test_kthread_complete_and_exit)
{
	DECLARE_COMPLETION_ONSTACK(done);
	struct cae c = { &done, 66 };
	struct cae c2 = { NULL, 67 };
	struct task_struct *p;

	p = kthread_run(complete_and_exit_fn, &c, "cae");
	ck_assert(!IS_ERR(p));
	get_task_struct(p);
	ck_assert_uint_ne(wait_for_completion_timeout(&done, 5000), 0);
	ck_assert(T_WAIT_FOR(t_state(p) == TASK_DEAD, 5000));
	ck_assert_int_eq(kthread_stop_put(p), 66);

	p = kthread_run(complete_and_exit_fn, &c2, "cae_null");
	ck_assert(!IS_ERR(p));
	ck_assert(T_WAIT_FOR(t_state(p) == TASK_DEAD, 5000));
	ck_assert_int_eq(kthread_stop(p), 67);
}
END_TEST

static int pthread_exit_fn(void *data)
{
	(void)data;
	pthread_exit((void *)(long)5);
	return 5;
}

START_TEST(test_pthread_exit_ecanceled)
{
	long live;
	struct task_struct *p;

	t_spares_mode(_i);
	live = ukt_site_live(UKT_SITE_KTHREAD);
	p = kthread_run(pthread_exit_fn, NULL, "pexit");
	ck_assert(!IS_ERR(p));
	ck_assert(T_WAIT_FOR(t_state(p) == TASK_DEAD, 5000));
	ck_assert_int_eq(kthread_stop(p), -ECANCELED);
	ck_assert_int_eq(kthread_live_settled(live), live);
}
END_TEST

struct cancel_data {
	pthread_t self;
	int ready;
};

static int cancel_fn(void *data)
{
	struct cancel_data *cd = data;

	cd->self = pthread_self();
	__atomic_store_n(&cd->ready, 1, __ATOMIC_RELEASE);
	/*
	 * Cancelled in pthread_testcancel(), not inside a blocking call:
	 * TSan's interceptor of nanosleep() is not unwound by cancellation
	 * and then misses the synchronisation of the exit path.
	 */
	for (;;) {
		pthread_testcancel();
		sched_yield();
	}
	return 0;
}

START_TEST(test_pthread_cancel_ecanceled)
{
	struct cancel_data cd = { 0 };
	long live;
	struct task_struct *p;

	t_spares_mode(_i);
	live = ukt_site_live(UKT_SITE_KTHREAD);
	p = kthread_run(cancel_fn, &cd, "cancelled");
	ck_assert(!IS_ERR(p));
	ck_assert(T_WAIT_FOR(__atomic_load_n(&cd.ready, __ATOMIC_ACQUIRE), 5000));
	ck_assert_int_eq(pthread_cancel(cd.self), 0);
	ck_assert(T_WAIT_FOR(t_state(p) == TASK_DEAD, 5000));
	ck_assert_int_eq(kthread_stop(p), -ECANCELED);
	ck_assert_int_eq(kthread_live_settled(live), live);
}
END_TEST

/* ---- stop interrupts interruptible sleeps ------------------------------------- */

enum { SL_STO, SL_WAIT_EVENT, SL_MSLEEP, SL_SCHEDULE };

struct isleep {
	int kind;
	wait_queue_head_t wq;
	int ready;
	double slept_ms;
};

static int isleep_fn(void *data)
{
	struct isleep *s = data;
	long long t0 = t_now_ns();
	long ret = 0;

	__atomic_store_n(&s->ready, 1, __ATOMIC_RELEASE);
	switch (s->kind) {
	case SL_STO:
		ret = schedule_timeout_interruptible(100 * HZ);
		break;
	case SL_WAIT_EVENT:
		ret = wait_event_interruptible(s->wq, false);
		break;
	case SL_MSLEEP:
		ret = (long)msleep_interruptible(100000);
		break;
	case SL_SCHEDULE:
		set_current_state(TASK_INTERRUPTIBLE);
		schedule();
		ret = 1;
		break;
	}
	s->slept_ms = t_ms_since(t0);
	return (int)ret;
}

static int stop_sleeper(int kind, double *slept)
{
	struct isleep s = { .kind = kind };
	struct task_struct *p;
	long long t0;
	int ret;

	init_waitqueue_head(&s.wq);
	p = kthread_run(isleep_fn, &s, "isleep%d", kind);
	ck_assert(!IS_ERR(p));
	ck_assert(t_wait_sleeping(p, TASK_INTERRUPTIBLE, 5000));
	t_sleep_ms(30);
	t0 = t_now_ns();
	ret = kthread_stop(p);
	ck_assert_msg(t_ms_since(t0) < 1000, "stop took %.1f ms", t_ms_since(t0));
	*slept = s.slept_ms;
	return ret;
}

START_TEST(test_stop_wakes_schedule_timeout_interruptible)
{
	double slept;
	int ret = stop_sleeper(SL_STO, &slept);

	/* Woken early: the jiffies left. */
	ck_assert_msg(ret > 100 * HZ - 2000 && ret <= 100 * HZ, "returned %d", ret);
	ck_assert(slept < 2000);
}
END_TEST

START_TEST(test_stop_wakes_wait_event_interruptible)
{
	double slept;

	ck_assert_int_eq(stop_sleeper(SL_WAIT_EVENT, &slept), -ERESTARTSYS);
	ck_assert(slept < 2000);
}
END_TEST

START_TEST(test_stop_wakes_msleep_interruptible)
{
	double slept;
	int ret = stop_sleeper(SL_MSLEEP, &slept);

	ck_assert_msg(ret > 100000 - 2000 && ret <= 100000, "returned %d", ret);
	ck_assert(slept < 2000);
}
END_TEST

START_TEST(test_stop_wakes_schedule)
{
	double slept;

	ck_assert_int_eq(stop_sleeper(SL_SCHEDULE, &slept), 1);
	ck_assert(slept < 2000);
}
END_TEST

/* ---- scale, misuse ---------------------------------------------------------- */

#define NCREATORS 4
#define PER_CREATOR 50

struct creator {
	int base;
	struct task_struct *p[PER_CREATOR];
	int vals[PER_CREATOR];
	int errors;
};

static int started_kids;

static int index_fn(void *data)
{
	int *v = data;

	__atomic_fetch_add(&started_kids, 1, __ATOMIC_ACQ_REL);
	wait_for_stop();
	return *v;
}

static void *creator_fn(void *arg)
{
	struct creator *c = arg;

	for (int i = 0; i < PER_CREATOR; i++) {
		c->vals[i] = c->base + i;
		c->p[i] = kthread_run(index_fn, &c->vals[i], "many/%d", c->base + i);
		if (IS_ERR(c->p[i]))
			c->errors++;
	}
	return NULL;
}

START_TEST(test_many_concurrent)
{
	struct creator cr[NCREATORS];
	pthread_t th[NCREATORS];
	long live;

	t_spares_mode(_i);
	live = ukt_site_live(UKT_SITE_KTHREAD);
	for (int t = 0; t < NCREATORS; t++) {
		memset(&cr[t], 0, sizeof(cr[t]));
		cr[t].base = t * 1000;
		ck_assert_int_eq(pthread_create(&th[t], NULL, creator_fn, &cr[t]), 0);
	}
	for (int t = 0; t < NCREATORS; t++)
		pthread_join(th[t], NULL);
	for (int t = 0; t < NCREATORS; t++)
		ck_assert_int_eq(cr[t].errors, 0);
	ck_assert_int_eq(ukt_site_live(UKT_SITE_KTHREAD), live + NCREATORS * PER_CREATOR);
	for (int t = 0; t < NCREATORS; t++) {
		for (int i = 0; i < PER_CREATOR; i++) {
			char want[16];

			snprintf(want, sizeof(want), "many/%d", cr[t].base + i);
			ck_assert_str_eq(cr[t].p[i]->comm, want);
		}
	}
	ck_assert(T_WAIT_FOR(__atomic_load_n(&started_kids, __ATOMIC_ACQUIRE) ==
			      NCREATORS * PER_CREATOR, 10000));
	for (int t = 0; t < NCREATORS; t++)
		for (int i = 0; i < PER_CREATOR; i++)
			ck_assert_int_eq(kthread_stop(cr[t].p[i]), cr[t].base + i);
	ck_assert_int_eq(kthread_live_settled(live), live);
}
END_TEST

static int self_stop_fn(void *data)
{
	unsigned long *warns = data;
	unsigned long w = ukt_warn_count();
	int r = kthread_stop(get_current());

	__atomic_store_n(warns, ukt_warn_count() - w, __ATOMIC_RELEASE);
	/* Still alive and still a kthread that can be stopped properly. */
	wait_for_stop();
	return r == -EDEADLK ? 100 : r;
}

START_TEST(test_self_stop_edeadlk)
{
	unsigned long warns = 1000;
	struct task_struct *p = kthread_run(self_stop_fn, &warns, "self_stop");

	ck_assert(!IS_ERR(p));
	ck_assert(T_WAIT_FOR(__atomic_load_n(&warns, __ATOMIC_ACQUIRE) != 1000, 5000));
	ck_assert_int_eq(kthread_stop(p), 100);
	ck_assert_uint_eq(warns, 1);
}
END_TEST

static void *adopted_task_of(void *arg)
{
	struct task_struct **out = arg;

	*out = get_task_struct(get_current());
	return NULL;
}

START_TEST(test_stop_non_kthread_einval)
{
	unsigned long w = ukt_warn_count();
	struct task_struct *other = NULL;
	pthread_t th;

	ck_assert_int_eq(kthread_stop(get_current()), -EINVAL);
	ck_assert_uint_eq(ukt_warn_count(), w + 1);
	ck_assert_int_eq(kthread_stop(kthreadd_task), -EINVAL);
	ck_assert_uint_eq(ukt_warn_count(), w + 2);
	ck_assert_int_eq(pthread_create(&th, NULL, adopted_task_of, &other), 0);
	pthread_join(th, NULL);
	ck_assert_int_eq(kthread_stop(other), -EINVAL);
	ck_assert_uint_eq(ukt_warn_count(), w + 3);
	put_task_struct(other);
	/* The main thread is not hurt by it. */
	ck_assert(!signal_pending(get_current()));
}
END_TEST

/* A kthread creates and stops kthreads, stops them in another order. */
static int parent_fn(void *data)
{
	int vals[8];
	struct task_struct *kids[8];

	__atomic_store_n((int *)data, 1, __ATOMIC_RELEASE);
	for (int i = 0; i < 8; i++) {
		vals[i] = i * 3;
		kids[i] = kthread_run(index_fn, &vals[i], "kid%d", i);
		if (IS_ERR(kids[i]))
			return -1;
	}
	/* A stop that beats the first wakeup would give -EINTR: let them run. */
	while (__atomic_load_n(&started_kids, __ATOMIC_ACQUIRE) < 8)
		schedule_timeout_uninterruptible(1);
	for (int i = 7; i >= 0; i--)
		if (kthread_stop(kids[i]) != i * 3)
			return -2;
	wait_for_stop();
	return 8;
}

START_TEST(test_kthread_creates_kthreads)
{
	struct task_struct *p;
	int started = 0;

	t_spares_mode(_i);
	p = kthread_run(parent_fn, &started, "parent");
	ck_assert(!IS_ERR(p));
	ck_assert(T_WAIT_FOR(__atomic_load_n(&started, __ATOMIC_ACQUIRE), 5000));
	ck_assert_int_eq(kthread_stop(p), 8);
}
END_TEST

static Suite *kthread_suite(void)
{
	Suite *s = suite_create("kthread");
	TCase *tc;

	tc = t_tcase(s, "lifecycle");
	tcase_add_loop_test(tc, test_create_stopped, 0, 2);
	tcase_add_loop_test(tc, test_run_and_stop, 0, 2);
	tcase_add_loop_test(tc, test_pid_valid_at_create, 0, 2);
	tcase_add_loop_test(tc, test_never_woken_stop_eintr, 0, 2);
	tcase_add_loop_test(tc, test_stop_races_with_wake, 0, 2);
	tcase_add_loop_test(tc, test_zombie_late_stop, 0, 2);
	tcase_add_loop_test(tc, test_stop_put_with_reference, 0, 2);
	tcase_add_loop_test(tc, test_kthread_exit_nested, 0, 2);
	tcase_add_test(tc, test_kthread_complete_and_exit);
	tcase_add_loop_test(tc, test_pthread_exit_ecanceled, 0, 2);
	tcase_add_loop_test(tc, test_pthread_cancel_ecanceled, 0, 2);
	tcase_add_test(tc, test_stop_wakes_schedule_timeout_interruptible);
	tcase_add_test(tc, test_stop_wakes_wait_event_interruptible);
	tcase_add_test(tc, test_stop_wakes_msleep_interruptible);
	tcase_add_test(tc, test_stop_wakes_schedule);
	tcase_add_loop_test(tc, test_many_concurrent, 0, 2);
	tcase_add_loop_test(tc, test_kthread_creates_kthreads, 0, 2);
	tcase_add_test(tc, test_self_stop_edeadlk);
	tcase_add_test(tc, test_stop_non_kthread_einval);
	return s;
}

int main(void)
{
	return t_run_suite(kthread_suite());
}
