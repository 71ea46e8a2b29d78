/* SPDX-License-Identifier: MIT */
/*
 * linux/numa.h - NUMA constants; ukthread models a single node, 0.
 */
#ifndef UKT_COMPAT_LINUX_NUMA_H
#define UKT_COMPAT_LINUX_NUMA_H

#include <linux/compiler.h>
#include <ukthread/cpumask.h>

#define NODES_SHIFT		0
/** MAX_NUMNODES - number of NUMA nodes: 1. */
#define MAX_NUMNODES		(1 << NODES_SHIFT)

#endif /* UKT_COMPAT_LINUX_NUMA_H */
