/* SPDX-License-Identifier: MIT */
/*
 * linux/string.h - libc's <string.h> plus strscpy(), strlcpy() and the
 * other kernel string helpers (kstrdup() is in <linux/slab.h>).
 */
#ifndef UKT_COMPAT_LINUX_STRING_H
#define UKT_COMPAT_LINUX_STRING_H

#include <string.h>
#include <sys/types.h>
#include <linux/compiler.h>
#include <linux/errno.h>
#include <linux/types.h>

/**
 * ukt__strscpy - copy the string @src into @dst of @size bytes.
 *
 * Returns the length copied, or -E2BIG when @src did not fit (then @dst
 * holds its first @size - 1 bytes) or @size is 0.  @dst is always
 * NUL-terminated unless @size is 0.
 */
static inline ssize_t ukt__strscpy(char *dst, const char *src, size_t size)
{
	size_t len = 0;

	if (!size)
		return -E2BIG;
	while (len < size && src[len])
		len++;
	if (len == size) {
		memcpy(dst, src, size - 1);
		dst[size - 1] = '\0';
		return -E2BIG;
	}
	memcpy(dst, src, len + 1);
	return (ssize_t)len;
}

/** ukt__strscpy_pad - strscpy(), then zero the rest of @dst. */
static inline ssize_t ukt__strscpy_pad(char *dst, const char *src, size_t size)
{
	ssize_t n = ukt__strscpy(dst, src, size);

	if (size) {
		size_t used = n < 0 ? size : (size_t)n + 1;

		memset(dst + used, 0, size - used);
	}
	return n;
}

/* strscpy(dst, src) uses sizeof(dst): @dst must then be an array. */
#define ukt__strscpy_pick(a, b, c, name, ...)	name
#define ukt__strscpy2(dst, src)		ukt__strscpy(dst, src, sizeof(dst))
#define ukt__strscpy3(dst, src, size)	ukt__strscpy(dst, src, size)
#define ukt__strscpy_pad2(dst, src)	ukt__strscpy_pad(dst, src, sizeof(dst))
#define ukt__strscpy_pad3(dst, src, size) ukt__strscpy_pad(dst, src, size)
/** strscpy - copy a string, -E2BIG on truncation; (dst, src[, size]). */
#define strscpy(...) \
	ukt__strscpy_pick(__VA_ARGS__, ukt__strscpy3, ukt__strscpy2, 0)(__VA_ARGS__)
/** strscpy_pad - strscpy() that zero-fills the rest; (dst, src[, size]). */
#define strscpy_pad(...) \
	ukt__strscpy_pick(__VA_ARGS__, ukt__strscpy_pad3, ukt__strscpy_pad2, 0)(__VA_ARGS__)

/**
 * ukt__strlcpy - copy at most @size - 1 bytes of @src into @dst, NUL
 * terminated; returns strlen(@src) (truncation when >= @size).
 */
static inline size_t ukt__strlcpy(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src);

	if (size) {
		size_t n = len < size ? len : size - 1;

		memcpy(dst, src, n);
		dst[n] = '\0';
	}
	return len;
}

/**
 * ukt__strlcat - append @src to the string in @dst of @size bytes, NUL
 * terminated; returns the length the whole string would have.
 */
static inline size_t ukt__strlcat(char *dst, const char *src, size_t size)
{
	size_t used = 0;

	while (used < size && dst[used])
		used++;
	if (used == size)
		return size + strlen(src);
	return used + ukt__strlcpy(dst + used, src, size - used);
}

/* Macros, so that a C library that also declares them is not in the way. */
#define strlcpy			ukt__strlcpy
#define strlcat			ukt__strlcat

/** memzero_explicit - zero @count bytes at @s; never optimised away. */
static inline void memzero_explicit(void *s, size_t count)
{
	memset(s, 0, count);
	barrier_data(s);
}

/** strstarts - true when @str begins with @prefix. */
static inline bool strstarts(const char *str, const char *prefix)
{
	return strncmp(str, prefix, strlen(prefix)) == 0;
}

#endif /* UKT_COMPAT_LINUX_STRING_H */
