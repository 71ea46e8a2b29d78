/* SPDX-License-Identifier: MIT */
/*
 * ukthread.h - the Linux kernel's kthread system in user space.
 *
 * Include this one header.  Every function is exported as ukt_<name> and
 * reachable under its kernel spelling (kthread_run, wake_up_process,
 * wait_event_interruptible, ...), except `current`, which is get_current()
 * here; kernel code that wants `current` and the rest of the kernel
 * environment includes <linux/kthread.h> etc. from the compat directory
 * (pkg-config ukthread-linux).  Define UKTHREAD_NO_KERNEL_NAMES before
 * including to get only the ukt_ names.
 */
#ifndef UKTHREAD_H
#define UKTHREAD_H

#include <ukthread/compiler.h>
#include <ukthread/list.h>
#include <ukthread/err.h>
#include <ukthread/spinlock.h>
#include <ukthread/sched.h>
#include <ukthread/jiffies.h>
#include <ukthread/delay.h>
#include <ukthread/cpumask.h>
#include <ukthread/wait.h>
#include <ukthread/completion.h>
#include <ukthread/semaphore.h>
#include <ukthread/rwsem.h>
#include <ukthread/kthread.h>
#include <ukthread/kthread_worker.h>
#include <ukthread/timer.h>
#include <ukthread/debug.h>
#include <ukthread/introspect.h>

#endif /* UKTHREAD_H */
