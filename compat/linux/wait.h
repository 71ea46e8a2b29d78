/* SPDX-License-Identifier: MIT */
/*
 * linux/wait.h - wait queues and the wait_event*() family (ukthread's
 * wait.h under the kernel names).
 *
 * wait_event_interruptible() and friends return -ERESTARTSYS when the
 * sleeping kthread is being stopped (kthread_stop()).  wait_queue_t is
 * the name of wait_queue_entry_t in kernels before 4.13.
 */
#ifndef UKT_COMPAT_LINUX_WAIT_H
#define UKT_COMPAT_LINUX_WAIT_H

#include <linux/atomic.h>
#include <linux/compiler.h>
#include <linux/errno.h>
#include <linux/list.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <ukthread/wait.h>

/** typedef wait_queue_t - wait_queue_entry_t, as older kernels call it. */
typedef struct ukt_wait_queue_entry wait_queue_t;

#endif /* UKT_COMPAT_LINUX_WAIT_H */
