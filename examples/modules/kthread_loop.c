// SPDX-License-Identifier: MIT
/*
 * kthread_loop.c - the classic kthread: wake up every period_ms, do a
 * little work, stop when asked.
 *
 *	ukthread-insmod --for 1 ./kthread_loop.so period_ms=100
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/module.h>

static unsigned int period_ms = 20;
module_param(period_ms, uint, 0644);
MODULE_PARM_DESC(period_ms, "how often the thread wakes up");

static struct task_struct *worker;

static int loop_fn(void *data)
{
	unsigned long ticks = 0;

	pr_info("%s started (mm %s)\n", current->comm, current->mm ? "set" : "NULL");
	while (!kthread_should_stop()) {
		ticks++;
		msleep_interruptible(period_ms);	/* returns early on kthread_stop() */
	}
	pr_info("%s stopping after %lu ticks\n", current->comm, ticks);
	return 0;
}

static int __init loop_init(void)
{
	worker = kthread_run(loop_fn, NULL, "kloop/%d", 0);
	if (IS_ERR(worker))
		return PTR_ERR(worker);
	return 0;
}

static void __exit loop_exit(void)
{
	pr_info("kthread_stop() returned %d\n", kthread_stop(worker));
}

module_init(loop_init)
module_exit(loop_exit)
MODULE_LICENSE("Dual MIT/GPL");
MODULE_DESCRIPTION("a kthread that loops until stopped");
