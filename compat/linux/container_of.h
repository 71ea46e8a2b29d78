/* SPDX-License-Identifier: MIT */
/*
 * linux/container_of.h - from a member back to the structure around it.
 */
#ifndef UKT_COMPAT_LINUX_CONTAINER_OF_H
#define UKT_COMPAT_LINUX_CONTAINER_OF_H

#include <linux/compiler.h>

/** container_of - the @type that embeds the @member @ptr points to. */
#define container_of(ptr, type, member)	ukt_container_of(ptr, type, member)

#endif /* UKT_COMPAT_LINUX_CONTAINER_OF_H */
