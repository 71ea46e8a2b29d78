/* SPDX-License-Identifier: MIT */
/*
 * linux/timer.h - timer_list timers (ukthread/timer.h under the kernel
 * names), timer_delete() among them.
 *
 * POSIX has a timer_delete() of its own in <time.h>.  This header
 * includes <time.h> first and then makes timer_delete a macro for
 * ukthread's, so in kernel code the name never reaches libc's function,
 * whichever header comes first (tests/compat/libc_clash checks the
 * linked program).  Timer functions run on the timer thread, where
 * in_serving_softirq() and in_interrupt() are true, as in the kernel's
 * timer softirq.  The old init_timer()/setup_timer() with a data word
 * (before 4.15) are not provided: use timer_setup() and from_timer().
 */
#ifndef UKT_COMPAT_LINUX_TIMER_H
#define UKT_COMPAT_LINUX_TIMER_H

#include <time.h>	/* before the macro below: POSIX declares timer_delete() */
#include <linux/compiler.h>
#include <linux/jiffies.h>
#include <linux/list.h>
#include <linux/types.h>
#include <ukthread/timer.h>

/** timer_delete - disarm a timer (6.2's name of del_timer()). */
#define timer_delete			ukt_timer_delete
/** del_singleshot_timer_sync - timer_delete_sync(). */
#define del_singleshot_timer_sync	ukt_timer_delete_sync
/** timer_setup_on_stack - timer_setup() of a timer on the stack. */
#define timer_setup_on_stack		ukt_timer_setup
/** destroy_timer_on_stack - end of an on-stack timer: nothing to do. */
#define destroy_timer_on_stack(timer)	((void)(timer))

/**
 * round_jiffies - @j rounded to a whole second, to batch wakeups.
 * @j: an absolute time in jiffies.
 *
 * Return: @j: the timer thread has no ticks to save.
 */
static inline unsigned long round_jiffies(unsigned long j)
{
	return j;
}

/**
 * round_jiffies_relative - round_jiffies() of a relative time.
 * @j: a delay in jiffies.
 *
 * Return: @j.
 */
static inline unsigned long round_jiffies_relative(unsigned long j)
{
	return j;
}

#endif /* UKT_COMPAT_LINUX_TIMER_H */
