// SPDX-License-Identifier: MIT
/*
 * legacy_raw.c - init_module() and cleanup_module() in plain C, without
 * any compat header: the runner finds them in the module's own file (and
 * never takes libc's init_module() system call wrapper).
 */
#include <stdio.h>

int init_module(void);
void cleanup_module(void);

int init_module(void)
{
	fputs("legacy_raw: init_module\n", stderr);
	return 0;
}

void cleanup_module(void)
{
	fputs("legacy_raw: cleanup_module\n", stderr);
}
