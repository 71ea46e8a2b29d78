// SPDX-License-Identifier: MIT
/*
 * quarantine.c - the last few destroyed objects stay allocated.
 *
 * A destroyed kthread_worker that the library allocated is marked
 * destroyed and put here instead of being freed, so that queueing on it a
 * little later is caught (a warning and false) instead of writing freed
 * memory.  Only the last UKT_QUARANTINE_SIZE are kept; the lock is held
 * across fork() so that a child never inherits it locked.
 */
#include <stddef.h>

#include "lib/alloc.h"
#include "lib/atfork.h"
#include "lib/quarantine.h"
#include "lib/thread_safety.h"
#include <ukthread/spinlock.h>

struct entry {
	enum ukt_alloc_site site;
	void *p;
};

static ukt_spinlock_t lock = UKT_SPINLOCK_INIT;
static struct entry ring[UKT_QUARANTINE_SIZE] UKT_GUARDED_BY(lock);
static unsigned int next UKT_GUARDED_BY(lock);

void ukt__quarantine_free(enum ukt_alloc_site site, void *p)
{
	struct entry old;

	ukt_spin_lock(&lock);
	old = ring[next];
	ring[next] = (struct entry){ site, p };
	next = (next + 1) % UKT_QUARANTINE_SIZE;
	ukt_spin_unlock(&lock);
	if (old.p)
		ukt__free(old.site, old.p);
}

static void quarantine_prepare(void)
	UKT_ACQUIRE(lock)
{
	ukt_spin_lock(&lock);
}

static void quarantine_after(void)
	UKT_RELEASE(lock)
{
	ukt_spin_unlock(&lock);
}

UKT_ATFORK(quarantine_atfork, UKT_LAYER_LIB, quarantine_prepare, quarantine_after,
	   quarantine_after)
