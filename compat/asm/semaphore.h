/* SPDX-License-Identifier: MIT */
/* asm/semaphore.h - where code before 2.6.26 finds struct semaphore. */
#ifndef UKT_COMPAT_ASM_SEMAPHORE_H
#define UKT_COMPAT_ASM_SEMAPHORE_H

#include <linux/semaphore.h>

#endif /* UKT_COMPAT_ASM_SEMAPHORE_H */
