/* SPDX-License-Identifier: MIT */
/*
 * linux/seq_file.h - not provided: seq_file output (seq_printf ...).
 *
 * This part of the kernel is outside what ukthread brings to user space
 * (kthreads, workers, completions, wait queues, timers and the basics
 * around them), so the build stops here with one clear message instead
 * of reaching the build host's header of the same name.  See the README,
 * "Kernel code: the compat headers".
 */
#ifndef UKT_COMPAT_LINUX_SEQ_FILE_H
#define UKT_COMPAT_LINUX_SEQ_FILE_H

#error "<linux/seq_file.h>: seq_file output (seq_printf ...) - this part of the kernel is not provided by ukthread"

#endif /* UKT_COMPAT_LINUX_SEQ_FILE_H */
