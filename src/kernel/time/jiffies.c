// SPDX-License-Identifier: MIT
/*
 * jiffies.c - jiffies: HZ = 1000 ticks on CLOCK_MONOTONIC.
 *
 * jiffies counts the milliseconds of CLOCK_MONOTONIC since the library
 * loaded, from INITIAL_JIFFIES (as the kernel does, so that wrap-around
 * bugs show in the first minutes).
 */
#include <ukthread/jiffies.h>

#include "lib/clock.h"

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
