// SPDX-License-Identifier: MIT
/*
 * cpumask.c - the CPU sets the library answers questions with.
 *
 * "Online" means: the CPUs this process may run on (its cpuset), read by
 * kthreadd after it asked for every CPU.  "Possible": the CPUs configured.
 */
#include <sched.h>
#include <unistd.h>

#include <ukthread/cpumask.h>
#include "internal.h"


static struct ukt_cpumask single[UKT_NR_CPUS];
static pthread_once_t single_once = PTHREAD_ONCE_INIT;

static void single_init(void)
{
	for (unsigned int cpu = 0; cpu < UKT_NR_CPUS; cpu++)
		ukt_cpumask_set_cpu(cpu, &single[cpu]);
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
	return ukt__cpus_possible();
}

const struct ukt_cpumask *ukt_cpu_online_mask(void)
{
	return ukt__cpus_allowed();
}

unsigned int ukt_nr_cpu_ids(void)
{
	const struct ukt_cpumask *m = ukt__cpus_possible();
	unsigned int n = 0;

	for (unsigned int cpu = 0; cpu < UKT_NR_CPUS; cpu++)
		if (ukt_cpumask_test_cpu((int)cpu, m))
			n = cpu + 1;
	return n;
}

unsigned int ukt_num_online_cpus(void)
{
	return ukt_cpumask_weight(ukt_cpu_online_mask());
}

int ukt_raw_smp_processor_id(void)
{
	int cpu = sched_getcpu();

	return cpu < 0 ? 0 : cpu;
}
