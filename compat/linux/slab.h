/* SPDX-License-Identifier: MIT */
/*
 * linux/slab.h - kmalloc() and friends over the C library's malloc().
 *
 * The gfp_t flags are ignored except __GFP_ZERO.  As in the kernel, a
 * zero-byte request returns ZERO_SIZE_PTR (not NULL, never to be
 * dereferenced) and kfree() accepts NULL and ZERO_SIZE_PTR.  Memory from
 * these functions is freed with kfree() or kvfree(), not free().
 */
#ifndef UKT_COMPAT_LINUX_SLAB_H
#define UKT_COMPAT_LINUX_SLAB_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/compiler.h>
#include <linux/gfp.h>
#include <linux/types.h>

/** ZERO_SIZE_PTR - what a zero-byte allocation returns. */
#define ZERO_SIZE_PTR		((void *)16)
/** ZERO_OR_NULL_PTR - true for NULL and ZERO_SIZE_PTR. */
#define ZERO_OR_NULL_PTR(x)	((unsigned long)(x) <= (unsigned long)ZERO_SIZE_PTR)

/** kmalloc - @size bytes, zeroed when @flags has __GFP_ZERO; NULL if none. */
static inline __malloc void *kmalloc(size_t size, gfp_t flags)
{
	if (!size)
		return ZERO_SIZE_PTR;
	return (flags & __GFP_ZERO) ? calloc(1, size) : malloc(size);
}

/** kzalloc - @size zeroed bytes. */
static inline __malloc void *kzalloc(size_t size, gfp_t flags)
{
	return kmalloc(size, flags | __GFP_ZERO);
}

/** kmalloc_array - @n elements of @size bytes; NULL if the size overflows. */
static inline __malloc void *kmalloc_array(size_t n, size_t size, gfp_t flags)
{
	size_t bytes;

	if (__builtin_mul_overflow(n, size, &bytes))
		return NULL;
	return kmalloc(bytes, flags);
}

/** kcalloc - @n zeroed elements of @size bytes. */
static inline __malloc void *kcalloc(size_t n, size_t size, gfp_t flags)
{
	return kmalloc_array(n, size, flags | __GFP_ZERO);
}

/** kmalloc_node - kmalloc() (@node is ignored). */
static inline __malloc void *kmalloc_node(size_t size, gfp_t flags, int node)
{
	(void)node;
	return kmalloc(size, flags);
}

/** kzalloc_node - kzalloc() (@node is ignored). */
static inline __malloc void *kzalloc_node(size_t size, gfp_t flags, int node)
{
	(void)node;
	return kzalloc(size, flags);
}

/** kfree - free memory from the k*alloc() functions; NULL is fine. */
static inline void kfree(const void *p)
{
	if (!ZERO_OR_NULL_PTR(p))
		free((void *)p);
}

/**
 * krealloc - resize @p to @new_size bytes (the contents up to the smaller
 * size are kept); @new_size 0 frees @p and returns ZERO_SIZE_PTR; NULL on
 * failure, @p then left untouched.
 */
static inline __must_check void *krealloc(const void *p, size_t new_size, gfp_t flags)
{
	(void)flags;
	if (!new_size) {
		kfree(p);
		return ZERO_SIZE_PTR;
	}
	if (ZERO_OR_NULL_PTR(p))
		return malloc(new_size);
	return realloc((void *)p, new_size);
}

/* The kv*() allocators: kmalloc(); there is no vmalloc() fallback to need. */
#define kvmalloc(size, flags)		kmalloc(size, flags)
#define kvzalloc(size, flags)		kzalloc(size, flags)
#define kvmalloc_array(n, size, flags)	kmalloc_array(n, size, flags)
#define kvcalloc(n, size, flags)	kcalloc(n, size, flags)
#define kvmalloc_node(size, flags, node) kmalloc_node(size, flags, node)
#define kvzalloc_node(size, flags, node) kzalloc_node(size, flags, node)
/** kvfree - free memory from kvmalloc() (or kmalloc()). */
#define kvfree(p)			kfree(p)

/** kmemdup - a kmalloc()ed copy of the @len bytes at @src. */
static inline __malloc void *kmemdup(const void *src, size_t len, gfp_t flags)
{
	void *p = kmalloc(len, flags);

	if (p && len)
		memcpy(p, src, len);
	return p;
}

/** kstrndup - a kmalloc()ed copy of at most @max bytes of @s; NULL for NULL. */
static inline __malloc char *kstrndup(const char *s, size_t max, gfp_t flags)
{
	size_t len = 0;
	char *p;

	if (!s)
		return NULL;
	while (len < max && s[len])
		len++;
	p = kmalloc(len + 1, flags);
	if (p) {
		memcpy(p, s, len);
		p[len] = '\0';
	}
	return p;
}

/** kstrdup - a kmalloc()ed copy of the string @s; NULL for NULL. */
static inline __malloc char *kstrdup(const char *s, gfp_t flags)
{
	return s ? kstrndup(s, strlen(s), flags) : NULL;
}

/** kvasprintf - a kmalloc()ed string formatted from @fmt and @args. */
static inline __printf(2, 0) char *kvasprintf(gfp_t flags, const char *fmt, va_list args)
{
	va_list again;
	char *p;
	int len;

	va_copy(again, args);
	len = vsnprintf(NULL, 0, fmt, again);
	va_end(again);
	if (len < 0)
		return NULL;
	p = kmalloc((size_t)len + 1, flags);
	if (p)
		vsnprintf(p, (size_t)len + 1, fmt, args);
	return p;
}

/** kasprintf - a kmalloc()ed string formatted from @fmt. */
static inline __printf(2, 3) char *kasprintf(gfp_t flags, const char *fmt, ...)
{
	va_list args;
	char *p;

	va_start(args, fmt);
	p = kvasprintf(flags, fmt, args);
	va_end(args);
	return p;
}

#endif /* UKT_COMPAT_LINUX_SLAB_H */
