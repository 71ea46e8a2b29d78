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

/** ukt_msleep - sleep at least @msecs milliseconds (TASK_UNINTERRUPTIBLE). */
UKT_API void ukt_msleep(unsigned int msecs);

/**
 * ukt_msleep_interruptible - sleep up to @msecs milliseconds; returns 0
 * when the time ran out, else the milliseconds left when signal_pending().
 */
UKT_API unsigned long ukt_msleep_interruptible(unsigned int msecs);

/** ukt_ssleep - sleep at least @secs seconds. */
static inline void ukt_ssleep(unsigned int secs)
{
	ukt_msleep(secs * 1000u);
}

/** ukt_usleep_range - sleep between @min and @max microseconds. */
UKT_API void ukt_usleep_range(unsigned long min, unsigned long max);

/** ukt_fsleep - sleep at least @usecs microseconds. */
static inline void ukt_fsleep(unsigned long usecs)
{
	ukt_usleep_range(usecs, usecs + usecs / 4);
}

/** ukt_ndelay - spin for @nsecs nanoseconds. */
UKT_API void ukt_ndelay(unsigned long nsecs);

/** ukt_udelay - spin for @usecs microseconds. */
static inline void ukt_udelay(unsigned long usecs)
{
	ukt_ndelay(usecs * 1000ul);
}

/** ukt_mdelay - spin for @msecs milliseconds. */
static inline void ukt_mdelay(unsigned long msecs)
{
	ukt_ndelay(msecs * 1000000ul);
}

#ifndef UKTHREAD_NO_KERNEL_NAMES
#define msleep			ukt_msleep
#define msleep_interruptible	ukt_msleep_interruptible
#define ssleep			ukt_ssleep
#define usleep_range		ukt_usleep_range
#define fsleep			ukt_fsleep
#define ndelay			ukt_ndelay
#define udelay			ukt_udelay
#define mdelay			ukt_mdelay
#endif

#endif /* UKTHREAD_DELAY_H */
