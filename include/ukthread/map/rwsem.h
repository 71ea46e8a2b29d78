/* SPDX-License-Identifier: MIT */
/* Kernel spellings of ukthread/rwsem.h.  Define UKTHREAD_NO_KERNEL_NAMES to go without. */
#ifndef UKTHREAD_NO_KERNEL_NAMES
#define rw_semaphore		ukt_rw_semaphore
#define __RWSEM_INITIALIZER		__UKT_RWSEM_INITIALIZER
#define DECLARE_RWSEM		UKT_DECLARE_RWSEM
/**
 * init_rwsem - initialise an rw_semaphore, free.
 * @sem: the semaphore.
 */
#define init_rwsem(sem)	ukt_init_rwsem(sem)
/**
 * down_read - take it for reading.
 * @sem: the semaphore.
 */
#define down_read(sem)	ukt_down_read(sem)
/**
 * down_read_interruptible - take it for reading, sleeping interruptibly.
 * @sem: the semaphore.
 *
 * Return: 0, or -EINTR when the kthread is being stopped.
 */
#define down_read_interruptible(sem)	ukt_down_read_interruptible(sem)
/**
 * down_read_killable - take it for reading, sleeping killably.
 * @sem: the semaphore.
 *
 * Return: 0.
 */
#define down_read_killable(sem)	ukt_down_read_killable(sem)
/**
 * down_read_trylock - take it for reading without sleeping.
 * @sem: the semaphore.
 *
 * Return: 1 when taken, 0 when not.
 */
#define down_read_trylock(sem)	ukt_down_read_trylock(sem)
/**
 * up_read - release a read hold.
 * @sem: the semaphore.
 */
#define up_read(sem)	ukt_up_read(sem)
/**
 * down_write - take it for writing.
 * @sem: the semaphore.
 */
#define down_write(sem)	ukt_down_write(sem)
/**
 * down_write_killable - take it for writing, sleeping killably.
 * @sem: the semaphore.
 *
 * Return: 0.
 */
#define down_write_killable(sem)	ukt_down_write_killable(sem)
/**
 * down_write_trylock - take it for writing without sleeping.
 * @sem: the semaphore.
 *
 * Return: 1 when taken, 0 when not.
 */
#define down_write_trylock(sem)	ukt_down_write_trylock(sem)
/**
 * up_write - release the write hold.
 * @sem: the semaphore.
 */
#define up_write(sem)	ukt_up_write(sem)
/**
 * downgrade_write - turn the write hold into a read hold.
 * @sem: the semaphore.
 */
#define downgrade_write(sem)	ukt_downgrade_write(sem)
/**
 * rwsem_is_locked - test whether anyone holds it.
 * @sem: the semaphore.
 *
 * Return: nonzero while held (a hint).
 */
#define rwsem_is_locked(sem)	ukt_rwsem_is_locked(sem)
/**
 * down_read_nested - down_read() with a lockdep subclass.
 * @sem: the semaphore.
 * @sub: the lockdep subclass (ignored).
 */
#define down_read_nested(sem, sub)	ukt_down_read(sem)
/**
 * down_write_nested - down_write() with a lockdep subclass.
 * @sem: the semaphore.
 * @sub: the lockdep subclass (ignored).
 */
#define down_write_nested(sem, sub)	ukt_down_write(sem)
#endif
