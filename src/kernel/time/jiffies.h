/* SPDX-License-Identifier: MIT */
/*
 * kernel/time/jiffies.h - ticks: the time the timer wheel counts in.
 *
 * A tick is a jiffy (1 ms) counted from 0 when the library loaded, in 64
 * bits, so it never wraps; jiffies is INITIAL_JIFFIES + ticks.
 */
#ifndef UKTHREAD_KERNEL_TIME_JIFFIES_H
#define UKTHREAD_KERNEL_TIME_JIFFIES_H

#include "lib/lib.h"

/**
 * ukt__ticks_now - the current tick.
 *
 * Return: milliseconds of CLOCK_MONOTONIC since the library loaded.
 */
UKT_HIDDEN unsigned long long ukt__ticks_now(void);

/**
 * ukt__tick_start_ns - when a tick begins.
 * @tick: the tick.
 *
 * Return: the CLOCK_MONOTONIC time in ns at which ukt__ticks_now() first
 * returns @tick (saturated far in the future).
 */
UKT_HIDDEN long long ukt__tick_start_ns(unsigned long long tick);

/**
 * ukt__jiffies_of_tick - jiffies at a tick.
 * @tick: the tick.
 *
 * Return: the value jiffies has during @tick.
 */
UKT_HIDDEN unsigned long ukt__jiffies_of_tick(unsigned long long tick);

#endif /* UKTHREAD_KERNEL_TIME_JIFFIES_H */
