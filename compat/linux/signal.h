/* SPDX-License-Identifier: MIT */
/*
 * linux/signal.h - the signal numbers (from libc) and the kthread signal
 * calls, which are no-ops.
 *
 * A kthread has all signals blocked and its only "signal" is
 * kthread_stop(): allow_signal(SIGKILL) is not needed for kthread_stop()
 * to interrupt its sleeps, and flush_signals() does not undo a stop.
 */
#ifndef UKT_COMPAT_LINUX_SIGNAL_H
#define UKT_COMPAT_LINUX_SIGNAL_H

#include <signal.h>
#include <linux/compiler.h>
#include <ukthread/sched.h>

/** allow_signal - accept @sig in a kthread: a no-op; returns 0. */
static inline int allow_signal(int sig)
{
	(void)sig;
	return 0;
}

/** disallow_signal - ignore @sig in a kthread: a no-op; returns 0. */
static inline int disallow_signal(int sig)
{
	(void)sig;
	return 0;
}

/** flush_signals - discard @t's pending signals: a no-op. */
static inline void flush_signals(struct task_struct *t)
{
	(void)t;
}

#endif /* UKT_COMPAT_LINUX_SIGNAL_H */
