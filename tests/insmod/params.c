// SPDX-License-Identifier: MIT
/*
 * params.c - a module with a parameter of every kernel type, an array
 * and a string; its init prints them, so the tests see that the runner
 * set them before init ran.
 */
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/moduleparam.h>

static bool flag;
static bool inverted;
static unsigned char byte_v = 1;
static short short_v = 2;
static unsigned short ushort_v = 3;
static int int_v = 4;
static unsigned int uint_v = 5;
static long long_v = 6;
static unsigned long ulong_v = 7;
static unsigned long long ullong_v = 8;
static unsigned int hex_v = 9;
static char *name = "default";
static int numbers[4];
static unsigned int numbers_n;
static char label[8] = "none";

module_param(flag, bool, 0644);
module_param(inverted, invbool, 0644);
module_param_named(byte, byte_v, byte, 0644);
module_param_named(short, short_v, short, 0644);
module_param_named(ushort, ushort_v, ushort, 0644);
module_param_named(int, int_v, int, 0644);
module_param_named(uint, uint_v, uint, 0644);
module_param_named(long, long_v, long, 0644);
module_param_named(ulong, ulong_v, ulong, 0644);
module_param_named(ullong, ullong_v, ullong, 0644);
module_param_named(hex, hex_v, hexint, 0644);
module_param(name, charp, 0444);
module_param_array(numbers, int, &numbers_n, 0444);
module_param_string(label, label, sizeof(label), 0444);
MODULE_PARM_DESC(flag, "a bool");

static int __init params_init(void)
{
	pr_info("flag=%d inverted=%d byte=%u short=%d ushort=%u int=%d uint=%u\n",
		flag, inverted, byte_v, short_v, ushort_v, int_v, uint_v);
	pr_info("long=%ld ulong=%lu ullong=%llu hex=%#x name=%s label=%s\n",
		long_v, ulong_v, ullong_v, hex_v, name, label);
	pr_info("numbers=%u:%d,%d,%d,%d\n", numbers_n, numbers[0], numbers[1],
		numbers[2], numbers[3]);
	return 0;
}

static void __exit params_exit(void)
{
	pr_info("params: exit\n");
}

module_init(params_init)
module_exit(params_exit)
MODULE_LICENSE("Dual MIT/GPL");
