/* SPDX-License-Identifier: MIT */
/*
 * linux/sched/signal.h - signal_pending() and friends.
 *
 * In ukthread a kthread's pending "signal" is its kthread_stop(): that
 * makes signal_pending() true and interruptible sleeps return.
 */
#ifndef UKT_COMPAT_LINUX_SCHED_SIGNAL_H
#define UKT_COMPAT_LINUX_SCHED_SIGNAL_H

#include <linux/sched.h>
#include <linux/signal.h>

#endif /* UKT_COMPAT_LINUX_SCHED_SIGNAL_H */
