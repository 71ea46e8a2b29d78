/* SPDX-License-Identifier: MIT */
/* Kernel spellings of ukthread/cpumask.h.  Define UKTHREAD_NO_KERNEL_NAMES to go without. */
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
/**
 * num_possible_cpus - count the CPUs the machine has configured.
 *
 * Return: the number of CPUs in cpu_possible_mask.
 */
#define num_possible_cpus()	ukt_cpumask_weight(ukt_cpu_possible_mask())
#define cpu_possible_mask	ukt_cpu_possible_mask()
#define cpu_online_mask		ukt_cpu_online_mask()
/**
 * cpu_online - test whether this process may run on a CPU.
 * @cpu: the CPU number.
 *
 * Return: true when @cpu is in cpu_online_mask.
 */
#define cpu_online(cpu)		ukt_cpumask_test_cpu(cpu, ukt_cpu_online_mask())
/**
 * cpu_possible - test whether the machine has a CPU configured.
 * @cpu: the CPU number.
 *
 * Return: true when @cpu is in cpu_possible_mask.
 */
#define cpu_possible(cpu)	ukt_cpumask_test_cpu(cpu, ukt_cpu_possible_mask())
#define cpumask_of		ukt_cpumask_of
#define raw_smp_processor_id	ukt_raw_smp_processor_id
#define smp_processor_id	ukt_raw_smp_processor_id
#define cpu_to_node		ukt_cpu_to_node
#endif
