/* SPDX-License-Identifier: MIT */
/*
 * linux/rwsem.h - struct rw_semaphore: init_rwsem(), down_read(),
 * up_read(), down_write(), up_write(), downgrade_write() and the
 * _trylock, _interruptible and _killable forms (ukthread/rwsem.h under
 * the kernel names).
 *
 * Sleepers are let in FIFO order, readers at the head together: a
 * waiting writer is never starved by later readers.
 */
#ifndef UKT_COMPAT_LINUX_RWSEM_H
#define UKT_COMPAT_LINUX_RWSEM_H

#include <linux/compiler.h>
#include <linux/errno.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <ukthread/rwsem.h>

#endif /* UKT_COMPAT_LINUX_RWSEM_H */
