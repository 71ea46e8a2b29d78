/* SPDX-License-Identifier: MIT */
/*
 * ukthread/err.h - error values encoded in pointers, as the kernel does.
 *
 * A pointer in the last page of the address space (-4095..-1) carries a
 * negative errno.  kthread_create() and friends return such pointers.
 */
#ifndef UKTHREAD_ERR_H
#define UKTHREAD_ERR_H

#include <errno.h>
#include <stdbool.h>

/* Kernel-internal errno values that libc does not define. */
#ifndef ERESTARTSYS
#define ERESTARTSYS	512	/* interrupted sleep, would be restarted */
#endif
#ifndef ENOTSUPP
#define ENOTSUPP	524
#endif

/** UKT_MAX_ERRNO - the largest errno an error pointer can carry. */
#define UKT_MAX_ERRNO	4095

/** ukt_err_ptr - encode the negative errno @error as a pointer. */
static inline void *ukt_err_ptr(long error)
{
	return (void *)error;
}

/** ukt_ptr_err - the negative errno carried by @ptr. */
static inline long ukt_ptr_err(const void *ptr)
{
	return (long)ptr;
}

/** ukt_is_err - true when @ptr carries an errno. */
static inline bool ukt_is_err(const void *ptr)
{
	return (unsigned long)ptr >= (unsigned long)-UKT_MAX_ERRNO;
}

/** ukt_is_err_or_null - true when @ptr is NULL or carries an errno. */
static inline bool ukt_is_err_or_null(const void *ptr)
{
	return !ptr || ukt_is_err(ptr);
}

/** ukt_err_cast - pass an error pointer on under another type. */
static inline void *ukt_err_cast(const void *ptr)
{
	return (void *)ptr;
}

/** ukt_ptr_err_or_zero - the errno of @ptr, or 0 for a valid pointer. */
static inline int ukt_ptr_err_or_zero(const void *ptr)
{
	return ukt_is_err(ptr) ? (int)ukt_ptr_err(ptr) : 0;
}

#include <ukthread/map/err.h>

#endif /* UKTHREAD_ERR_H */
