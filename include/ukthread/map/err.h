/* SPDX-License-Identifier: MIT */
/* Kernel spellings of ukthread/err.h.  Define UKTHREAD_NO_KERNEL_NAMES to go without. */
#ifndef UKTHREAD_NO_KERNEL_NAMES
#define MAX_ERRNO		UKT_MAX_ERRNO
/**
 * IS_ERR_VALUE - test a value that may be an errno cast to a pointer size.
 * @x: the value (a pointer or an unsigned long).
 *
 * Return: true when @x lies in the last UKT_MAX_ERRNO values, that is when
 * it carries a negative errno.
 */
#define IS_ERR_VALUE(x)		((unsigned long)(void *)(x) >= (unsigned long)-UKT_MAX_ERRNO)
#define ERR_PTR			ukt_err_ptr
#define PTR_ERR			ukt_ptr_err
#define IS_ERR			ukt_is_err
#define IS_ERR_OR_NULL		ukt_is_err_or_null
#define ERR_CAST		ukt_err_cast
#define PTR_ERR_OR_ZERO		ukt_ptr_err_or_zero
#endif
