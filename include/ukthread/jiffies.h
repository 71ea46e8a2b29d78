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

/**
 * ukt_jiffies - the current tick count.
 *
 * One tick is one millisecond of CLOCK_MONOTONIC.
 *
 * Return: the milliseconds since the library was loaded, plus
 * INITIAL_JIFFIES.
 */
UKT_API unsigned long ukt_jiffies(void);

/**
 * ukt_jiffies_64 - the current tick count as a 64-bit number.
 *
 * Return: jiffies as an unsigned long long.  The value is the same as
 * jiffies, so on a target with a 32-bit long it wraps as jiffies does.
 */
UKT_API unsigned long long ukt_jiffies_64(void);

/**
 * ukt_msecs_to_jiffies - convert milliseconds to ticks.
 * @m: the milliseconds.
 *
 * Return: @m, since one tick is one millisecond; MAX_JIFFY_OFFSET
 * ("forever") when @m is negative as an int (msecs_to_jiffies(-1)), as in
 * the kernel.
 */
static inline unsigned long ukt_msecs_to_jiffies(unsigned int m)
{
	return (int)m < 0 ? UKT_MAX_JIFFY_OFFSET : m;
}

/**
 * ukt_usecs_to_jiffies - convert microseconds to ticks.
 * @u: the microseconds.
 *
 * The sum is done in unsigned long, so that no count near UINT_MAX wraps
 * to a short timeout.
 *
 * Return: @u in ticks, rounded up; MAX_JIFFY_OFFSET beyond
 * jiffies_to_usecs(MAX_JIFFY_OFFSET) (4294965296 at HZ 1000, as the
 * kernel computes it).
 */
static inline unsigned long ukt_usecs_to_jiffies(unsigned int u)
{
	if (u > (unsigned int)((unsigned long)UKT_MAX_JIFFY_OFFSET * 1000ul))
		return UKT_MAX_JIFFY_OFFSET;
	return ((unsigned long)u + 999ul) / 1000ul;
}

/**
 * ukt_jiffies_to_msecs - convert ticks to milliseconds.
 * @j: the ticks.
 *
 * Return: @j as milliseconds, truncated to unsigned int.
 */
static inline unsigned int ukt_jiffies_to_msecs(unsigned long j)
{
	return (unsigned int)j;
}

/**
 * ukt_jiffies_to_usecs - convert ticks to microseconds.
 * @j: the ticks.
 *
 * Return: @j * 1000, truncated to unsigned int.
 */
static inline unsigned int ukt_jiffies_to_usecs(unsigned long j)
{
	return (unsigned int)(j * 1000u);
}

/**
 * ukt_time_after - test whether one tick count is later than another.
 * @a: a tick count.
 * @b: another tick count.
 *
 * Correct across a wrap of jiffies, as long as the two are less than
 * LONG_MAX ticks apart.
 *
 * Return: true when @a is after @b.
 */
#define ukt_time_after(a, b)		((long)((b) - (a)) < 0)

/**
 * ukt_time_before - test whether one tick count is earlier than another.
 * @a: a tick count.
 * @b: another tick count.
 *
 * Return: true when @a is before @b.
 */
#define ukt_time_before(a, b)		ukt_time_after(b, a)

/**
 * ukt_time_after_eq - test whether one tick count is later than or equal
 * to another.
 * @a: a tick count.
 * @b: another tick count.
 *
 * Return: true when @a is after @b or equal to it.
 */
#define ukt_time_after_eq(a, b)		((long)((a) - (b)) >= 0)

/**
 * ukt_time_before_eq - test whether one tick count is earlier than or
 * equal to another.
 * @a: a tick count.
 * @b: another tick count.
 *
 * Return: true when @a is before @b or equal to it.
 */
#define ukt_time_before_eq(a, b)	ukt_time_after_eq(b, a)

/**
 * ukt_time_in_range - test whether a tick count lies in a range.
 * @a: the tick count.
 * @b: the start of the range.
 * @c: the end of the range.
 *
 * Return: true when @a is in [@b, @c], both ends included.
 */
#define ukt_time_in_range(a, b, c)	\
	(ukt_time_after_eq(a, b) && ukt_time_before_eq(a, c))

/**
 * ukt_time_is_before_jiffies - test whether a tick count has passed.
 * @a: the tick count.
 *
 * Return: true when @a is before the current jiffies.
 */
#define ukt_time_is_before_jiffies(a)	ukt_time_after(ukt_jiffies(), a)

/**
 * ukt_time_is_after_jiffies - test whether a tick count is still to come.
 * @a: the tick count.
 *
 * Return: true when @a is after the current jiffies.
 */
#define ukt_time_is_after_jiffies(a)	ukt_time_before(ukt_jiffies(), a)

#include <ukthread/map/jiffies.h>

#endif /* UKTHREAD_JIFFIES_H */
