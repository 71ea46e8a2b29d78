// SPDX-License-Identifier: MIT
/*
 * clock.c - CLOCK_MONOTONIC in nanoseconds and deadlines on it.
 *
 * Every sleep in the library is a futex wait with an absolute
 * CLOCK_MONOTONIC deadline, so a jump of the wall clock never moves one.
 */
#include <limits.h>

#include "lib/clock.h"

long long ukt__now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * UKT_NSEC_PER_SEC + ts.tv_nsec;
}

void ukt__deadline_ns(struct timespec *ts, unsigned long long ns)
{
	long long t = ukt__now_ns();

	if (ns > (unsigned long long)(LLONG_MAX - t))
		ns = (unsigned long long)(LLONG_MAX - t);
	t += (long long)ns;
	ts->tv_sec = t / UKT_NSEC_PER_SEC;
	ts->tv_nsec = t % UKT_NSEC_PER_SEC;
}

long long ukt__ns_until(const struct timespec *ts)
{
	return ts->tv_sec * UKT_NSEC_PER_SEC + ts->tv_nsec - ukt__now_ns();
}
