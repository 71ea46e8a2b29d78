/* SPDX-License-Identifier: MIT */
/*
 * linux/param.h - HZ (1000) and the other <asm/param.h> values.
 *
 * libc's <sys/param.h> reaches the UAPI header of this name; this one
 * gives it the same values, with HZ set to ukthread's tick rate first.
 */
#ifndef UKT_COMPAT_LINUX_PARAM_H
#define UKT_COMPAT_LINUX_PARAM_H

#include <asm/param.h>

#endif /* UKT_COMPAT_LINUX_PARAM_H */
