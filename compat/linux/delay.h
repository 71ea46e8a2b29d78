/* SPDX-License-Identifier: MIT */
/*
 * linux/delay.h - msleep(), ssleep(), usleep_range() and the spinning
 * *delay()s (ukthread/delay.h under the kernel names).
 */
#ifndef UKT_COMPAT_LINUX_DELAY_H
#define UKT_COMPAT_LINUX_DELAY_H

#include <linux/compiler.h>
#include <ukthread/delay.h>

#endif /* UKT_COMPAT_LINUX_DELAY_H */
