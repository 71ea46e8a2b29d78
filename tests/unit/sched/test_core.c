// SPDX-License-Identifier: MIT
/*
 * test_core.c - current, task states, the sleep/wake protocol,
 * schedule_timeout(), comm (src/kernel/sched/core.c).  Adoption and task
 * references: test_task.c.
 */
#include <limits.h>
#include <sys/prctl.h>
#include <sys/resource.h>

#include "ukt_test.h"

/* ---- current ------------------------------------------------------------- */

START_TEST(test_current_main_thread)
{
	long live = ukt_site_live(UKT_SITE_TASK);
	struct task_struct *me = get_current();
	char name[16] = "";

	ck_assert_ptr_nonnull(me);
	ck_assert_ptr_eq(get_current(), me);
	ck_assert_int_eq(ukt_site_live(UKT_SITE_TASK), live + 1);
	/* Check runs each test in a forked child: its main thread. */
	ck_assert_int_eq(me->pid, getpid());
	ck_assert_int_eq(task_pid_nr(me), t_gettid());
	ck_assert_int_eq(me->tgid, getpid());
	ck_assert(!(me->flags & PF_KTHREAD));
	ck_assert_ptr_null(me->worker_private);
	ck_assert_uint_eq(me->__state, TASK_RUNNING);
	ck_assert(task_is_running(me));
	ck_assert_ptr_eq(me->mm, ukt_process_mm());
	ck_assert_ptr_nonnull(me->mm);
	prctl(PR_GET_NAME, name, 0, 0, 0);
	ck_assert_str_eq(me->comm, name);
	ck_assert_ptr_null(kthread_func(me));
	ck_assert(!signal_pending(me));
}
END_TEST

START_TEST(test_kthread_current)
{
	/* A kthread's current is its own task (checked in kthread/test_kthread.c);
	 * here: the task of a kthread is not the caller's. */
	struct task_struct *me = get_current();

	ck_assert_ptr_eq(get_current(), me);
	ck_assert_ptr_ne(kthreadd_task, me);
	ck_assert(kthreadd_task->flags & PF_KTHREAD);
	ck_assert_ptr_null(kthreadd_task->mm);
}
END_TEST

/* ---- mm: NULL for kthreads, the process's for every other thread -------- */

static int mm_seen_kthread;	/* 1: NULL, 2: not NULL */

static int mm_threadfn(void *data)
{
	T_STORE(&mm_seen_kthread, get_current()->mm ? 2 : 1);
	return 0;
}

static void *mm_pthread(void *arg)
{
	*(struct mm_struct **)arg = get_current()->mm;
	return NULL;
}

START_TEST(test_mm_kthread_null_others_process)
{
	struct task_struct *t = kthread_run(mm_threadfn, NULL, "mm_test");
	struct mm_struct *other = NULL;
	pthread_t th;

	ck_assert(!IS_ERR(t));
	ck_assert_ptr_null(t->mm);
	ck_assert(T_WAIT_FOR(T_LOAD(&mm_seen_kthread) != 0, 5000));
	ck_assert_int_eq(kthread_stop(t), 0);
	ck_assert_int_eq(T_LOAD(&mm_seen_kthread), 1);
	ck_assert_int_eq(pthread_create(&th, NULL, mm_pthread, &other), 0);
	ck_assert_int_eq(pthread_join(th, NULL), 0);
	ck_assert_ptr_eq(other, ukt_process_mm());
	ck_assert_ptr_eq(get_current()->mm, other);
}
END_TEST

/* ---- set_current_state / schedule / wake_up ------------------------------ */

START_TEST(test_schedule_when_running_returns)
{
	__set_current_state(TASK_RUNNING);
	schedule();
	ck_assert(task_is_running(get_current()));
	/* A wakeup that came first makes schedule() return at once. */
	set_current_state(TASK_UNINTERRUPTIBLE);
	ck_assert_uint_eq(get_current()->__state, TASK_UNINTERRUPTIBLE);
	ck_assert_int_eq(wake_up_process(get_current()), 1);
	ck_assert_uint_eq(get_current()->__state, TASK_RUNNING);
	schedule();
	ck_assert(task_is_running(get_current()));
}
END_TEST

START_TEST(test_wake_up_state_matching)
{
	struct task_struct *me = get_current();

	/* Running: nothing to wake. */
	ck_assert_int_eq(wake_up_process(me), 0);
	ck_assert_int_eq(wake_up_state(me, TASK_NORMAL), 0);

	set_current_state(TASK_UNINTERRUPTIBLE);
	ck_assert_int_eq(wake_up_state(me, TASK_INTERRUPTIBLE), 0);
	ck_assert_int_eq(wake_up_state(me, TASK_PARKED), 0);
	ck_assert_uint_eq(me->__state, TASK_UNINTERRUPTIBLE);
	ck_assert_int_eq(wake_up_state(me, TASK_UNINTERRUPTIBLE), 1);
	ck_assert_uint_eq(me->__state, TASK_RUNNING);

	set_current_state(TASK_INTERRUPTIBLE);
	ck_assert_int_eq(wake_up_state(me, TASK_UNINTERRUPTIBLE), 0);
	ck_assert_uint_eq(me->__state, TASK_INTERRUPTIBLE);
	ck_assert_int_eq(wake_up_state(me, TASK_NORMAL), 1);
	ck_assert_uint_eq(me->__state, TASK_RUNNING);

	/* TASK_PARKED is woken only by asking for TASK_PARKED. */
	set_current_state(TASK_PARKED);
	ck_assert_int_eq(wake_up_process(me), 0);
	ck_assert_int_eq(wake_up_state(me, TASK_NORMAL), 0);
	ck_assert_uint_eq(me->__state, TASK_PARKED);
	ck_assert_int_eq(wake_up_state(me, TASK_PARKED), 1);
	ck_assert_uint_eq(me->__state, TASK_RUNNING);

	/* TASK_KILLABLE and TASK_IDLE contain TASK_UNINTERRUPTIBLE. */
	set_current_state(TASK_IDLE);
	ck_assert_int_eq(wake_up_state(me, TASK_INTERRUPTIBLE), 0);
	ck_assert_int_eq(wake_up_process(me), 1);
	set_current_state(TASK_KILLABLE);
	ck_assert_int_eq(wake_up_process(me), 1);
	ck_assert(task_is_running(me));
}
END_TEST

struct sleeper {
	unsigned int state;
	long timeout;		/* 0: plain schedule() */
	long ret;
	int woke;
	int ready;
};

static int sleeper_fn(void *data)
{
	struct sleeper *s = data;

	set_current_state(s->state);
	__atomic_store_n(&s->ready, 1, __ATOMIC_RELEASE);
	if (s->timeout)
		s->ret = schedule_timeout(s->timeout);
	else
		schedule();
	__atomic_store_n(&s->woke, 1, __ATOMIC_RELEASE);
	return 0;
}

/* A sleeper in another state is not woken by wake_up_state(). */
START_TEST(test_wake_up_state_cross_thread)
{
	struct sleeper s = { .state = TASK_UNINTERRUPTIBLE };
	struct task_struct *p = kthread_run(sleeper_fn, &s, "sleeper");

	ck_assert(!IS_ERR(p));
	ck_assert(t_wait_sleeping(p, TASK_UNINTERRUPTIBLE, 5000));
	ck_assert_int_eq(wake_up_state(p, TASK_INTERRUPTIBLE), 0);
	ck_assert_int_eq(wake_up_state(p, TASK_PARKED), 0);
	t_sleep_ms(50);
	ck_assert_int_eq(__atomic_load_n(&s.woke, __ATOMIC_ACQUIRE), 0);
	ck_assert_uint_eq(t_state(p), TASK_UNINTERRUPTIBLE);
	ck_assert_int_eq(wake_up_state(p, TASK_UNINTERRUPTIBLE), 1);
	ck_assert(T_WAIT_FOR(__atomic_load_n(&s.woke, __ATOMIC_ACQUIRE), 5000));
	ck_assert_int_eq(kthread_stop(p), 0);
}
END_TEST

START_TEST(test_wake_up_process_wakes_sleeper)
{
	for (int i = 0; i < 2; i++) {
		struct sleeper s = { .state = i ? TASK_INTERRUPTIBLE : TASK_UNINTERRUPTIBLE };
		struct task_struct *p = kthread_run(sleeper_fn, &s, "sleeper%d", i);

		ck_assert(!IS_ERR(p));
		ck_assert(t_wait_sleeping(p, s.state, 5000));
		ck_assert_int_eq(__atomic_load_n(&s.woke, __ATOMIC_ACQUIRE), 0);
		ck_assert_int_eq(wake_up_process(p), 1);
		ck_assert(T_WAIT_FOR(__atomic_load_n(&s.woke, __ATOMIC_ACQUIRE), 5000));
		ck_assert_int_eq(kthread_stop(p), 0);
	}
}
END_TEST

/*
 * The lost-wakeup test.  The sleeper sets its state, publishes a sequence
 * number and calls schedule_timeout() at once; the waker wakes it as soon
 * as it sees the number: the wakeup lands before, during or after the
 * call to schedule.  A lost one would show as a timeout (return 0).
 */
#define LW_ITERS 20000
#define LW_BUDGET_MS 3000	/* fewer rounds on a loaded or instrumented machine */

struct lost_wakeup {
	int seq;	/* the sleeper's iteration, published after set_current_state */
	int ack;	/* the waker's last completed iteration */
	int last;	/* set by the waker before its last ack: the final round */
	int lost;
};

static int lw_sleeper(void *data)
{
	struct lost_wakeup *lw = data;

	for (int i = 1;; i++) {
		long r;

		set_current_state(TASK_UNINTERRUPTIBLE);
		__atomic_store_n(&lw->seq, i, __ATOMIC_RELEASE);
		/* Every third round, let the wakeup come before schedule(). */
		if (i % 3 == 0)
			T_SPIN_UNTIL(__atomic_load_n(&lw->ack, __ATOMIC_ACQUIRE) == i);
		r = schedule_timeout(2 * HZ);
		if (r == 0)
			lw->lost++;
		if (!task_is_running(get_current()))
			lw->lost += 1000;
		/* The wakeup of this round must be done before the next. */
		T_SPIN_UNTIL(__atomic_load_n(&lw->ack, __ATOMIC_ACQUIRE) == i);
		if (__atomic_load_n(&lw->last, __ATOMIC_RELAXED) == i)
			break;
	}
	return 0;
}

START_TEST(test_no_lost_wakeup_stress)
{
	struct lost_wakeup lw = { 0 };
	struct task_struct *p = kthread_create(lw_sleeper, &lw, "lw_sleeper");
	long long t0 = t_now_ns();
	int woken = 0, rounds = 0;

	ck_assert(!IS_ERR(p));
	wake_up_process(p);
	for (int i = 1; !rounds; i++) {
		T_SPIN_UNTIL(__atomic_load_n(&lw.seq, __ATOMIC_ACQUIRE) == i);
		woken += wake_up_process(p);
		if (i == LW_ITERS || (i >= 1000 && t_ms_since(t0) > LW_BUDGET_MS)) {
			__atomic_store_n(&lw.last, i, __ATOMIC_RELAXED);
			rounds = i;
		}
		__atomic_store_n(&lw.ack, i, __ATOMIC_RELEASE);
	}
	ck_assert_int_eq(kthread_stop(p), 0);
	ck_assert_int_eq(lw.lost, 0);
	/* Each round set TASK_UNINTERRUPTIBLE before publishing: every wake hit. */
	ck_assert_int_eq(woken, rounds);
	ck_assert_int_ge(rounds, 1000);
}
END_TEST

/* ---- schedule_timeout ---------------------------------------------------- */

START_TEST(test_schedule_timeout_expires)
{
	long long t0 = t_now_ns();
	long r;

	set_current_state(TASK_INTERRUPTIBLE);
	r = schedule_timeout(msecs_to_jiffies(60));
	ck_assert_int_eq(r, 0);
	ck_assert_msg(t_ms_since(t0) >= 60, "slept %.3f ms", t_ms_since(t0));
	ck_assert(task_is_running(get_current()));

	t0 = t_now_ns();
	r = schedule_timeout_uninterruptible(20);
	ck_assert_int_eq(r, 0);
	ck_assert(t_ms_since(t0) >= 20);
	r = schedule_timeout_interruptible(5);
	ck_assert_int_eq(r, 0);
	r = schedule_timeout_killable(5);
	ck_assert_int_eq(r, 0);
	r = schedule_timeout_idle(5);
	ck_assert_int_eq(r, 0);
	ck_assert(task_is_running(get_current()));
}
END_TEST

START_TEST(test_schedule_timeout_running_returns_at_once)
{
	long long t0 = t_now_ns();
	long r;

	__set_current_state(TASK_RUNNING);
	r = schedule_timeout(1000);
	ck_assert_msg(r >= 990 && r <= 1000, "returned %ld", r);
	ck_assert(t_ms_since(t0) < 500);

	/* Less than a jiffy left still counts as woken early: 1, not 0. */
	{
		int ones = 0;

		for (int i = 0; i < 50; i++) {
			__set_current_state(TASK_RUNNING);
			r = schedule_timeout(1);
			ck_assert_msg(r == 0 || r == 1, "returned %ld", r);
			ones += r == 1;
		}
		/* 0 only when descheduled for a whole jiffy in between. */
		ck_assert_int_ge(ones, 25);
	}
}
END_TEST

START_TEST(test_schedule_timeout_zero)
{
	set_current_state(TASK_UNINTERRUPTIBLE);
	ck_assert_int_eq(schedule_timeout(0), 0);
	ck_assert(task_is_running(get_current()));
}
END_TEST

START_TEST(test_schedule_timeout_woken_early)
{
	struct sleeper s = { .state = TASK_INTERRUPTIBLE, .timeout = 10 * HZ };
	struct task_struct *p = kthread_run(sleeper_fn, &s, "sto_early");
	long long t0 = t_now_ns();

	ck_assert(!IS_ERR(p));
	ck_assert(t_wait_sleeping(p, TASK_INTERRUPTIBLE, 5000));
	t_sleep_ms(50);
	ck_assert_int_eq(wake_up_process(p), 1);
	ck_assert(T_WAIT_FOR(__atomic_load_n(&s.woke, __ATOMIC_ACQUIRE), 5000));
	ck_assert_int_eq(kthread_stop(p), 0);
	ck_assert_msg(s.ret >= 1 && s.ret <= 10 * HZ, "returned %ld", s.ret);
	/* About what was left: 10 s minus the time it slept. */
	ck_assert_msg(s.ret >= 10 * HZ - (long)t_ms_since(t0) - 2, "returned %ld", s.ret);
	ck_assert_msg(s.ret <= 10 * HZ - 50 + 1, "returned %ld", s.ret);
}
END_TEST

START_TEST(test_schedule_timeout_max)
{
	struct sleeper s = { .state = TASK_UNINTERRUPTIBLE, .timeout = MAX_SCHEDULE_TIMEOUT };
	struct task_struct *p = kthread_run(sleeper_fn, &s, "sto_max");

	ck_assert(!IS_ERR(p));
	ck_assert(t_wait_sleeping(p, TASK_UNINTERRUPTIBLE, 5000));
	t_sleep_ms(30);
	ck_assert_int_eq(__atomic_load_n(&s.woke, __ATOMIC_ACQUIRE), 0);
	ck_assert_int_eq(wake_up_process(p), 1);
	ck_assert(T_WAIT_FOR(__atomic_load_n(&s.woke, __ATOMIC_ACQUIRE), 5000));
	ck_assert_int_eq(kthread_stop(p), 0);
	ck_assert_int_eq(s.ret, MAX_SCHEDULE_TIMEOUT);
	ck_assert_int_eq(MAX_SCHEDULE_TIMEOUT, LONG_MAX);
}
END_TEST

START_TEST(test_schedule_timeout_negative_warns)
{
	unsigned long w = ukt_warn_count();
	long long t0 = t_now_ns();

	set_current_state(TASK_INTERRUPTIBLE);
	ck_assert_int_eq(schedule_timeout(-5), 0);
	ck_assert_uint_eq(ukt_warn_count(), w + 1);
	ck_assert(task_is_running(get_current()));
	set_current_state(TASK_UNINTERRUPTIBLE);
	ck_assert_int_eq(schedule_timeout(-1000), 0);
	ck_assert_uint_eq(ukt_warn_count(), w + 2);
	ck_assert(task_is_running(get_current()));
	ck_assert(t_ms_since(t0) < 500);
}
END_TEST

/* ---- a sleeping task uses no CPU ------------------------------------------ */

struct idle_probe {
	int ready;
	struct rusage before, after;
};

static int idle_fn(void *data)
{
	struct idle_probe *ip = data;

	getrusage(RUSAGE_THREAD, &ip->before);
	set_current_state(TASK_INTERRUPTIBLE);
	__atomic_store_n(&ip->ready, 1, __ATOMIC_RELEASE);
	schedule();
	getrusage(RUSAGE_THREAD, &ip->after);
	return 0;
}

static double tv_ms(const struct timeval *tv)
{
	return tv->tv_sec * 1e3 + tv->tv_usec / 1e3;
}

START_TEST(test_sleeping_task_uses_no_cpu)
{
	struct idle_probe ip = { 0 };
	struct task_struct *p = kthread_run(idle_fn, &ip, "idle_probe");
	long vol0, vol1, invol0, invol1;
	double cpu_ms;

	ck_assert(!IS_ERR(p));
	ck_assert(t_wait_sleeping(p, TASK_INTERRUPTIBLE, 5000));
	vol0 = t_voluntary_switches(p->pid);
	invol0 = t_nonvoluntary_switches(p->pid);
	ck_assert_int_ge(vol0, 0);
	t_sleep_ms(1000);
	vol1 = t_voluntary_switches(p->pid);
	invol1 = t_nonvoluntary_switches(p->pid);
	/* Blocked the whole second: no wakeup, no polling. */
	ck_assert_msg(vol1 - vol0 <= 2, "%ld voluntary switches while asleep", vol1 - vol0);
	ck_assert_msg(invol1 - invol0 <= 2, "%ld involuntary switches while asleep",
		      invol1 - invol0);
	ck_assert_uint_eq(t_state(p), TASK_INTERRUPTIBLE);
	ck_assert_int_eq(wake_up_process(p), 1);
	ck_assert_int_eq(kthread_stop(p), 0);
	/* The whole life of the thread, sleep included, took little CPU. */
	cpu_ms = tv_ms(&ip.after.ru_utime) + tv_ms(&ip.after.ru_stime) -
		 tv_ms(&ip.before.ru_utime) - tv_ms(&ip.before.ru_stime);
	ck_assert_msg(cpu_ms < 100, "%.1f ms of CPU while sleeping 1 s", cpu_ms);
	ck_assert_msg(ip.after.ru_nvcsw - ip.before.ru_nvcsw <= 3,
		      "%ld voluntary switches", ip.after.ru_nvcsw - ip.before.ru_nvcsw);
}
END_TEST

/* ---- names ------------------------------------------------------------------ */

START_TEST(test_set_task_comm)
{
	struct task_struct *me = get_current();
	char os[32], buf[8];

	set_task_comm(me, "a-very-long-thread-name");
	ck_assert_str_eq(me->comm, "a-very-long-thr");
	ck_assert(t_read_os_comm(t_gettid(), os, sizeof(os)));
	ck_assert_str_eq(os, "a-very-long-thr");
	ck_assert_ptr_eq(__get_task_comm(buf, sizeof(buf), me), buf);
	ck_assert_str_eq(buf, "a-very-");
}
END_TEST

static Suite *sched_suite(void)
{
	Suite *s = suite_create("sched");
	TCase *tc = tcase_create("current");
	TCase *tw = tcase_create("sleep_wake");
	TCase *tt = tcase_create("schedule_timeout");

	tcase_set_timeout(tc, T_TIMEOUT);
	tcase_add_checked_fixture(tc, NULL, t_teardown);
	tcase_add_test(tc, test_current_main_thread);
	tcase_add_test(tc, test_kthread_current);
	tcase_add_test(tc, test_mm_kthread_null_others_process);
	tcase_add_test(tc, test_set_task_comm);
	suite_add_tcase(s, tc);

	tcase_set_timeout(tw, T_TIMEOUT);
	tcase_add_checked_fixture(tw, NULL, t_teardown);
	tcase_add_test(tw, test_schedule_when_running_returns);
	tcase_add_test(tw, test_wake_up_state_matching);
	tcase_add_test(tw, test_wake_up_state_cross_thread);
	tcase_add_test(tw, test_wake_up_process_wakes_sleeper);
	tcase_add_test(tw, test_no_lost_wakeup_stress);
	tcase_add_test(tw, test_sleeping_task_uses_no_cpu);
	suite_add_tcase(s, tw);

	tcase_set_timeout(tt, T_TIMEOUT);
	tcase_add_checked_fixture(tt, NULL, t_teardown);
	tcase_add_test(tt, test_schedule_timeout_expires);
	tcase_add_test(tt, test_schedule_timeout_running_returns_at_once);
	tcase_add_test(tt, test_schedule_timeout_zero);
	tcase_add_test(tt, test_schedule_timeout_woken_early);
	tcase_add_test(tt, test_schedule_timeout_max);
	tcase_add_test(tt, test_schedule_timeout_negative_warns);
	suite_add_tcase(s, tt);
	return s;
}

int main(void)
{
	return t_run_suite(sched_suite());
}
