/* SPDX-License-Identifier: MIT */
/*
 * linux/init.h - __init and friends, module_init()/module_exit(), the
 * legacy init_module()/cleanup_module(), and the initcall levels.
 *
 * In a program linked with the module's code, module_init(fn) makes fn
 * a constructor: it runs before main().  If fn returns an error,
 * "<KBUILD_MODNAME>: module_init(fn) failed: <err>" is printed on stderr
 * and the program exits with EXIT_FAILURE, as insmod would fail.
 * module_exit(fn) makes fn a destructor: it runs after main() returns or
 * exit() is called, only if the module_init() of the same file
 * succeeded, and from the thread that exits.  So the program does not
 * call either function itself.
 *
 * In a module loaded by ukthread-insmod (a shared object), the same
 * constructors only tell the runner of fn (<ukthread/insmod.h>): the
 * runner sets the module parameters first, then runs init, and runs
 * exit when it unloads the module; an init failure returns to it.
 *
 * A module written with the legacy entry points, int init_module(void)
 * and void cleanup_module(void), gets the same treatment.  The names are
 * macros here (ukt_legacy_init_module ...), so a module never calls,
 * nor hands the runner, the C library's init_module() system call
 * wrapper.
 *
 * Both spellings work: module_init(fn); and module_init(fn) with no
 * semicolon, as Kbuild accepts; the same for module_exit() and the
 * initcall macros.
 *
 * The initcall levels (early_initcall() ... late_initcall(), with
 * module_init() at the device level) are constructor priorities, in the
 * kernel's order; module_exit() functions run in the reverse order of
 * their module_init() ones.  A failing initcall other than module_init()
 * only prints its error.
 *
 * Link against the shared libukthread: its constructors run before the
 * program's, so an init function may use every ukthread call.  With the
 * static library the program's constructors currently run first, before
 * ukthread has set up jiffies and the possible CPU mask.
 *
 * The section markers (__init, __exit, __initdata ...) are empty:
 * nothing is discarded after initialisation.
 */
#ifndef UKT_COMPAT_LINUX_INIT_H
#define UKT_COMPAT_LINUX_INIT_H

#include <stdio.h>
#include <stdlib.h>	/* before __init: struct drand48_data has an __init field */
#include <linux/compiler.h>
#include <linux/printk.h>
#include <ukthread/insmod.h>

/* Section markers: nothing is discarded here. */
#define __init
#define __initdata
#define __initconst
#define __exit
#define __exitdata
#define __init_or_module
#define __ref
#define __refdata
#define __refconst
#define __meminit
#define __meminitdata
#define __devinit
#define __devinitdata
#define __devinitconst
#define __devexit
#define __devexitdata
#define __cpuinit
#define __cpuinitdata
#define __cpuexit
/** __exit_p - @fn: exit functions are always kept. */
#define __exit_p(fn)		fn
#define __devexit_p(fn)		fn

/* Initcall levels as constructor priorities; lower runs first. */
#define UKT__INITCALL_EARLY	1000
#define UKT__INITCALL_CORE	1100
#define UKT__INITCALL_POSTCORE	1200
#define UKT__INITCALL_ARCH	1300
#define UKT__INITCALL_SUBSYS	1400
#define UKT__INITCALL_FS	1500
#define UKT__INITCALL_ROOTFS	1550
#define UKT__INITCALL_DEVICE	1600
#define UKT__INITCALL_LATE	1700
#define UKT__INITCALL_SYNC	50	/* added for the _sync forms */

/*
 * ukt__module_state - this file's module: 0 until its module_init()
 * function ran, 1 once it succeeded, -1 if it failed.
 */
static int ukt__module_state __attribute__((__unused__));

/** ukt__run_initcall - run @fn, reporting an error as @what(@name); its result. */
static inline int ukt__run_initcall(int (*fn)(void), const char *what,
				    const char *name)
{
	int err = fn();

	if (err)
		fprintf(stderr, "%s: %s(%s) failed: %d\n", KBUILD_MODNAME,
			what, name, err);
	return err;
}

/* Every macro below ends with a function body: a ';' after it is optional. */
#define ukt__initcall(fn, prio, ctor)					\
	static void __attribute__((__constructor__(prio))) ctor(void)	\
	{								\
		(void)ukt__run_initcall(fn, "initcall", #fn);		\
	}

/** early_initcall - run @fn before main(), before the other levels. */
#define early_initcall(fn) \
	ukt__initcall(fn, UKT__INITCALL_EARLY, UKT__PASTE(ukt__initcall_, fn))
#define core_initcall(fn) \
	ukt__initcall(fn, UKT__INITCALL_CORE, UKT__PASTE(ukt__initcall_, fn))
#define core_initcall_sync(fn) ukt__initcall(fn, UKT__INITCALL_CORE + \
	UKT__INITCALL_SYNC, UKT__PASTE(ukt__initcall_, fn))
#define postcore_initcall(fn) \
	ukt__initcall(fn, UKT__INITCALL_POSTCORE, UKT__PASTE(ukt__initcall_, fn))
#define arch_initcall(fn) \
	ukt__initcall(fn, UKT__INITCALL_ARCH, UKT__PASTE(ukt__initcall_, fn))
#define subsys_initcall(fn) \
	ukt__initcall(fn, UKT__INITCALL_SUBSYS, UKT__PASTE(ukt__initcall_, fn))
#define subsys_initcall_sync(fn) ukt__initcall(fn, UKT__INITCALL_SUBSYS + \
	UKT__INITCALL_SYNC, UKT__PASTE(ukt__initcall_, fn))
#define fs_initcall(fn) \
	ukt__initcall(fn, UKT__INITCALL_FS, UKT__PASTE(ukt__initcall_, fn))
#define rootfs_initcall(fn) \
	ukt__initcall(fn, UKT__INITCALL_ROOTFS, UKT__PASTE(ukt__initcall_, fn))
#define device_initcall(fn) \
	ukt__initcall(fn, UKT__INITCALL_DEVICE, UKT__PASTE(ukt__initcall_, fn))
#define __initcall(fn)		device_initcall(fn)
/** late_initcall - run @fn before main(), after the other levels. */
#define late_initcall(fn) \
	ukt__initcall(fn, UKT__INITCALL_LATE, UKT__PASTE(ukt__initcall_, fn))
#define late_initcall_sync(fn) ukt__initcall(fn, UKT__INITCALL_LATE + \
	UKT__INITCALL_SYNC, UKT__PASTE(ukt__initcall_, fn))

/*
 * ukt__module_ctor - what the constructor of module_init(@fn) does: hand
 * @fn to the runner, or run it now and exit the program if it fails.
 */
static inline void ukt__module_ctor(int (*fn)(void), const char *name, int *state)
{
	if (ukt_insmod_set_init) {
		ukt_insmod_set_init(fn, name, KBUILD_MODNAME);
		return;
	}
	if (ukt__run_initcall(fn, "module_init", name)) {
		*state = -1;
		fflush(stdout);
		exit(EXIT_FAILURE);
	}
	*state = 1;
}

/**
 * module_init - run @fn (int fn(void)) before main(), exiting with
 * EXIT_FAILURE if it returns an error; under ukthread-insmod, after the
 * module parameters are set, and a failure returns to the runner.
 */
#define module_init(fn)							\
	static void __attribute__((__constructor__(UKT__INITCALL_DEVICE))) \
	UKT__PASTE(ukt__module_init_, fn)(void)				\
	{								\
		ukt__module_ctor(fn, #fn, &ukt__module_state);		\
	}

/**
 * module_exit - run @fn (void fn(void)) at exit if this file's
 * module_init() function succeeded; under ukthread-insmod, when the
 * runner unloads the module.
 */
#define module_exit(fn)							\
	static void __attribute__((__constructor__(UKT__INITCALL_DEVICE))) \
	UKT__PASTE(ukt__module_exit_reg_, fn)(void)			\
	{								\
		if (ukt_insmod_set_exit)				\
			ukt_insmod_set_exit(fn, #fn);			\
	}								\
	static void __attribute__((__destructor__(UKT__INITCALL_DEVICE))) \
	UKT__PASTE(ukt__module_exit_, fn)(void)				\
	{								\
		if (ukt__module_state > 0)				\
			fn();						\
	}

/*
 * The legacy entry points.  A module defines int init_module(void) and
 * void cleanup_module(void) instead of using module_init()/module_exit();
 * under these names they are ukthread's, declared weak, so that every
 * file can look for them.  The first file of the program (or shared
 * object) whose constructor runs claims them: it treats them as
 * module_init(init_module) and module_exit(cleanup_module) would.
 */
#define init_module		ukt_legacy_init_module
#define cleanup_module		ukt_legacy_cleanup_module
extern int init_module(void) __attribute__((__weak__));
extern void cleanup_module(void) __attribute__((__weak__));

/* One claim per program or shared object: a weak, hidden, shared word. */
int ukt__legacy_claimed __attribute__((__weak__, __visibility__("hidden")));
static int ukt__legacy_state __attribute__((__unused__));

static void __attribute__((__constructor__(UKT__INITCALL_DEVICE), __unused__))
ukt__legacy_entry(void)
{
	if (!init_module ||
	    __atomic_exchange_n(&ukt__legacy_claimed, 1, __ATOMIC_RELAXED))
		return;
	if (ukt_insmod_set_exit && cleanup_module)
		ukt_insmod_set_exit(cleanup_module, "cleanup_module");
	ukt__module_ctor(init_module, "init_module", &ukt__legacy_state);
}

static void __attribute__((__destructor__(UKT__INITCALL_DEVICE), __unused__))
ukt__legacy_exit(void)
{
	if (ukt__legacy_state > 0 && cleanup_module)
		cleanup_module();
}

#endif /* UKT_COMPAT_LINUX_INIT_H */
