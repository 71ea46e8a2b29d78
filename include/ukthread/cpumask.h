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
 * @bits: the bits, CPU n at bit n % BITS_PER_LONG of bits[n / BITS_PER_LONG].
 */
struct ukt_cpumask {
	unsigned long bits[UKT_NR_CPUS / (8 * sizeof(unsigned long))];
};
typedef struct ukt_cpumask ukt_cpumask_t;

/**
 * ukt_cpumask_set_cpu - add a CPU to a mask.
 * @cpu: the CPU number; one of UKT_NR_CPUS or more is ignored.
 * @m: the mask.
 */
static inline void ukt_cpumask_set_cpu(unsigned int cpu, struct ukt_cpumask *m)
{
	if (cpu < UKT_NR_CPUS)
		m->bits[cpu / UKT__CPU_BITS_PER_LONG] |=
			1ul << (cpu % UKT__CPU_BITS_PER_LONG);
}

/**
 * ukt_cpumask_clear_cpu - remove a CPU from a mask.
 * @cpu: the CPU number; one of UKT_NR_CPUS or more is ignored.
 * @m: the mask.
 */
static inline void ukt_cpumask_clear_cpu(unsigned int cpu, struct ukt_cpumask *m)
{
	if (cpu < UKT_NR_CPUS)
		m->bits[cpu / UKT__CPU_BITS_PER_LONG] &=
			~(1ul << (cpu % UKT__CPU_BITS_PER_LONG));
}

/**
 * ukt_cpumask_test_cpu - test whether a CPU is in a mask.
 * @cpu: the CPU number.
 * @m: the mask.
 *
 * Return: true when @cpu is in @m; false for a negative or too large @cpu.
 */
static inline bool ukt_cpumask_test_cpu(int cpu, const struct ukt_cpumask *m)
{
	return cpu >= 0 && cpu < UKT_NR_CPUS &&
		((m->bits[cpu / UKT__CPU_BITS_PER_LONG] >>
		  (cpu % UKT__CPU_BITS_PER_LONG)) & 1);
}

/**
 * ukt_cpumask_clear - empty a mask.
 * @m: the mask.
 */
static inline void ukt_cpumask_clear(struct ukt_cpumask *m)
{
	for (unsigned int i = 0; i < sizeof(m->bits) / sizeof(m->bits[0]); i++)
		m->bits[i] = 0;
}

/**
 * ukt_cpumask_weight - count the CPUs in a mask.
 * @m: the mask.
 *
 * Return: the number of CPUs in @m.
 */
static inline unsigned int ukt_cpumask_weight(const struct ukt_cpumask *m)
{
	unsigned int n = 0;

	for (unsigned int i = 0; i < sizeof(m->bits) / sizeof(m->bits[0]); i++)
		n += (unsigned int)__builtin_popcountl(m->bits[i]);
	return n;
}

/**
 * ukt_cpumask_empty - test whether a mask has no CPU.
 * @m: the mask.
 *
 * Return: true when @m has no CPU.
 */
static inline bool ukt_cpumask_empty(const struct ukt_cpumask *m)
{
	return ukt_cpumask_weight(m) == 0;
}

/**
 * ukt_nr_cpu_ids - the number of CPU ids in use.
 *
 * Return: one more than the highest possible (configured) CPU number.
 */
UKT_API unsigned int ukt_nr_cpu_ids(void);

/**
 * ukt_num_online_cpus - count the CPUs this process may run on.
 *
 * Return: the number of CPUs in cpu_online_mask.
 */
UKT_API unsigned int ukt_num_online_cpus(void);

/**
 * ukt_cpu_possible_mask - the CPUs the machine has configured.
 *
 * Return: a mask that stays valid for the life of the process.
 */
UKT_API const struct ukt_cpumask *ukt_cpu_possible_mask(void);

/**
 * ukt_cpu_online_mask - the CPUs this process may run on.
 *
 * These are the CPUs kthreadd may run on after asking for all of them
 * (the process's cpuset), whatever the affinity of the calling thread.
 * They are read once, when kthreadd starts (on this call if needed).
 *
 * Return: a mask that stays valid for the life of the process.
 */
UKT_API const struct ukt_cpumask *ukt_cpu_online_mask(void);

/**
 * ukt_cpumask_of - the mask that holds one CPU.
 * @cpu: the CPU number.
 *
 * Return: a constant mask holding only @cpu, or NULL when @cpu is
 * UKT_NR_CPUS or more.
 */
UKT_API const struct ukt_cpumask *ukt_cpumask_of(unsigned int cpu);

/**
 * ukt_raw_smp_processor_id - the CPU the caller runs on right now.
 *
 * The thread may be moved to another CPU right after the call.
 *
 * Return: the CPU number, or 0 if the OS cannot tell.
 */
UKT_API int ukt_raw_smp_processor_id(void);

/**
 * ukt_cpu_to_node - the NUMA node of a CPU.
 * @cpu: the CPU number (not used).
 *
 * Return: 0: ukthread does not model NUMA.
 */
static inline int ukt_cpu_to_node(int cpu)
{
	(void)cpu;
	return 0;
}

#include <ukthread/map/cpumask.h>

#endif /* UKTHREAD_CPUMASK_H */
