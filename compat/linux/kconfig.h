/* SPDX-License-Identifier: MIT */
/*
 * linux/kconfig.h - IS_ENABLED() and friends for CONFIG_ options.
 *
 * No CONFIG_ option is defined by ukthread; code may define its own (as 1,
 * or OPTION_MODULE as 1) before including, and test them here as Kbuild
 * code does, in #if or in C expressions.
 */
#ifndef UKT_COMPAT_LINUX_KCONFIG_H
#define UKT_COMPAT_LINUX_KCONFIG_H

/*
 * ukt__is_one(x) is 1 when x expands to 1, else 0: the "1" case pastes to
 * a macro that adds an argument, shifting 1 into the second position.
 */
#define UKT__KCONFIG_ARG_1		0,
#define ukt__kconfig_second(a, b, ...)	b
#define ukt__kconfig_pick(junk)		ukt__kconfig_second(junk 1, 0, 0)
#define ukt__kconfig_is_one_(x)		ukt__kconfig_pick(UKT__KCONFIG_ARG_##x)
#define ukt__kconfig_is_one(x)		ukt__kconfig_is_one_(x)

/** IS_BUILTIN - 1 when @option is defined as 1, else 0. */
#define IS_BUILTIN(option)	ukt__kconfig_is_one(option)
/** IS_MODULE - 1 when @option_MODULE is defined as 1, else 0. */
#define IS_MODULE(option)	ukt__kconfig_is_one(option##_MODULE)
/** IS_ENABLED - 1 when @option is built in or a module, else 0. */
#define IS_ENABLED(option)	(IS_BUILTIN(option) || IS_MODULE(option))
/** IS_REACHABLE - IS_ENABLED(): everything is linked into one program. */
#define IS_REACHABLE(option)	IS_ENABLED(option)

#endif /* UKT_COMPAT_LINUX_KCONFIG_H */
