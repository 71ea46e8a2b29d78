/* SPDX-License-Identifier: MIT */
/*
 * legacy_module.c - a module with the legacy entry points init_module()
 * and cleanup_module() instead of module_init()/module_exit(): they run
 * before and after main() as module_init()/module_exit() would, and
 * neither is the C library's init_module() system call wrapper.
 * legacy_other.c is a second file of the same program, which must not
 * run them a second time.
 */
#include <linux/kernel.h>
#include <linux/module.h>

#include <stdio.h>
#include <unistd.h>

int legacy_inits, legacy_exits;

int init_module(void)
{
	legacy_inits++;
	pr_info("legacy: init_module() runs\n");
	return 0;
}

void cleanup_module(void)
{
	legacy_exits++;
}

MODULE_LICENSE("Dual MIT/GPL");

static void __attribute__((destructor(1000))) legacy_check(void)
{
	if (legacy_exits != 1) {
		fprintf(stderr, "legacy_module: cleanup_module() ran %d times\n", legacy_exits);
		_exit(1);
	}
}

int main(void)
{
	if (legacy_inits != 1) {
		fprintf(stderr, "legacy_module: init_module() ran %d times\n", legacy_inits);
		return 1;
	}
	return 0;
}
