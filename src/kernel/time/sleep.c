// SPDX-License-Identifier: MIT
/*
 * sleep.c - msleep(), msleep_interruptible(), usleep_range(), ndelay():
 * sleeps to an absolute CLOCK_MONOTONIC deadline, and a busy wait.
 */
#include <ukthread/delay.h>
#include <ukthread/sched.h>

#include "kernel/sched/sched.h"
#include "lib/clock.h"
#include "lib/spin.h"

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
