/* SPDX-License-Identifier: MIT */
/*
 * ukthread/delay.h - sleeping for a while.
 *
 * msleep(), ssleep() and usleep_range() sleep uninterruptibly for at least
 * the time asked; msleep_interruptible() returns early, with the
 * milliseconds left, once signal_pending() (a kthread being stopped).
 * The *delay() functions spin, as the kernel's do.
 */
#ifndef UKTHREAD_DELAY_H
#define UKTHREAD_DELAY_H

#include <ukthread/compiler.h>

/**
 * ukt_msleep - sleep for at least some milliseconds.
 * @msecs: the time to sleep, in milliseconds.
 *
 * Sleeps in TASK_UNINTERRUPTIBLE; wakeups before the time is up do not
 * end the sleep.
 */
UKT_API void ukt_msleep(unsigned int msecs);

/**
 * ukt_msleep_interruptible - sleep for some milliseconds unless
 * interrupted.
 * @msecs: the time to sleep, in milliseconds.
 *
 * Sleeps in TASK_INTERRUPTIBLE.  The sleep ends early once
 * signal_pending(): the sleeping kthread is being stopped.
 *
 * Return: 0 when the time ran out, else the milliseconds left, rounded up.
 */
UKT_API unsigned long ukt_msleep_interruptible(unsigned int msecs);

/**
 * ukt_ssleep - sleep for at least some seconds.
 * @secs: the time to sleep, in seconds.
 *
 * msleep() of @secs * 1000 milliseconds.
 */
static inline void ukt_ssleep(unsigned int secs)
{
	ukt_msleep(secs * 1000u);
}

/**
 * ukt_usleep_range - sleep for at least some microseconds.
 * @min: the least time to sleep, in microseconds.
 * @max: the most the kernel would sleep (not used: there is no timer
 *	slack to save here).
 *
 * Sleeps in TASK_UNINTERRUPTIBLE for at least @min microseconds.
 */
UKT_API void ukt_usleep_range(unsigned long min, unsigned long max);

/**
 * ukt_fsleep - sleep for at least some microseconds, any length.
 * @usecs: the time to sleep, in microseconds.
 */
static inline void ukt_fsleep(unsigned long usecs)
{
	ukt_usleep_range(usecs, usecs + usecs / 4);
}

/**
 * ukt_ndelay - spin for some nanoseconds.
 * @nsecs: the time to spin, in nanoseconds.
 *
 * Busy-waits on CLOCK_MONOTONIC; does not sleep.
 */
UKT_API void ukt_ndelay(unsigned long nsecs);

/**
 * ukt_udelay - spin for some microseconds.
 * @usecs: the time to spin, in microseconds.
 */
static inline void ukt_udelay(unsigned long usecs)
{
	ukt_ndelay(usecs * 1000ul);
}

/**
 * ukt_mdelay - spin for some milliseconds.
 * @msecs: the time to spin, in milliseconds.
 */
static inline void ukt_mdelay(unsigned long msecs)
{
	ukt_ndelay(msecs * 1000000ul);
}

#include <ukthread/map/delay.h>

#endif /* UKTHREAD_DELAY_H */
