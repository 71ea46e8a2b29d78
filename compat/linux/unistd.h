/* SPDX-License-Identifier: MIT */
/*
 * linux/unistd.h - the system call numbers (__NR_*), from the UAPI
 * header of the same name when it is installed.
 *
 * libc's <unistd.h> is not pulled in: its read(), write(), sleep() ...
 * would take names that kernel code uses for its own functions.
 */
#ifndef UKT_COMPAT_LINUX_UNISTD_H
#define UKT_COMPAT_LINUX_UNISTD_H

#ifdef __has_include_next
#if __has_include_next(<linux/unistd.h>)
#include_next <linux/unistd.h>
#endif
#endif

#endif /* UKT_COMPAT_LINUX_UNISTD_H */
