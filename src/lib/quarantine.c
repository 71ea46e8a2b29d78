// SPDX-License-Identifier: MIT
/*
 * quarantine.c - type-stable pools: freed objects stay allocated and are
 * reused for objects of the same kind only.
 *
 * A late caller holding a pointer to a freed task or a destroyed
 * kthread_worker reads memory the library still owns and finds the
 * object's own mark (a task's zero reference count, a worker's DESTROYED
 * flag and generation) instead of freed memory.  The most recent
 * UKT_QUARANTINE_SIZE freed objects of a pool are never reused, older
 * ones are reused oldest first, so the memory of a pool is bounded by the
 * most objects ever live at once, plus UKT_QUARANTINE_SIZE.  The pools'
 * locks are held across fork(), so that a child never inherits one held.
 */
#include <stdbool.h>
#include <stdlib.h>

#include "lib/alloc.h"
#include "lib/atfork.h"
#include "lib/quarantine.h"
#include "lib/thread_safety.h"

static struct ukt_pool *pools;	/* written only by constructors */

void ukt__pool_register(struct ukt_pool *pool)
{
	pool->next = pools;
	pools = pool;
}

void *ukt__pool_alloc(struct ukt_pool *pool)
{
	void *p = NULL;

	if (ukt__site_should_fail(pool->site))
		return NULL;
	ukt_spin_lock(&pool->lock);
	if (pool->nr_free > UKT_QUARANTINE_SIZE) {
		p = pool->free[pool->first];
		pool->first = (pool->first + 1) % pool->cap;
		pool->nr_free--;
	}
	ukt_spin_unlock(&pool->lock);
	if (!p)
		p = calloc(1, pool->size);
	if (p) {
		ukt__site_live_add(pool->site, 1);
		ukt__site_total_inc(pool->site);
	}
	return p;
}

/* Make room for one more in the ring; under lock.  False without memory. */
static bool ring_grow(struct ukt_pool *pool)
{
	unsigned long cap = pool->cap ? 2 * pool->cap : 64;
	void **ring;

	if (pool->nr_free < pool->cap)
		return true;
	ring = malloc(cap * sizeof(*ring));
	if (!ring)
		return false;
	/* Full: @nr_free == @cap, so there is nothing to copy while @cap is 0. */
	for (unsigned long i = 0; pool->cap && i < pool->nr_free; i++)
		ring[i] = pool->free[(pool->first + i) % pool->cap];
	free(pool->free);
	pool->free = ring;
	pool->first = 0;
	pool->cap = cap;
	return true;
}

void ukt__pool_free(struct ukt_pool *pool, void *p)
{
	bool kept;

	if (!p)
		return;
	ukt__site_live_add(pool->site, -1);
	ukt_spin_lock(&pool->lock);
	kept = ring_grow(pool);
	if (kept) {
		pool->free[(pool->first + pool->nr_free) % pool->cap] = p;
		pool->nr_free++;
	}
	ukt_spin_unlock(&pool->lock);
	if (!kept)
		free(p);
}

/* For fork(): every pool, in a loop that the analysis cannot follow. */
static void pools_lock(void)
	UKT_NO_THREAD_SAFETY_ANALYSIS
{
	for (struct ukt_pool *p = pools; p; p = p->next)
		ukt_spin_lock(&p->lock);
}

static void pools_unlock(void)
	UKT_NO_THREAD_SAFETY_ANALYSIS
{
	for (struct ukt_pool *p = pools; p; p = p->next)
		ukt_spin_unlock(&p->lock);
}

UKT_ATFORK(quarantine_atfork, UKT_LAYER_LIB, pools_lock, pools_unlock, pools_unlock)
