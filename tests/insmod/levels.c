// SPDX-License-Identifier: MIT
/* levels.c - one message per log level, and a continued line. */
#define DEBUG
#include <linux/kernel.h>
#include <linux/module.h>

static int __init levels_init(void)
{
	pr_emerg("levels: emerg\n");
	pr_err("levels: err\n");
	pr_warn("levels: warn\n");
	pr_notice("levels: notice\n");
	pr_info("levels: info");
	pr_cont(" continued\n");
	pr_debug("levels: debug\n");
	printk("levels: no level\n");
	return 0;
}

static void __exit levels_exit(void)
{
}

module_init(levels_init);
module_exit(levels_exit);
MODULE_LICENSE("Dual MIT/GPL");
