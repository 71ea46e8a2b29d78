/* SPDX-License-Identifier: MIT */
/*
 * lib/thread_safety.h - clang's thread-safety attributes (-Wthread-safety)
 * on the library's internal locks.
 *
 * Under clang, building the library (UKT_BUILDING_LIBRARY), these expand
 * to clang's capability attributes and tools/check-thread-safety builds
 * with -Wthread-safety -Werror; under any other compiler, and in every
 * program that includes the public headers, they expand to nothing.  The
 * one switch is UKT__TSA() in <ukthread/compiler.h>, which the public
 * ukt_spinlock_t needs too: the lock type is a capability and
 * ukt_spin_lock()/ukt_spin_unlock() acquire and release it.
 *
 * clang 14 reads guarded_by() on variables but not on struct members in
 * C, so the statics of a room name their lock, and the fields of a
 * struct are covered by the functions that touch them: those documented
 * "under lock" are UKT_REQUIRES(lock).
 */
#ifndef UKTHREAD_LIB_THREAD_SAFETY_H
#define UKTHREAD_LIB_THREAD_SAFETY_H

#include <pthread.h>

#include <ukthread/compiler.h>

/* A type whose objects are locks ("capabilities"), named @x in warnings. */
#define UKT_CAPABILITY(x)		UKT__TSA(capability(x))
/* A variable read or written only with lock @x held. */
#define UKT_GUARDED_BY(x)		UKT__TSA(guarded_by(x))
/* A pointer whose target is read or written only with lock @x held. */
#define UKT_PT_GUARDED_BY(x)		UKT__TSA(pt_guarded_by(x))
/* The caller holds these locks, and still holds them on return. */
#define UKT_REQUIRES(...)		UKT__TSA(requires_capability(__VA_ARGS__))
/* The caller must not hold these locks (the function takes them). */
#define UKT_EXCLUDES(...)		UKT__TSA(locks_excluded(__VA_ARGS__))
/* The function returns with these locks held, taken by it. */
#define UKT_ACQUIRE(...)		UKT__TSA(acquire_capability(__VA_ARGS__))
/* The function releases these locks, held by the caller. */
#define UKT_RELEASE(...)		UKT__TSA(release_capability(__VA_ARGS__))
/* The function takes the locks when it returns @ret (nonzero: true). */
#define UKT_TRY_ACQUIRE(ret, ...)	UKT__TSA(try_acquire_capability(ret, __VA_ARGS__))
/* No analysis inside this function: say why where it is used. */
#define UKT_NO_THREAD_SAFETY_ANALYSIS	UKT__TSA(no_thread_safety_analysis)

/*
 * ukt__mutex_t - a pthread mutex that the analysis knows as a lock; the
 * same type as pthread_mutex_t (PTHREAD_MUTEX_INITIALIZER initialises it).
 */
typedef pthread_mutex_t UKT_CAPABILITY("mutex") ukt__mutex_t;

/* pthread_mutex_lock(), annotated; the default mutex cannot fail here. */
static inline void ukt__mutex_lock(ukt__mutex_t *m)
	UKT_ACQUIRE(*m) UKT_NO_THREAD_SAFETY_ANALYSIS
{
	pthread_mutex_lock(m);
}

/* pthread_mutex_unlock(), annotated. */
static inline void ukt__mutex_unlock(ukt__mutex_t *m)
	UKT_RELEASE(*m) UKT_NO_THREAD_SAFETY_ANALYSIS
{
	pthread_mutex_unlock(m);
}

#endif /* UKTHREAD_LIB_THREAD_SAFETY_H */
