/* SPDX-License-Identifier: MIT */
/*
 * linux/preempt.h - preemption control and the context tests.
 *
 * A user-space thread cannot stop the scheduler from preempting it, so
 * preempt_disable()/preempt_enable() (and the bottom-half forms) are
 * compiler barriers only: code that relies on them for mutual exclusion
 * needs a lock here.
 *
 * The context tests tell the truth about the two contexts there are.
 * Timer functions run on the timer thread, as the kernel runs them in
 * the timer softirq: there in_serving_softirq(), in_softirq(),
 * in_interrupt() and in_atomic() are true, in_task() is false and
 * preempt_count() holds SOFTIRQ_OFFSET.  Everywhere else (kthreads,
 * works, the main thread, any other thread) is task context: in_task()
 * is true and the rest false.  There are no hard interrupts and no NMIs:
 * in_hardirq(), in_irq() and in_nmi() are always false.
 */
#ifndef UKT_COMPAT_LINUX_PREEMPT_H
#define UKT_COMPAT_LINUX_PREEMPT_H

#include <linux/compiler.h>
#include <ukthread/timer.h>

/* The fields of the kernel's preempt_count, for code that looks at them. */
#define PREEMPT_BITS		8
#define SOFTIRQ_BITS		8
#define HARDIRQ_BITS		4
#define NMI_BITS		4
#define PREEMPT_SHIFT		0
#define SOFTIRQ_SHIFT		(PREEMPT_SHIFT + PREEMPT_BITS)
#define HARDIRQ_SHIFT		(SOFTIRQ_SHIFT + SOFTIRQ_BITS)
#define NMI_SHIFT		(HARDIRQ_SHIFT + HARDIRQ_BITS)
#define PREEMPT_OFFSET		(1UL << PREEMPT_SHIFT)
#define SOFTIRQ_OFFSET		(1UL << SOFTIRQ_SHIFT)
#define HARDIRQ_OFFSET		(1UL << HARDIRQ_SHIFT)
#define NMI_OFFSET		(1UL << NMI_SHIFT)
#define SOFTIRQ_DISABLE_OFFSET	(2 * SOFTIRQ_OFFSET)
#define PREEMPT_MASK		(((1UL << PREEMPT_BITS) - 1) << PREEMPT_SHIFT)
#define SOFTIRQ_MASK		(((1UL << SOFTIRQ_BITS) - 1) << SOFTIRQ_SHIFT)
#define HARDIRQ_MASK		(((1UL << HARDIRQ_BITS) - 1) << HARDIRQ_SHIFT)
#define NMI_MASK		(((1UL << NMI_BITS) - 1) << NMI_SHIFT)

/** preempt_disable - a compiler barrier (preemption cannot be disabled). */
#define preempt_disable()		barrier()
/** preempt_enable - a compiler barrier. */
#define preempt_enable()		barrier()
#define preempt_enable_no_resched()	barrier()
#define preempt_disable_notrace()	barrier()
#define preempt_enable_notrace()	barrier()
#define migrate_disable()		barrier()
#define migrate_enable()		barrier()
/** preempt_count - SOFTIRQ_OFFSET in a timer function, else 0. */
#define preempt_count()			(ukt_in_timer_callback() ? SOFTIRQ_OFFSET : 0UL)
/** preemptible - true in task context. */
#define preemptible()			(preempt_count() == 0)

/** local_bh_disable - a compiler barrier (softirqs are timer functions here). */
#define local_bh_disable()		barrier()
/** local_bh_enable - a compiler barrier. */
#define local_bh_enable()		barrier()

#define softirq_count()			(preempt_count() & SOFTIRQ_MASK)
#define hardirq_count()			(preempt_count() & HARDIRQ_MASK)
#define irq_count()			(preempt_count() & (HARDIRQ_MASK | SOFTIRQ_MASK | NMI_MASK))
/** in_nmi - false: there are no NMIs. */
#define in_nmi()			0
/** in_hardirq - false: there are no hard interrupts. */
#define in_hardirq()			0
#define in_irq()			in_hardirq()
/** in_serving_softirq - true while a timer function runs. */
#define in_serving_softirq()		(softirq_count() != 0)
/** in_softirq - in_serving_softirq() (bottom halves are never disabled). */
#define in_softirq()			in_serving_softirq()
/** in_interrupt - true in a timer function (softirq context). */
#define in_interrupt()			(irq_count() != 0)
/** in_task - true everywhere but in a timer function. */
#define in_task()			(!in_interrupt())
/** in_atomic - true in a timer function, where sleeping is a bug. */
#define in_atomic()			(preempt_count() != 0)

#endif /* UKT_COMPAT_LINUX_PREEMPT_H */
