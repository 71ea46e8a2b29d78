/* SPDX-License-Identifier: MIT */
/*
 * linux/spinlock.h - spinlock_t and raw_spinlock_t, both ukthread's
 * ukt_spinlock_t (spins briefly, then sleeps on a futex).
 *
 * The _irq, _irqsave and _bh forms take the lock the same way: there are
 * no interrupts to mask.  The flags of spin_lock_irqsave() are set to 0
 * and read back by spin_unlock_irqrestore().  A holder may be preempted,
 * so keep critical sections short as in the kernel; sleeping with a
 * spinlock held is not detected.
 */
#ifndef UKT_COMPAT_LINUX_SPINLOCK_H
#define UKT_COMPAT_LINUX_SPINLOCK_H

#include <linux/atomic.h>	/* as the kernel's: atomic_t comes along */
#include <linux/bug.h>
#include <linux/compiler.h>
#include <linux/irqflags.h>
#include <linux/lockdep.h>
#include <linux/preempt.h>
#include <linux/types.h>
#include <ukthread/spinlock.h>

/** typedef spinlock_t - the kernel's spinlock: a ukt_spinlock_t. */
typedef ukt_spinlock_t spinlock_t;
/** typedef raw_spinlock_t - the same lock under its raw name. */
typedef ukt_spinlock_t raw_spinlock_t;

/** __SPIN_LOCK_UNLOCKED - initialiser of an unlocked spinlock. */
#define __SPIN_LOCK_UNLOCKED(lockname)		UKT_SPINLOCK_INIT
#define __RAW_SPIN_LOCK_UNLOCKED(lockname)	UKT_SPINLOCK_INIT
/** DEFINE_SPINLOCK - define @x, an unlocked spinlock_t. */
#define DEFINE_SPINLOCK(x)	spinlock_t x = UKT_SPINLOCK_INIT
/** DEFINE_RAW_SPINLOCK - define @x, an unlocked raw_spinlock_t. */
#define DEFINE_RAW_SPINLOCK(x)	raw_spinlock_t x = UKT_SPINLOCK_INIT

/** spin_lock_init - initialise the spinlock at @lock unlocked. */
#define spin_lock_init			ukt_spin_lock_init
/** spin_lock - take @lock. */
#define spin_lock			ukt_spin_lock
/** spin_unlock - release @lock. */
#define spin_unlock			ukt_spin_unlock
/** spin_trylock - take @lock if free; nonzero on success. */
#define spin_trylock			ukt_spin_trylock
/** spin_is_locked - nonzero while someone holds @lock (a hint). */
#define spin_is_locked			ukt_spin_is_locked
/** spin_is_contended - nonzero while a thread sleeps waiting for @lock. */
#define spin_is_contended(lock)	(__atomic_load_n(&(lock)->val, __ATOMIC_RELAXED) == 2)
#define spin_lock_nested(lock, subclass)	ukt_spin_lock(lock)
#define spin_lock_irq(lock)		ukt_spin_lock(lock)
#define spin_unlock_irq(lock)		ukt_spin_unlock(lock)
#define spin_lock_bh(lock)		ukt_spin_lock(lock)
#define spin_unlock_bh(lock)		ukt_spin_unlock(lock)
#define spin_trylock_irq(lock)		ukt_spin_trylock(lock)
#define spin_trylock_bh(lock)		ukt_spin_trylock(lock)
/** spin_lock_irqsave - take @lock; @flags is set to 0. */
#define spin_lock_irqsave(lock, flags) \
	do { local_irq_save(flags); ukt_spin_lock(lock); } while (0)
#define spin_lock_irqsave_nested(lock, flags, subclass) \
	spin_lock_irqsave(lock, flags)
/** spin_unlock_irqrestore - release @lock; @flags is only read. */
#define spin_unlock_irqrestore(lock, flags) \
	do { ukt_spin_unlock(lock); local_irq_restore(flags); } while (0)
/** spin_trylock_irqsave - spin_trylock(); @flags is set to 0. */
#define spin_trylock_irqsave(lock, flags) \
	__extension__ ({ local_irq_save(flags); ukt_spin_trylock(lock); })
/** assert_spin_locked - warn (once per site) when @lock is not held. */
#define assert_spin_locked(lock) \
	do { (void)WARN_ON_ONCE(!ukt_spin_is_locked(lock)); } while (0)

/* The raw_ forms: the same lock, the same behaviour. */
#define raw_spin_lock_init		ukt_spin_lock_init
#define raw_spin_lock			ukt_spin_lock
#define raw_spin_unlock			ukt_spin_unlock
#define raw_spin_trylock		ukt_spin_trylock
#define raw_spin_is_locked		ukt_spin_is_locked
#define raw_spin_lock_nested(lock, subclass)	ukt_spin_lock(lock)
#define raw_spin_lock_irq(lock)		ukt_spin_lock(lock)
#define raw_spin_unlock_irq(lock)	ukt_spin_unlock(lock)
#define raw_spin_lock_bh(lock)		ukt_spin_lock(lock)
#define raw_spin_unlock_bh(lock)	ukt_spin_unlock(lock)
#define raw_spin_lock_irqsave(lock, flags)	spin_lock_irqsave(lock, flags)
#define raw_spin_unlock_irqrestore(lock, flags)	spin_unlock_irqrestore(lock, flags)
#define raw_spin_trylock_irqsave(lock, flags)	spin_trylock_irqsave(lock, flags)

#endif /* UKT_COMPAT_LINUX_SPINLOCK_H */
