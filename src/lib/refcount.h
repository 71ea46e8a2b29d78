/* SPDX-License-Identifier: MIT */
/*
 * lib/refcount.h - checked reference counts, the kernel's refcount_t with
 * an owner's pin.
 *
 * The word holds a count of references and, apart from it, a pin: the
 * reference of the thread that owns the object (a task's own thread).
 * The object is freed when both are gone.  Only the owner drops the pin
 * (ukt__ref_unpin()), so a put too many can never free an object whose
 * owner still runs: it underflows the count instead.
 *
 * Misuse saturates, as refcount_t does: a put with no reference left
 * while the object lives, or a count about to overflow, sets the count to
 * UKT_REF_SATURATED, where it stays: the object is never freed (a leak,
 * never a use after free).  A get or put on an object already freed (the
 * whole word 0; its memory is type-stable, lib/quarantine.h) changes
 * nothing, so the object stays marked freed.  The caller warns; these
 * helpers only say what happened.
 */
#ifndef UKTHREAD_LIB_REFCOUNT_H
#define UKTHREAD_LIB_REFCOUNT_H

#include <stdbool.h>

#include "lib/lib.h"

#define UKT_REF_PIN		0x40000000u	/* the owner's reference */
#define UKT_REF_COUNT		0x3fffffffu	/* mask of the other references */
#define UKT_REF_SATURATED	0x20000000u	/* the count once misused: stays */

/* What a reference operation found. */
enum ukt_ref_result {
	UKT_REF_OK,		/* done */
	UKT_REF_RELEASE,	/* that was the last reference: free the object */
	UKT_REF_UNDERFLOW,	/* put (or unpin) with nothing to drop: saturated */
	UKT_REF_OVERFLOW,	/* the count would overflow: saturated */
	UKT_REF_USE_AFTER_FREE,	/* get or put on a freed object: left freed */
};

/* Set @r to hold the pin only (@pinned) or one reference, for a new object. */
static inline void ukt__ref_init(unsigned int *r, bool pinned)
{
	__atomic_store_n(r, pinned ? UKT_REF_PIN : 1u, __ATOMIC_RELAXED);
}

/* Saturate the count of @r, keeping its pin; @v is what was read last. */
static inline void ukt__ref_saturate(unsigned int *r, unsigned int v)
{
	while (!__atomic_compare_exchange_n(r, &v, (v & UKT_REF_PIN) | UKT_REF_SATURATED,
					    1, __ATOMIC_RELAXED, __ATOMIC_RELAXED))
		;
}

/** ukt__ref_get - take a reference; misuse saturates. */
static inline enum ukt_ref_result ukt__ref_get(unsigned int *r)
{
	unsigned int v = __atomic_load_n(r, __ATOMIC_RELAXED);

	for (;;) {
		unsigned int c = v & UKT_REF_COUNT;

		if (c >= UKT_REF_SATURATED)
			return UKT_REF_OK;		/* saturated: stays */
		if (ukt_unlikely(v == 0))
			return UKT_REF_USE_AFTER_FREE;
		if (ukt_unlikely(c + 1 == UKT_REF_SATURATED)) {
			ukt__ref_saturate(r, v);
			return UKT_REF_OVERFLOW;
		}
		/* relaxed: a new reference is made from one the caller holds. */
		if (__atomic_compare_exchange_n(r, &v, v + 1, 1, __ATOMIC_RELAXED,
						__ATOMIC_RELAXED))
			return UKT_REF_OK;
	}
}

/** ukt__ref_tryget - take a reference unless the object is freed already. */
static inline bool ukt__ref_tryget(unsigned int *r)
{
	unsigned int v = __atomic_load_n(r, __ATOMIC_RELAXED);

	for (;;) {
		if (v == 0)
			return false;
		if ((v & UKT_REF_COUNT) >= UKT_REF_SATURATED - 1)
			return true;			/* saturated: never freed */
		/* acquire: what the holders wrote before is seen. */
		if (__atomic_compare_exchange_n(r, &v, v + 1, 1, __ATOMIC_ACQUIRE,
						__ATOMIC_RELAXED))
			return true;
	}
}

/* Drop @bits (1: a reference, UKT_REF_PIN: the pin) from @r. */
static inline enum ukt_ref_result ukt__ref_drop(unsigned int *r, unsigned int bits)
{
	unsigned int v = __atomic_load_n(r, __ATOMIC_RELAXED);

	for (;;) {
		unsigned int have = bits == UKT_REF_PIN ? v & UKT_REF_PIN : v & UKT_REF_COUNT;

		if ((v & UKT_REF_COUNT) >= UKT_REF_SATURATED)
			return UKT_REF_OK;		/* saturated: stays */
		if (ukt_unlikely(v == 0))
			return UKT_REF_USE_AFTER_FREE;
		if (ukt_unlikely(!have)) {
			ukt__ref_saturate(r, v);
			return UKT_REF_UNDERFLOW;
		}
		/* acq_rel: the freeing side sees every write of the other holders. */
		if (__atomic_compare_exchange_n(r, &v, v - bits, 1, __ATOMIC_ACQ_REL,
						__ATOMIC_RELAXED))
			return (v - bits) ? UKT_REF_OK : UKT_REF_RELEASE;
	}
}

/** ukt__ref_put - drop a reference; UKT_REF_RELEASE when the object must go. */
static inline enum ukt_ref_result ukt__ref_put(unsigned int *r)
{
	return ukt__ref_drop(r, 1);
}

/** ukt__ref_unpin - the owner drops its pin; UKT_REF_RELEASE when the object must go. */
static inline enum ukt_ref_result ukt__ref_unpin(unsigned int *r)
{
	return ukt__ref_drop(r, UKT_REF_PIN);
}

#endif /* UKTHREAD_LIB_REFCOUNT_H */
