/* SPDX-License-Identifier: MIT */
/*
 * linux/time64.h - time64_t, struct timespec64 and the time units.
 *
 * Made to sit beside libc's <time.h> and <sys/time.h> in the same file:
 * struct timespec, struct timeval and time_t stay libc's; the kernel's
 * 64-bit types are separate (on 64-bit Linux they have the same layout
 * as libc's, so timespec64_to_timespec() is a copy).
 */
#ifndef UKT_COMPAT_LINUX_TIME64_H
#define UKT_COMPAT_LINUX_TIME64_H

#include <time.h>
#include <linux/compiler.h>
#include <linux/types.h>

/** typedef time64_t - seconds, 64 bits wide everywhere. */
typedef s64 time64_t;
/** typedef timeu64_t - unsigned seconds. */
typedef u64 timeu64_t;

/**
 * struct timespec64 - seconds and nanoseconds.
 * @tv_sec: seconds.
 * @tv_nsec: nanoseconds, 0 to NSEC_PER_SEC - 1 in a valid one.
 */
struct timespec64 {
	time64_t tv_sec;
	long tv_nsec;
};

/* Time units (<linux/jiffies.h> gives them through this header). */
#ifndef MSEC_PER_SEC
#define MSEC_PER_SEC	1000L
#endif
#ifndef USEC_PER_MSEC
#define USEC_PER_MSEC	1000L
#endif
#ifndef NSEC_PER_USEC
#define NSEC_PER_USEC	1000L
#endif
#ifndef NSEC_PER_MSEC
#define NSEC_PER_MSEC	1000000L
#endif
#ifndef USEC_PER_SEC
#define USEC_PER_SEC	1000000L
#endif
#ifndef NSEC_PER_SEC
#define NSEC_PER_SEC	1000000000L
#endif
#define PSEC_PER_SEC	1000000000000LL
#define FSEC_PER_SEC	1000000000000000LL
#define TIME64_MAX	((s64)~((u64)1 << 63))
#define TIME64_MIN	(-TIME64_MAX - 1)
#ifndef KTIME_MAX
#define KTIME_MAX	((s64)~((u64)1 << 63))
#define KTIME_MIN	(-KTIME_MAX - 1)
#endif
#define KTIME_SEC_MAX	(KTIME_MAX / NSEC_PER_SEC)

/**
 * timespec64_equal - test two times for equality.
 * @a: one time.
 * @b: the other.
 *
 * Return: true when they are the same time.
 */
static inline bool timespec64_equal(const struct timespec64 *a,
				    const struct timespec64 *b)
{
	return a->tv_sec == b->tv_sec && a->tv_nsec == b->tv_nsec;
}

/**
 * timespec64_compare - order two times.
 * @a: one time.
 * @b: the other.
 *
 * Return: below 0 when @a is earlier, 0 when equal, above 0 when later.
 */
static inline int timespec64_compare(const struct timespec64 *a,
				     const struct timespec64 *b)
{
	if (a->tv_sec != b->tv_sec)
		return a->tv_sec < b->tv_sec ? -1 : 1;
	if (a->tv_nsec != b->tv_nsec)
		return a->tv_nsec < b->tv_nsec ? -1 : 1;
	return 0;
}

/**
 * timespec64_valid - test whether a time is well formed.
 * @ts: the time.
 *
 * Return: true when @ts is not negative and its nanoseconds are in range.
 */
static inline bool timespec64_valid(const struct timespec64 *ts)
{
	return ts->tv_sec >= 0 && ts->tv_nsec >= 0 && ts->tv_nsec < NSEC_PER_SEC;
}

/**
 * timespec64_to_ns - a time in nanoseconds.
 * @ts: the time.
 *
 * Return: @ts in nanoseconds, saturated at KTIME_MAX.
 */
static inline s64 timespec64_to_ns(const struct timespec64 *ts)
{
	if (ts->tv_sec >= KTIME_SEC_MAX)
		return KTIME_MAX;
	return ts->tv_sec * NSEC_PER_SEC + ts->tv_nsec;
}

/**
 * ns_to_timespec64 - nanoseconds as a struct timespec64.
 * @nsec: the nanoseconds (may be negative).
 *
 * Return: the time, its nanoseconds in 0 to NSEC_PER_SEC - 1.
 */
static inline struct timespec64 ns_to_timespec64(s64 nsec)
{
	struct timespec64 ts = { nsec / NSEC_PER_SEC, (long)(nsec % NSEC_PER_SEC) };

	if (ts.tv_nsec < 0) {
		ts.tv_sec--;
		ts.tv_nsec += NSEC_PER_SEC;
	}
	return ts;
}

/**
 * set_normalized_timespec64 - store a time, carrying nanoseconds over.
 * @ts: where to store it.
 * @sec: seconds.
 * @nsec: nanoseconds, any value.
 */
static inline void set_normalized_timespec64(struct timespec64 *ts, time64_t sec,
					     s64 nsec)
{
	*ts = ns_to_timespec64(nsec);
	ts->tv_sec += sec;
}

/**
 * timespec64_add - the sum of two times.
 * @a: one time.
 * @b: the other.
 *
 * Return: @a + @b, normalised.
 */
static inline struct timespec64 timespec64_add(struct timespec64 a, struct timespec64 b)
{
	struct timespec64 ts;

	set_normalized_timespec64(&ts, a.tv_sec + b.tv_sec, (s64)a.tv_nsec + b.tv_nsec);
	return ts;
}

/**
 * timespec64_sub - the difference of two times.
 * @a: the later time.
 * @b: the earlier time.
 *
 * Return: @a - @b, normalised.
 */
static inline struct timespec64 timespec64_sub(struct timespec64 a, struct timespec64 b)
{
	struct timespec64 ts;

	set_normalized_timespec64(&ts, a.tv_sec - b.tv_sec, (s64)a.tv_nsec - b.tv_nsec);
	return ts;
}

/**
 * timespec64_to_timespec - libc's struct timespec of a time.
 * @ts: the time.
 *
 * Return: the same time as a struct timespec.
 */
static inline struct timespec timespec64_to_timespec(struct timespec64 ts)
{
	struct timespec t = { (time_t)ts.tv_sec, ts.tv_nsec };

	return t;
}

/**
 * timespec_to_timespec64 - a struct timespec64 of libc's struct timespec.
 * @ts: the time.
 *
 * Return: the same time as a struct timespec64.
 */
static inline struct timespec64 timespec_to_timespec64(struct timespec ts)
{
	struct timespec64 t = { ts.tv_sec, ts.tv_nsec };

	return t;
}

#endif /* UKT_COMPAT_LINUX_TIME64_H */
