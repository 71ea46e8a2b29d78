/* SPDX-License-Identifier: MIT */
/*
 * ukthread/compiler.h - attributes and the export macro.
 *
 * Every symbol the library exports carries the ukt_ prefix and is marked
 * UKT_API; the library is built with hidden visibility, so nothing else
 * leaks.  The kernel spellings are macros in the map headers.
 */
#ifndef UKTHREAD_COMPILER_H
#define UKTHREAD_COMPILER_H

#if defined(UKT_BUILDING_LIBRARY)
#define UKT_API __attribute__((visibility("default")))
#else
#define UKT_API
#endif

/*
 * UKT__TSA(x) - a clang thread-safety attribute: __attribute__((x)) under
 * clang while the library itself is built, nothing anywhere else.  The
 * library's locks are annotated with it (src/lib/thread_safety.h); no
 * program using ukthread sees an attribute.
 */
#if defined(__clang__) && defined(UKT_BUILDING_LIBRARY)
#define UKT__TSA(x)		__attribute__((x))
#else
#define UKT__TSA(x)
#endif

/**
 * ukt_printf - mark a function as taking a printf-style format.
 * @a: position of the format parameter, counted from 1.
 * @b: position of the first argument for the format (the "...").
 *
 * The compiler then checks the arguments of every call against the format.
 */
#define ukt_printf(a, b)	__attribute__((format(printf, a, b)))
#define ukt_noreturn		__attribute__((noreturn))
#define ukt_must_check		__attribute__((warn_unused_result))

/**
 * ukt_likely - hint that a condition is usually true.
 * @x: the condition.
 *
 * Return: @x as 0 or 1.
 */
#define ukt_likely(x)		__builtin_expect(!!(x), 1)

/**
 * ukt_unlikely - hint that a condition is usually false.
 * @x: the condition.
 *
 * Return: @x as 0 or 1.
 */
#define ukt_unlikely(x)		__builtin_expect(!!(x), 0)

/**
 * ukt_container_of - the structure that embeds a member.
 * @ptr: pointer to the member.
 * @type: type of the structure that embeds it.
 * @member: name of the member inside @type.
 *
 * Return: a pointer to the @type whose @member @ptr points to.
 */
#define ukt_container_of(ptr, type, member) \
	((type *)(void *)((char *)(ptr) - __builtin_offsetof(type, member)))

#endif /* UKTHREAD_COMPILER_H */
