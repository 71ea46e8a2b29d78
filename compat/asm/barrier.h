/* SPDX-License-Identifier: MIT */
/* asm/barrier.h - mb(), smp_mb() and friends: <linux/compiler.h>'s. */
#ifndef UKT_COMPAT_ASM_BARRIER_H
#define UKT_COMPAT_ASM_BARRIER_H

#include <linux/compiler.h>

#endif /* UKT_COMPAT_ASM_BARRIER_H */
