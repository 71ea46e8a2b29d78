/* SPDX-License-Identifier: MIT */
/*
 * linux/kthread.h - kernel threads: kthread_run(), kthread_stop(),
 * kthread_should_stop(), parking ... (ukthread/kthread.h under the kernel
 * names), and the kthread_worker API when ukthread provides it.
 *
 * A kthread is a POSIX thread; kthread_stop() wakes it from any
 * interruptible sleep and waits for it to end.
 */
#ifndef UKT_COMPAT_LINUX_KTHREAD_H
#define UKT_COMPAT_LINUX_KTHREAD_H

#include <linux/compiler.h>
#include <linux/cpumask.h>
#include <linux/err.h>
#include <linux/sched.h>
#include <ukthread/kthread.h>
#if defined(__has_include)
#if __has_include(<ukthread/kthread_worker.h>)
#include <ukthread/kthread_worker.h>
#endif
#endif
#include <linux/freezer.h>	/* kthread_freezable_should_stop() */

#endif /* UKT_COMPAT_LINUX_KTHREAD_H */
