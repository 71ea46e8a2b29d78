// SPDX-License-Identifier: MIT
/*
 * test_kthread_bind.c - kthreads and CPUs: kthread_create_on_cpu(),
 * kthread_run_on_cpu(), kthread_bind(), kthread_bind_mask(), per-CPU
 * kthreads re-bound on unpark (src/kernel/kthread.c).
 */
#include "kthread_fixture.h"

/* ---- CPUs ---------------------------------------------------------------------- */

struct cpuinfo {
	int cpu;
	cpu_set_t aff;
	int ready;
	int widen;		/* main asks threadfn to allow itself every CPU */
	int widened;
	int cpu_after;		/* sched_getcpu() after each unpark */
	int unparks;
};

static int cpu_fn(void *data)
{
	struct cpuinfo *ci = data;

	ci->cpu = sched_getcpu();
	CPU_ZERO(&ci->aff);
	sched_getaffinity(0, sizeof(ci->aff), &ci->aff);
	__atomic_store_n(&ci->ready, 1, __ATOMIC_RELEASE);
	while (!kthread_should_stop()) {
		if (kthread_should_park()) {
			kthread_parkme();
			ci->cpu_after = sched_getcpu();
			__atomic_fetch_add(&ci->unparks, 1, __ATOMIC_ACQ_REL);
			continue;
		}
		if (__atomic_load_n(&ci->widen, __ATOMIC_ACQUIRE) &&
		    !__atomic_load_n(&ci->widened, __ATOMIC_ACQUIRE)) {
			cpu_set_t all;

			CPU_ZERO(&all);
			for (int c = 0; c < NR_CPUS; c++)
				if (cpu_online(c))
					CPU_SET(c, &all);
			sched_setaffinity(0, sizeof(all), &all);
			__atomic_store_n(&ci->widened, 1, __ATOMIC_RELEASE);
		}
		set_current_state(TASK_INTERRUPTIBLE);
		if (!kthread_should_stop_or_park())
			schedule_timeout(5);
		__set_current_state(TASK_RUNNING);
	}
	return 0;
}

static bool only_cpu(const cpu_set_t *s, int cpu)
{
	return CPU_COUNT(s) == 1 && CPU_ISSET(cpu, s);
}

static int task_affinity(struct task_struct *p, cpu_set_t *s)
{
	CPU_ZERO(s);
	return sched_getaffinity(p->pid, sizeof(*s), s);
}

START_TEST(test_create_on_cpu)
{
	int n = 0;

	t_spares_mode(_i);
	for (int cpu = 0; cpu < NR_CPUS && n < 4; cpu++) {
		struct cpuinfo ci = { .cpu = -1 };
		struct task_struct *p;
		char want[32];
		cpu_set_t s;

		if (!cpu_online(cpu))
			continue;
		n++;
		p = kthread_create_on_cpu(cpu_fn, &ci, (unsigned int)cpu, "percpu/%u");
		ck_assert(!IS_ERR(p));
		snprintf(want, sizeof(want), "percpu/%d", cpu);
		ck_assert_str_eq(p->comm, want);
		ck_assert(p->flags & PF_NO_SETAFFINITY);
		ck_assert(!kthread_is_per_cpu(p));
		ck_assert_int_eq(task_affinity(p, &s), 0);
		ck_assert(only_cpu(&s, cpu));
		wake_up_process(p);
		ck_assert(T_WAIT_FOR(__atomic_load_n(&ci.ready, __ATOMIC_ACQUIRE), 5000));
		ck_assert_int_eq(ci.cpu, cpu);
		ck_assert(only_cpu(&ci.aff, cpu));
		ck_assert_int_eq(kthread_stop(p), 0);
	}
	ck_assert_int_gt(n, 0);
}
END_TEST

START_TEST(test_create_on_cpu_invalid)
{
	unsigned long w;
	long live;
	struct task_struct *p;
	unsigned int bad[] = { NR_CPUS, NR_CPUS + 7, 100000, (unsigned int)-1 };

	t_spares_mode(_i);
	w = ukt_warn_count();
	live = ukt_site_live(UKT_SITE_KTHREAD);
	for (unsigned int i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		p = kthread_create_on_cpu(cpu_fn, NULL, bad[i], "bad/%u");
		ck_assert(IS_ERR(p));
		ck_assert_int_eq(PTR_ERR(p), -EINVAL);
		ck_assert_uint_eq(ukt_warn_count(), w + i + 1);
		p = kthread_run_on_cpu(cpu_fn, NULL, bad[i], "bad/%u");
		ck_assert(IS_ERR(p));
		ck_assert_int_eq(PTR_ERR(p), -EINVAL);
		w++;
	}
	/* A CPU the machine has but the process may not use, if any. */
	for (unsigned int cpu = 0; cpu < nr_cpu_ids; cpu++) {
		if (cpu_online(cpu))
			continue;
		p = kthread_create_on_cpu(cpu_fn, NULL, cpu, "bad/%u");
		ck_assert(IS_ERR(p));
		ck_assert_int_eq(PTR_ERR(p), -EINVAL);
	}
	ck_assert_int_eq(ukt_site_live(UKT_SITE_KTHREAD), live);
}
END_TEST

START_TEST(test_run_on_cpu)
{
	int cpu = t_last_online_cpu();
	struct cpuinfo ci = { .cpu = -1 };
	struct task_struct *p;

	ck_assert_int_ge(cpu, 0);
	p = kthread_run_on_cpu(cpu_fn, &ci, (unsigned int)cpu, "run_on/%u");
	ck_assert(!IS_ERR(p));
	ck_assert(T_WAIT_FOR(__atomic_load_n(&ci.ready, __ATOMIC_ACQUIRE), 5000));
	ck_assert_int_eq(ci.cpu, cpu);
	ck_assert(only_cpu(&ci.aff, cpu));
	ck_assert_int_eq(kthread_stop(p), 0);
}
END_TEST

START_TEST(test_bind_before_start)
{
	struct cpuinfo ci = { .cpu = -1 }, ci2 = { .cpu = -1 };
	struct task_struct *p;
	struct cpumask m;
	unsigned long w;
	int cpu;

	t_spares_mode(_i);
	cpu = t_last_online_cpu();
	w = ukt_warn_count();
	p = kthread_create(cpu_fn, &ci, "bind");
	ck_assert(!IS_ERR(p));
	ck_assert(!(p->flags & PF_NO_SETAFFINITY));
	kthread_bind(p, (unsigned int)cpu);
	ck_assert(p->flags & PF_NO_SETAFFINITY);
	wake_up_process(p);
	ck_assert(T_WAIT_FOR(__atomic_load_n(&ci.ready, __ATOMIC_ACQUIRE), 5000));
	ck_assert_int_eq(ci.cpu, cpu);
	ck_assert(only_cpu(&ci.aff, cpu));
	ck_assert_int_eq(kthread_stop(p), 0);

	cpumask_clear(&m);
	cpumask_set_cpu((unsigned int)cpu, &m);
	p = kthread_create(cpu_fn, &ci2, "bind_mask");
	ck_assert(!IS_ERR(p));
	kthread_bind_mask(p, &m);
	ck_assert(p->flags & PF_NO_SETAFFINITY);
	wake_up_process(p);
	ck_assert(T_WAIT_FOR(__atomic_load_n(&ci2.ready, __ATOMIC_ACQUIRE), 5000));
	ck_assert_int_eq(ci2.cpu, cpu);
	ck_assert(only_cpu(&ci2.aff, cpu));
	ck_assert_int_eq(kthread_stop(p), 0);
	ck_assert_uint_eq(ukt_warn_count(), w);
}
END_TEST

START_TEST(test_bind_after_start_warns)
{
	int cpu = t_last_online_cpu();
	struct cpuinfo ci = { .cpu = -1 };
	struct task_struct *p;
	struct cpumask m;
	cpu_set_t before, after;
	unsigned long w;

	p = kthread_run(cpu_fn, &ci, "bind_late");
	ck_assert(!IS_ERR(p));
	ck_assert(T_WAIT_FOR(__atomic_load_n(&ci.ready, __ATOMIC_ACQUIRE), 5000));
	ck_assert_int_eq(task_affinity(p, &before), 0);
	ck_assert_int_eq(CPU_COUNT(&before), (int)num_online_cpus());
	w = ukt_warn_count();
	kthread_bind(p, (unsigned int)cpu);
	ck_assert_uint_eq(ukt_warn_count(), w + 1);
	cpumask_clear(&m);
	cpumask_set_cpu((unsigned int)cpu, &m);
	kthread_bind_mask(p, &m);
	ck_assert_uint_eq(ukt_warn_count(), w + 2);
	ck_assert_int_eq(task_affinity(p, &after), 0);
	ck_assert(CPU_EQUAL(&before, &after));
	ck_assert(!(p->flags & PF_NO_SETAFFINITY));
	ck_assert_int_eq(kthread_stop(p), 0);
}
END_TEST

/* Woken is started: a bind right after wake_up_process() is too late. */
START_TEST(test_bind_after_wakeup_warns)
{
	int cpu;

	t_spares_mode(_i);
	cpu = t_last_online_cpu();
	for (int round = 0; round < 20; round++) {
		struct cpuinfo ci = { .cpu = -1 };
		struct task_struct *p = kthread_create(cpu_fn, &ci, "bind_woken");
		unsigned long w;

		ck_assert(!IS_ERR(p));
		wake_up_process(p);
		w = ukt_warn_count();
		kthread_bind(p, (unsigned int)cpu);
		ck_assert_msg(ukt_warn_count() == w + 1, "round %d: no warning", round);
		ck_assert(!(p->flags & PF_NO_SETAFFINITY));
		ck_assert(T_WAIT_FOR(__atomic_load_n(&ci.ready, __ATOMIC_ACQUIRE), 5000));
		ck_assert_int_eq(CPU_COUNT(&ci.aff), (int)num_online_cpus());
		ck_assert_int_eq(kthread_stop(p), 0);
	}
}
END_TEST

START_TEST(test_bind_invalid_warns)
{
	struct probe pr = { 0 };
	struct task_struct *p = kthread_create(until_stop_fn, &pr, "bind_bad");
	struct cpumask empty;
	cpu_set_t s;
	unsigned long w = ukt_warn_count();

	ck_assert(!IS_ERR(p));
	kthread_bind(p, NR_CPUS + 1);
	ck_assert_uint_eq(ukt_warn_count(), w + 1);
	kthread_bind(p, 99999);
	ck_assert_uint_eq(ukt_warn_count(), w + 2);
	cpumask_clear(&empty);
	kthread_bind_mask(p, &empty);
	ck_assert_uint_eq(ukt_warn_count(), w + 3);
	ck_assert(!(p->flags & PF_NO_SETAFFINITY));
	ck_assert_int_eq(task_affinity(p, &s), 0);
	ck_assert_int_eq(CPU_COUNT(&s), (int)num_online_cpus());
	/* Not a kthread. */
	kthread_bind(get_current(), 0);
	ck_assert_uint_eq(ukt_warn_count(), w + 4);
	ck_assert_int_eq(kthread_stop(p), -EINTR);
}
END_TEST

START_TEST(test_per_cpu_rebind_on_unpark)
{
	int cpu = t_last_online_cpu();
	struct cpuinfo ci = { .cpu = -1 };
	struct task_struct *p;
	cpu_set_t s;

	p = kthread_create_on_cpu(cpu_fn, &ci, (unsigned int)cpu, "pcpu/%u");
	ck_assert(!IS_ERR(p));
	ck_assert(!kthread_is_per_cpu(p));
	kthread_set_per_cpu(p, cpu);
	ck_assert(kthread_is_per_cpu(p));
	wake_up_process(p);
	ck_assert(T_WAIT_FOR(__atomic_load_n(&ci.ready, __ATOMIC_ACQUIRE), 5000));
	ck_assert_int_eq(ci.cpu, cpu);

	/* The thread spreads itself out; park leaves it so, unpark re-binds. */
	__atomic_store_n(&ci.widen, 1, __ATOMIC_RELEASE);
	ck_assert(T_WAIT_FOR(__atomic_load_n(&ci.widened, __ATOMIC_ACQUIRE), 5000));
	ck_assert_int_eq(task_affinity(p, &s), 0);
	ck_assert_int_eq(CPU_COUNT(&s), (int)num_online_cpus());
	ck_assert_int_eq(kthread_park(p), 0);
	ck_assert_int_eq(task_affinity(p, &s), 0);
	ck_assert_int_eq(CPU_COUNT(&s), (int)num_online_cpus());
	kthread_unpark(p);
	ck_assert_int_eq(task_affinity(p, &s), 0);
	ck_assert(only_cpu(&s, cpu));
	ck_assert(T_WAIT_FOR(__atomic_load_n(&ci.unparks, __ATOMIC_ACQUIRE) == 1, 5000));
	ck_assert_int_eq(ci.cpu_after, cpu);

	/* Unmarked: no re-binding. */
	kthread_set_per_cpu(p, -1);
	ck_assert(!kthread_is_per_cpu(p));
	__atomic_store_n(&ci.widened, 0, __ATOMIC_RELEASE);
	ck_assert(T_WAIT_FOR(__atomic_load_n(&ci.widened, __ATOMIC_ACQUIRE), 5000));
	ck_assert_int_eq(kthread_park(p), 0);
	kthread_unpark(p);
	ck_assert(T_WAIT_FOR(__atomic_load_n(&ci.unparks, __ATOMIC_ACQUIRE) == 2, 5000));
	ck_assert_int_eq(task_affinity(p, &s), 0);
	ck_assert_int_eq(CPU_COUNT(&s), (int)num_online_cpus());

	/*
	 * Marked again: an unpark of the running (not parked) thread must
	 * not re-bind it, and stopping it is quiet (the 2024 unpark fix).
	 */
	kthread_set_per_cpu(p, cpu);
	__atomic_store_n(&ci.widened, 0, __ATOMIC_RELEASE);
	ck_assert(T_WAIT_FOR(__atomic_load_n(&ci.widened, __ATOMIC_ACQUIRE), 5000));
	kthread_unpark(p);
	ck_assert_int_eq(task_affinity(p, &s), 0);
	ck_assert_int_eq(CPU_COUNT(&s), (int)num_online_cpus());
	{
		unsigned long w = ukt_warn_count();

		ck_assert_int_eq(kthread_stop(p), 0);
		ck_assert_uint_eq(ukt_warn_count(), w);
	}
}
END_TEST

START_TEST(test_set_per_cpu_non_kthread)
{
	unsigned long w = ukt_warn_count();

	ck_assert(!kthread_is_per_cpu(get_current()));
	ck_assert_uint_eq(ukt_warn_count(), w);
	kthread_set_per_cpu(get_current(), 0);
	ck_assert_uint_eq(ukt_warn_count(), w + 1);
	ck_assert(!kthread_is_per_cpu(get_current()));
}
END_TEST

static Suite *bind_suite(void)
{
	Suite *s = suite_create("kthread_bind");
	TCase *tc;

	tc = t_tcase(s, "cpus");
	tcase_add_loop_test(tc, test_create_on_cpu, 0, 2);
	tcase_add_loop_test(tc, test_create_on_cpu_invalid, 0, 2);
	tcase_add_test(tc, test_run_on_cpu);
	tcase_add_loop_test(tc, test_bind_before_start, 0, 2);
	tcase_add_test(tc, test_bind_after_start_warns);
	tcase_add_loop_test(tc, test_bind_after_wakeup_warns, 0, 2);
	tcase_add_test(tc, test_bind_invalid_warns);
	tcase_add_test(tc, test_per_cpu_rebind_on_unpark);
	tcase_add_test(tc, test_set_per_cpu_non_kthread);
	return s;
}

int main(void)
{
	return t_run_suite(bind_suite());
}
