/* SPDX-License-Identifier: MIT */
/*
 * ukthread/jiffies.h - the tick count, HZ = 1000, on CLOCK_MONOTONIC.
 *
 * jiffies starts 5 minutes before a 32-bit wrap, as the kernel's does, so
 * that code comparing jiffies without time_after() fails early.  A jump of
 * the wall clock never moves it.
 */
#ifndef UKTHREAD_JIFFIES_H
#define UKTHREAD_JIFFIES_H

#include <limits.h>
#include <ukthread/compiler.h>

#define UKT_HZ			1000
#define UKT_INITIAL_JIFFIES	((unsigned long)(unsigned int)(-300 * UKT_HZ))
#define UKT_MAX_JIFFY_OFFSET	((LONG_MAX >> 1) - 1)

/** ukt_jiffies - the current tick count (one tick per millisecond). */
UKT_API unsigned long ukt_jiffies(void);

/** ukt_jiffies_64 - the same, 64 bits wide on every target. */
UKT_API unsigned long long ukt_jiffies_64(void);

/**
 * ukt_msecs_to_jiffies - @m milliseconds in ticks (rounded up); a count
 * that is negative as an int (msecs_to_jiffies(-1)) means "forever",
 * MAX_JIFFY_OFFSET, as in the kernel.
 */
static inline unsigned long ukt_msecs_to_jiffies(unsigned int m)
{
	return (int)m < 0 ? UKT_MAX_JIFFY_OFFSET : m;
}

/**
 * ukt_usecs_to_jiffies - @u microseconds in ticks (rounded up); beyond
 * jiffies_to_usecs(MAX_JIFFY_OFFSET) (4294965296 at HZ 1000, as the
 * kernel computes it), MAX_JIFFY_OFFSET.  The sum is done in unsigned
 * long, so that no count near UINT_MAX wraps to a short timeout.
 */
static inline unsigned long ukt_usecs_to_jiffies(unsigned int u)
{
	if (u > (unsigned int)((unsigned long)UKT_MAX_JIFFY_OFFSET * 1000ul))
		return UKT_MAX_JIFFY_OFFSET;
	return ((unsigned long)u + 999ul) / 1000ul;
}

/** ukt_jiffies_to_msecs - @j ticks in milliseconds. */
static inline unsigned int ukt_jiffies_to_msecs(unsigned long j)
{
	return (unsigned int)j;
}

/** ukt_jiffies_to_usecs - @j ticks in microseconds. */
static inline unsigned int ukt_jiffies_to_usecs(unsigned long j)
{
	return (unsigned int)(j * 1000u);
}

#define ukt_time_after(a, b)		((long)((b) - (a)) < 0)
#define ukt_time_before(a, b)		ukt_time_after(b, a)
#define ukt_time_after_eq(a, b)		((long)((a) - (b)) >= 0)
#define ukt_time_before_eq(a, b)	ukt_time_after_eq(b, a)
#define ukt_time_in_range(a, b, c)	\
	(ukt_time_after_eq(a, b) && ukt_time_before_eq(a, c))
#define ukt_time_is_before_jiffies(a)	ukt_time_after(ukt_jiffies(), a)
#define ukt_time_is_after_jiffies(a)	ukt_time_before(ukt_jiffies(), a)

#ifndef UKTHREAD_NO_KERNEL_NAMES
#define HZ			UKT_HZ
#define INITIAL_JIFFIES		UKT_INITIAL_JIFFIES
#define MAX_JIFFY_OFFSET	UKT_MAX_JIFFY_OFFSET
#define jiffies			ukt_jiffies()
#define jiffies_64		ukt_jiffies_64()
#define get_jiffies_64		ukt_jiffies_64
#define msecs_to_jiffies	ukt_msecs_to_jiffies
#define usecs_to_jiffies	ukt_usecs_to_jiffies
#define jiffies_to_msecs	ukt_jiffies_to_msecs
#define jiffies_to_usecs	ukt_jiffies_to_usecs
#define time_after		ukt_time_after
#define time_before		ukt_time_before
#define time_after_eq		ukt_time_after_eq
#define time_before_eq		ukt_time_before_eq
#define time_in_range		ukt_time_in_range
#define time_is_before_jiffies	ukt_time_is_before_jiffies
#define time_is_after_jiffies	ukt_time_is_after_jiffies
#endif

#endif /* UKTHREAD_JIFFIES_H */
