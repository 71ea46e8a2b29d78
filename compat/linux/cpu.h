/* SPDX-License-Identifier: MIT */
/*
 * linux/cpu.h - CPU hotplug, which does not happen here: the hotplug
 * lock calls are no-ops.
 */
#ifndef UKT_COMPAT_LINUX_CPU_H
#define UKT_COMPAT_LINUX_CPU_H

#include <linux/compiler.h>
#include <linux/cpumask.h>
#include <linux/smp.h>

/** cpus_read_lock - keep the set of online CPUs stable: it always is. */
#define cpus_read_lock()		do {} while (0)
/** cpus_read_unlock - end a cpus_read_lock() section. */
#define cpus_read_unlock()		do {} while (0)
#define cpus_read_trylock()		1
#define get_online_cpus()		cpus_read_lock()
#define put_online_cpus()		cpus_read_unlock()
#define cpu_hotplug_disable()		do {} while (0)
#define cpu_hotplug_enable()		do {} while (0)
#define lockdep_assert_cpus_held()	do {} while (0)
/** cpu_is_offline - true when @cpu is not online. */
#define cpu_is_offline(cpu)		(!cpu_online(cpu))

#endif /* UKT_COMPAT_LINUX_CPU_H */
