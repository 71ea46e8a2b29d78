/* SPDX-License-Identifier: MIT */
/*
 * lib/service.h - a library thread started on first use (kthreadd, the
 * timer thread): started once under a lock, then found with one load.
 */
#ifndef UKTHREAD_LIB_SERVICE_H
#define UKTHREAD_LIB_SERVICE_H

#include <pthread.h>
#include <stdbool.h>

#include "lib/lib.h"
#include "lib/thread_safety.h"

/**
 * struct ukt_service - a lazily started singleton.
 * @obj: what @start made (atomic); NULL until it succeeded.
 * @lock: serialises starts.
 * @start: makes the object, under @lock; returns it, or NULL with an
 *	errno in *@err.
 */
struct ukt_service {
	void *obj;
	ukt__mutex_t lock;
	void *(*start)(int *err);
};

/**
 * UKT_SERVICE_INIT - static initialiser.
 * @start_fn: the start function, see struct ukt_service.
 */
#define UKT_SERVICE_INIT(start_fn) { NULL, PTHREAD_MUTEX_INITIALIZER, (start_fn) }

/**
 * ukt__service_start - the slow path of ukt__service_get().
 * @s: the service.
 * @err: where an errno goes when the start fails.
 *
 * Return: the object, or NULL with *@err set.
 */
UKT_HIDDEN void *ukt__service_start(struct ukt_service *s, int *err);

/**
 * ukt__service_get - the object of @s, started on first use.
 * @s: the service.
 * @err: where an errno goes when the start fails.
 *
 * Return: the object, or NULL with *@err set.
 */
static inline void *ukt__service_get(struct ukt_service *s, int *err)
{
	/* acquire: pairs with the release in ukt__service_start(). */
	void *obj = __atomic_load_n(&s->obj, __ATOMIC_ACQUIRE);

	return ukt_likely(obj) ? obj : ukt__service_start(s, err);
}

/**
 * ukt__service_peek - the object of @s if it is started, without starting it.
 * @s: the service.
 *
 * Return: the object or NULL.
 */
static inline void *ukt__service_peek(struct ukt_service *s)
{
	return __atomic_load_n(&s->obj, __ATOMIC_ACQUIRE);
}

/**
 * ukt__service_stop - end the service: @stop(obj) under the lock, then it
 * starts again on next use.
 * @s: the service.
 * @stop: ends the object's thread; returns once it is gone.
 * @arg: passed to @stop.
 *
 * Return: true if the service was running.
 */
UKT_HIDDEN bool ukt__service_stop(struct ukt_service *s, void (*stop)(void *obj, void *arg),
				  void *arg);

/**
 * ukt__service_fork_prepare - before fork(): hold off starts.
 * @s: the service.
 */
UKT_HIDDEN void ukt__service_fork_prepare(struct ukt_service *s)
	UKT_ACQUIRE(s->lock);

/**
 * ukt__service_fork_parent - after fork(), in the parent: allow starts.
 * @s: the service.
 */
UKT_HIDDEN void ukt__service_fork_parent(struct ukt_service *s)
	UKT_RELEASE(s->lock);

/**
 * ukt__service_fork_child - after fork(), in the child: the service's
 * thread did not come along, so it starts again on next use.
 * @s: the service.
 */
UKT_HIDDEN void ukt__service_fork_child(struct ukt_service *s)
	UKT_RELEASE(s->lock);

#endif /* UKTHREAD_LIB_SERVICE_H */
