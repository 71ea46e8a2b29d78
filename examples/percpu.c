// SPDX-License-Identifier: MIT
/*
 * percpu.c - one kthread per CPU, as the kernel's ksoftirqd/N: made with
 * kthread_create_on_cpu() (bound, named after its CPU), parked while its
 * CPU "goes away" and unparked when it comes back, then stopped.
 */
#include <stdio.h>
#include <ukthread.h>

#define MAXCPU 64

static unsigned long rounds[MAXCPU];

static int per_cpu_thread(void *data)
{
	unsigned int cpu = (unsigned int)(unsigned long)data;

	while (!kthread_should_stop()) {
		if (kthread_should_park()) {
			kthread_parkme();	/* TASK_PARKED until unpark or stop */
			continue;
		}
		rounds[cpu]++;
		msleep_interruptible(5);
	}
	return smp_processor_id() == (int)cpu;	/* still on its own CPU? */
}

int main(void)
{
	struct task_struct *t[MAXCPU] = { 0 };
	unsigned long before[MAXCPU];
	int bad = 0;

	for (unsigned int cpu = 0; cpu < nr_cpu_ids && cpu < MAXCPU; cpu++) {
		if (!cpumask_test_cpu(cpu, cpu_online_mask))
			continue;
		t[cpu] = kthread_create_on_cpu(per_cpu_thread, (void *)(unsigned long)cpu,
					       cpu, "percpu/%u");
		if (IS_ERR(t[cpu]))
			return 1;
		kthread_set_per_cpu(t[cpu], cpu);	/* re-bound on unpark */
		wake_up_process(t[cpu]);
	}
	msleep(50);
	for (unsigned int cpu = 0; cpu < MAXCPU; cpu++) {
		if (!t[cpu])
			continue;
		kthread_park(t[cpu]);		/* returns once it sleeps parked */
		before[cpu] = rounds[cpu];
	}
	msleep(50);
	for (unsigned int cpu = 0; cpu < MAXCPU; cpu++) {
		if (!t[cpu])
			continue;
		if (rounds[cpu] != before[cpu])
			bad++;			/* a parked thread ran */
		printf("%s: %lu rounds, parked: %s\n", t[cpu]->comm, rounds[cpu],
		       __atomic_load_n(&t[cpu]->__state, __ATOMIC_RELAXED) == TASK_PARKED ? "yes" : "no");
		kthread_unpark(t[cpu]);
	}
	msleep(20);
	for (unsigned int cpu = 0; cpu < MAXCPU; cpu++)
		if (t[cpu] && kthread_stop(t[cpu]) != 1)
			bad++;			/* it left its CPU */
	return bad ? 1 : 0;
}
