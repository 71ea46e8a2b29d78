/* SPDX-License-Identifier: MIT */
/*
 * linux/semaphore.h - struct semaphore: sema_init(), down(),
 * down_interruptible(), down_killable(), down_timeout(), down_trylock(),
 * up() (ukthread/semaphore.h under the kernel names).
 *
 * Sleepers are served in FIFO order; down_interruptible() gives -EINTR
 * when the kthread is being stopped, down_timeout() -ETIME.
 * DEFINE_SEMAPHORE(name, count) (6.4 on) and DEFINE_SEMAPHORE(name)
 * (count 1, before) both work.
 */
#ifndef UKT_COMPAT_LINUX_SEMAPHORE_H
#define UKT_COMPAT_LINUX_SEMAPHORE_H

#include <linux/compiler.h>
#include <linux/errno.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <ukthread/semaphore.h>

#endif /* UKT_COMPAT_LINUX_SEMAPHORE_H */
