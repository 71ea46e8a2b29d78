/* SPDX-License-Identifier: MIT */
/*
 * linux/cpumask.h - CPU masks (ukthread/cpumask.h under the kernel
 * names), their iterators and cpumask_var_t.
 *
 * "Possible" CPUs are those the machine has configured, "online" ones
 * those this process may run on; CPUs never come and go.  cpumask_var_t
 * is an array of one mask, as in kernels without CPUMASK_OFFSTACK, so
 * alloc_cpumask_var() never fails.
 */
#ifndef UKT_COMPAT_LINUX_CPUMASK_H
#define UKT_COMPAT_LINUX_CPUMASK_H

#include <string.h>
#include <linux/bitops.h>
#include <linux/compiler.h>
#include <linux/types.h>
#include <ukthread/cpumask.h>

/** cpumask_bits - the unsigned long array of the mask @m. */
#define cpumask_bits(m)		((m)->bits)
/** cpumask_size - the size of a struct cpumask in bytes. */
#define cpumask_size()		sizeof(struct cpumask)
#define nr_cpumask_bits		nr_cpu_ids
#define cpu_present(cpu)	cpu_possible(cpu)
#define cpu_present_mask	cpu_possible_mask
#define num_present_cpus()	num_possible_cpus()
#define UKT__CPUMASK_LONGS	(sizeof(((struct cpumask *)0)->bits) / sizeof(unsigned long))

/** cpumask_next - first CPU of @m after @n; nr_cpu_ids if none. */
static inline unsigned int cpumask_next(int n, const struct cpumask *m)
{
	unsigned int nr = ukt_nr_cpu_ids();

	for (unsigned int cpu = (unsigned int)(n + 1); cpu < nr; cpu++)
		if (ukt_cpumask_test_cpu((int)cpu, m))
			return cpu;
	return nr;
}

/** cpumask_first - first CPU of @m; nr_cpu_ids if none. */
static inline unsigned int cpumask_first(const struct cpumask *m)
{
	return cpumask_next(-1, m);
}

/** cpumask_any - some CPU of @m (the first); nr_cpu_ids if none. */
#define cpumask_any(m)		cpumask_first(m)

/** for_each_cpu - loop @cpu over the CPUs of @mask. */
#define for_each_cpu(cpu, mask)						\
	for ((cpu) = cpumask_next(-1, (mask));				\
	     (unsigned int)(cpu) < ukt_nr_cpu_ids();			\
	     (cpu) = cpumask_next((int)(cpu), (mask)))
/** for_each_possible_cpu - loop @cpu over the possible CPUs. */
#define for_each_possible_cpu(cpu)	for_each_cpu(cpu, cpu_possible_mask)
/** for_each_online_cpu - loop @cpu over the online CPUs. */
#define for_each_online_cpu(cpu)	for_each_cpu(cpu, cpu_online_mask)
/** for_each_present_cpu - loop @cpu over the present (possible) CPUs. */
#define for_each_present_cpu(cpu)	for_each_cpu(cpu, cpu_possible_mask)

/** cpumask_copy - copy @src into @dst. */
static inline void cpumask_copy(struct cpumask *dst, const struct cpumask *src)
{
	*dst = *src;
}

/** cpumask_setall - put every possible CPU number in @m. */
static inline void cpumask_setall(struct cpumask *m)
{
	unsigned int nr = ukt_nr_cpu_ids();

	ukt_cpumask_clear(m);
	for (unsigned int cpu = 0; cpu < nr; cpu++)
		ukt_cpumask_set_cpu(cpu, m);
}

/** cpumask_and - @dst = @a & @b; true when @dst is not empty. */
static inline bool cpumask_and(struct cpumask *dst, const struct cpumask *a,
			       const struct cpumask *b)
{
	unsigned long any = 0;

	for (size_t i = 0; i < UKT__CPUMASK_LONGS; i++)
		any |= dst->bits[i] = a->bits[i] & b->bits[i];
	return any != 0;
}

/** cpumask_andnot - @dst = @a & ~@b; true when @dst is not empty. */
static inline bool cpumask_andnot(struct cpumask *dst, const struct cpumask *a,
				  const struct cpumask *b)
{
	unsigned long any = 0;

	for (size_t i = 0; i < UKT__CPUMASK_LONGS; i++)
		any |= dst->bits[i] = a->bits[i] & ~b->bits[i];
	return any != 0;
}

/** cpumask_or - @dst = @a | @b. */
static inline void cpumask_or(struct cpumask *dst, const struct cpumask *a,
			      const struct cpumask *b)
{
	for (size_t i = 0; i < UKT__CPUMASK_LONGS; i++)
		dst->bits[i] = a->bits[i] | b->bits[i];
}

/** cpumask_equal - true when @a and @b hold the same CPUs. */
static inline bool cpumask_equal(const struct cpumask *a, const struct cpumask *b)
{
	return memcmp(a->bits, b->bits, sizeof(a->bits)) == 0;
}

/** cpumask_intersects - true when @a and @b share a CPU. */
static inline bool cpumask_intersects(const struct cpumask *a,
				      const struct cpumask *b)
{
	for (size_t i = 0; i < UKT__CPUMASK_LONGS; i++)
		if (a->bits[i] & b->bits[i])
			return true;
	return false;
}

/** cpumask_subset - true when every CPU of @a is in @b. */
static inline bool cpumask_subset(const struct cpumask *a, const struct cpumask *b)
{
	for (size_t i = 0; i < UKT__CPUMASK_LONGS; i++)
		if (a->bits[i] & ~b->bits[i])
			return false;
	return true;
}

/** typedef cpumask_var_t - a mask that needs no allocation. */
typedef struct cpumask cpumask_var_t[1];

/** alloc_cpumask_var - nothing to allocate; true. */
static inline bool alloc_cpumask_var(cpumask_var_t *mask, gfp_t flags)
{
	(void)mask;
	(void)flags;
	return true;
}

/** zalloc_cpumask_var - clear *@mask; true. */
static inline bool zalloc_cpumask_var(cpumask_var_t *mask, gfp_t flags)
{
	(void)flags;
	ukt_cpumask_clear(*mask);
	return true;
}

/** free_cpumask_var - nothing to free. */
static inline void free_cpumask_var(cpumask_var_t mask)
{
	(void)mask;
}

#endif /* UKT_COMPAT_LINUX_CPUMASK_H */
