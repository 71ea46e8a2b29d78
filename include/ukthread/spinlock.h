/* SPDX-License-Identifier: MIT */
/*
 * ukthread/spinlock.h - the small lock inside wait queues, completions and
 * workers.
 *
 * A spinlock_t in user space cannot disable preemption, so a holder can be
 * descheduled; this lock therefore spins briefly and then sleeps on a futex.
 * It is 4 bytes, needs no destructor and is statically initialisable.
 */
#ifndef UKTHREAD_SPINLOCK_H
#define UKTHREAD_SPINLOCK_H

#include <ukthread/compiler.h>

/**
 * typedef ukt_spinlock_t - 0 unlocked, 1 locked, 2 locked with sleepers.
 */
typedef struct {
	int val;
} ukt_spinlock_t;

/** UKT_SPINLOCK_INIT - static initialiser of an unlocked ukt_spinlock_t. */
#define UKT_SPINLOCK_INIT { 0 }

UKT_API void ukt__spin_lock_slow(ukt_spinlock_t *lock);
UKT_API void ukt__spin_unlock_wake(ukt_spinlock_t *lock);

/** ukt_spin_lock_init - initialise @lock unlocked. */
static inline void ukt_spin_lock_init(ukt_spinlock_t *lock)
{
	lock->val = 0;
}

/** ukt_spin_lock - take @lock; sleeps if the holder keeps it long. */
static inline void ukt_spin_lock(ukt_spinlock_t *lock)
{
	int unlocked = 0;

	if (ukt_unlikely(!__atomic_compare_exchange_n(&lock->val, &unlocked, 1,
			0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED)))
		ukt__spin_lock_slow(lock);
}

/** ukt_spin_trylock - take @lock if it is free; true on success. */
static inline int ukt_spin_trylock(ukt_spinlock_t *lock)
{
	int unlocked = 0;

	return __atomic_compare_exchange_n(&lock->val, &unlocked, 1, 0,
					   __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

/** ukt_spin_unlock - release @lock, waking one sleeper if there is one. */
static inline void ukt_spin_unlock(ukt_spinlock_t *lock)
{
	if (ukt_unlikely(__atomic_exchange_n(&lock->val, 0, __ATOMIC_RELEASE) == 2))
		ukt__spin_unlock_wake(lock);
}

/** ukt_spin_is_locked - true while someone holds @lock (a hint only). */
static inline int ukt_spin_is_locked(ukt_spinlock_t *lock)
{
	return __atomic_load_n(&lock->val, __ATOMIC_RELAXED) != 0;
}

#endif /* UKTHREAD_SPINLOCK_H */
