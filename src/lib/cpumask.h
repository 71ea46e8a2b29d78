/* SPDX-License-Identifier: MIT */
/* lib/cpumask.h - what the library's rooms ask of the CPU masks. */
#ifndef UKTHREAD_LIB_CPUMASK_H
#define UKTHREAD_LIB_CPUMASK_H

#include <sched.h>
#include <stdbool.h>

#include "lib/lib.h"

/**
 * ukt__multi_cpu - may this process run on more than one CPU?
 *
 * Return: true when cpu_online_mask has more than one CPU, i.e. when a
 * spinning thread does not keep the thread it waits for off the CPU.
 */
UKT_HIDDEN bool ukt__multi_cpu(void);

/**
 * ukt__cpu_tag - which CPU the caller runs on, as a tag.
 *
 * Cheap (glibc reads it from the thread's rseq area), and only a hint:
 * the thread may be moved at any time.
 *
 * Return: 1 + the CPU number, or 0 when it cannot be told.
 */
static inline int ukt__cpu_tag(void)
{
	int cpu = sched_getcpu();

	return cpu < 0 ? 0 : cpu + 1;
}

#endif /* UKTHREAD_LIB_CPUMASK_H */
