/* SPDX-License-Identifier: MIT */
/*
 * linux/errno.h - the errno values, plus the kernel-internal ones libc
 * does not define.
 *
 * glibc's <errno.h> includes <linux/errno.h> and so reaches this header
 * whenever the compat directory is on the include path: it therefore
 * includes the UAPI header of the same name (the E* numbers) first, and
 * nothing else of ukthread.
 */
#ifndef UKT_COMPAT_LINUX_ERRNO_H
#define UKT_COMPAT_LINUX_ERRNO_H

#ifdef __has_include_next
#if __has_include_next(<linux/errno.h>)
#include_next <linux/errno.h>
#endif
#endif

#include <errno.h>

/* Kernel-internal errno values (never returned to user space). */
#ifndef ERESTARTSYS
#define ERESTARTSYS		512
#endif
#ifndef ERESTARTNOINTR
#define ERESTARTNOINTR		513
#endif
#ifndef ERESTARTNOHAND
#define ERESTARTNOHAND		514
#endif
#ifndef ENOIOCTLCMD
#define ENOIOCTLCMD		515
#endif
#ifndef ERESTART_RESTARTBLOCK
#define ERESTART_RESTARTBLOCK	516
#endif
#ifndef EPROBE_DEFER
#define EPROBE_DEFER		517
#endif
#ifndef ENOTSUPP
#define ENOTSUPP		524
#endif

#endif /* UKT_COMPAT_LINUX_ERRNO_H */
