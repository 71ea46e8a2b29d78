// SPDX-License-Identifier: MIT
/*
 * timer.c - a timer_list that re-arms itself every interval_ms; its
 * function runs in (softirq) interrupt context, as in the kernel.
 *
 *	ukthread-insmod --for 1 ./timer.so interval_ms=100
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/interrupt.h>
#include <linux/jiffies.h>
#include <linux/module.h>
#include <linux/timer.h>

static unsigned int interval_ms = 10;
module_param(interval_ms, uint, 0444);

static struct timer_list tick;
static atomic_t fires = ATOMIC_INIT(0);

static void tick_fn(struct timer_list *t)
{
	if (atomic_inc_return(&fires) == 1)
		pr_info("first fire: in_interrupt()=%d in_task()=%d\n",
			!!in_interrupt(), !!in_task());
	mod_timer(t, jiffies + msecs_to_jiffies(interval_ms));
}

static int __init tick_init(void)
{
	timer_setup(&tick, tick_fn, 0);
	mod_timer(&tick, jiffies + msecs_to_jiffies(interval_ms));
	return 0;
}

static void __exit tick_exit(void)
{
	timer_shutdown_sync(&tick);	/* also stops the re-arming */
	pr_info("fired %d times\n", atomic_read(&fires));
}

module_init(tick_init);
module_exit(tick_exit);
MODULE_LICENSE("Dual MIT/GPL");
