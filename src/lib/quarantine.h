/* SPDX-License-Identifier: MIT */
/*
 * lib/quarantine.h - type-stable memory for objects that late callers may
 * still reach (tasks, workers): freed objects are never given back to
 * malloc, only reused for objects of the same kind, oldest first, so a
 * late use finds a freed object of the right type (its "freed" or
 * "destroyed" mark), never memory given to something else.
 */
#ifndef UKTHREAD_LIB_QUARANTINE_H
#define UKTHREAD_LIB_QUARANTINE_H

#include <stddef.h>

#include <ukthread/spinlock.h>

#include "lib/lib.h"

/* How many freed objects of a pool are never reused: the most recent ones. */
#define UKT_QUARANTINE_SIZE 16

/**
 * struct ukt_pool - freed objects of one kind, kept for reuse.
 * @site: the allocation site the objects are counted at (lib/alloc.h).
 * @size: the size of an object.
 * @lock: protects @free, @first, @nr_free and @cap.
 * @free: a ring of the freed objects, oldest at @first.  Pointers to the
 *	objects' starts, kept apart from them: nothing in a freed object is
 *	overwritten (late callers read it), and valgrind sees them reachable.
 * @first: index of the oldest in @free.
 * @nr_free: how many are in @free.
 * @cap: the size of @free.
 * @next: the next pool of the library (for fork()).
 */
struct ukt_pool {
	enum ukt_alloc_site site;
	size_t size;
	ukt_spinlock_t lock;
	void **free;
	unsigned long first;
	unsigned long nr_free;
	unsigned long cap;
	struct ukt_pool *next;
};

/**
 * ukt__pool_register - add @pool to the pools whose lock fork() takes.
 * @pool: the pool; static.
 */
UKT_HIDDEN void ukt__pool_register(struct ukt_pool *pool);

/**
 * UKT_POOL_DEFINE - define a static pool of objects of a type.
 * @name: the pool's name.
 * @site_nr: the allocation site.
 * @type: the type of the objects.
 */
#define UKT_POOL_DEFINE(name, site_nr, type)				\
	static struct ukt_pool name = {					\
		.site = (site_nr), .size = sizeof(type),		\
		.lock = UKT_SPINLOCK_INIT };				\
	__attribute__((constructor)) static void name##_register(void)	\
	{								\
		ukt__pool_register(&(name));				\
	}

/**
 * ukt__pool_alloc - an object from @pool: a freed one if more than
 * UKT_QUARANTINE_SIZE wait, else fresh zeroed memory.
 * @pool: the pool.
 *
 * A reused object still holds what it held when it was freed; the caller
 * initialises every field (and may read the old ones first).  Counted at
 * the pool's site; fault injection applies.
 *
 * Return: the object, or NULL (out of memory, or an injected fault).
 */
UKT_HIDDEN void *ukt__pool_alloc(struct ukt_pool *pool);

/**
 * ukt__pool_free - give an object back to @pool; its memory stays.
 * @pool: the pool it came from.
 * @p: the object, marked freed or destroyed by the caller.
 *
 * Without memory to remember it, the object is given back to malloc (a
 * late use of that one is then not caught).
 */
UKT_HIDDEN void ukt__pool_free(struct ukt_pool *pool, void *p);

#endif /* UKTHREAD_LIB_QUARANTINE_H */
