/* SPDX-License-Identifier: MIT */
/*
 * ukthread/debug.h - warnings, allocation sites and fault injection.
 *
 * Misuse that would crash or hang the kernel gets a defined outcome in
 * ukthread and a one-line warning on stderr, printed once per call site
 * (WARN_ON_ONCE style).  Every warning, printed or not, is counted.
 *
 * Every heap allocation and every thread the library makes goes through
 * one place (src/alloc.c), identified by a site; tests and the torture
 * harness can read per-site counts and make the n-th attempt fail.
 */
#ifndef UKTHREAD_DEBUG_H
#define UKTHREAD_DEBUG_H

#include <ukthread/compiler.h>

/** enum ukt_alloc_site - the places where ukthread allocates or spawns. */
enum ukt_alloc_site {
	UKT_SITE_TASK,		/* task of an adopted (non-kthread) thread */
	UKT_SITE_KTHREAD,	/* task + control block of a kthread */
	UKT_SITE_KTHREAD_NAME,	/* full name of a kthread longer than 15 bytes */
	UKT_SITE_THREAD,	/* pthread_create() by kthreadd */
	UKT_SITE_WORKER,	/* struct kthread_worker of kthread_create_worker() */
	UKT_SITE_TIMER_THREAD,	/* the timer thread */
	UKT_SITE_NR
};

/**
 * ukt__warn - print "ukthread: WARNING at file:line func: message" to
 * stderr and count it.  Used by the WARN macros; call those instead.
 */
UKT_API void ukt__warn(const char *file, int line, const char *func,
		       const char *fmt, ...) ukt_printf(4, 5);

/** ukt__warn_count_inc - count a warning that is not printed again. */
UKT_API void ukt__warn_count_inc(void);

/** ukt_warn_count - how many warnings were raised, printed or not. */
UKT_API unsigned long ukt_warn_count(void);

/**
 * ukt_site_live - how many objects of @site are live (allocated, not yet
 * freed; for UKT_SITE_THREAD, threads started and not yet finished).
 */
UKT_API long ukt_site_live(enum ukt_alloc_site site);

/** ukt_site_total - how many objects of @site were ever made. */
UKT_API unsigned long ukt_site_total(enum ukt_alloc_site site);

/**
 * ukt_fault_inject - make the @nth next attempt at @site fail (1: the very
 * next one), @count times in a row; @nth 0 cancels.  A failed allocation
 * behaves as ENOMEM, a failed pthread_create() as EAGAIN.
 */
UKT_API void ukt_fault_inject(enum ukt_alloc_site site, unsigned long nth,
			      unsigned long count);

/**
 * UKT_WARN_ONCE - evaluate @cond; when true, warn once per call site and
 * count every time.  Yields @cond, like the kernel's WARN_ON_ONCE().
 */
#define UKT_WARN_ONCE(cond, ...) __extension__ ({			\
	static int __ukt_warned;					\
	int __ukt_c = !!(cond);						\
	if (ukt_unlikely(__ukt_c)) {					\
		if (!__atomic_exchange_n(&__ukt_warned, 1, __ATOMIC_RELAXED)) \
			ukt__warn(__FILE__, __LINE__, __func__, __VA_ARGS__); \
		else							\
			ukt__warn_count_inc();				\
	}								\
	__ukt_c;							\
})

#endif /* UKTHREAD_DEBUG_H */
