/* SPDX-License-Identifier: MIT */
/*
 * ukthread/rwsem.h - reader/writer semaphores: struct rw_semaphore,
 * down_read(), down_write() and downgrade_write().
 *
 * Many readers or one writer hold it.  Sleepers queue in FIFO order and
 * are let in in that order: a reader that arrives while a writer waits
 * queues behind it, so writers never starve; when the head of the queue
 * is let in, the readers right behind it come in together.  A writer may
 * turn itself into a reader with downgrade_write() without letting
 * another writer in between.
 */
#ifndef UKTHREAD_RWSEM_H
#define UKTHREAD_RWSEM_H

#include <ukthread/compiler.h>
#include <ukthread/list.h>
#include <ukthread/spinlock.h>

/**
 * struct ukt_rw_semaphore - a reader/writer semaphore.
 * @lock: protects the other members.
 * @readers: readers holding it.
 * @writer: 1 while a writer holds it.
 * @wait_list: sleeping tasks, oldest first.
 */
struct ukt_rw_semaphore {
	ukt_spinlock_t lock;
	int readers;
	int writer;
	struct ukt_list_head wait_list;
};

/**
 * __UKT_RWSEM_INITIALIZER - static initialiser of a free rw_semaphore.
 * @name: the semaphore being initialised.
 */
#define __UKT_RWSEM_INITIALIZER(name) \
	{ UKT_SPINLOCK_INIT, 0, 0, UKT_LIST_HEAD_INIT((name).wait_list) }

/**
 * UKT_DECLARE_RWSEM - define a free rw_semaphore.
 * @name: name of the struct ukt_rw_semaphore variable.
 */
#define UKT_DECLARE_RWSEM(name) \
	struct ukt_rw_semaphore name = __UKT_RWSEM_INITIALIZER(name)

/**
 * ukt_init_rwsem - initialise an rw_semaphore, free.
 * @sem: the semaphore, not held and with no sleeper.
 */
UKT_API void ukt_init_rwsem(struct ukt_rw_semaphore *sem);

/**
 * ukt_down_read - take it for reading, sleeping until no writer holds
 * it or waits before the caller.
 * @sem: the semaphore.
 */
UKT_API void ukt_down_read(struct ukt_rw_semaphore *sem);

/**
 * ukt_down_read_interruptible - down_read(), sleeping interruptibly.
 * @sem: the semaphore.
 *
 * Return: 0 when taken; -EINTR, not taken, when the caller is a kthread
 * being stopped.
 */
UKT_API int ukt_down_read_interruptible(struct ukt_rw_semaphore *sem);

/**
 * ukt_down_read_killable - down_read(), sleeping killably.
 * @sem: the semaphore.
 *
 * A fatal signal ends the whole process in user space.
 *
 * Return: 0 when taken.
 */
UKT_API int ukt_down_read_killable(struct ukt_rw_semaphore *sem);

/**
 * ukt_down_read_trylock - take it for reading if that needs no sleep.
 * @sem: the semaphore.
 *
 * Return: 1 when taken, 0 when not.
 */
UKT_API int ukt_down_read_trylock(struct ukt_rw_semaphore *sem);

/**
 * ukt_up_read - release a read hold.
 * @sem: the semaphore, held for reading by the caller.
 */
UKT_API void ukt_up_read(struct ukt_rw_semaphore *sem);

/**
 * ukt_down_write - take it for writing, sleeping until nobody holds it
 * and nobody waits before the caller.
 * @sem: the semaphore.
 */
UKT_API void ukt_down_write(struct ukt_rw_semaphore *sem);

/**
 * ukt_down_write_killable - down_write(), sleeping killably.
 * @sem: the semaphore.
 *
 * A fatal signal ends the whole process in user space.
 *
 * Return: 0 when taken.
 */
UKT_API int ukt_down_write_killable(struct ukt_rw_semaphore *sem);

/**
 * ukt_down_write_trylock - take it for writing if it is free.
 * @sem: the semaphore.
 *
 * Return: 1 when taken, 0 when not.
 */
UKT_API int ukt_down_write_trylock(struct ukt_rw_semaphore *sem);

/**
 * ukt_up_write - release the write hold.
 * @sem: the semaphore, held for writing by the caller.
 */
UKT_API void ukt_up_write(struct ukt_rw_semaphore *sem);

/**
 * ukt_downgrade_write - turn the caller's write hold into a read hold.
 * @sem: the semaphore, held for writing by the caller.
 *
 * The readers waiting at the head of the queue come in with the caller;
 * no writer can get in between.
 */
UKT_API void ukt_downgrade_write(struct ukt_rw_semaphore *sem);

/**
 * ukt_rwsem_is_locked - test whether anyone holds it.
 * @sem: the semaphore.
 *
 * Return: nonzero while it is held for reading or writing (a hint).
 */
static inline int ukt_rwsem_is_locked(struct ukt_rw_semaphore *sem)
{
	return __atomic_load_n(&sem->readers, __ATOMIC_RELAXED) ||
	       __atomic_load_n(&sem->writer, __ATOMIC_RELAXED);
}

#include <ukthread/map/rwsem.h>

#endif /* UKTHREAD_RWSEM_H */
