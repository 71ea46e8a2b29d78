/* SPDX-License-Identifier: MIT */
/*
 * linux/vmalloc.h - not provided: vmalloc(); kmalloc() and kvmalloc() are in <linux/slab.h>.
 *
 * This part of the kernel is outside what ukthread brings to user space
 * (kthreads, workers, completions, wait queues, timers and the basics
 * around them), so the build stops here with one clear message instead
 * of reaching the build host's header of the same name.  See the README,
 * "Kernel code: the compat headers".
 */
#ifndef UKT_COMPAT_LINUX_VMALLOC_H
#define UKT_COMPAT_LINUX_VMALLOC_H

#error "<linux/vmalloc.h>: vmalloc(); kmalloc() and kvmalloc() are in <linux/slab.h> - this part of the kernel is not provided by ukthread"

#endif /* UKT_COMPAT_LINUX_VMALLOC_H */
