/* SPDX-License-Identifier: MIT */
/* asm/processor.h - cpu_relax(): <linux/compiler.h>'s. */
#ifndef UKT_COMPAT_ASM_PROCESSOR_H
#define UKT_COMPAT_ASM_PROCESSOR_H

#include <linux/compiler.h>

#endif /* UKT_COMPAT_ASM_PROCESSOR_H */
