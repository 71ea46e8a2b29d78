/* SPDX-License-Identifier: MIT */
/* asm/current.h - current and get_current(): <linux/sched.h>'s. */
#ifndef UKT_COMPAT_ASM_CURRENT_H
#define UKT_COMPAT_ASM_CURRENT_H

#include <linux/sched.h>

#endif /* UKT_COMPAT_ASM_CURRENT_H */
