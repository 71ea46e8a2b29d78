/* SPDX-License-Identifier: MIT */
/*
 * lib/atfork.h - one fork hook for the whole library.
 *
 * A room whose state a fork() child must see consistent (locks held by
 * threads that do not exist there, threads that did not come along)
 * registers its handlers with UKT_ATFORK(); the library installs one
 * pthread_atfork() for all of them.
 */
#ifndef UKTHREAD_LIB_ATFORK_H
#define UKTHREAD_LIB_ATFORK_H

#include "lib/lib.h"

/* The layers, lowest first (lib/lib.h). */
enum {
	UKT_LAYER_LIB = 1,
	UKT_LAYER_SCHED,
	UKT_LAYER_TIME,
	UKT_LAYER_KTHREAD,
};

/**
 * struct ukt_atfork - one room's fork handlers; any may be NULL.
 * @layer: the room's layer, UKT_LAYER_*.
 * @prepare: in the parent before fork(), highest layer first: a room may
 *	hold its lock while it calls into a lower layer, which takes its own,
 *	never the reverse, so locks are taken in the order code takes them.
 * @parent: in the parent after fork(), lowest layer first.
 * @child: in the child after fork(), lowest layer first.
 */
struct ukt_atfork {
	int layer;
	void (*prepare)(void);
	void (*parent)(void);
	void (*child)(void);
};

/**
 * ukt__atfork_register - add @h to the handlers run around fork().
 * @h: the handlers; must stay valid for the life of the process.
 */
UKT_HIDDEN void ukt__atfork_register(const struct ukt_atfork *h);

/**
 * UKT_ATFORK - register a room's fork handlers when the library loads.
 * @name: a name for the handler set, unique in the file.
 * @layer_nr: the room's layer, UKT_LAYER_*.
 * @prepare_fn: see struct ukt_atfork.
 * @parent_fn: see struct ukt_atfork.
 * @child_fn: see struct ukt_atfork.
 */
#define UKT_ATFORK(name, layer_nr, prepare_fn, parent_fn, child_fn)	\
	static const struct ukt_atfork name = {					\
		.layer = (layer_nr), .prepare = (prepare_fn),			\
		.parent = (parent_fn), .child = (child_fn)			\
	};									\
	__attribute__((constructor)) static void name##_register(void)		\
	{									\
		ukt__atfork_register(&(name));					\
	}

#endif /* UKTHREAD_LIB_ATFORK_H */
