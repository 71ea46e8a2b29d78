/* SPDX-License-Identifier: MIT */
/*
 * linux/stddef.h - NULL, offsetof(), true/false and the kernel's field
 * size helpers.
 *
 * The UAPI <linux/stddef.h> that other system headers expect under this
 * name is included first when it is installed.  This header defines no
 * ukthread names, so it never refuses UKTHREAD_NO_KERNEL_NAMES.
 */
#ifndef UKT_COMPAT_LINUX_STDDEF_H
#define UKT_COMPAT_LINUX_STDDEF_H

#ifdef __has_include_next
#if __has_include_next(<linux/stddef.h>)
#include_next <linux/stddef.h>
#endif
#endif

#include <stdbool.h>
#include <stddef.h>

/** sizeof_field - the size of @MEMBER of struct type @TYPE. */
#define sizeof_field(TYPE, MEMBER)	sizeof((((TYPE *)0)->MEMBER))
/** FIELD_SIZEOF - the older spelling of sizeof_field(). */
#define FIELD_SIZEOF(TYPE, MEMBER)	sizeof_field(TYPE, MEMBER)
/** offsetofend - the offset of the first byte after @MEMBER in @TYPE. */
#define offsetofend(TYPE, MEMBER) \
	(offsetof(TYPE, MEMBER) + sizeof_field(TYPE, MEMBER))

#endif /* UKT_COMPAT_LINUX_STDDEF_H */
