/* SPDX-License-Identifier: MIT */
/*
 * linux/timekeeping.h - the kernel's clocks, read from the OS clock of
 * the same meaning: ktime_get() is CLOCK_MONOTONIC (the clock jiffies
 * and timers run on), ktime_get_real() CLOCK_REALTIME, ktime_get_boottime()
 * CLOCK_BOOTTIME, ktime_get_raw() CLOCK_MONOTONIC_RAW, ktime_get_clocktai()
 * CLOCK_TAI.  Each is one clock_gettime() (a vDSO call, no system call).
 */
#ifndef UKT_COMPAT_LINUX_TIMEKEEPING_H
#define UKT_COMPAT_LINUX_TIMEKEEPING_H

#include <time.h>
#include <linux/ktime.h>

/**
 * ukt__clock_ns - an OS clock in nanoseconds.
 * @clock: the CLOCK_* id.
 *
 * Return: its time in nanoseconds.
 */
static inline ktime_t ukt__clock_ns(clockid_t clock)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	return (ktime_t)ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec;
}

/**
 * ktime_get - the monotonic clock.
 *
 * Return: CLOCK_MONOTONIC in nanoseconds.
 */
static inline ktime_t ktime_get(void)
{
	return ukt__clock_ns(CLOCK_MONOTONIC);
}

/**
 * ktime_get_real - the wall clock.
 *
 * Return: CLOCK_REALTIME in nanoseconds since the epoch.
 */
static inline ktime_t ktime_get_real(void)
{
	return ukt__clock_ns(CLOCK_REALTIME);
}

/**
 * ktime_get_boottime - the monotonic clock, counting suspend.
 *
 * Return: CLOCK_BOOTTIME in nanoseconds.
 */
static inline ktime_t ktime_get_boottime(void)
{
	return ukt__clock_ns(CLOCK_BOOTTIME);
}

/**
 * ktime_get_raw - the monotonic clock without NTP adjustment.
 *
 * Return: CLOCK_MONOTONIC_RAW in nanoseconds.
 */
static inline ktime_t ktime_get_raw(void)
{
	return ukt__clock_ns(CLOCK_MONOTONIC_RAW);
}

/**
 * ktime_get_clocktai - international atomic time.
 *
 * Return: CLOCK_TAI in nanoseconds.
 */
static inline ktime_t ktime_get_clocktai(void)
{
	return ukt__clock_ns(CLOCK_TAI);
}

/**
 * ktime_get_ns - the monotonic clock.
 *
 * Return: CLOCK_MONOTONIC in nanoseconds.
 */
static inline u64 ktime_get_ns(void)
{
	return (u64)ktime_get();
}

/**
 * ktime_get_real_ns - the wall clock.
 *
 * Return: CLOCK_REALTIME in nanoseconds since the epoch.
 */
static inline u64 ktime_get_real_ns(void)
{
	return (u64)ktime_get_real();
}

/**
 * ktime_get_boottime_ns - the monotonic clock, counting suspend.
 *
 * Return: CLOCK_BOOTTIME in nanoseconds.
 */
static inline u64 ktime_get_boottime_ns(void)
{
	return (u64)ktime_get_boottime();
}

/**
 * ktime_get_raw_ns - the monotonic clock without NTP adjustment.
 *
 * Return: CLOCK_MONOTONIC_RAW in nanoseconds.
 */
static inline u64 ktime_get_raw_ns(void)
{
	return (u64)ktime_get_raw();
}

/**
 * ktime_get_mono_fast_ns - ktime_get_ns() (the kernel's NMI-safe read).
 *
 * Return: CLOCK_MONOTONIC in nanoseconds.
 */
static inline u64 ktime_get_mono_fast_ns(void)
{
	return ktime_get_ns();
}

/**
 * ktime_get_seconds - the monotonic clock in whole seconds.
 *
 * Return: CLOCK_MONOTONIC in seconds.
 */
static inline time64_t ktime_get_seconds(void)
{
	return ktime_get() / NSEC_PER_SEC;
}

/**
 * ktime_get_real_seconds - the wall clock in whole seconds.
 *
 * Return: seconds since the epoch.
 */
static inline time64_t ktime_get_real_seconds(void)
{
	return ktime_get_real() / NSEC_PER_SEC;
}

/**
 * ktime_get_ts64 - the monotonic clock as a struct timespec64.
 * @ts: where to store it.
 */
static inline void ktime_get_ts64(struct timespec64 *ts)
{
	*ts = ns_to_timespec64(ktime_get());
}

/**
 * ktime_get_real_ts64 - the wall clock as a struct timespec64.
 * @ts: where to store it.
 */
static inline void ktime_get_real_ts64(struct timespec64 *ts)
{
	*ts = ns_to_timespec64(ktime_get_real());
}

/**
 * ktime_get_boottime_ts64 - the boot-time clock as a struct timespec64.
 * @ts: where to store it.
 */
static inline void ktime_get_boottime_ts64(struct timespec64 *ts)
{
	*ts = ns_to_timespec64(ktime_get_boottime());
}

/**
 * ktime_get_raw_ts64 - the raw monotonic clock as a struct timespec64.
 * @ts: where to store it.
 */
static inline void ktime_get_raw_ts64(struct timespec64 *ts)
{
	*ts = ns_to_timespec64(ktime_get_raw());
}

#endif /* UKT_COMPAT_LINUX_TIMEKEEPING_H */
