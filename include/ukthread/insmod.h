/* SPDX-License-Identifier: MIT */
/*
 * ukthread/insmod.h - how a module built with the compat headers meets
 * ukthread-insmod, the module runner.
 *
 * The runner defines the functions below (its executable exports them);
 * a module's constructors, made by module_init(), module_exit(),
 * module_param() and the legacy init_module()/cleanup_module(), call
 * them while dlopen() loads the module, so the runner learns the entry
 * points and parameters and can set the parameters before it runs init.
 * In any other program the functions do not exist: the references are
 * weak, their addresses NULL, and module_init() runs init before main()
 * as it always did.  printk() sends its messages to the runner's log
 * the same way.  Nothing here is part of libukthread.
 */
#ifndef UKTHREAD_INSMOD_H
#define UKTHREAD_INSMOD_H

#include <stdarg.h>

/**
 * enum ukt_param_type - the kernel's module parameter types.
 * @UKT_PARAM_BOOL: bool; y, Y, 1, on, n, N, 0, off; no value is true.
 * @UKT_PARAM_INVBOOL: bool, set to the opposite of the value.
 * @UKT_PARAM_BYTE: unsigned char.
 * @UKT_PARAM_SHORT: short.
 * @UKT_PARAM_USHORT: unsigned short.
 * @UKT_PARAM_INT: int.
 * @UKT_PARAM_UINT: unsigned int.
 * @UKT_PARAM_LONG: long.
 * @UKT_PARAM_ULONG: unsigned long.
 * @UKT_PARAM_ULLONG: unsigned long long.
 * @UKT_PARAM_HEXINT: unsigned int (shown in hex by the kernel).
 * @UKT_PARAM_CHARP: char *, pointing to a copy of the value.
 * @UKT_PARAM_STRING: a char array of module_param_string(), copied into.
 */
enum ukt_param_type {
	UKT_PARAM_BOOL,
	UKT_PARAM_INVBOOL,
	UKT_PARAM_BYTE,
	UKT_PARAM_SHORT,
	UKT_PARAM_USHORT,
	UKT_PARAM_INT,
	UKT_PARAM_UINT,
	UKT_PARAM_LONG,
	UKT_PARAM_ULONG,
	UKT_PARAM_ULLONG,
	UKT_PARAM_HEXINT,
	UKT_PARAM_CHARP,
	UKT_PARAM_STRING,
};

/**
 * struct ukt_module_param - one module parameter.
 * @name: its name on the command line.
 * @type: enum ukt_param_type (of the elements, for an array).
 * @arg: the variable, the array, or the string buffer.
 * @max: elements of an array, bytes of a string buffer, else 0.
 * @num: for an array, where the number of values given goes (may be
 *	NULL); else NULL.
 * @array: 1 for module_param_array(), else 0.
 */
struct ukt_module_param {
	const char *name;
	int type;
	void *arg;
	unsigned int max;
	unsigned int *num;
	int array;
};

/**
 * ukt_insmod_add_param - tell the runner of a parameter.
 * @p: the parameter; it lives as long as the module.
 */
extern void ukt_insmod_add_param(const struct ukt_module_param *p)
	__attribute__((__weak__));

/**
 * ukt_insmod_set_init - tell the runner of the module's init function.
 * @fn: the function, run after the parameters are set.
 * @fn_name: its name, for messages.
 * @modname: KBUILD_MODNAME of the module.
 */
extern void ukt_insmod_set_init(int (*fn)(void), const char *fn_name,
				const char *modname) __attribute__((__weak__));

/**
 * ukt_insmod_set_exit - tell the runner of the module's exit function.
 * @fn: the function, run when the module is unloaded.
 * @fn_name: its name, for messages.
 */
extern void ukt_insmod_set_exit(void (*fn)(void), const char *fn_name)
	__attribute__((__weak__));

/**
 * ukt_insmod_vprintk - print a kernel log message in the runner's log.
 * @fmt: the format, with its KERN_<LEVEL> marker.
 * @args: its arguments.
 *
 * Return: the characters printed (0 when the log level filters it out).
 */
extern int ukt_insmod_vprintk(const char *fmt, va_list args)
	__attribute__((__weak__));

#endif /* UKTHREAD_INSMOD_H */
