/* SPDX-License-Identifier: MIT */
/*
 * linux/uaccess.h - not provided: user-space access (copy_to_user, copy_from_user ...): there is one address space.
 *
 * This part of the kernel is outside what ukthread brings to user space
 * (kthreads, workers, completions, wait queues, timers and the basics
 * around them), so the build stops here with one clear message instead
 * of reaching the build host's header of the same name.  See the README,
 * "Kernel code: the compat headers".
 */
#ifndef UKT_COMPAT_LINUX_UACCESS_H
#define UKT_COMPAT_LINUX_UACCESS_H

#error "<linux/uaccess.h>: user-space access (copy_to_user, copy_from_user ...): there is one address space - this part of the kernel is not provided by ukthread"

#endif /* UKT_COMPAT_LINUX_UACCESS_H */
