/* SPDX-License-Identifier: MIT */
/*
 * ukthread/spinlock.h - the small lock inside wait queues, completions and
 * workers.
 *
 * A spinlock_t in user space cannot disable preemption, so a holder can be
 * descheduled; this lock therefore spins briefly and then sleeps on a futex.
 * It is 4 bytes, needs no destructor and is statically initialisable.
 * When clang builds the library, the type is a lock to its -Wthread-safety
 * analysis (UKT__TSA, <ukthread/compiler.h>); programs see no attribute.
 */
#ifndef UKTHREAD_SPINLOCK_H
#define UKTHREAD_SPINLOCK_H

#include <ukthread/compiler.h>

/**
 * typedef ukt_spinlock_t - a lock that spins a little, then sleeps.
 * @val: the lock word: 0 unlocked, 1 locked, 2 locked with sleepers.
 */
typedef struct UKT__TSA(capability("spinlock")) {
	int val;
} ukt_spinlock_t;

/**
 * UKT_SPINLOCK_INIT - static initialiser of an unlocked ukt_spinlock_t.
 */
#define UKT_SPINLOCK_INIT { 0 }

/**
 * ukt__spin_lock_slow - the contended path of ukt_spin_lock().
 * @lock: the lock, found taken.
 *
 * Spins a little, then marks the lock as having sleepers and sleeps on it
 * until it is free.  Returns with @lock held.  Called by ukt_spin_lock();
 * call that instead.
 */
UKT_API void ukt__spin_lock_slow(ukt_spinlock_t *lock);

/**
 * ukt__spin_unlock_wake - wake one thread sleeping on a lock.
 * @lock: the lock, just released by a holder that saw sleepers.
 *
 * Called by ukt_spin_unlock(); call that instead.
 */
UKT_API void ukt__spin_unlock_wake(ukt_spinlock_t *lock);

/**
 * ukt_spin_lock_init - initialise a lock, unlocked.
 * @lock: the lock.
 */
static inline void ukt_spin_lock_init(ukt_spinlock_t *lock)
{
	lock->val = 0;
}

/**
 * ukt_spin_lock - take a lock.
 * @lock: the lock.
 *
 * Sleeps if the holder keeps it for long.
 */
static inline void ukt_spin_lock(ukt_spinlock_t *lock)
	UKT__TSA(acquire_capability(lock)) UKT__TSA(no_thread_safety_analysis)
{
	int unlocked = 0;

	if (ukt_unlikely(!__atomic_compare_exchange_n(&lock->val, &unlocked, 1,
			0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED)))
		ukt__spin_lock_slow(lock);
}

/**
 * ukt_spin_trylock - take a lock if it is free, without waiting.
 * @lock: the lock.
 *
 * Return: nonzero if the lock was taken, 0 if it was held.
 */
static inline int ukt_spin_trylock(ukt_spinlock_t *lock)
	UKT__TSA(try_acquire_capability(1, lock)) UKT__TSA(no_thread_safety_analysis)
{
	int unlocked = 0;

	return __atomic_compare_exchange_n(&lock->val, &unlocked, 1, 0,
					   __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

/**
 * ukt_spin_unlock - release a lock.
 * @lock: the lock, held by the caller.
 *
 * Wakes one sleeper if there is one.
 */
static inline void ukt_spin_unlock(ukt_spinlock_t *lock)
	UKT__TSA(release_capability(lock)) UKT__TSA(no_thread_safety_analysis)
{
	if (ukt_unlikely(__atomic_exchange_n(&lock->val, 0, __ATOMIC_RELEASE) == 2))
		ukt__spin_unlock_wake(lock);
}

/**
 * ukt_spin_is_locked - test whether someone holds a lock.
 * @lock: the lock.
 *
 * Return: nonzero while the lock is held.  A hint only: it may change
 * right after the test.
 */
static inline int ukt_spin_is_locked(ukt_spinlock_t *lock)
{
	return __atomic_load_n(&lock->val, __ATOMIC_RELAXED) != 0;
}

#endif /* UKTHREAD_SPINLOCK_H */
