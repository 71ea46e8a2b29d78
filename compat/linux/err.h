/* SPDX-License-Identifier: MIT */
/*
 * linux/err.h - error values carried in pointers: ERR_PTR(), PTR_ERR(),
 * IS_ERR() ... (ukthread/err.h under the kernel names).
 */
#ifndef UKT_COMPAT_LINUX_ERR_H
#define UKT_COMPAT_LINUX_ERR_H

#include <linux/compiler.h>
#include <linux/errno.h>
#include <linux/types.h>
#include <ukthread/err.h>

#endif /* UKT_COMPAT_LINUX_ERR_H */
