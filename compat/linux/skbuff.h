/* SPDX-License-Identifier: MIT */
/*
 * linux/skbuff.h - not provided: socket buffers (struct sk_buff ...).
 *
 * This part of the kernel is outside what ukthread brings to user space
 * (kthreads, workers, completions, wait queues, timers and the basics
 * around them), so the build stops here with one clear message instead
 * of reaching the build host's header of the same name.  See the README,
 * "Kernel code: the compat headers".
 */
#ifndef UKT_COMPAT_LINUX_SKBUFF_H
#define UKT_COMPAT_LINUX_SKBUFF_H

#error "<linux/skbuff.h>: socket buffers (struct sk_buff ...) - this part of the kernel is not provided by ukthread"

#endif /* UKT_COMPAT_LINUX_SKBUFF_H */
