/* SPDX-License-Identifier: MIT */
/*
 * linux/mutex.h - struct mutex over a pthread_mutex_t.
 *
 * mutex_lock_interruptible() and mutex_lock_killable() never give up
 * (they return 0): user-space signals do not interrupt them.  As in the
 * kernel, a mutex is unlocked by the thread that locked it and never
 * taken recursively.  mutex_destroy() releases the pthread mutex; a
 * DEFINE_MUTEX() one needs no destroy.
 */
#ifndef UKT_COMPAT_LINUX_MUTEX_H
#define UKT_COMPAT_LINUX_MUTEX_H

#include <pthread.h>
#include <linux/compiler.h>
#include <linux/lockdep.h>
#include <linux/types.h>

/**
 * struct mutex - a sleeping lock.
 * @__lock: the POSIX mutex.
 * @__held: 1 while held, for mutex_is_locked().
 */
struct mutex {
	pthread_mutex_t __lock;
	int __held;
};

/** __MUTEX_INITIALIZER - static initialiser of an unlocked mutex. */
#define __MUTEX_INITIALIZER(lockname) \
	{ .__lock = PTHREAD_MUTEX_INITIALIZER, .__held = 0 }
/** DEFINE_MUTEX - define @mutexname, an unlocked mutex. */
#define DEFINE_MUTEX(mutexname) \
	struct mutex mutexname = __MUTEX_INITIALIZER(mutexname)

/** mutex_init - initialise @lock unlocked. */
static inline void mutex_init(struct mutex *lock)
{
	pthread_mutex_init(&lock->__lock, NULL);
	lock->__held = 0;
}

/** mutex_destroy - release the resources of the unlocked @lock. */
static inline void mutex_destroy(struct mutex *lock)
{
	pthread_mutex_destroy(&lock->__lock);
}

/** mutex_lock - take @lock, sleeping while another thread holds it. */
static inline void mutex_lock(struct mutex *lock)
{
	pthread_mutex_lock(&lock->__lock);
	__atomic_store_n(&lock->__held, 1, __ATOMIC_RELAXED);
}

/** mutex_unlock - release @lock. */
static inline void mutex_unlock(struct mutex *lock)
{
	__atomic_store_n(&lock->__held, 0, __ATOMIC_RELAXED);
	pthread_mutex_unlock(&lock->__lock);
}

/** mutex_trylock - take @lock if it is free; 1 on success, else 0. */
static inline int mutex_trylock(struct mutex *lock)
{
	if (pthread_mutex_trylock(&lock->__lock))
		return 0;
	__atomic_store_n(&lock->__held, 1, __ATOMIC_RELAXED);
	return 1;
}

/** mutex_is_locked - true while some thread holds @lock (a hint). */
static inline bool mutex_is_locked(struct mutex *lock)
{
	return __atomic_load_n(&lock->__held, __ATOMIC_RELAXED);
}

/** mutex_lock_interruptible - mutex_lock(); returns 0. */
static inline __must_check int mutex_lock_interruptible(struct mutex *lock)
{
	mutex_lock(lock);
	return 0;
}

/** mutex_lock_killable - mutex_lock(); returns 0. */
static inline __must_check int mutex_lock_killable(struct mutex *lock)
{
	mutex_lock(lock);
	return 0;
}

#define mutex_lock_nested(lock, subclass)		mutex_lock(lock)
#define mutex_lock_io(lock)				mutex_lock(lock)
#define mutex_lock_interruptible_nested(lock, subclass)	mutex_lock_interruptible(lock)
#define mutex_lock_killable_nested(lock, subclass)	mutex_lock_killable(lock)

#endif /* UKT_COMPAT_LINUX_MUTEX_H */
