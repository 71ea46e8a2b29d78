/* SPDX-License-Identifier: MIT */
/*
 * linux/jiffies.h - jiffies, HZ (1000) and the time_after() family
 * (ukthread/jiffies.h under the kernel names), plus the time units.
 *
 * jiffies is a macro that reads the tick count: it cannot be assigned or
 * have its address taken.
 */
#ifndef UKT_COMPAT_LINUX_JIFFIES_H
#define UKT_COMPAT_LINUX_JIFFIES_H

#include <linux/compiler.h>
#include <linux/time64.h>	/* the time units, MSEC_PER_SEC... */
#include <linux/types.h>
#include <ukthread/jiffies.h>

/** nsecs_to_jiffies - @n nanoseconds in ticks (rounded down). */
static inline unsigned long nsecs_to_jiffies(u64 n)
{
	return (unsigned long)(n / (NSEC_PER_SEC / HZ));
}

/** jiffies_to_nsecs - @j ticks in nanoseconds. */
static inline u64 jiffies_to_nsecs(unsigned long j)
{
	return (u64)j * (NSEC_PER_SEC / HZ);
}

/** secs_to_jiffies - @s seconds in ticks. */
#define secs_to_jiffies(s)	((unsigned long)(s) * HZ)

/* time_after() and friends on 64-bit tick counts. */
#define time_after64(a, b)	((s64)((b) - (a)) < 0)
#define time_before64(a, b)	time_after64(b, a)
#define time_after_eq64(a, b)	((s64)((a) - (b)) >= 0)
#define time_before_eq64(a, b)	time_after_eq64(b, a)

#endif /* UKT_COMPAT_LINUX_JIFFIES_H */
