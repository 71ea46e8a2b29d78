/* SPDX-License-Identifier: MIT */
/*
 * linux/version.h - the kernel version whose API the compat headers
 * model: 6.15.
 *
 * "#if LINUX_VERSION_CODE >= KERNEL_VERSION(a, b, c)" in kernel code
 * follows this, not the kernel headers of the machine that builds it.
 * The README's API table says which kernel each name's semantics come
 * from; where the kernel changed an API, the compat headers give the
 * 6.15 one (and keep the older names that still mean the same).
 */
#ifndef UKT_COMPAT_LINUX_VERSION_H
#define UKT_COMPAT_LINUX_VERSION_H

/** KERNEL_VERSION - the version code of kernel @a.@b.@c. */
#define KERNEL_VERSION(a, b, c)	(((a) << 16) + ((b) << 8) + ((c) > 255 ? 255 : (c)))
#define LINUX_VERSION_MAJOR	6
#define LINUX_VERSION_PATCHLEVEL	15
#define LINUX_VERSION_SUBLEVEL	0
/** LINUX_VERSION_CODE - KERNEL_VERSION(6, 15, 0). */
#define LINUX_VERSION_CODE	397056

#endif /* UKT_COMPAT_LINUX_VERSION_H */
