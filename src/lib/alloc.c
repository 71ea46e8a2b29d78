// SPDX-License-Identifier: MIT
/*
 * alloc.c - the allocation and spawn sites: counters and fault injection.
 *
 * Every heap allocation and every thread the library makes is counted at
 * its site (enum ukt_alloc_site), so that leaks show per site
 * (ukt_site_live()) and tests can make the n-th attempt at a site fail
 * (ukt_fault_inject()).  Threads are counted by spawn.c through the same
 * counters.
 */
#include <errno.h>
#include <stdlib.h>

#include "lib/alloc.h"

struct site_stat {
	long live;
	unsigned long total;
	unsigned long fail_nth;		/* attempts left before failing; 0 off */
	unsigned long fail_count;	/* failures left to inject */
};

static struct site_stat sites[UKT_SITE_NR];

bool ukt__site_should_fail(enum ukt_alloc_site site)
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

void ukt__site_live_add(enum ukt_alloc_site site, long delta)
{
	__atomic_fetch_add(&sites[site].live, delta, __ATOMIC_RELAXED);
}

void ukt__site_total_inc(enum ukt_alloc_site site)
{
	__atomic_fetch_add(&sites[site].total, 1, __ATOMIC_RELAXED);
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

	if (ukt__site_should_fail(site))
		return NULL;
	p = calloc(1, size);
	if (p) {
		ukt__site_live_add(site, 1);
		ukt__site_total_inc(site);
	}
	return p;
}

void ukt__free(enum ukt_alloc_site site, void *p)
{
	if (!p)
		return;
	ukt__site_live_add(site, -1);
	free(p);
}
