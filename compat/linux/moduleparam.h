/* SPDX-License-Identifier: MIT */
/*
 * linux/moduleparam.h - module parameters.
 *
 * In a module loaded by ukthread-insmod, "name=value" on the runner's
 * command line sets the parameter before the module's init runs, parsed
 * as the kernel parses it (bool, invbool, byte, short, ushort, int,
 * uint, long, ulong, ullong, hexint, charp; arrays of them, comma
 * separated; strings into a fixed buffer), with the kernel's range
 * errors.  In a program linked with the module's code there is no
 * command line for them: the variables keep the values the code gives
 * them.
 *
 * As in the kernel, the variable must be declared before the macro and
 * have the parameter's type (a mismatch warns: comparison of distinct
 * pointer types).  The permission is accepted and ignored (there is no
 * sysfs).  Each macro ends with a function body: a ';' after it is
 * optional.
 */
#ifndef UKT_COMPAT_LINUX_MODULEPARAM_H
#define UKT_COMPAT_LINUX_MODULEPARAM_H

#include <stdbool.h>
#include <linux/compiler.h>
#include <ukthread/insmod.h>

/* The C type and the enum ukt_param_type of each parameter type name. */
typedef bool			ukt__param_ctype_bool;
typedef bool			ukt__param_ctype_invbool;
typedef unsigned char		ukt__param_ctype_byte;
typedef short			ukt__param_ctype_short;
typedef unsigned short		ukt__param_ctype_ushort;
typedef int			ukt__param_ctype_int;
typedef unsigned int		ukt__param_ctype_uint;
typedef long			ukt__param_ctype_long;
typedef unsigned long		ukt__param_ctype_ulong;
typedef unsigned long long	ukt__param_ctype_ullong;
typedef unsigned int		ukt__param_ctype_hexint;
typedef char			*ukt__param_ctype_charp;
#define UKT__PARAM_bool		UKT_PARAM_BOOL
#define UKT__PARAM_invbool	UKT_PARAM_INVBOOL
#define UKT__PARAM_byte		UKT_PARAM_BYTE
#define UKT__PARAM_short	UKT_PARAM_SHORT
#define UKT__PARAM_ushort	UKT_PARAM_USHORT
#define UKT__PARAM_int		UKT_PARAM_INT
#define UKT__PARAM_uint		UKT_PARAM_UINT
#define UKT__PARAM_long		UKT_PARAM_LONG
#define UKT__PARAM_ulong	UKT_PARAM_ULONG
#define UKT__PARAM_ullong	UKT_PARAM_ULLONG
#define UKT__PARAM_hexint	UKT_PARAM_HEXINT
#define UKT__PARAM_charp	UKT_PARAM_CHARP

/*
 * ukt__param - a constructor that tells the runner of parameter @name:
 * type @ptype, at @argp, @max elements or bytes, count in @nump, array
 * or not.  @check is a pointer comparison that warns on a type mismatch.
 */
#define ukt__param(name, ptype, argp, max_, nump, arr, check)		\
	static void __attribute__((__constructor__(1500)))		\
	UKT__PASTE(ukt__param_reg_, name)(void)				\
	{								\
		static const struct ukt_module_param p = {		\
			#name, ptype, (void *)(argp), (max_), (nump), (arr) }; \
		(void)sizeof(check);					\
		if (ukt_insmod_add_param)				\
			ukt_insmod_add_param(&p);			\
	}

/*
 * The type names are pasted (##) where they first appear, before any
 * macro expansion: <stdbool.h> makes bool a macro for _Bool.
 */
/** module_param_named - parameter @name, the variable @value of @type. */
#define module_param_named(name, value, type, perm)			\
	ukt__param(name, UKT__PARAM_##type, &(value), 0, NULL, 0,	\
		   &(value) == (ukt__param_ctype_##type *)0)
/** module_param - parameter @name, the variable of that name, of @type. */
#define module_param(name, type, perm)					\
	ukt__param(name, UKT__PARAM_##type, &(name), 0, NULL, 0,	\
		   &(name) == (ukt__param_ctype_##type *)0)
#define module_param_unsafe(name, type, perm)				\
	ukt__param(name, UKT__PARAM_##type, &(name), 0, NULL, 0,	\
		   &(name) == (ukt__param_ctype_##type *)0)
#define module_param_named_unsafe(name, value, type, perm)		\
	ukt__param(name, UKT__PARAM_##type, &(value), 0, NULL, 0,	\
		   &(value) == (ukt__param_ctype_##type *)0)

/* The element count of the array @a. */
#define ukt__param_nelem(a)	((unsigned int)(sizeof(a) / sizeof((a)[0])))

/**
 * module_param_array_named - parameter @name, the array @array of @type:
 * comma-separated values; their number goes to *@nump (may be NULL).
 */
#define module_param_array_named(name, array, type, nump, perm)	\
	ukt__param(name, UKT__PARAM_##type, (array), ukt__param_nelem(array), \
		   (nump), 1, &(array)[0] == (ukt__param_ctype_##type *)0)
/** module_param_array - module_param_array_named() of the array @name. */
#define module_param_array(name, type, nump, perm)			\
	ukt__param(name, UKT__PARAM_##type, (name), ukt__param_nelem(name), \
		   (nump), 1, &(name)[0] == (ukt__param_ctype_##type *)0)

/**
 * module_param_string - parameter @name, copied into the char array
 * @string of @len bytes; a longer value is an error.
 */
#define module_param_string(name, string, len, perm)			\
	ukt__param(name, UKT_PARAM_STRING, (string), (unsigned int)(len), NULL, 0, \
		   &(string)[0] == (char *)0)

/** MODULE_PARM_DESC - describe a parameter: accepted and dropped. */
#define MODULE_PARM_DESC(parm, desc)		extern int ukt__modinfo_end

#endif /* UKT_COMPAT_LINUX_MODULEPARAM_H */
