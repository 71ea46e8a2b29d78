/* SPDX-License-Identifier: MIT */
/*
 * linux/hardirq.h - where older code finds in_interrupt() and friends:
 * the context tests of <linux/preempt.h>.  There are no hard interrupts.
 */
#ifndef UKT_COMPAT_LINUX_HARDIRQ_H
#define UKT_COMPAT_LINUX_HARDIRQ_H

#include <linux/preempt.h>

#endif /* UKT_COMPAT_LINUX_HARDIRQ_H */
