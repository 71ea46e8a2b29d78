/* SPDX-License-Identifier: MIT */
/*
 * asm/errno.h - the errno values: the UAPI header of the same name (which
 * libc's <errno.h> reaches through <linux/errno.h>), then the kernel's
 * own ones of <linux/errno.h> (ERESTARTSYS ...).
 */
#ifndef UKT_COMPAT_ASM_ERRNO_H
#define UKT_COMPAT_ASM_ERRNO_H

#ifdef __has_include_next
#if __has_include_next(<asm/errno.h>)
#include_next <asm/errno.h>
#endif
#endif
#include <linux/errno.h>

#endif /* UKT_COMPAT_ASM_ERRNO_H */
