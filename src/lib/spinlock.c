// SPDX-License-Identifier: MIT
/*
 * spinlock.c - slow paths of ukt_spinlock_t.
 *
 * The lock word is 0 (free), 1 (held) or 2 (held, maybe with sleepers).
 * A contender spins a little, since most holders keep the lock for a few
 * list operations; then it marks the word 2 and sleeps on it.  Whoever
 * unlocks a 2 wakes one sleeper, which takes the lock as 2 again, so a
 * sleeper left behind is never forgotten (Drepper, "Futexes are tricky").
 */
#include <ukthread/spinlock.h>

#include "lib/futex.h"
#include "lib/spin.h"

#define SPIN_TRIES 100

void ukt__spin_lock_slow(ukt_spinlock_t *lock)
{
	for (int i = 0; i < SPIN_TRIES; i++) {
		int unlocked = 0;

		if (__atomic_load_n(&lock->val, __ATOMIC_RELAXED) == 0 &&
		    __atomic_compare_exchange_n(&lock->val, &unlocked, 1, 0,
						__ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
			return;
		ukt__cpu_relax();
	}
	while (__atomic_exchange_n(&lock->val, 2, __ATOMIC_ACQUIRE) != 0)
		ukt__futex_wait(&lock->val, 2, NULL);
}

void ukt__spin_unlock_wake(ukt_spinlock_t *lock)
{
	ukt__futex_wake(&lock->val, 1);
}
