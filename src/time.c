// SPDX-License-Identifier: MIT
/*
 * time.c - jiffies (HZ = 1000 on CLOCK_MONOTONIC) and the sleep helpers.
 */
#include <limits.h>
#include <time.h>

#include <ukthread/delay.h>
#include <ukthread/jiffies.h>
#include "internal.h"

#define NSEC_PER_SEC 1000000000LL

/* CLOCK_MONOTONIC in nanoseconds. */
long long ukt__now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec;
}

static long long jiffies_base_ms;

__attribute__((constructor)) static void jiffies_init(void)
{
	jiffies_base_ms = ukt__now_ns() / 1000000;
}

unsigned long ukt_jiffies(void)
{
	return UKT_INITIAL_JIFFIES +
		(unsigned long)(ukt__now_ns() / 1000000 - jiffies_base_ms);
}

unsigned long long ukt_jiffies_64(void)
{
	return ukt_jiffies();
}

/* An absolute CLOCK_MONOTONIC time @ns from now. */
void ukt__deadline_ns(struct timespec *ts, unsigned long long ns)
{
	long long t = ukt__now_ns();

	if (ns > (unsigned long long)(LLONG_MAX - t))
		ns = (unsigned long long)(LLONG_MAX - t);
	t += (long long)ns;
	ts->tv_sec = t / NSEC_PER_SEC;
	ts->tv_nsec = t % NSEC_PER_SEC;
}

/* Nanoseconds from now until @ts (negative once passed). */
long long ukt__ns_until(const struct timespec *ts)
{
	return ts->tv_sec * NSEC_PER_SEC + ts->tv_nsec - ukt__now_ns();
}

/*
 * Sleep in @state until @ts has passed.  Wakeups that come early (a
 * wake_up_process() aimed at an uninterruptible sleeper) are ignored;
 * with @interruptible, signal_pending() ends the sleep.
 * Returns the nanoseconds left (0 when the time ran out).
 */
static long long sleep_until(const struct timespec *ts, unsigned int state)
{
	long long left;

	for (;;) {
		ukt_set_current_state(state);
		if (!ukt__schedule_until(ts))
			return 0;
		left = ukt__ns_until(ts);
		if (left <= 0)
			return 0;
		if (ukt_signal_pending_state(state, ukt_get_current()))
			return left;
	}
}

void ukt_msleep(unsigned int msecs)
{
	struct timespec ts;

	ukt__deadline_ns(&ts, (unsigned long long)msecs * 1000000ull);
	sleep_until(&ts, UKT_TASK_UNINTERRUPTIBLE);
}

unsigned long ukt_msleep_interruptible(unsigned int msecs)
{
	struct timespec ts;
	long long left;

	ukt__deadline_ns(&ts, (unsigned long long)msecs * 1000000ull);
	left = sleep_until(&ts, UKT_TASK_INTERRUPTIBLE);
	return (unsigned long)((left + 999999) / 1000000);
}

void ukt_usleep_range(unsigned long min, unsigned long max)
{
	struct timespec ts;

	(void)max;	/* the kernel's slack is for timer merging; not needed here */
	ukt__deadline_ns(&ts, (unsigned long long)min * 1000ull);
	sleep_until(&ts, UKT_TASK_UNINTERRUPTIBLE);
}

void ukt_ndelay(unsigned long nsecs)
{
	long long end = ukt__now_ns() + (long long)nsecs;

	while (ukt__now_ns() < end)
		ukt__cpu_relax();
}
