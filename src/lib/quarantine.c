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
#include <stdlib.h>

#include "lib/alloc.h"
#include "lib/atfork.h"
#include "lib/quarantine.h"

static struct ukt_pool *pools;	/* written only by constructors */

void ukt__pool_register(struct ukt_pool *pool)
{
	pool->next = pools;
	pools = pool;
}

static struct ukt_list_head *link_of(struct ukt_pool *pool, void *p)
{
	return (struct ukt_list_head *)((char *)p + pool->link);
}

void *ukt__pool_alloc(struct ukt_pool *pool)
{
	struct ukt_list_head *n = NULL;
	void *p;

	if (ukt__site_should_fail(pool->site))
		return NULL;
	ukt_spin_lock(&pool->lock);
	if (pool->nr_free > UKT_QUARANTINE_SIZE) {
		n = pool->free.next;
		ukt_list_del_init(n);
		pool->nr_free--;
	}
	ukt_spin_unlock(&pool->lock);
	p = n ? (char *)n - pool->link : calloc(1, pool->size);
	if (p) {
		ukt__site_live_add(pool->site, 1);
		ukt__site_total_inc(pool->site);
	}
	return p;
}

void ukt__pool_free(struct ukt_pool *pool, void *p)
{
	if (!p)
		return;
	ukt__site_live_add(pool->site, -1);
	ukt_spin_lock(&pool->lock);
	ukt_list_add_tail(link_of(pool, p), &pool->free);
	pool->nr_free++;
	ukt_spin_unlock(&pool->lock);
}

static void pools_lock(void)
{
	for (struct ukt_pool *p = pools; p; p = p->next)
		ukt_spin_lock(&p->lock);
}

static void pools_unlock(void)
{
	for (struct ukt_pool *p = pools; p; p = p->next)
		ukt_spin_unlock(&p->lock);
}

UKT_ATFORK(quarantine_atfork, UKT_LAYER_LIB, pools_lock, pools_unlock, pools_unlock)
