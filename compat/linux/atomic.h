/* SPDX-License-Identifier: MIT */
/*
 * linux/atomic.h - atomic_t, atomic64_t and atomic_long_t operations, on
 * the compiler's __atomic builtins.
 *
 * Ordering follows the kernel: atomic_read()/atomic_set() and the
 * operations that return nothing (atomic_inc() ...) are relaxed; every
 * operation that returns a value (atomic_inc_return(), atomic_cmpxchg(),
 * atomic_dec_and_test() ...) is fully ordered; _acquire/_release forms
 * are as named.  Arithmetic wraps around.  The types are in
 * <linux/types.h>.
 */
#ifndef UKT_COMPAT_LINUX_ATOMIC_H
#define UKT_COMPAT_LINUX_ATOMIC_H

#include <linux/compiler.h>
#include <linux/types.h>

/** ATOMIC_INIT - static initialiser of an atomic_t holding @i. */
#define ATOMIC_INIT(i)		{ (i) }
/** ATOMIC64_INIT - static initialiser of an atomic64_t holding @i. */
#define ATOMIC64_INIT(i)	{ (i) }
/** ATOMIC_LONG_INIT - static initialiser of an atomic_long_t holding @i. */
#define ATOMIC_LONG_INIT(i)	{ (i) }

#define UKT__SEQ	__ATOMIC_SEQ_CST
#define UKT__RLX	__ATOMIC_RELAXED

/*
 * UKT__ATOMIC_OPS - the operations of one atomic type: @pfx is atomic,
 * atomic64 or atomic_long, @at the type, @it its value type and @ut the
 * unsigned type of the same width (for wrapping arithmetic).
 *
 * pfx_read(v), pfx_set(v, i): load and store (relaxed);
 * pfx_read_acquire(v), pfx_set_release(v, i);
 * pfx_add/sub/and/or/xor/andnot(i, v), pfx_inc/dec(v): no result;
 * pfx_add/sub/inc/dec_return(): the new value;
 * pfx_fetch_add/sub/inc/dec/and/or/xor/andnot(): the old value;
 * pfx_xchg(v, new), pfx_cmpxchg(v, old, new): the old value;
 * pfx_try_cmpxchg(v, &old, new): true if swapped, else *old updated;
 * pfx_sub_and_test(i, v), pfx_dec_and_test(v), pfx_inc_and_test(v):
 *	true when the new value is 0;
 * pfx_add_negative(i, v): true when the new value is negative;
 * pfx_fetch_add_unless(v, a, u): add @a unless the value is @u; old value;
 * pfx_add_unless(v, a, u): the same; true if it added;
 * pfx_inc_not_zero(v): increment unless 0; true if it did;
 * pfx_dec_if_positive(v): the value minus 1, stored only if >= 0.
 */
#define UKT__ATOMIC_OPS(pfx, at, it, ut)				\
static inline it pfx##_read(const at *v)				\
{ return __atomic_load_n(&v->counter, UKT__RLX); }			\
static inline void pfx##_set(at *v, it i)				\
{ __atomic_store_n(&v->counter, i, UKT__RLX); }				\
static inline it pfx##_read_acquire(const at *v)			\
{ return __atomic_load_n(&v->counter, __ATOMIC_ACQUIRE); }		\
static inline void pfx##_set_release(at *v, it i)			\
{ __atomic_store_n(&v->counter, i, __ATOMIC_RELEASE); }			\
static inline void pfx##_add(it i, at *v)				\
{ __atomic_fetch_add(&v->counter, i, UKT__RLX); }			\
static inline void pfx##_sub(it i, at *v)				\
{ __atomic_fetch_sub(&v->counter, i, UKT__RLX); }			\
static inline void pfx##_inc(at *v)					\
{ __atomic_fetch_add(&v->counter, 1, UKT__RLX); }			\
static inline void pfx##_dec(at *v)					\
{ __atomic_fetch_sub(&v->counter, 1, UKT__RLX); }			\
static inline void pfx##_and(it i, at *v)				\
{ __atomic_fetch_and(&v->counter, i, UKT__RLX); }			\
static inline void pfx##_or(it i, at *v)				\
{ __atomic_fetch_or(&v->counter, i, UKT__RLX); }			\
static inline void pfx##_xor(it i, at *v)				\
{ __atomic_fetch_xor(&v->counter, i, UKT__RLX); }			\
static inline void pfx##_andnot(it i, at *v)				\
{ __atomic_fetch_and(&v->counter, ~i, UKT__RLX); }			\
static inline it pfx##_add_return(it i, at *v)				\
{ return __atomic_add_fetch(&v->counter, i, UKT__SEQ); }		\
static inline it pfx##_sub_return(it i, at *v)				\
{ return __atomic_sub_fetch(&v->counter, i, UKT__SEQ); }		\
static inline it pfx##_inc_return(at *v)				\
{ return __atomic_add_fetch(&v->counter, 1, UKT__SEQ); }		\
static inline it pfx##_dec_return(at *v)				\
{ return __atomic_sub_fetch(&v->counter, 1, UKT__SEQ); }		\
static inline it pfx##_fetch_add(it i, at *v)				\
{ return __atomic_fetch_add(&v->counter, i, UKT__SEQ); }		\
static inline it pfx##_fetch_sub(it i, at *v)				\
{ return __atomic_fetch_sub(&v->counter, i, UKT__SEQ); }		\
static inline it pfx##_fetch_inc(at *v)					\
{ return __atomic_fetch_add(&v->counter, 1, UKT__SEQ); }		\
static inline it pfx##_fetch_dec(at *v)					\
{ return __atomic_fetch_sub(&v->counter, 1, UKT__SEQ); }		\
static inline it pfx##_fetch_and(it i, at *v)				\
{ return __atomic_fetch_and(&v->counter, i, UKT__SEQ); }		\
static inline it pfx##_fetch_or(it i, at *v)				\
{ return __atomic_fetch_or(&v->counter, i, UKT__SEQ); }			\
static inline it pfx##_fetch_xor(it i, at *v)				\
{ return __atomic_fetch_xor(&v->counter, i, UKT__SEQ); }		\
static inline it pfx##_fetch_andnot(it i, at *v)			\
{ return __atomic_fetch_and(&v->counter, ~i, UKT__SEQ); }		\
static inline it pfx##_xchg(at *v, it i)				\
{ return __atomic_exchange_n(&v->counter, i, UKT__SEQ); }		\
static inline it pfx##_cmpxchg(at *v, it old, it i)			\
{									\
	__atomic_compare_exchange_n(&v->counter, &old, i, 0,		\
				    UKT__SEQ, UKT__SEQ);		\
	return old;							\
}									\
static inline bool pfx##_try_cmpxchg(at *v, it *old, it i)		\
{									\
	return __atomic_compare_exchange_n(&v->counter, old, i, 0,	\
					   UKT__SEQ, UKT__SEQ);		\
}									\
static inline bool pfx##_sub_and_test(it i, at *v)			\
{ return pfx##_sub_return(i, v) == 0; }					\
static inline bool pfx##_dec_and_test(at *v)				\
{ return pfx##_dec_return(v) == 0; }					\
static inline bool pfx##_inc_and_test(at *v)				\
{ return pfx##_inc_return(v) == 0; }					\
static inline bool pfx##_add_negative(it i, at *v)			\
{ return pfx##_add_return(i, v) < 0; }					\
static inline it pfx##_fetch_add_unless(at *v, it a, it u)		\
{									\
	it c = pfx##_read(v);						\
									\
	while (c != u && !pfx##_try_cmpxchg(v, &c, (it)((ut)c + (ut)a))) \
		;							\
	return c;							\
}									\
static inline bool pfx##_add_unless(at *v, it a, it u)			\
{ return pfx##_fetch_add_unless(v, a, u) != u; }			\
static inline bool pfx##_inc_not_zero(at *v)				\
{ return pfx##_add_unless(v, 1, 0); }					\
static inline it pfx##_dec_if_positive(at *v)				\
{									\
	it c = pfx##_read(v);						\
	it d;								\
									\
	do {								\
		d = (it)((ut)c - 1);					\
		if (d < 0)						\
			break;						\
	} while (!pfx##_try_cmpxchg(v, &c, d));				\
	return d;							\
}

UKT__ATOMIC_OPS(atomic, atomic_t, int, unsigned int)
UKT__ATOMIC_OPS(atomic64, atomic64_t, s64, u64)
UKT__ATOMIC_OPS(atomic_long, atomic_long_t, long, unsigned long)

/* The relaxed, acquire and release forms of the returning operations. */
#define atomic_inc_return_relaxed	atomic_inc_return
#define atomic_dec_return_relaxed	atomic_dec_return
#define atomic_add_return_relaxed	atomic_add_return
#define atomic_sub_return_relaxed	atomic_sub_return
#define atomic_fetch_add_relaxed	atomic_fetch_add
#define atomic_cmpxchg_relaxed		atomic_cmpxchg
#define atomic_cmpxchg_acquire		atomic_cmpxchg
#define atomic_cmpxchg_release		atomic_cmpxchg
#define atomic_try_cmpxchg_relaxed	atomic_try_cmpxchg
#define atomic_try_cmpxchg_acquire	atomic_try_cmpxchg
#define atomic_try_cmpxchg_release	atomic_try_cmpxchg
#define atomic_xchg_relaxed		atomic_xchg

/** xchg - store @x in *@ptr and return the old value (fully ordered). */
#define xchg(ptr, x)	__atomic_exchange_n((ptr), (x), UKT__SEQ)
/**
 * cmpxchg - store @new in *@ptr if it holds @old; returns the value found
 * (fully ordered).
 */
#define cmpxchg(ptr, old, new)	ukt__cmpxchg(ptr, old, new, UKT__UID(old))
#define ukt__cmpxchg(ptr, old, new, o) __extension__ ({			\
	__typeof__(*(ptr)) o = (old);					\
	__atomic_compare_exchange_n((ptr), &o, (new), 0, UKT__SEQ, UKT__SEQ); \
	o;								\
})
/** try_cmpxchg - cmpxchg() that updates *@oldp and returns true on success. */
#define try_cmpxchg(ptr, oldp, new) \
	__atomic_compare_exchange_n((ptr), (oldp), (new), 0, UKT__SEQ, UKT__SEQ)
#define cmpxchg_relaxed		cmpxchg
#define cmpxchg_acquire		cmpxchg
#define cmpxchg_release		cmpxchg
#define xchg_relaxed		xchg

#endif /* UKT_COMPAT_LINUX_ATOMIC_H */
