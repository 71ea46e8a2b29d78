/* SPDX-License-Identifier: MIT */
/*
 * linux/i2c.h - not provided: I2C drivers.
 *
 * This part of the kernel is outside what ukthread brings to user space
 * (kthreads, workers, completions, wait queues, timers and the basics
 * around them), so the build stops here with one clear message instead
 * of reaching the build host's header of the same name.  See the README,
 * "Kernel code: the compat headers".
 */
#ifndef UKT_COMPAT_LINUX_I2C_H
#define UKT_COMPAT_LINUX_I2C_H

#error "<linux/i2c.h>: I2C drivers - this part of the kernel is not provided by ukthread"

#endif /* UKT_COMPAT_LINUX_I2C_H */
