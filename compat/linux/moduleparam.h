/* SPDX-License-Identifier: MIT */
/*
 * linux/moduleparam.h - module parameters, which cannot be set here: the
 * variables keep the values the code gives them.  The macros redeclare
 * the variable, which must therefore be declared before them.
 */
#ifndef UKT_COMPAT_LINUX_MODULEPARAM_H
#define UKT_COMPAT_LINUX_MODULEPARAM_H

/** module_param - declare @name a parameter: a no-op. */
#define module_param(name, type, perm)		extern __typeof__(name) name
#define module_param_named(name, value, type, perm) \
	extern __typeof__(value) value
#define module_param_unsafe(name, type, perm)	module_param(name, type, perm)
#define module_param_array(name, type, nump, perm) \
	extern __typeof__(name) name
#define module_param_string(name, string, len, perm) \
	extern __typeof__(string) string
/** MODULE_PARM_DESC - describe a parameter: a no-op. */
#define MODULE_PARM_DESC(parm, desc)		extern int ukt__modinfo_end

#endif /* UKT_COMPAT_LINUX_MODULEPARAM_H */
