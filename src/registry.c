// SPDX-License-Identifier: MIT
/*
 * registry.c - the list of every task whose memory is allocated: running
 * threads, kthreads not yet started, and exited kthreads not yet reaped.
 *
 * A task joins when it is made and leaves when its last reference goes,
 * so a node can never outlive its task (the kernel's 2026 use-after-free
 * came from a list node left behind by one exit path).
 */
#include <pthread.h>

#include "internal.h"

static pthread_mutex_t registry_lock = PTHREAD_MUTEX_INITIALIZER;
static struct ukt_list_head registry = UKT_LIST_HEAD_INIT(registry);

void ukt__registry_add(struct ukt_task *t)
{
	pthread_mutex_lock(&registry_lock);
	ukt_list_add_tail(&t->registry, &registry);
	pthread_mutex_unlock(&registry_lock);
}

void ukt__registry_del(struct ukt_task *t)
{
	pthread_mutex_lock(&registry_lock);
	ukt_list_del_init(&t->registry);
	pthread_mutex_unlock(&registry_lock);
}

static void registry_atfork_prepare(void)
{
	pthread_mutex_lock(&registry_lock);
}

static void registry_atfork_parent(void)
{
	pthread_mutex_unlock(&registry_lock);
}

static void registry_atfork_child(void)
{
	/*
	 * The child's only thread is the copy of the one that took the lock
	 * in the prepare handler: it owns it and unlocks it.  Initialising a
	 * locked mutex again is undefined (TSan reports every later lock as
	 * a double lock).
	 */
	pthread_mutex_unlock(&registry_lock);
}

__attribute__((constructor)) static void registry_init(void)
{
	pthread_atfork(registry_atfork_prepare, registry_atfork_parent,
		       registry_atfork_child);
}
