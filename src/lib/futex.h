/* SPDX-License-Identifier: MIT */
/* lib/futex.h - the two system calls everything sleeps and wakes with. */
#ifndef UKTHREAD_LIB_FUTEX_H
#define UKTHREAD_LIB_FUTEX_H

#include <time.h>

#include "lib/lib.h"

/**
 * ukt__futex_wait - sleep while *@addr == @val.
 * @addr: the futex word.
 * @val: the value it is expected to hold.
 * @abs_mono: absolute CLOCK_MONOTONIC deadline, or NULL for none.
 *
 * Return: 0 when woken (or spuriously), -EAGAIN if *@addr did not hold
 * @val, -ETIMEDOUT, or -EINTR.
 */
UKT_HIDDEN int ukt__futex_wait(int *addr, int val, const struct timespec *abs_mono);

/**
 * ukt__futex_wake - wake up to @nr threads sleeping on @addr.
 * @addr: the futex word.
 * @nr: how many to wake at most.
 */
UKT_HIDDEN void ukt__futex_wake(int *addr, int nr);

#endif /* UKTHREAD_LIB_FUTEX_H */
