/* SPDX-License-Identifier: MIT */
/*
 * linux/types.h - the kernel's integer types, atomic_t, gfp_t and the
 * list node types.
 *
 * The UAPI <linux/types.h> (__u8 ... __u64, __le16 ...), which system
 * headers reach through <asm/...> under this name, is included first when
 * it is installed.  u64/s64 are long long on every target, as in the
 * kernel, so "%llu" prints them.  pid_t, size_t, ssize_t and friends come
 * from libc.
 */
#ifndef UKT_COMPAT_LINUX_TYPES_H
#define UKT_COMPAT_LINUX_TYPES_H

#ifndef __SANE_USERSPACE_TYPES__
#define __SANE_USERSPACE_TYPES__	/* __u64 is unsigned long long */
#endif
#ifdef __has_include_next
#if __has_include_next(<linux/types.h>)
#include_next <linux/types.h>
#define UKT__HAVE_UAPI_TYPES
#endif
#endif

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <linux/stddef.h>
#include <ukthread/list.h>

#ifndef UKT__HAVE_UAPI_TYPES
typedef unsigned char		__u8;
typedef signed char		__s8;
typedef unsigned short		__u16;
typedef short			__s16;
typedef unsigned int		__u32;
typedef int			__s32;
typedef unsigned long long	__u64;
typedef long long		__s64;
#define __bitwise
typedef __u16 __le16;
typedef __u16 __be16;
typedef __u32 __le32;
typedef __u32 __be32;
typedef __u64 __le64;
typedef __u64 __be64;
#endif

/* Fixed-width integers, kernel spelling. */
typedef unsigned char		u8;
typedef signed char		s8;
typedef unsigned short		u16;
typedef short			s16;
typedef unsigned int		u32;
typedef int			s32;
typedef unsigned long long	u64;
typedef long long		s64;

/** typedef gfp_t - allocation flags (GFP_KERNEL ...); see <linux/gfp.h>. */
typedef unsigned int gfp_t;

/** typedef atomic_t - an int changed only by the atomic_*() operations. */
typedef struct {
	int counter;
} atomic_t;

/** typedef atomic64_t - a 64-bit counter for the atomic64_*() operations. */
typedef struct {
	s64 counter;
} atomic64_t;

/** typedef atomic_long_t - a long for the atomic_long_*() operations. */
typedef struct {
	long counter;
} atomic_long_t;

/* struct list_head is ukthread's struct ukt_list_head. */
#define list_head		ukt_list_head

/** struct hlist_head - head of a hash bucket list (one pointer wide). */
struct hlist_head {
	struct hlist_node *first;
};

/** struct hlist_node - node of a hash bucket list. */
struct hlist_node {
	struct hlist_node *next, **pprev;
};

#endif /* UKT_COMPAT_LINUX_TYPES_H */
