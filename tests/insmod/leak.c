// SPDX-License-Identifier: MIT
/*
 * leak.c - a module that starts two kthreads and one that ends by
 * itself, and forgets to stop them: the runner names the two running
 * ones and stops them; the one that ended is reaped without a word.
 */
#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/module.h>

static int spin(void *data)
{
	while (!kthread_should_stop())
		msleep_interruptible(1000);
	pr_info("leak: %s stopped\n", current->comm);
	return 0;
}

static int quick(void *data)
{
	return 0;
}

static int __init leak_init(void)
{
	kthread_run(spin, NULL, "leaky/%d", 0);
	kthread_run(spin, NULL, "leaky/%d", 1);
	kthread_run(quick, NULL, "quick");
	return 0;
}

static void __exit leak_exit(void)
{
	pr_info("leak: exit without kthread_stop()\n");
}

module_init(leak_init);
module_exit(leak_exit);
MODULE_LICENSE("Dual MIT/GPL");
