/* SPDX-License-Identifier: MIT */
/*
 * kernel/time/timer.h - what timer.c offers the layer above beyond the
 * public timer API: starting the timer thread ahead of a timer.
 */
#ifndef UKTHREAD_KERNEL_TIME_TIMER_H
#define UKTHREAD_KERNEL_TIME_TIMER_H

#include "lib/lib.h"

/**
 * ukt__timer_thread_start - make sure the timer thread ("ktimers") runs.
 *
 * It starts on first use; that fails when no thread can be made (and
 * under an injected UKT_SITE_TIMER_THREAD fault), and is tried again on
 * the next use.
 *
 * Return: 0, or a negative errno (-EAGAIN).
 */
UKT_HIDDEN int ukt__timer_thread_start(void);

/**
 * ukt__timer_shutdown - disarm every timer and end the timer thread (it
 * starts again with the next timer).
 * @canceled: incremented for every armed timer disarmed.
 *
 * Return: 1 if the timer thread was running and has ended, 0 if it was
 * not running, -EDEADLK when called from a timer function.
 */
UKT_HIDDEN int ukt__timer_shutdown(unsigned int *canceled);

#endif /* UKTHREAD_KERNEL_TIME_TIMER_H */
