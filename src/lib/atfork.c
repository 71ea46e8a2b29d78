// SPDX-License-Identifier: MIT
/*
 * atfork.c - the library's one pthread_atfork(): runs every room's
 * handlers (lib/atfork.h), prepare from the highest layer down, parent
 * and child from the lowest layer up.
 *
 * The handlers are kept sorted by layer as they register, so the order
 * does not depend on the order in which constructors happen to run.
 * @lock keeps a registration (a dlopen() in another thread) from racing a
 * fork: prepare_all() takes it and the parent and child handlers drop it.
 */
#include <errno.h>
#include <pthread.h>

#include "lib/atfork.h"
#include "lib/thread_safety.h"

#define MAX_HANDLERS 16		/* one per room that has state to fix */

static ukt__mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static const struct ukt_atfork *handlers[MAX_HANDLERS] UKT_GUARDED_BY(lock);
static int nr_handlers UKT_GUARDED_BY(lock);
static pthread_once_t install_once = PTHREAD_ONCE_INIT;

static void prepare_all(void)
	UKT_ACQUIRE(lock)
{
	ukt__mutex_lock(&lock);
	for (int i = nr_handlers - 1; i >= 0; i--)
		if (handlers[i]->prepare)
			handlers[i]->prepare();
}

static void parent_all(void)
	UKT_RELEASE(lock)
{
	for (int i = 0; i < nr_handlers; i++)
		if (handlers[i]->parent)
			handlers[i]->parent();
	ukt__mutex_unlock(&lock);
}

static void child_all(void)
	UKT_RELEASE(lock)
{
	for (int i = 0; i < nr_handlers; i++)
		if (handlers[i]->child)
			handlers[i]->child();
	/* The child's thread is the copy of the one that locked: it owns it. */
	ukt__mutex_unlock(&lock);
}

static void install(void)
{
	if (pthread_atfork(prepare_all, parent_all, child_all))
		ukt__die("pthread_atfork", ENOMEM);
}

void ukt__atfork_register(const struct ukt_atfork *h)
{
	int i;

	pthread_once(&install_once, install);
	ukt__mutex_lock(&lock);
	if (nr_handlers == MAX_HANDLERS)
		ukt__die("too many fork handlers", ENOSPC);
	/* Insert sorted by layer; equal layers keep registration order. */
	for (i = nr_handlers; i > 0 && handlers[i - 1]->layer > h->layer; i--)
		handlers[i] = handlers[i - 1];
	handlers[i] = h;
	nr_handlers++;
	ukt__mutex_unlock(&lock);
}
