/* SPDX-License-Identifier: MIT */
/*
 * linux/interrupt.h - the context tests, and nothing of IRQ handling.
 *
 * in_interrupt(), in_serving_softirq(), in_task() ... tell the truth
 * (<linux/preempt.h>): true softirq context in a timer function, task
 * context everywhere else.  User space has no interrupts: request_irq(),
 * free_irq(), tasklets, softirqs and the rest are declared with an error
 * attribute, so a call is a compile-time error that names the function
 * (not an implicit declaration, nor a link error later).  The types and
 * flag values are there so that the code around the calls compiles.
 */
#ifndef UKT_COMPAT_LINUX_INTERRUPT_H
#define UKT_COMPAT_LINUX_INTERRUPT_H

#include <linux/atomic.h>
#include <linux/compiler.h>
#include <linux/cpumask.h>
#include <linux/hardirq.h>
#include <linux/irqflags.h>
#include <linux/kernel.h>
#include <linux/preempt.h>
#include <linux/types.h>

/** enum irqreturn - what an interrupt handler returns. */
enum irqreturn {
	IRQ_NONE = 0,
	IRQ_HANDLED = 1,
	IRQ_WAKE_THREAD = 2,
};
/** typedef irqreturn_t - enum irqreturn. */
typedef enum irqreturn irqreturn_t;
/** typedef irq_handler_t - an interrupt handler. */
typedef irqreturn_t (*irq_handler_t)(int irq, void *dev);

#define IRQF_SHARED		0x00000080
#define IRQF_ONESHOT		0x00002000
#define IRQF_NO_SUSPEND		0x00004000
#define IRQF_TRIGGER_RISING	0x00000001
#define IRQF_TRIGGER_FALLING	0x00000002

struct tasklet_struct;

#define UKT__NO_IRQ(name) \
	__attribute__((__error__(name "(): interrupts are not provided by ukthread " \
				 "(user space has none); use a kthread or a timer")))

extern int request_irq(unsigned int irq, irq_handler_t handler, unsigned long flags,
		       const char *name, void *dev) UKT__NO_IRQ("request_irq");
extern int request_threaded_irq(unsigned int irq, irq_handler_t handler,
				irq_handler_t thread_fn, unsigned long flags,
				const char *name, void *dev)
	UKT__NO_IRQ("request_threaded_irq");
extern int request_any_context_irq(unsigned int irq, irq_handler_t handler,
				   unsigned long flags, const char *name, void *dev)
	UKT__NO_IRQ("request_any_context_irq");
extern const void *free_irq(unsigned int irq, void *dev) UKT__NO_IRQ("free_irq");
extern void enable_irq(unsigned int irq) UKT__NO_IRQ("enable_irq");
extern void disable_irq(unsigned int irq) UKT__NO_IRQ("disable_irq");
extern void disable_irq_nosync(unsigned int irq) UKT__NO_IRQ("disable_irq_nosync");
extern void synchronize_irq(unsigned int irq) UKT__NO_IRQ("synchronize_irq");
extern int irq_set_affinity(unsigned int irq, const struct cpumask *mask)
	UKT__NO_IRQ("irq_set_affinity");
extern void tasklet_init(struct tasklet_struct *t, void (*func)(unsigned long),
			 unsigned long data) UKT__NO_IRQ("tasklet_init");
extern void tasklet_setup(struct tasklet_struct *t,
			  void (*callback)(struct tasklet_struct *))
	UKT__NO_IRQ("tasklet_setup");
extern void tasklet_schedule(struct tasklet_struct *t) UKT__NO_IRQ("tasklet_schedule");
extern void tasklet_hi_schedule(struct tasklet_struct *t)
	UKT__NO_IRQ("tasklet_hi_schedule");
extern void tasklet_kill(struct tasklet_struct *t) UKT__NO_IRQ("tasklet_kill");
extern void tasklet_disable(struct tasklet_struct *t) UKT__NO_IRQ("tasklet_disable");
extern void tasklet_enable(struct tasklet_struct *t) UKT__NO_IRQ("tasklet_enable");
extern void raise_softirq(unsigned int nr) UKT__NO_IRQ("raise_softirq");
extern void open_softirq(int nr, void (*action)(void)) UKT__NO_IRQ("open_softirq");

/* A tasklet declared at file scope: a compile-time error naming it. */
#define DECLARE_TASKLET(name, func) \
	_Static_assert(0, "DECLARE_TASKLET: tasklets are not provided by ukthread")
#define DECLARE_TASKLET_DISABLED(name, func) \
	_Static_assert(0, "DECLARE_TASKLET_DISABLED: tasklets are not provided by ukthread")
#define DECLARE_TASKLET_OLD(name, func) \
	_Static_assert(0, "DECLARE_TASKLET_OLD: tasklets are not provided by ukthread")

#endif /* UKT_COMPAT_LINUX_INTERRUPT_H */
