// SPDX-License-Identifier: MIT
/*
 * jiffies.c - jiffies: HZ = 1000 ticks on CLOCK_MONOTONIC.
 *
 * jiffies counts the milliseconds of CLOCK_MONOTONIC since the library
 * loaded, from INITIAL_JIFFIES (as the kernel does, so that wrap-around
 * bugs show in the first minutes).  The timer wheel counts the same
 * milliseconds from 0 in 64 bits ("ticks", jiffies.h), which never wrap.
 */
#include <limits.h>

#include <ukthread/jiffies.h>

#include "kernel/time/jiffies.h"
#include "lib/clock.h"

#define NS_PER_TICK (UKT_NSEC_PER_SEC / UKT_HZ)

static long long jiffies_base_ms;

__attribute__((constructor)) static void jiffies_init(void)
{
	jiffies_base_ms = ukt__now_ns() / NS_PER_TICK;
}

unsigned long long ukt__ticks_now(void)
{
	return (unsigned long long)(ukt__now_ns() / NS_PER_TICK - jiffies_base_ms);
}

long long ukt__tick_start_ns(unsigned long long tick)
{
	if (tick >= (unsigned long long)(LLONG_MAX / NS_PER_TICK - jiffies_base_ms))
		return LLONG_MAX;
	return ((long long)tick + jiffies_base_ms) * NS_PER_TICK;
}

unsigned long ukt__jiffies_of_tick(unsigned long long tick)
{
	return UKT_INITIAL_JIFFIES + (unsigned long)tick;
}

unsigned long ukt_jiffies(void)
{
	return ukt__jiffies_of_tick(ukt__ticks_now());
}

unsigned long long ukt_jiffies_64(void)
{
	return ukt_jiffies();
}
