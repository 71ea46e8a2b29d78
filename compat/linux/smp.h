/* SPDX-License-Identifier: MIT */
/*
 * linux/smp.h - the CPU numbers of the caller.
 *
 * smp_processor_id() is the CPU the thread runs on at the moment of the
 * call: nothing pins the thread there afterwards (get_cpu() cannot
 * disable preemption), so treat it as a hint, as raw_smp_processor_id().
 */
#ifndef UKT_COMPAT_LINUX_SMP_H
#define UKT_COMPAT_LINUX_SMP_H

#include <linux/compiler.h>
#include <linux/cpumask.h>
#include <linux/preempt.h>

/** get_cpu - the caller's CPU number (preemption stays enabled). */
#define get_cpu()	__extension__ ({ preempt_disable(); ukt_raw_smp_processor_id(); })
/** put_cpu - end a get_cpu() section. */
#define put_cpu()	preempt_enable()

#endif /* UKT_COMPAT_LINUX_SMP_H */
