/* SPDX-License-Identifier: MIT */
/*
 * asm/param.h - HZ, which is 1000 here, then the UAPI values
 * (EXEC_PAGESIZE, NOGROUP, MAXHOSTNAMELEN) from the host header of the
 * same name when it is installed.
 *
 * libc's <sys/param.h> includes this header too: HZ is defined before
 * the UAPI header would define its own 100, and from ukthread's own
 * header, so <linux/jiffies.h> agrees in any order.
 */
#ifndef UKT_COMPAT_ASM_PARAM_H
#define UKT_COMPAT_ASM_PARAM_H

#include <ukthread/jiffies.h>	/* HZ = UKT_HZ, under the kernel names */
#ifndef HZ
#define HZ		UKT_HZ
#endif
#ifndef USER_HZ
#define USER_HZ		100	/* what times() counts in */
#endif

#ifdef __has_include_next
#if __has_include_next(<asm/param.h>)
#include_next <asm/param.h>
#endif
#endif

#endif /* UKT_COMPAT_ASM_PARAM_H */
