/* SPDX-License-Identifier: MIT */
/*
 * linux/module.h - what a module's source needs: module_init() and
 * module_exit() (see <linux/init.h>: they run before and after main()),
 * EXPORT_SYMBOL(), module parameters and the MODULE_*() information
 * macros, which are no-ops.
 *
 * THIS_MODULE is NULL and module references always succeed: a module is
 * part of the program and never unloaded before it ends.
 */
#ifndef UKT_COMPAT_LINUX_MODULE_H
#define UKT_COMPAT_LINUX_MODULE_H

#include <linux/compiler.h>
#include <linux/errno.h>	/* as in the kernel, -EINVAL & co. come along */
#include <linux/export.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/moduleparam.h>
#include <linux/types.h>

struct module;

/** THIS_MODULE - this module: NULL. */
#define THIS_MODULE		((struct module *)0)

/* Module information: accepted and dropped. */
#define MODULE_LICENSE(license)		extern int ukt__modinfo_end
#define MODULE_AUTHOR(author)		extern int ukt__modinfo_end
#define MODULE_DESCRIPTION(desc)	extern int ukt__modinfo_end
#define MODULE_VERSION(version)		extern int ukt__modinfo_end
#define MODULE_ALIAS(alias)		extern int ukt__modinfo_end
#define MODULE_INFO(tag, info)		extern int ukt__modinfo_end
#define MODULE_SOFTDEP(dep)		extern int ukt__modinfo_end
#define MODULE_FIRMWARE(fw)		extern int ukt__modinfo_end
#define MODULE_IMPORT_NS(ns)		extern int ukt__modinfo_end
#define MODULE_DEVICE_TABLE(type, name)	extern int ukt__modinfo_end

/** try_module_get - take a reference on @module: always succeeds. */
static inline bool try_module_get(struct module *module)
{
	(void)module;
	return true;
}

/** __module_get - take a reference on @module: a no-op. */
static inline void __module_get(struct module *module)
{
	(void)module;
}

/** module_put - drop a reference on @module: a no-op. */
static inline void module_put(struct module *module)
{
	(void)module;
}

#endif /* UKT_COMPAT_LINUX_MODULE_H */
