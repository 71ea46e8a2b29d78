/* SPDX-License-Identifier: MIT */
/*
 * ukthread/semaphore.h - counting semaphores: struct semaphore, down()
 * and up().
 *
 * A task that finds the count at 0 sleeps in FIFO order; up() hands its
 * unit straight to the oldest sleeper, so a task that arrives later never
 * overtakes one that waits.  The interruptible forms end with -EINTR when
 * the sleeping kthread is being stopped (kthread_stop()), the _timeout
 * form with -ETIME.  Unlike a mutex, a semaphore may be released by a
 * thread other than the one that took it.
 */
#ifndef UKTHREAD_SEMAPHORE_H
#define UKTHREAD_SEMAPHORE_H

#include <ukthread/compiler.h>
#include <ukthread/list.h>
#include <ukthread/spinlock.h>

/**
 * struct ukt_semaphore - a counting semaphore.
 * @lock: protects @count and @wait_list.
 * @count: units free to take.
 * @wait_list: sleeping tasks, oldest first.
 */
struct ukt_semaphore {
	ukt_spinlock_t lock;
	unsigned int count;
	struct ukt_list_head wait_list;
};

/**
 * __UKT_SEMAPHORE_INITIALIZER - static initialiser of a semaphore.
 * @name: the semaphore being initialised.
 * @n: its count.
 */
#define __UKT_SEMAPHORE_INITIALIZER(name, n) \
	{ UKT_SPINLOCK_INIT, (n), UKT_LIST_HEAD_INIT((name).wait_list) }

/**
 * UKT_DEFINE_SEMAPHORE - define a semaphore: (name, count), or (name)
 * for a count of 1 (the spelling before 6.4).
 * @name: name of the struct ukt_semaphore variable.
 * @...: its count; 1 when left out.
 */
#define UKT_DEFINE_SEMAPHORE(name, ...) \
	struct ukt_semaphore name = \
		__UKT_SEMAPHORE_INITIALIZER(name, ukt__sema_second(0, ##__VA_ARGS__, 1))
#define ukt__sema_second(a, b, ...)	(b)

/**
 * ukt_sema_init - initialise a semaphore.
 * @sem: the semaphore, with no sleeper.
 * @val: its count.
 */
UKT_API void ukt_sema_init(struct ukt_semaphore *sem, int val);

/**
 * ukt_down - take a unit, sleeping uninterruptibly until one is free.
 * @sem: the semaphore.
 */
UKT_API void ukt_down(struct ukt_semaphore *sem);

/**
 * ukt_down_interruptible - take a unit, sleeping interruptibly.
 * @sem: the semaphore.
 *
 * Return: 0 with the unit taken; -EINTR, without it, when the caller is
 * a kthread being stopped.
 */
UKT_API int ukt_down_interruptible(struct ukt_semaphore *sem);

/**
 * ukt_down_killable - take a unit, sleeping killably.
 * @sem: the semaphore.
 *
 * A fatal signal ends the whole process in user space, so this sleeps
 * as down() does.
 *
 * Return: 0 with the unit taken.
 */
UKT_API int ukt_down_killable(struct ukt_semaphore *sem);

/**
 * ukt_down_timeout - take a unit, sleeping at most a number of jiffies.
 * @sem: the semaphore.
 * @timeout: the longest sleep, in jiffies.
 *
 * Return: 0 with the unit taken; -ETIME, without it, when @timeout ran
 * out first.
 */
UKT_API int ukt_down_timeout(struct ukt_semaphore *sem, long timeout);

/**
 * ukt_down_trylock - take a unit if one is free, without sleeping.
 * @sem: the semaphore.
 *
 * Note the kernel's sense, the opposite of mutex_trylock()'s.
 *
 * Return: 0 with the unit taken, 1 when none was free.
 */
UKT_API int ukt_down_trylock(struct ukt_semaphore *sem);

/**
 * ukt_up - release a unit.
 * @sem: the semaphore.
 *
 * Wakes the oldest sleeper and gives it the unit; with none, the count
 * goes up.  Any thread may call it.
 */
UKT_API void ukt_up(struct ukt_semaphore *sem);

#include <ukthread/map/semaphore.h>

#endif /* UKTHREAD_SEMAPHORE_H */
