/* SPDX-License-Identifier: MIT */
/*
 * lib/clock.h - CLOCK_MONOTONIC in nanoseconds, and absolute deadlines on
 * it (what futex waits take), for every room that measures time.
 */
#ifndef UKTHREAD_LIB_CLOCK_H
#define UKTHREAD_LIB_CLOCK_H

#include <time.h>

#include "lib/lib.h"

#define UKT_NSEC_PER_SEC	1000000000LL

/**
 * ukt__now_ns - CLOCK_MONOTONIC now.
 *
 * Return: the time in nanoseconds.
 */
UKT_HIDDEN long long ukt__now_ns(void);

/**
 * ukt__deadline_ns - the absolute CLOCK_MONOTONIC time @ns from now.
 * @ts: where to store it.
 * @ns: nanoseconds from now; far values saturate instead of wrapping.
 */
UKT_HIDDEN void ukt__deadline_ns(struct timespec *ts, unsigned long long ns);

/**
 * ukt__ns_until - how long until @ts.
 * @ts: an absolute CLOCK_MONOTONIC time.
 *
 * Return: nanoseconds from now until @ts, negative once it has passed.
 */
UKT_HIDDEN long long ukt__ns_until(const struct timespec *ts);

#endif /* UKTHREAD_LIB_CLOCK_H */
