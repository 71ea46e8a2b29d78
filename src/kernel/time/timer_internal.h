/* SPDX-License-Identifier: MIT */
/* kernel/time/timer_internal.h - what timer.c tells the layers above. */
#ifndef UKTHREAD_KERNEL_TIME_TIMER_INTERNAL_H
#define UKTHREAD_KERNEL_TIME_TIMER_INTERNAL_H

#include <ukthread/sched.h>

#include "lib/lib.h"

/**
 * ukt__timer_task - the timer thread's task, if it runs.
 *
 * Return: the task of "ktimers", or NULL before the first timer.
 */
UKT_HIDDEN struct ukt_task_struct *ukt__timer_task(void);

#endif /* UKTHREAD_KERNEL_TIME_TIMER_INTERNAL_H */
