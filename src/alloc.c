// SPDX-License-Identifier: MIT
/*
 * alloc.c - every allocation and every thread the library makes.
 *
 * One place, so that leaks show per site (ukt_site_live()), so that the
 * torture tests can make the n-th attempt at a site fail, and so that the
 * introspection dump can say where memory went.
 */
#include <errno.h>
#include <stdlib.h>

#include "internal.h"

struct site_stat {
	long live;
	unsigned long total;
	unsigned long fail_nth;		/* attempts left before failing; 0 off */
	unsigned long fail_count;	/* failures left to inject */
};

static struct site_stat sites[UKT_SITE_NR];

/* Decide, for one attempt at @site, whether fault injection fails it. */
static bool should_fail(enum ukt_alloc_site site)
{
	struct site_stat *s = &sites[site];
	unsigned long n = __atomic_load_n(&s->fail_nth, __ATOMIC_RELAXED);

	while (n) {
		if (__atomic_compare_exchange_n(&s->fail_nth, &n, n - 1, 0,
						__ATOMIC_RELAXED, __ATOMIC_RELAXED)) {
			if (n > 1)
				return false;
			/* This attempt fails; arm the next one if more are due. */
			if (__atomic_sub_fetch(&s->fail_count, 1, __ATOMIC_RELAXED) > 0)
				__atomic_store_n(&s->fail_nth, 1, __ATOMIC_RELAXED);
			return true;
		}
	}
	return false;
}

void ukt_fault_inject(enum ukt_alloc_site site, unsigned long nth,
		      unsigned long count)
{
	if (UKT_WARN_ONCE((unsigned int)site >= UKT_SITE_NR, "bad site %d", site))
		return;
	__atomic_store_n(&sites[site].fail_count, count ? count : 1, __ATOMIC_RELAXED);
	__atomic_store_n(&sites[site].fail_nth, nth, __ATOMIC_RELAXED);
}

long ukt_site_live(enum ukt_alloc_site site)
{
	if ((unsigned int)site >= UKT_SITE_NR)
		return 0;
	return __atomic_load_n(&sites[site].live, __ATOMIC_RELAXED);
}

unsigned long ukt_site_total(enum ukt_alloc_site site)
{
	if ((unsigned int)site >= UKT_SITE_NR)
		return 0;
	return __atomic_load_n(&sites[site].total, __ATOMIC_RELAXED);
}

void *ukt__zalloc(enum ukt_alloc_site site, size_t size)
{
	void *p;

	if (should_fail(site))
		return NULL;
	p = calloc(1, size);
	if (p) {
		__atomic_fetch_add(&sites[site].live, 1, __ATOMIC_RELAXED);
		__atomic_fetch_add(&sites[site].total, 1, __ATOMIC_RELAXED);
	}
	return p;
}

void ukt__free(enum ukt_alloc_site site, void *p)
{
	if (!p)
		return;
	__atomic_fetch_sub(&sites[site].live, 1, __ATOMIC_RELAXED);
	free(p);
}

/* pthread_create() through the fault injector; returns 0 or an errno. */
int ukt__spawn(pthread_t *thread, const pthread_attr_t *attr,
	       void *(*fn)(void *), void *arg)
{
	int err;

	if (should_fail(UKT_SITE_THREAD))
		return EAGAIN;
	__atomic_fetch_add(&sites[UKT_SITE_THREAD].live, 1, __ATOMIC_RELAXED);
	err = pthread_create(thread, attr, fn, arg);
	if (err)
		__atomic_fetch_sub(&sites[UKT_SITE_THREAD].live, 1, __ATOMIC_RELAXED);
	else
		__atomic_fetch_add(&sites[UKT_SITE_THREAD].total, 1, __ATOMIC_RELAXED);
	return err;
}

/* Called by a spawned thread as its last act. */
void ukt__spawn_done(void)
{
	__atomic_fetch_sub(&sites[UKT_SITE_THREAD].live, 1, __ATOMIC_RELAXED);
}
