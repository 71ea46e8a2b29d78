/* SPDX-License-Identifier: MIT */
/* asm/atomic.h - where older code finds atomic_t: <linux/atomic.h>. */
#ifndef UKT_COMPAT_ASM_ATOMIC_H
#define UKT_COMPAT_ASM_ATOMIC_H

#include <linux/atomic.h>

#endif /* UKT_COMPAT_ASM_ATOMIC_H */
