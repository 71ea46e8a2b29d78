/* SPDX-License-Identifier: MIT */
/*
 * linux/kernel.h - the kernel's everyday helpers: ARRAY_SIZE(), min() and
 * max(), rounding, container_of(), printk() and BUG()/WARN().
 *
 * The UAPI <linux/kernel.h> (struct sysinfo), which <sys/sysinfo.h>
 * includes under this name, is included first when it is installed.
 */
#ifndef UKT_COMPAT_LINUX_KERNEL_H
#define UKT_COMPAT_LINUX_KERNEL_H

#ifdef __has_include_next
#if __has_include_next(<linux/kernel.h>)
#include_next <linux/kernel.h>
#endif
#endif

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <linux/bug.h>
#include <linux/compiler.h>
#include <linux/container_of.h>
#include <linux/kconfig.h>
#include <linux/preempt.h>	/* in_atomic(), for might_sleep() */
#include <linux/printk.h>
#include <linux/stddef.h>
#include <linux/types.h>

/* Limits of the fixed-width types. */
#define U8_MAX		((u8)~0U)
#define S8_MAX		((s8)(U8_MAX >> 1))
#define S8_MIN		((s8)(-S8_MAX - 1))
#define U16_MAX		((u16)~0U)
#define S16_MAX		((s16)(U16_MAX >> 1))
#define S16_MIN		((s16)(-S16_MAX - 1))
#define U32_MAX		((u32)~0U)
#define S32_MAX		((s32)(U32_MAX >> 1))
#define S32_MIN		((s32)(-S32_MAX - 1))
#define U64_MAX		((u64)~0ULL)
#define S64_MAX		((s64)(U64_MAX >> 1))
#define S64_MIN		((s64)(-S64_MAX - 1))

/** __must_be_array - 0, or a build failure when @a is a pointer. */
#define __must_be_array(a)	BUILD_BUG_ON_ZERO(__same_type((a), &(a)[0]))
/** ARRAY_SIZE - number of elements of the array @arr (not a pointer). */
#define ARRAY_SIZE(arr)	(sizeof(arr) / sizeof((arr)[0]) + __must_be_array(arr))

#define ukt__cmp(x, y, op, a, b) __extension__ ({			\
	__typeof__(x) a = (x);						\
	__typeof__(y) b = (y);						\
	a op b ? a : b;							\
})
#define ukt__cmp_t(type, x, y, op, a, b) __extension__ ({		\
	type a = (x);							\
	type b = (y);							\
	a op b ? a : b;							\
})

/** min - the smaller of @x and @y, each evaluated once. */
#define min(x, y)	ukt__cmp(x, y, <, UKT__UID(min_a), UKT__UID(min_b))
/** max - the larger of @x and @y, each evaluated once. */
#define max(x, y)	ukt__cmp(x, y, >, UKT__UID(max_a), UKT__UID(max_b))
/** min3 - the smallest of three values. */
#define min3(x, y, z)	min(min(x, y), z)
/** max3 - the largest of three values. */
#define max3(x, y, z)	max(max(x, y), z)
/** min_t - min() of @x and @y converted to @type. */
#define min_t(type, x, y) \
	ukt__cmp_t(type, x, y, <, UKT__UID(min_a), UKT__UID(min_b))
/** max_t - max() of @x and @y converted to @type. */
#define max_t(type, x, y) \
	ukt__cmp_t(type, x, y, >, UKT__UID(max_a), UKT__UID(max_b))
/** clamp - @val limited to the range [@lo, @hi]. */
#define clamp(val, lo, hi)		min(max(val, lo), hi)
/** clamp_t - clamp() with every value converted to @type. */
#define clamp_t(type, val, lo, hi)	min_t(type, max_t(type, val, lo), hi)
/** clamp_val - clamp() in the type of @val. */
#define clamp_val(val, lo, hi)		clamp_t(__typeof__(val), val, lo, hi)

#define ukt__swap(a, b, t) \
	do { __typeof__(a) t = (a); (a) = (b); (b) = t; } while (0)
/** swap - exchange the values of @a and @b. */
#define swap(a, b)	ukt__swap(a, b, UKT__UID(swap))

/** DIV_ROUND_UP - @n / @d rounded up (non-negative values). */
#define DIV_ROUND_UP(n, d)	(((n) + (d) - 1) / (d))
#define DIV_ROUND_UP_ULL(ll, d)	DIV_ROUND_UP((unsigned long long)(ll), d)
/** DIV_ROUND_CLOSEST - @x / @d rounded to nearest (halves away from 0). */
#define DIV_ROUND_CLOSEST(x, d) \
	ukt__div_closest(x, d, UKT__UID(dx), UKT__UID(dd))
#define ukt__div_closest(x, d, a, b) __extension__ ({			\
	__typeof__(x) a = (x);						\
	__typeof__(d) b = (d);						\
	(((__typeof__(x))-1) > 0 || ((__typeof__(d))-1) > 0 ||		\
	 (a > 0) == (b > 0)) ? (a + b / 2) / b : (a - b / 2) / b;	\
})
/** roundup - @x rounded up to a multiple of @y. */
#define roundup(x, y)		((((x) + ((y) - 1)) / (y)) * (y))
/** rounddown - @x rounded down to a multiple of @y. */
#define rounddown(x, y)		((x) - ((x) % (y)))
/** round_up - @x rounded up to a multiple of the power of two @y. */
#define round_up(x, y)		((((x) - 1) | ((__typeof__(x))((y) - 1))) + 1)
/** round_down - @x rounded down to a multiple of the power of two @y. */
#define round_down(x, y)	((x) & ~((__typeof__(x))((y) - 1)))
/** ALIGN - @x rounded up to a multiple of the power of two @a. */
#define ALIGN(x, a)		(((x) + ((__typeof__(x))(a) - 1)) & ~((__typeof__(x))(a) - 1))
/** ALIGN_DOWN - @x rounded down to a multiple of the power of two @a. */
#define ALIGN_DOWN(x, a)	((x) & ~((__typeof__(x))(a) - 1))
/** IS_ALIGNED - true when @x is a multiple of the power of two @a. */
#define IS_ALIGNED(x, a)	(((x) & ((__typeof__(x))(a) - 1)) == 0)
/** PTR_ALIGN - the pointer @p rounded up to a multiple of @a. */
#define PTR_ALIGN(p, a)		((__typeof__(p))ALIGN((unsigned long)(p), (a)))
/** upper_32_bits - bits 32..63 of @n. */
#define upper_32_bits(n)	((u32)(((n) >> 16) >> 16))
/** lower_32_bits - bits 0..31 of @n. */
#define lower_32_bits(n)	((u32)((n) & 0xffffffff))

/*
 * might_sleep() - a function that may sleep says so: in a timer function
 * (softirq context, in_atomic()) that is a bug, reported once per call
 * site with a warning as the kernel's "sleeping function called from
 * invalid context".  Everywhere else it is silent.
 */
#define might_sleep() \
	do { (void)WARN_ONCE(in_atomic(), "sleeping function called from invalid " \
			     "context (a timer function)"); } while (0)
#define might_sleep_if(cond)		do { if (cond) might_sleep(); } while (0)
#define might_resched()			do {} while (0)
#define might_fault()			might_sleep()
#define cant_sleep()			do {} while (0)

/** _RET_IP_ - the caller's return address. */
#define _RET_IP_	((unsigned long)__builtin_return_address(0))
/** _THIS_IP_ - an address inside the current function. */
#define _THIS_IP_ \
	__extension__ ({ __label__ ukt__here; ukt__here: (unsigned long)&&ukt__here; })

/** panic - print "Kernel panic - not syncing: <message>" and abort(). */
static inline __printf(1, 2) __attribute__((__noreturn__, __cold__)) void
panic(const char *fmt, ...)
{
	va_list args;

	fflush(stdout);
	fputs("Kernel panic - not syncing: ", stderr);
	va_start(args, fmt);
	vfprintf(stderr, fmt, args);
	va_end(args);
	fputc('\n', stderr);
	abort();
}

/**
 * vscnprintf - vsnprintf() that returns the characters actually written
 * into @buf (never more than @size - 1).
 */
static inline __printf(3, 0) int
vscnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
	int n;

	if (!size)
		return 0;
	n = vsnprintf(buf, size, fmt, args);
	if (n < 0)
		return 0;
	return (size_t)n < size ? n : (int)(size - 1);
}

/** scnprintf - snprintf() that returns the characters actually written. */
static inline __printf(3, 4) int
scnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list args;
	int n;

	va_start(args, fmt);
	n = vscnprintf(buf, size, fmt, args);
	va_end(args);
	return n;
}

#endif /* UKT_COMPAT_LINUX_KERNEL_H */
