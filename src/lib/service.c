// SPDX-License-Identifier: MIT
/*
 * service.c - start a library thread once, on first use.
 *
 * Callers find a started service with one acquire load (service.h).  The
 * first caller starts it under the lock and publishes the object only once
 * the start function returned it complete, so that callers that skip the
 * lock never see a half-made service, nor one whose start failed.
 */
#include "lib/service.h"

void *ukt__service_start(struct ukt_service *s, int *err)
{
	void *obj;

	ukt__mutex_lock(&s->lock);
	obj = s->obj;
	if (!obj) {
		obj = s->start(err);
		if (obj)
			__atomic_store_n(&s->obj, obj, __ATOMIC_RELEASE);
	}
	ukt__mutex_unlock(&s->lock);
	return obj;
}

bool ukt__service_stop(struct ukt_service *s, void (*stop)(void *obj, void *arg), void *arg)
{
	void *obj;

	pthread_mutex_lock(&s->lock);
	obj = s->obj;
	if (obj) {
		/* Unpublished first: nobody new finds it while it ends. */
		__atomic_store_n(&s->obj, NULL, __ATOMIC_RELEASE);
		stop(obj, arg);
	}
	pthread_mutex_unlock(&s->lock);
	return obj != NULL;
}

void ukt__service_fork_prepare(struct ukt_service *s)
{
	ukt__mutex_lock(&s->lock);
}

void ukt__service_fork_parent(struct ukt_service *s)
{
	ukt__mutex_unlock(&s->lock);
}

void ukt__service_fork_child(struct ukt_service *s)
{
	/*
	 * The child's only thread is the copy of the one that locked in the
	 * prepare handler, so it owns the lock and unlocks it (initialising
	 * a locked mutex again is undefined).
	 */
	s->obj = NULL;
	ukt__mutex_unlock(&s->lock);
}
