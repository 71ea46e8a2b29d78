/* SPDX-License-Identifier: MIT */
/*
 * linux/ktime.h - ktime_t, a time in nanoseconds (s64), and its
 * arithmetic; the clocks that give one are in <linux/timekeeping.h>,
 * included at the end as in the kernel.
 */
#ifndef UKT_COMPAT_LINUX_KTIME_H
#define UKT_COMPAT_LINUX_KTIME_H

#include <linux/compiler.h>
#include <linux/jiffies.h>
#include <linux/time64.h>
#include <linux/types.h>

/** typedef ktime_t - a time or a duration in nanoseconds. */
typedef s64 ktime_t;

#ifndef KTIME_MAX
#define KTIME_MAX	((s64)~((u64)1 << 63))
#define KTIME_MIN	(-KTIME_MAX - 1)
#endif

/**
 * ktime_set - a ktime_t from seconds and nanoseconds.
 * @secs: seconds.
 * @nsecs: nanoseconds.
 *
 * Return: the time, KTIME_MAX when @secs is too large.
 */
static inline ktime_t ktime_set(const s64 secs, const unsigned long nsecs)
{
	if (unlikely(secs >= KTIME_SEC_MAX))
		return KTIME_MAX;
	return secs * NSEC_PER_SEC + (s64)nsecs;
}

/** ktime_sub - @lhs - @rhs. */
#define ktime_sub(lhs, rhs)	((lhs) - (rhs))
/** ktime_add - @lhs + @rhs. */
#define ktime_add(lhs, rhs)	((lhs) + (rhs))
/** ktime_add_unsafe - @lhs + @rhs, wrapping instead of overflowing. */
#define ktime_add_unsafe(lhs, rhs)	((u64)(lhs) + (rhs))
/** ktime_add_ns - @kt plus @nsval nanoseconds. */
#define ktime_add_ns(kt, nsval)	((kt) + (nsval))
/** ktime_sub_ns - @kt minus @nsval nanoseconds. */
#define ktime_sub_ns(kt, nsval)	((kt) - (nsval))
/** ktime_add_us - @kt plus @usec microseconds. */
#define ktime_add_us(kt, usec)	ktime_add_ns(kt, (u64)(usec) * NSEC_PER_USEC)
/** ktime_add_ms - @kt plus @msec milliseconds. */
#define ktime_add_ms(kt, msec)	ktime_add_ns(kt, (u64)(msec) * NSEC_PER_MSEC)
/** ktime_sub_us - @kt minus @usec microseconds. */
#define ktime_sub_us(kt, usec)	ktime_sub_ns(kt, (u64)(usec) * NSEC_PER_USEC)
/** ktime_sub_ms - @kt minus @msec milliseconds. */
#define ktime_sub_ms(kt, msec)	ktime_sub_ns(kt, (u64)(msec) * NSEC_PER_MSEC)

/**
 * ktime_to_ns - a ktime_t in nanoseconds.
 * @kt: the time.
 *
 * Return: @kt.
 */
static inline s64 ktime_to_ns(const ktime_t kt)
{
	return kt;
}

/**
 * ktime_to_us - a ktime_t in microseconds (rounded towards 0).
 * @kt: the time.
 *
 * Return: @kt / 1000.
 */
static inline s64 ktime_to_us(const ktime_t kt)
{
	return kt / NSEC_PER_USEC;
}

/**
 * ktime_to_ms - a ktime_t in milliseconds (rounded towards 0).
 * @kt: the time.
 *
 * Return: @kt / 1000000.
 */
static inline s64 ktime_to_ms(const ktime_t kt)
{
	return kt / NSEC_PER_MSEC;
}

/**
 * ns_to_ktime - nanoseconds as a ktime_t.
 * @ns: the nanoseconds.
 *
 * Return: @ns.
 */
static inline ktime_t ns_to_ktime(u64 ns)
{
	return (ktime_t)ns;
}

/**
 * us_to_ktime - microseconds as a ktime_t.
 * @us: the microseconds.
 *
 * Return: the nanoseconds.
 */
static inline ktime_t us_to_ktime(u64 us)
{
	return (ktime_t)(us * NSEC_PER_USEC);
}

/**
 * ms_to_ktime - milliseconds as a ktime_t.
 * @ms: the milliseconds.
 *
 * Return: the nanoseconds.
 */
static inline ktime_t ms_to_ktime(u64 ms)
{
	return (ktime_t)(ms * NSEC_PER_MSEC);
}

/**
 * ktime_compare - order two times.
 * @cmp1: one time.
 * @cmp2: the other.
 *
 * Return: -1, 0 or 1 as @cmp1 is earlier than, equal to or later than @cmp2.
 */
static inline int ktime_compare(const ktime_t cmp1, const ktime_t cmp2)
{
	return cmp1 < cmp2 ? -1 : cmp1 > cmp2;
}

/**
 * ktime_after - test whether one time is later than another.
 * @cmp1: one time.
 * @cmp2: the other.
 *
 * Return: true when @cmp1 is later than @cmp2.
 */
static inline bool ktime_after(const ktime_t cmp1, const ktime_t cmp2)
{
	return ktime_compare(cmp1, cmp2) > 0;
}

/**
 * ktime_before - test whether one time is earlier than another.
 * @cmp1: one time.
 * @cmp2: the other.
 *
 * Return: true when @cmp1 is earlier than @cmp2.
 */
static inline bool ktime_before(const ktime_t cmp1, const ktime_t cmp2)
{
	return ktime_compare(cmp1, cmp2) < 0;
}

/**
 * ktime_us_delta - the microseconds from one time to a later one.
 * @later: the later time.
 * @earlier: the earlier time.
 *
 * Return: (@later - @earlier) in microseconds.
 */
static inline s64 ktime_us_delta(const ktime_t later, const ktime_t earlier)
{
	return ktime_to_us(ktime_sub(later, earlier));
}

/**
 * ktime_ms_delta - the milliseconds from one time to a later one.
 * @later: the later time.
 * @earlier: the earlier time.
 *
 * Return: (@later - @earlier) in milliseconds.
 */
static inline s64 ktime_ms_delta(const ktime_t later, const ktime_t earlier)
{
	return ktime_to_ms(ktime_sub(later, earlier));
}

/**
 * ktime_divns - a ktime_t divided by a number of nanoseconds.
 * @kt: the time.
 * @div: the divisor.
 *
 * Return: @kt / @div.
 */
static inline s64 ktime_divns(const ktime_t kt, s64 div)
{
	return kt / div;
}

/**
 * ktime_to_timespec64 - a ktime_t as a struct timespec64.
 * @kt: the time.
 *
 * Return: the same time.
 */
static inline struct timespec64 ktime_to_timespec64(const ktime_t kt)
{
	return ns_to_timespec64(kt);
}

/**
 * timespec64_to_ktime - a struct timespec64 as a ktime_t.
 * @ts: the time.
 *
 * Return: the same time, KTIME_MAX when too large.
 */
static inline ktime_t timespec64_to_ktime(struct timespec64 ts)
{
	return ktime_set(ts.tv_sec, (unsigned long)ts.tv_nsec);
}

#include <linux/timekeeping.h>

#endif /* UKT_COMPAT_LINUX_KTIME_H */
