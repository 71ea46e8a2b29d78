// SPDX-License-Identifier: MIT
/*
 * test_cpumask.c - CPU masks (<ukthread/cpumask.h>, src/lib/cpumask.c):
 * set/clear/test/weight on a mask, cpumask_of(), cpu_online_mask against
 * the process's affinity, nr_cpu_ids, num_online_cpus() and
 * smp_processor_id() on a pinned thread.
 */
#include <limits.h>

#include <ukthread/cpumask.h>

#include "ukt_test.h"

START_TEST(test_set_clear_test_weight)
{
	static const unsigned int cpus[] = { 0, 1, 63, 64, 65, 511, UKT_NR_CPUS - 1 };
	const unsigned int n = sizeof(cpus) / sizeof(cpus[0]);
	struct cpumask m;

	memset(&m, 0xa5, sizeof(m));
	cpumask_clear(&m);
	ck_assert(cpumask_empty(&m));
	ck_assert_uint_eq(cpumask_weight(&m), 0);
	for (unsigned int i = 0; i < n; i++) {
		cpumask_set_cpu(cpus[i], &m);
		ck_assert(cpumask_test_cpu((int)cpus[i], &m));
		ck_assert_uint_eq(cpumask_weight(&m), i + 1);
		cpumask_set_cpu(cpus[i], &m);		/* twice: still one bit */
		ck_assert_uint_eq(cpumask_weight(&m), i + 1);
	}
	ck_assert(!cpumask_empty(&m));
	/* Neighbours stay clear. */
	ck_assert(!cpumask_test_cpu(2, &m));
	ck_assert(!cpumask_test_cpu(62, &m));
	ck_assert(!cpumask_test_cpu(66, &m));
	ck_assert(!cpumask_test_cpu(UKT_NR_CPUS - 2, &m));
	/* Out of range: ignored by set and clear, false for test. */
	cpumask_set_cpu(UKT_NR_CPUS, &m);
	cpumask_set_cpu(UINT_MAX, &m);
	ck_assert_uint_eq(cpumask_weight(&m), n);
	ck_assert(!cpumask_test_cpu(-1, &m));
	ck_assert(!cpumask_test_cpu(UKT_NR_CPUS, &m));
	ck_assert(!cpumask_test_cpu(INT_MAX, &m));
	cpumask_clear_cpu(UKT_NR_CPUS, &m);
	ck_assert_uint_eq(cpumask_weight(&m), n);

	cpumask_clear_cpu(63, &m);
	ck_assert(!cpumask_test_cpu(63, &m));
	ck_assert(cpumask_test_cpu(64, &m));
	ck_assert_uint_eq(cpumask_weight(&m), n - 1);
	cpumask_clear_cpu(63, &m);
	ck_assert_uint_eq(cpumask_weight(&m), n - 1);
	for (unsigned int i = 0; i < n; i++)
		cpumask_clear_cpu(cpus[i], &m);
	ck_assert(cpumask_empty(&m));
}
END_TEST

/* A cpu_set_t is a cpumask with a cast. */
START_TEST(test_layout_of_cpu_set_t)
{
	cpu_set_t set;
	struct cpumask *m = (struct cpumask *)&set;

	ck_assert_uint_eq(sizeof(struct cpumask), sizeof(cpu_set_t));
	ck_assert_int_eq(UKT_NR_CPUS, CPU_SETSIZE);
	CPU_ZERO(&set);
	CPU_SET(5, &set);
	CPU_SET(700, &set);
	ck_assert(cpumask_test_cpu(5, m));
	ck_assert(cpumask_test_cpu(700, m));
	ck_assert_uint_eq(cpumask_weight(m), 2);
	cpumask_set_cpu(77, m);
	ck_assert(CPU_ISSET(77, &set));
	ck_assert_int_eq(CPU_COUNT(&set), 3);
}
END_TEST

START_TEST(test_cpumask_of)
{
	for (unsigned int cpu = 0; cpu < UKT_NR_CPUS; cpu++) {
		const struct cpumask *m = cpumask_of(cpu);

		ck_assert_ptr_nonnull(m);
		ck_assert_ptr_eq(cpumask_of(cpu), m);
		ck_assert_uint_eq(cpumask_weight(m), 1);
		ck_assert(cpumask_test_cpu((int)cpu, m));
		if (cpu > 0)
			ck_assert(!cpumask_test_cpu((int)cpu - 1, m));
		if (cpu + 1 < UKT_NR_CPUS)
			ck_assert(!cpumask_test_cpu((int)cpu + 1, m));
	}
	ck_assert_ptr_null(cpumask_of(UKT_NR_CPUS));
	ck_assert_ptr_null(cpumask_of(UINT_MAX));
}
END_TEST

START_TEST(test_online_mask_is_the_affinity)
{
	cpu_set_t allowed;
	const struct cpumask *online = cpu_online_mask;
	const struct cpumask *possible = cpu_possible_mask;
	int highest = -1;

	CPU_ZERO(&allowed);
	ck_assert_int_eq(sched_getaffinity(0, sizeof(allowed), &allowed), 0);
	ck_assert_ptr_nonnull(online);
	ck_assert_ptr_nonnull(possible);
	ck_assert_uint_eq(num_online_cpus(), (unsigned int)CPU_COUNT(&allowed));
	ck_assert_uint_eq(cpumask_weight(online), num_online_cpus());
	ck_assert_uint_ge(num_online_cpus(), 1);
	for (int cpu = 0; cpu < CPU_SETSIZE; cpu++) {
		ck_assert_msg(cpu_online(cpu) == !!CPU_ISSET(cpu, &allowed),
			      "cpu %d: online %d, in the affinity %d", cpu, cpu_online(cpu),
			      !!CPU_ISSET(cpu, &allowed));
		ck_assert_int_eq(cpu_online(cpu), cpumask_test_cpu(cpu, online));
		/* Online CPUs are possible ones. */
		if (cpu_online(cpu)) {
			ck_assert(cpu_possible(cpu));
			highest = cpu;
		}
	}
	ck_assert_int_ge(highest, 0);
	ck_assert_int_eq(highest, t_last_online_cpu());
	/* nr_cpu_ids: one more than the highest possible CPU. */
	ck_assert_uint_ge(nr_cpu_ids, 1);
	ck_assert_uint_le(nr_cpu_ids, UKT_NR_CPUS);
	ck_assert_uint_gt(nr_cpu_ids, (unsigned int)highest);
	ck_assert(cpu_possible((int)nr_cpu_ids - 1));
	ck_assert(!cpu_possible((int)nr_cpu_ids));
	ck_assert_uint_ge(num_possible_cpus(), num_online_cpus());
	ck_assert_uint_le(num_possible_cpus(), nr_cpu_ids);
	ck_assert_uint_eq(num_possible_cpus(), cpumask_weight(possible));
	ck_assert_int_eq(cpu_to_node(0), 0);
}
END_TEST

static void *on_cpu(void *arg)
{
	int *cpu = arg;
	cpu_set_t one;
	int got = -1;

	CPU_ZERO(&one);
	CPU_SET(*cpu, &one);
	if (sched_setaffinity(0, sizeof(one), &one) == 0) {
		got = smp_processor_id();
		if (raw_smp_processor_id() != got)
			got = -2;
	}
	*cpu = got;
	return NULL;
}

START_TEST(test_smp_processor_id_on_a_pinned_thread)
{
	int n = 0;

	for (int cpu = 0; cpu < CPU_SETSIZE; cpu++) {
		int id = smp_processor_id();

		ck_assert_int_ge(id, 0);
		ck_assert_uint_lt((unsigned int)id, nr_cpu_ids);
		ck_assert(cpu_online(id));
		if (!cpu_online(cpu))
			continue;
		{
			pthread_t th;
			int got = cpu;

			ck_assert_int_eq(pthread_create(&th, NULL, on_cpu, &got), 0);
			ck_assert_int_eq(pthread_join(th, NULL), 0);
			ck_assert_msg(got == cpu, "pinned to cpu %d, smp_processor_id() %d", cpu, got);
		}
		n++;
	}
	ck_assert_uint_eq((unsigned int)n, num_online_cpus());
}
END_TEST

static Suite *cpumask_suite(void)
{
	Suite *s = suite_create("cpumask");
	TCase *tc;

	tc = t_tcase(s, "mask");
	tcase_add_test(tc, test_set_clear_test_weight);
	tcase_add_test(tc, test_layout_of_cpu_set_t);
	tcase_add_test(tc, test_cpumask_of);

	tc = t_tcase(s, "online");
	tcase_add_test(tc, test_online_mask_is_the_affinity);
	tcase_add_test(tc, test_smp_processor_id_on_a_pinned_thread);
	return s;
}

int main(void)
{
	return t_run_suite(cpumask_suite());
}
