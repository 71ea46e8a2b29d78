/* SPDX-License-Identifier: MIT */
/*
 * linux/printk.h - printk() and the pr_*() family.
 *
 * Messages go to stderr, the log of a user-space program, each printk()
 * in one stdio call so that lines of concurrent threads never interleave.
 * The KERN_<LEVEL> marker at the start of a format (and an old-style
 * "<N>" one) is stripped, not printed; every level is printed.  In a
 * module run by ukthread-insmod, the runner prints them instead, as
 * dmesg does: "<level>[seconds.micros] message", filtered by its
 * --loglevel.  No
 * newline is added: end messages with "\n" and continue a line with
 * pr_cont().  pr_debug() and pr_devel() print only when DEBUG is defined
 * before the include; otherwise they only check their format.  The
 * kernel's %p extensions (%pS, %pV ...) are not understood.
 *
 * Define pr_fmt(fmt) before the include to prefix every pr_*() message,
 * as in the kernel; KBUILD_MODNAME is "module" unless the build defines it
 * (-DKBUILD_MODNAME='"name"'), as Kbuild does.
 */
#ifndef UKT_COMPAT_LINUX_PRINTK_H
#define UKT_COMPAT_LINUX_PRINTK_H

#include <stdarg.h>
#include <stdio.h>
#include <linux/compiler.h>
#include <linux/ratelimit_types.h>
#include <ukthread/insmod.h>	/* the runner's log, when there is one */

#ifndef KBUILD_MODNAME
#define KBUILD_MODNAME		"module"
#endif

/* Log level markers: KERN_SOH and one character, stripped by printk(). */
#define KERN_SOH		"\001"
#define KERN_SOH_ASCII		'\001'
#define KERN_EMERG		KERN_SOH "0"
#define KERN_ALERT		KERN_SOH "1"
#define KERN_CRIT		KERN_SOH "2"
#define KERN_ERR		KERN_SOH "3"
#define KERN_WARNING		KERN_SOH "4"
#define KERN_NOTICE		KERN_SOH "5"
#define KERN_INFO		KERN_SOH "6"
#define KERN_DEBUG		KERN_SOH "7"
#define KERN_DEFAULT		""
#define KERN_CONT		KERN_SOH "c"

#define LOGLEVEL_DEFAULT	(-1)
#define LOGLEVEL_EMERG		0
#define LOGLEVEL_ALERT		1
#define LOGLEVEL_CRIT		2
#define LOGLEVEL_ERR		3
#define LOGLEVEL_WARNING	4
#define LOGLEVEL_NOTICE		5
#define LOGLEVEL_INFO		6
#define LOGLEVEL_DEBUG		7

/** printk_skip_level - @fmt past its KERN_<LEVEL> or "<N>" markers. */
static inline const char *printk_skip_level(const char *fmt)
{
	for (;;) {
		if (fmt[0] == KERN_SOH_ASCII && fmt[1])
			fmt += 2;
		else if (fmt[0] == '<' && fmt[1] >= '0' && fmt[1] <= '7' &&
			 fmt[2] == '>')
			fmt += 3;
		else
			return fmt;
	}
}

/**
 * vprintk - printk() with a va_list; returns the characters printed.
 * In a module run by ukthread-insmod, the runner's log takes the message
 * (timestamp, level, the --loglevel filter).
 */
static inline __printf(1, 0) int vprintk(const char *fmt, va_list args)
{
	if (ukt_insmod_vprintk)
		return ukt_insmod_vprintk(fmt, args);
	return vfprintf(stderr, printk_skip_level(fmt), args);
}

/** printk - print a kernel message to stderr; returns the characters printed. */
static inline __printf(1, 2) int printk(const char *fmt, ...)
{
	va_list args;
	int n;

	va_start(args, fmt);
	n = vprintk(fmt, args);
	va_end(args);
	return n;
}

/** no_printk - check the format and arguments, print nothing; 0. */
#define no_printk(fmt, ...) __extension__ ({				\
	if (0)								\
		printk(fmt, ##__VA_ARGS__);				\
	0;								\
})

#ifndef pr_fmt
#define pr_fmt(fmt)		fmt
#endif

/* pr_<level>() - printk() at that level, with the pr_fmt() prefix. */
#define pr_emerg(fmt, ...)	printk(KERN_EMERG pr_fmt(fmt), ##__VA_ARGS__)
#define pr_alert(fmt, ...)	printk(KERN_ALERT pr_fmt(fmt), ##__VA_ARGS__)
#define pr_crit(fmt, ...)	printk(KERN_CRIT pr_fmt(fmt), ##__VA_ARGS__)
#define pr_err(fmt, ...)	printk(KERN_ERR pr_fmt(fmt), ##__VA_ARGS__)
#define pr_warn(fmt, ...)	printk(KERN_WARNING pr_fmt(fmt), ##__VA_ARGS__)
#define pr_warning		pr_warn
#define pr_notice(fmt, ...)	printk(KERN_NOTICE pr_fmt(fmt), ##__VA_ARGS__)
#define pr_info(fmt, ...)	printk(KERN_INFO pr_fmt(fmt), ##__VA_ARGS__)
/** pr_cont - continue the previous message's line (no prefix). */
#define pr_cont(fmt, ...)	printk(KERN_CONT fmt, ##__VA_ARGS__)
#ifdef DEBUG
#define pr_debug(fmt, ...)	printk(KERN_DEBUG pr_fmt(fmt), ##__VA_ARGS__)
#define pr_devel(fmt, ...)	printk(KERN_DEBUG pr_fmt(fmt), ##__VA_ARGS__)
#else
#define pr_debug(fmt, ...)	no_printk(KERN_DEBUG pr_fmt(fmt), ##__VA_ARGS__)
#define pr_devel(fmt, ...)	no_printk(KERN_DEBUG pr_fmt(fmt), ##__VA_ARGS__)
#endif

/** printk_once - printk() only the first time this call site runs. */
#define printk_once(fmt, ...) \
	ukt__printk_once(UKT__UID(once), printk, fmt, ##__VA_ARGS__)
#define ukt__printk_once(done, print, ...) __extension__ ({		\
	static int done;						\
	if (!__atomic_exchange_n(&done, 1, __ATOMIC_RELAXED))		\
		print(__VA_ARGS__);					\
})
#define pr_emerg_once(fmt, ...) \
	ukt__printk_once(UKT__UID(once), pr_emerg, fmt, ##__VA_ARGS__)
#define pr_alert_once(fmt, ...) \
	ukt__printk_once(UKT__UID(once), pr_alert, fmt, ##__VA_ARGS__)
#define pr_crit_once(fmt, ...) \
	ukt__printk_once(UKT__UID(once), pr_crit, fmt, ##__VA_ARGS__)
#define pr_err_once(fmt, ...) \
	ukt__printk_once(UKT__UID(once), pr_err, fmt, ##__VA_ARGS__)
#define pr_warn_once(fmt, ...) \
	ukt__printk_once(UKT__UID(once), pr_warn, fmt, ##__VA_ARGS__)
#define pr_notice_once(fmt, ...) \
	ukt__printk_once(UKT__UID(once), pr_notice, fmt, ##__VA_ARGS__)
#define pr_info_once(fmt, ...) \
	ukt__printk_once(UKT__UID(once), pr_info, fmt, ##__VA_ARGS__)
#define pr_debug_once(fmt, ...) \
	ukt__printk_once(UKT__UID(once), pr_debug, fmt, ##__VA_ARGS__)

/*
 * The _ratelimited forms: each call site lets through at most
 * DEFAULT_RATELIMIT_BURST messages per DEFAULT_RATELIMIT_INTERVAL
 * (<linux/ratelimit.h>, included at the end of this header).
 * printk_ratelimit() shares one state per source file.
 */
#define ukt__printk_ratelimited(rs, print, ...) __extension__ ({	\
	static DEFINE_RATELIMIT_STATE(rs, DEFAULT_RATELIMIT_INTERVAL,	\
				      DEFAULT_RATELIMIT_BURST);		\
	if (__ratelimit(&rs))						\
		print(__VA_ARGS__);					\
})
#define printk_ratelimited(fmt, ...) \
	ukt__printk_ratelimited(UKT__UID(rs), printk, fmt, ##__VA_ARGS__)
#define pr_emerg_ratelimited(fmt, ...) \
	ukt__printk_ratelimited(UKT__UID(rs), pr_emerg, fmt, ##__VA_ARGS__)
#define pr_alert_ratelimited(fmt, ...) \
	ukt__printk_ratelimited(UKT__UID(rs), pr_alert, fmt, ##__VA_ARGS__)
#define pr_crit_ratelimited(fmt, ...) \
	ukt__printk_ratelimited(UKT__UID(rs), pr_crit, fmt, ##__VA_ARGS__)
#define pr_err_ratelimited(fmt, ...) \
	ukt__printk_ratelimited(UKT__UID(rs), pr_err, fmt, ##__VA_ARGS__)
#define pr_warn_ratelimited(fmt, ...) \
	ukt__printk_ratelimited(UKT__UID(rs), pr_warn, fmt, ##__VA_ARGS__)
#define pr_notice_ratelimited(fmt, ...) \
	ukt__printk_ratelimited(UKT__UID(rs), pr_notice, fmt, ##__VA_ARGS__)
#define pr_info_ratelimited(fmt, ...) \
	ukt__printk_ratelimited(UKT__UID(rs), pr_info, fmt, ##__VA_ARGS__)
#define pr_debug_ratelimited(fmt, ...) \
	ukt__printk_ratelimited(UKT__UID(rs), pr_debug, fmt, ##__VA_ARGS__)
/** printk_ratelimit - true unless this file printed too much lately. */
#define printk_ratelimit()	__ratelimit(&ukt__printk_ratelimit_state)
static struct ratelimit_state ukt__printk_ratelimit_state __attribute__((__unused__)) =
	RATELIMIT_STATE_INIT(ukt__printk_ratelimit_state, DEFAULT_RATELIMIT_INTERVAL,
			     DEFAULT_RATELIMIT_BURST);

/**
 * dump_stack - print the caller's stack to stderr (symbols need
 * -rdynamic); a note when the C library cannot walk the stack.
 */
#if defined(__has_include)
#if __has_include(<execinfo.h>)
#include <execinfo.h>
#define UKT__HAVE_BACKTRACE
#endif
#endif
static inline void dump_stack(void)
{
#ifdef UKT__HAVE_BACKTRACE
	void *frames[64];
	int n = backtrace(frames, 64);

	fflush(stderr);
	backtrace_symbols_fd(frames, n, 2);
#else
	fputs("dump_stack: no backtrace in this C library\n", stderr);
#endif
}

#include <linux/ratelimit.h>	/* __ratelimit(), for the macros above */

#endif /* UKT_COMPAT_LINUX_PRINTK_H */
