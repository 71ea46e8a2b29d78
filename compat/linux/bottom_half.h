/* SPDX-License-Identifier: MIT */
/*
 * linux/bottom_half.h - local_bh_disable()/local_bh_enable(): compiler
 * barriers (<linux/preempt.h>).
 */
#ifndef UKT_COMPAT_LINUX_BOTTOM_HALF_H
#define UKT_COMPAT_LINUX_BOTTOM_HALF_H

#include <linux/preempt.h>

#endif /* UKT_COMPAT_LINUX_BOTTOM_HALF_H */
