// SPDX-License-Identifier: MIT
/* legacy.c - the legacy entry points, with the compat headers. */
#include <linux/kernel.h>
#include <linux/module.h>

int init_module(void)
{
	pr_info("legacy: init_module\n");
	return 0;
}

void cleanup_module(void)
{
	pr_info("legacy: cleanup_module\n");
}

MODULE_LICENSE("Dual MIT/GPL");
