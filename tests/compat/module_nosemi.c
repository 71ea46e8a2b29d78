/* SPDX-License-Identifier: MIT */
/*
 * module_nosemi.c - module_init(), module_exit() and the initcall macros
 * written without a trailing semicolon (valid in Kbuild, common in real
 * modules) and with one: both compile (-Werror) and run.
 */
#include <linux/init.h>
#include <linux/module.h>

#include <stdio.h>
#include <unistd.h>

static int inits, exits, early;

static int __init nosemi_init(void)
{
	inits++;
	return 0;
}

static void __exit nosemi_exit(void)
{
	exits++;
}

static int __init semi_early(void)
{
	early++;
	return 0;
}

static int __init nosemi_late(void)
{
	return inits == 1 && early == 1 ? 0 : -EINVAL;
}

module_init(nosemi_init)
module_exit(nosemi_exit)
early_initcall(semi_early);
late_initcall(nosemi_late)
MODULE_LICENSE("Dual MIT/GPL");

/* After module_exit()'s destructor (lower priority runs later). */
static void __attribute__((destructor(1000))) nosemi_check(void)
{
	if (exits != 1) {
		fputs("module_nosemi: module_exit() did not run once\n", stderr);
		_exit(1);
	}
}

int main(void)
{
	if (inits != 1 || early != 1 || exits != 0) {
		fprintf(stderr, "module_nosemi: init ran %d times, early %d\n", inits, early);
		return 1;
	}
	return 0;
}
