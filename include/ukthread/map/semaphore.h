/* SPDX-License-Identifier: MIT */
/* Kernel spellings of ukthread/semaphore.h.  Define UKTHREAD_NO_KERNEL_NAMES to go without. */
/* down() and up() are function-like: a variable named up is left alone. */
#ifndef UKTHREAD_NO_KERNEL_NAMES
#define semaphore		ukt_semaphore
#define __SEMAPHORE_INITIALIZER		__UKT_SEMAPHORE_INITIALIZER
#define DEFINE_SEMAPHORE		UKT_DEFINE_SEMAPHORE
/**
 * sema_init - initialise a semaphore.
 * @sem: the semaphore.
 * @val: its count.
 */
#define sema_init(sem, val)	ukt_sema_init(sem, val)
/**
 * down - take a unit, sleeping uninterruptibly.
 * @sem: the semaphore.
 */
#define down(sem)	ukt_down(sem)
/**
 * down_interruptible - take a unit, sleeping interruptibly.
 * @sem: the semaphore.
 *
 * Return: 0, or -EINTR when the kthread is being stopped.
 */
#define down_interruptible(sem)	ukt_down_interruptible(sem)
/**
 * down_killable - take a unit, sleeping killably.
 * @sem: the semaphore.
 *
 * Return: 0.
 */
#define down_killable(sem)	ukt_down_killable(sem)
/**
 * down_timeout - take a unit within a time.
 * @sem: the semaphore.
 * @t: the longest sleep, in jiffies.
 *
 * Return: 0, or -ETIME when @t ran out.
 */
#define down_timeout(sem, t)	ukt_down_timeout(sem, t)
/**
 * down_trylock - take a unit without sleeping.
 * @sem: the semaphore.
 *
 * Return: 0 when taken, 1 when none was free.
 */
#define down_trylock(sem)	ukt_down_trylock(sem)
/**
 * up - release a unit to the oldest sleeper.
 * @sem: the semaphore.
 */
#define up(sem)	ukt_up(sem)
#endif
