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

/**
 * UKT_MAX_ERRNO - the largest errno an error pointer can carry.
 */
#define UKT_MAX_ERRNO	4095

/**
 * ukt_err_ptr - encode a negative errno as a pointer.
 * @error: the negative errno, -UKT_MAX_ERRNO..-1.
 *
 * Return: a pointer that ukt_is_err() recognises and from which
 * ukt_ptr_err() gives @error back.
 */
static inline void *ukt_err_ptr(long error)
{
	return (void *)error;
}

/**
 * ukt_ptr_err - the errno carried by an error pointer.
 * @ptr: a pointer for which ukt_is_err() is true.
 *
 * Return: the negative errno.  For a valid pointer the result means
 * nothing: test with ukt_is_err() first.
 */
static inline long ukt_ptr_err(const void *ptr)
{
	return (long)ptr;
}

/**
 * ukt_is_err - test whether a pointer carries an errno.
 * @ptr: the pointer.
 *
 * Return: true when @ptr is an error pointer, false for NULL and for valid
 * pointers.
 */
static inline bool ukt_is_err(const void *ptr)
{
	return (unsigned long)ptr >= (unsigned long)-UKT_MAX_ERRNO;
}

/**
 * ukt_is_err_or_null - test whether a pointer is NULL or carries an errno.
 * @ptr: the pointer.
 *
 * Return: true when @ptr is NULL or an error pointer.
 */
static inline bool ukt_is_err_or_null(const void *ptr)
{
	return !ptr || ukt_is_err(ptr);
}

/**
 * ukt_err_cast - pass an error pointer on under another type.
 * @ptr: the error pointer.
 *
 * Return: @ptr, as a void pointer.
 */
static inline void *ukt_err_cast(const void *ptr)
{
	return (void *)ptr;
}

/**
 * ukt_ptr_err_or_zero - the errno of a pointer, or 0 if it is valid.
 * @ptr: the pointer.
 *
 * Return: the negative errno when @ptr is an error pointer, else 0.
 */
static inline int ukt_ptr_err_or_zero(const void *ptr)
{
	return ukt_is_err(ptr) ? (int)ukt_ptr_err(ptr) : 0;
}

#include <ukthread/map/err.h>

#endif /* UKTHREAD_ERR_H */
