/* SPDX-License-Identifier: MIT */
/*
 * init_fail.c - a module_init() that fails ends the program with
 * EXIT_FAILURE before main(), and its module_exit() does not run.
 * Registered with should_fail: any exit status 0 is an error.
 */
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/module.h>

#include <stdio.h>
#include <unistd.h>

static int __init failing_init(void)
{
	return -ENODEV;
}

/* Would turn the expected failure into success: must not run. */
static void __exit failing_exit(void)
{
	fputs("init_fail: module_exit() ran after a failed init\n", stderr);
	_exit(0);
}

module_init(failing_init);
module_exit(failing_exit);
MODULE_LICENSE("Dual MIT/GPL");

int main(void)
{
	fputs("init_fail: main() ran after a failed module_init()\n", stderr);
	return 0;
}
