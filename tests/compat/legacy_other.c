/* SPDX-License-Identifier: MIT */
/*
 * legacy_other.c - another file of the legacy_module program that
 * includes <linux/module.h>: its constructor sees init_module() too and
 * must leave it to the first one.
 */
#include <linux/module.h>

int legacy_other_marker(void);

int legacy_other_marker(void)
{
	return 1;
}
