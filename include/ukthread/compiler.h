/* SPDX-License-Identifier: MIT */
/*
 * ukthread/compiler.h - attributes and the export macro.
 *
 * Every symbol the library exports carries the ukt_ prefix and is marked
 * UKT_API; the library is built with -fvisibility=hidden so nothing else
 * leaks.  The kernel spellings are macros in the map headers.
 */
#ifndef UKTHREAD_COMPILER_H
#define UKTHREAD_COMPILER_H

#if defined(UKT_BUILDING_LIBRARY)
#define UKT_API __attribute__((visibility("default")))
#else
#define UKT_API
#endif

#define ukt_printf(a, b)	__attribute__((format(printf, a, b)))
#define ukt_noreturn		__attribute__((noreturn))
#define ukt_must_check		__attribute__((warn_unused_result))
#define ukt_likely(x)		__builtin_expect(!!(x), 1)
#define ukt_unlikely(x)		__builtin_expect(!!(x), 0)

/**
 * ukt_container_of - the structure that embeds @ptr as its @member.
 */
#define ukt_container_of(ptr, type, member) \
	((type *)(void *)((char *)(ptr) - __builtin_offsetof(type, member)))

#endif /* UKTHREAD_COMPILER_H */
