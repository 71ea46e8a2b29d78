/* SPDX-License-Identifier: MIT */
/*
 * linux/cpuset.h - cpusets, of which a process has one: the CPUs it may
 * run on (its affinity mask when ukthread started).
 *
 * Kernel code asks cpuset_cpus_allowed() where a task may run; the answer
 * is cpu_online_mask for every task.
 */
#ifndef UKT_COMPAT_LINUX_CPUSET_H
#define UKT_COMPAT_LINUX_CPUSET_H

#include <linux/compiler.h>
#include <linux/cpumask.h>
#include <linux/sched.h>

/** cpusets_enabled - false: there is no cpuset hierarchy here. */
#define cpusets_enabled()	false

/**
 * cpuset_cpus_allowed - the CPUs a task may run on.
 * @p: the task (every task has the process's set).
 * @mask: where to store them.
 */
static inline void cpuset_cpus_allowed(struct task_struct *p, struct cpumask *mask)
{
	(void)p;
	cpumask_copy(mask, cpu_online_mask);
}

/**
 * cpuset_cpus_allowed_fallback - widen a task's CPUs to its cpuset's.
 * @p: the task.
 *
 * Return: false: nothing to widen.
 */
static inline bool cpuset_cpus_allowed_fallback(struct task_struct *p)
{
	(void)p;
	return false;
}

#endif /* UKT_COMPAT_LINUX_CPUSET_H */
