/* SPDX-License-Identifier: MIT */
/*
 * ukthread/debug.h - warnings, allocation sites and fault injection.
 *
 * Misuse that would crash or hang the kernel gets a defined outcome in
 * ukthread and a one-line warning on stderr, printed once per call site
 * (WARN_ON_ONCE style).  Every warning, printed or not, is counted.
 *
 * Every heap allocation and every thread the library makes goes through
 * one place (src/alloc.c), identified by a site.  Programs and tests can
 * read per-site counts (ukt_site_live(), ukt_site_total()) and make the
 * n-th attempt at a site fail (ukt_fault_inject()).
 */
#ifndef UKTHREAD_DEBUG_H
#define UKTHREAD_DEBUG_H

#include <ukthread/compiler.h>

/**
 * enum ukt_alloc_site - the places where ukthread allocates or spawns.
 * @UKT_SITE_TASK: the task of an adopted (non-kthread) thread, and
 *	kthreadd's task.
 * @UKT_SITE_KTHREAD: the task and control block of a kthread.
 * @UKT_SITE_KTHREAD_NAME: the full name of a kthread longer than 15 bytes.
 * @UKT_SITE_THREAD: the threads kthreadd makes (kthreads and spares), and
 *	kthreadd itself.
 * @UKT_SITE_WORKER: the struct kthread_worker of kthread_create_worker().
 * @UKT_SITE_TIMER_THREAD: the timer thread ("ktimers"), started by the
 *	first timer armed.
 * @UKT_SITE_NR: the number of sites; not a site.
 */
enum ukt_alloc_site {
	UKT_SITE_TASK,
	UKT_SITE_KTHREAD,
	UKT_SITE_KTHREAD_NAME,
	UKT_SITE_THREAD,
	UKT_SITE_WORKER,
	UKT_SITE_TIMER_THREAD,
	UKT_SITE_NR
};

/**
 * ukt__warn - print a warning and count it.
 * @file: source file of the call site.
 * @line: line of the call site.
 * @func: function of the call site.
 * @fmt: printf-style message.
 * @...: arguments for @fmt.
 *
 * Prints "ukthread: WARNING at file:line func: message" to stderr, in one
 * write.  Used by the WARN macros; call those instead.
 */
UKT_API void ukt__warn(const char *file, int line, const char *func,
		       const char *fmt, ...) ukt_printf(4, 5);

/**
 * ukt__warn_count_inc - count a warning that is not printed again.
 */
UKT_API void ukt__warn_count_inc(void);

/**
 * ukt_warn_count - how many warnings were raised.
 *
 * Return: the number of warnings since the start, printed or not.
 */
UKT_API unsigned long ukt_warn_count(void);

/**
 * ukt_site_live - how many objects of a site are live.
 * @site: the site.
 *
 * Return: the objects allocated and not yet freed (freed tasks and
 * destroyed workers that the library keeps for reuse are not counted);
 * for UKT_SITE_THREAD and UKT_SITE_TIMER_THREAD, the threads started and
 * not yet finished (kthreadd and the timer thread finish only in
 * ukt_shutdown()).  0 for a @site out of range.
 */
UKT_API long ukt_site_live(enum ukt_alloc_site site);

/**
 * ukt_site_total - how many objects of a site were ever made.
 * @site: the site.
 *
 * Return: the successful allocations (or thread starts) at @site since
 * the start; 0 for a @site out of range.
 */
UKT_API unsigned long ukt_site_total(enum ukt_alloc_site site);

/**
 * ukt_fault_inject - make attempts at a site fail.
 * @site: the site.
 * @nth: which attempt fails first, counted from the next one (1: the very
 *	next one); 0 cancels.
 * @count: how many attempts in a row fail from there; 0 counts as 1.
 *
 * A failed allocation behaves as ENOMEM, a failed pthread_create() as
 * EAGAIN.  A @site out of range warns and is ignored.
 */
UKT_API void ukt_fault_inject(enum ukt_alloc_site site, unsigned long nth,
			      unsigned long count);

/**
 * UKT_WARN_ONCE - warn once per call site when a condition is true.
 * @cond: the condition, evaluated once.
 * @...: printf-style format and arguments of the message.
 *
 * Prints the warning the first time @cond is true at this call site and
 * counts it every time, like the kernel's WARN_ON_ONCE().
 *
 * Return: @cond, as 0 or 1.
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
