// SPDX-License-Identifier: MIT
/* undefined.c - a module that calls a function nobody defines: a load error. */
#include <linux/module.h>

int ukt_no_such_function(void);

static int __init undef_init(void)
{
	return ukt_no_such_function();
}

module_init(undef_init);
MODULE_LICENSE("Dual MIT/GPL");
