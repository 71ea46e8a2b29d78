/* SPDX-License-Identifier: MIT */
/*
 * linux/topology.h - CPUs and NUMA nodes: one node, 0, holding every
 * online CPU.
 */
#ifndef UKT_COMPAT_LINUX_TOPOLOGY_H
#define UKT_COMPAT_LINUX_TOPOLOGY_H

#include <linux/compiler.h>
#include <linux/cpumask.h>
#include <linux/numa.h>
#include <linux/smp.h>

/** numa_node_id - the caller's NUMA node: 0. */
#define numa_node_id()		0
/** numa_mem_id - the caller's nearest node with memory: 0. */
#define numa_mem_id()		0
/** cpu_to_mem - the nearest node with memory of @cpu: 0. */
#define cpu_to_mem(cpu)		ukt_cpu_to_node(cpu)
/** cpumask_of_node - the CPUs of @node: every online CPU. */
#define cpumask_of_node(node)	((void)(node), cpu_online_mask)
/** nr_node_ids - one more than the highest node number: 1. */
#define nr_node_ids		1
/** node_online - true for node 0 only. */
#define node_online(node)	((node) == 0)
/** num_online_nodes - 1. */
#define num_online_nodes()	1
/** for_each_online_node - loop @node over the nodes (just 0). */
#define for_each_online_node(node) \
	for ((node) = 0; (node) < nr_node_ids; (node)++)
#define for_each_node(node)	for_each_online_node(node)

#endif /* UKT_COMPAT_LINUX_TOPOLOGY_H */
