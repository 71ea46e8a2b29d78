/* SPDX-License-Identifier: MIT */
/*
 * linux/preempt.h - preemption control and context tests.
 *
 * A user-space thread cannot stop the scheduler from preempting it, so
 * preempt_disable()/preempt_enable() (and the bottom-half forms) are
 * compiler barriers only: code that relies on them for mutual exclusion
 * needs a lock here.  Every thread runs in task context: in_interrupt()
 * and friends are false and preempt_count() is 0.
 */
#ifndef UKT_COMPAT_LINUX_PREEMPT_H
#define UKT_COMPAT_LINUX_PREEMPT_H

#include <linux/compiler.h>

/** preempt_disable - a compiler barrier (preemption cannot be disabled). */
#define preempt_disable()		barrier()
/** preempt_enable - a compiler barrier. */
#define preempt_enable()		barrier()
#define preempt_enable_no_resched()	barrier()
#define preempt_disable_notrace()	barrier()
#define preempt_enable_notrace()	barrier()
#define migrate_disable()		barrier()
#define migrate_enable()		barrier()
/** preempt_count - 0: no preemption, softirq or hardirq count here. */
#define preempt_count()			0
/** preemptible - true: a thread may always be preempted. */
#define preemptible()			1

/** local_bh_disable - a compiler barrier (there are no softirqs). */
#define local_bh_disable()		barrier()
/** local_bh_enable - a compiler barrier. */
#define local_bh_enable()		barrier()

/* Context tests: always task context. */
#define in_interrupt()			0
#define in_irq()			0
#define in_hardirq()			0
#define in_softirq()			0
#define in_serving_softirq()		0
#define in_nmi()			0
#define in_atomic()			0
#define in_task()			1

#endif /* UKT_COMPAT_LINUX_PREEMPT_H */
