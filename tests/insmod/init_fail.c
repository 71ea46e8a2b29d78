// SPDX-License-Identifier: MIT
/* init_fail.c - a module whose init fails: its exit must never run. */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/module.h>

static int __init fail_init(void)
{
	pr_err("init_fail: giving up\n");
	return -ENODEV;
}

static void __exit fail_exit(void)
{
	pr_err("init_fail: EXIT CALLED\n");
}

module_init(fail_init);
module_exit(fail_exit);
MODULE_LICENSE("Dual MIT/GPL");
