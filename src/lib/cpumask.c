// SPDX-License-Identifier: MIT
/*
 * cpumask.c - the CPU sets the library answers questions with.
 *
 * "Possible": the CPUs configured.  "Online": the CPUs this process may
 * run on (its cpuset), whatever the calling thread's own mask is: the
 * first caller widens its own mask to every possible CPU for a moment,
 * reads what the kernel granted, and puts its mask back.  Both are read
 * once, on first use, so they are right even in constructors that run
 * before the library's own.
 */
#include <pthread.h>
#include <sched.h>
#include <unistd.h>

#include <ukthread/cpumask.h>
#include "lib/cpumask.h"

static struct ukt_cpumask single[UKT_NR_CPUS];
static struct ukt_cpumask possible_mask, online_mask;
static unsigned int nr_online;
static pthread_once_t single_once = PTHREAD_ONCE_INIT;
static pthread_once_t masks_once = PTHREAD_ONCE_INIT;

static void single_init(void)
{
	for (unsigned int cpu = 0; cpu < UKT_NR_CPUS; cpu++)
		ukt_cpumask_set_cpu(cpu, &single[cpu]);
}

static void masks_init(void)
{
	long n = sysconf(_SC_NPROCESSORS_CONF);
	cpu_set_t saved;

	for (long cpu = 0; cpu < n && cpu < UKT_NR_CPUS; cpu++)
		ukt_cpumask_set_cpu((unsigned int)cpu, &possible_mask);
	if (sched_getaffinity(0, sizeof(saved), &saved) == 0) {
		sched_setaffinity(0, sizeof(possible_mask), (cpu_set_t *)&possible_mask);
		sched_getaffinity(0, sizeof(online_mask), (cpu_set_t *)&online_mask);
		sched_setaffinity(0, sizeof(saved), &saved);
	}
	if (ukt_cpumask_empty(&online_mask))
		online_mask = possible_mask;
	nr_online = ukt_cpumask_weight(&online_mask);
}

const struct ukt_cpumask *ukt_cpumask_of(unsigned int cpu)
{
	if (cpu >= UKT_NR_CPUS)
		return NULL;
	pthread_once(&single_once, single_init);
	return &single[cpu];
}

const struct ukt_cpumask *ukt_cpu_possible_mask(void)
{
	pthread_once(&masks_once, masks_init);
	return &possible_mask;
}

const struct ukt_cpumask *ukt_cpu_online_mask(void)
{
	pthread_once(&masks_once, masks_init);
	return &online_mask;
}

unsigned int ukt_nr_cpu_ids(void)
{
	const struct ukt_cpumask *m = ukt_cpu_possible_mask();
	unsigned int n = 0;

	for (unsigned int cpu = 0; cpu < UKT_NR_CPUS; cpu++)
		if (ukt_cpumask_test_cpu((int)cpu, m))
			n = cpu + 1;
	return n;
}

unsigned int ukt_num_online_cpus(void)
{
	pthread_once(&masks_once, masks_init);
	return nr_online;
}

bool ukt__multi_cpu(void)
{
	return ukt_num_online_cpus() > 1;
}

int ukt_raw_smp_processor_id(void)
{
	int cpu = sched_getcpu();

	return cpu < 0 ? 0 : cpu;
}
