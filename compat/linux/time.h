/* SPDX-License-Identifier: MIT */
/*
 * linux/time.h - the kernel's time helpers: struct timespec64 and the
 * units (<linux/time64.h>), the clocks (<linux/timekeeping.h>), and
 * jiffies conversions.
 *
 * The host's UAPI <linux/time.h> is deliberately not included: it
 * defines struct timeval and struct timespec again and so clashes with
 * libc's <time.h> and <sys/time.h>, which kernel code here gets instead
 * (both are included, in that order, and may be included again).
 */
#ifndef UKT_COMPAT_LINUX_TIME_H
#define UKT_COMPAT_LINUX_TIME_H

#include <sys/time.h>
#include <time.h>
#include <linux/jiffies.h>
#include <linux/time64.h>
#include <linux/timekeeping.h>

#endif /* UKT_COMPAT_LINUX_TIME_H */
