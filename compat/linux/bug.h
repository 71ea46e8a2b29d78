/* SPDX-License-Identifier: MIT */
/*
 * linux/bug.h - BUG(), WARN() and compile-time assertions.
 *
 * BUG() and a true BUG_ON() print "ukthread: BUG at file:line func()" on
 * stderr and abort().  The WARN family prints ukthread's one-line
 * warning ("ukthread: WARNING at file:line func: ...") on stderr, counts
 * it in ukt_warn_count() and yields the condition, so that
 * "if (WARN_ON(x)) return -EINVAL;" works; the _ONCE forms print once per
 * call site and count every time.
 */
#ifndef UKT_COMPAT_LINUX_BUG_H
#define UKT_COMPAT_LINUX_BUG_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/compiler.h>
#include <ukthread/debug.h>

/** ukt__bug - report a BUG() at @file:@line in @func, then abort(). */
static inline __attribute__((__noreturn__, __cold__)) void
ukt__bug(const char *file, int line, const char *func)
{
	fflush(stdout);
	fprintf(stderr, "ukthread: BUG at %s:%d %s()\n", file, line, func);
	abort();
}

/** BUG - report a fatal bug and abort the program. */
#define BUG()			ukt__bug(__FILE__, __LINE__, __func__)
/** BUG_ON - BUG() when @condition is true. */
#define BUG_ON(condition)	do { if (unlikely(condition)) BUG(); } while (0)

/** ukt__warn_fmt - ukt__warn() of a formatted message, minus its last '\n'. */
static inline __printf(4, 5) void
ukt__warn_fmt(const char *file, int line, const char *func, const char *fmt, ...)
{
	char msg[256];
	va_list args;
	size_t n;

	va_start(args, fmt);
	vsnprintf(msg, sizeof(msg), fmt, args);
	va_end(args);
	n = strlen(msg);
	if (n && msg[n - 1] == '\n')
		msg[n - 1] = '\0';
	ukt__warn(file, line, func, "%s", msg);
}

#define ukt__warn_on(cond, text, c) __extension__ ({			\
	int c = !!(cond);						\
	if (unlikely(c))						\
		ukt__warn(__FILE__, __LINE__, __func__, "WARN_ON(%s)", text); \
	c;								\
})

#define ukt__warn_if(cond, c, ...) __extension__ ({			\
	int c = !!(cond);						\
	if (unlikely(c))						\
		ukt__warn_fmt(__FILE__, __LINE__, __func__, __VA_ARGS__); \
	c;								\
})

#define ukt__warn_once_if(cond, c, done, ...) __extension__ ({		\
	static int done;						\
	int c = !!(cond);						\
	if (unlikely(c)) {						\
		if (!__atomic_exchange_n(&done, 1, __ATOMIC_RELAXED))	\
			ukt__warn_fmt(__FILE__, __LINE__, __func__, __VA_ARGS__); \
		else							\
			ukt__warn_count_inc();				\
	}								\
	c;								\
})

/** WARN_ON - warn when @condition is true; yields @condition. */
#define WARN_ON(condition) \
	ukt__warn_on(condition, #condition, UKT__UID(warn))
/** WARN_ON_ONCE - WARN_ON(), printed once per call site. */
#define WARN_ON_ONCE(condition) \
	UKT_WARN_ONCE(condition, "WARN_ON_ONCE(%s)", #condition)
/** WARN - warn with a printf-style message when @condition is true. */
#define WARN(condition, ...) \
	ukt__warn_if(condition, UKT__UID(warn), __VA_ARGS__)
/** WARN_ONCE - WARN(), printed once per call site. */
#define WARN_ONCE(condition, ...) \
	ukt__warn_once_if(condition, UKT__UID(warn), UKT__UID(once), __VA_ARGS__)
#define WARN_ON_SMP(condition)	WARN_ON(condition)

/** BUILD_BUG_ON - fail the build when the constant @condition is true. */
#define BUILD_BUG_ON(condition) \
	do { _Static_assert(!(condition), "BUILD_BUG_ON(" #condition ")"); } while (0)
/** BUILD_BUG_ON_MSG - BUILD_BUG_ON() with the message @msg. */
#define BUILD_BUG_ON_MSG(condition, msg) \
	do { _Static_assert(!(condition), msg); } while (0)
/** BUILD_BUG_ON_NOT_POWER_OF_2 - fail the build unless @n is a power of 2. */
#define BUILD_BUG_ON_NOT_POWER_OF_2(n) \
	BUILD_BUG_ON((n) == 0 || (((n) & ((n) - 1)) != 0))
/**
 * BUILD_BUG_ON_ZERO - 0 (an int constant expression), or a build failure
 * when the constant @e is true.
 */
#define BUILD_BUG_ON_ZERO(e)						\
	((int)(0 * sizeof(struct {					\
		_Static_assert(!(e), "BUILD_BUG_ON_ZERO(" #e ")");	\
		char ukt__c;						\
	})))

#endif /* UKT_COMPAT_LINUX_BUG_H */
