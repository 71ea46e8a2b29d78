/* SPDX-License-Identifier: MIT */
/*
 * ukthread/cpumask.h - sets of CPUs, for kthread_bind_mask() and friends.
 *
 * struct ukt_cpumask has the layout of glibc's cpu_set_t (1024 CPUs), so a
 * cpu_set_t converts with a cast.  "Possible" CPUs are those the machine
 * has configured; "online" ones, those this process may run on.
 */
#ifndef UKTHREAD_CPUMASK_H
#define UKTHREAD_CPUMASK_H

#include <stdbool.h>
#include <ukthread/compiler.h>

#define UKT_NR_CPUS		1024
#define UKT_NUMA_NO_NODE	(-1)
#define UKT__CPU_BITS_PER_LONG	(8 * (int)sizeof(unsigned long))

/**
 * struct ukt_cpumask - a bitmap of CPU numbers, layout-compatible with
 * cpu_set_t.
 */
struct ukt_cpumask {
	unsigned long bits[UKT_NR_CPUS / (8 * sizeof(unsigned long))];
};
typedef struct ukt_cpumask ukt_cpumask_t;

/** ukt_cpumask_set_cpu - add @cpu to @m (ignored when out of range). */
static inline void ukt_cpumask_set_cpu(unsigned int cpu, struct ukt_cpumask *m)
{
	if (cpu < UKT_NR_CPUS)
		m->bits[cpu / UKT__CPU_BITS_PER_LONG] |=
			1ul << (cpu % UKT__CPU_BITS_PER_LONG);
}

/** ukt_cpumask_clear_cpu - remove @cpu from @m. */
static inline void ukt_cpumask_clear_cpu(unsigned int cpu, struct ukt_cpumask *m)
{
	if (cpu < UKT_NR_CPUS)
		m->bits[cpu / UKT__CPU_BITS_PER_LONG] &=
			~(1ul << (cpu % UKT__CPU_BITS_PER_LONG));
}

/** ukt_cpumask_test_cpu - true when @cpu is in @m. */
static inline bool ukt_cpumask_test_cpu(int cpu, const struct ukt_cpumask *m)
{
	return cpu >= 0 && cpu < UKT_NR_CPUS &&
		((m->bits[cpu / UKT__CPU_BITS_PER_LONG] >>
		  (cpu % UKT__CPU_BITS_PER_LONG)) & 1);
}

/** ukt_cpumask_clear - empty @m. */
static inline void ukt_cpumask_clear(struct ukt_cpumask *m)
{
	for (unsigned int i = 0; i < sizeof(m->bits) / sizeof(m->bits[0]); i++)
		m->bits[i] = 0;
}

/** ukt_cpumask_weight - number of CPUs in @m. */
static inline unsigned int ukt_cpumask_weight(const struct ukt_cpumask *m)
{
	unsigned int n = 0;

	for (unsigned int i = 0; i < sizeof(m->bits) / sizeof(m->bits[0]); i++)
		n += (unsigned int)__builtin_popcountl(m->bits[i]);
	return n;
}

/** ukt_cpumask_empty - true when @m has no CPU. */
static inline bool ukt_cpumask_empty(const struct ukt_cpumask *m)
{
	return ukt_cpumask_weight(m) == 0;
}

/** ukt_nr_cpu_ids - one more than the highest possible CPU number. */
UKT_API unsigned int ukt_nr_cpu_ids(void);
/** ukt_num_online_cpus - how many CPUs this process may run on. */
UKT_API unsigned int ukt_num_online_cpus(void);
/** ukt_cpu_possible_mask - the CPUs the machine has configured. */
UKT_API const struct ukt_cpumask *ukt_cpu_possible_mask(void);
/** ukt_cpu_online_mask - the CPUs this process may run on. */
UKT_API const struct ukt_cpumask *ukt_cpu_online_mask(void);
/** ukt_cpumask_of - a mask holding only @cpu (NULL when out of range). */
UKT_API const struct ukt_cpumask *ukt_cpumask_of(unsigned int cpu);
/** ukt_raw_smp_processor_id - the CPU the caller runs on right now. */
UKT_API int ukt_raw_smp_processor_id(void);
/** ukt_cpu_to_node - NUMA node of @cpu (0: ukthread does not model NUMA). */
static inline int ukt_cpu_to_node(int cpu)
{
	(void)cpu;
	return 0;
}

#ifndef UKTHREAD_NO_KERNEL_NAMES
#define cpumask			ukt_cpumask
#define cpumask_t		ukt_cpumask_t
#define NR_CPUS			UKT_NR_CPUS
#define NUMA_NO_NODE		UKT_NUMA_NO_NODE
#define cpumask_set_cpu		ukt_cpumask_set_cpu
#define cpumask_clear_cpu	ukt_cpumask_clear_cpu
#define cpumask_test_cpu	ukt_cpumask_test_cpu
#define cpumask_clear		ukt_cpumask_clear
#define cpumask_weight		ukt_cpumask_weight
#define cpumask_empty		ukt_cpumask_empty
#define nr_cpu_ids		ukt_nr_cpu_ids()
#define num_online_cpus		ukt_num_online_cpus
#define num_possible_cpus()	ukt_cpumask_weight(ukt_cpu_possible_mask())
#define cpu_possible_mask	ukt_cpu_possible_mask()
#define cpu_online_mask		ukt_cpu_online_mask()
#define cpu_online(cpu)		ukt_cpumask_test_cpu(cpu, ukt_cpu_online_mask())
#define cpu_possible(cpu)	ukt_cpumask_test_cpu(cpu, ukt_cpu_possible_mask())
#define cpumask_of		ukt_cpumask_of
#define raw_smp_processor_id	ukt_raw_smp_processor_id
#define smp_processor_id	ukt_raw_smp_processor_id
#define cpu_to_node		ukt_cpu_to_node
#endif

#endif /* UKTHREAD_CPUMASK_H */
