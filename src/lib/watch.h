/* SPDX-License-Identifier: MIT */
/*
 * lib/watch.h - how the hung-work watchdog (kernel/watchdog.c) sleeps
 * without a timeout while there is nothing to watch, and is woken when
 * there is again.
 *
 * The watchdog sets @ukt__watch_waiting to 1, then looks at every task;
 * finding nothing to watch it sleeps on the word.  Whoever starts
 * something the watchdog watches (a kthread's first wakeup, a worker
 * leaving its idle sleep, a kthread going to sleep uninterruptibly) first makes that visible, then
 * calls ukt__watch_poke(): both sides store then load with a full fence
 * between, so either the watchdog sees the change or the poker sees the
 * word at 1 and wakes it.  With the watchdog off the word stays 0 and a
 * poke costs a fence and a load, only on those slow paths.
 */
#ifndef UKTHREAD_LIB_WATCH_H
#define UKTHREAD_LIB_WATCH_H

#include <stdbool.h>
#include <time.h>

#include "lib/lib.h"

/* 1 while the watchdog may sleep without a timeout. */
UKT_HIDDEN extern int ukt__watch_waiting;

/** ukt__watch_wake - wake the watchdog sleeping in ukt__watch_sleep(). */
UKT_HIDDEN void ukt__watch_wake(void);

/** ukt__watch_kick - wake the watchdog, whichever way it sleeps (its limit changed). */
UKT_HIDDEN void ukt__watch_kick(void);

/**
 * ukt__watch_sleep - the watchdog sleeps until woken or @deadline.
 * @deadline: absolute CLOCK_MONOTONIC time, or NULL for none.
 * @armed: after ukt__watch_arm() and a look that found nothing to watch:
 *	a poke ends the sleep; otherwise only ukt__watch_kick() does.
 */
UKT_HIDDEN void ukt__watch_sleep(const struct timespec *deadline, bool armed);

/** ukt__watch_arm - the watchdog is about to look: pokes from now on wake it. */
static inline void ukt__watch_arm(void)
{
	__atomic_store_n(&ukt__watch_waiting, 1, __ATOMIC_SEQ_CST);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
}

/** ukt__watch_poke - something to watch has begun: wake the watchdog if it waits. */
static inline void ukt__watch_poke(void)
{
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if (ukt_unlikely(__atomic_load_n(&ukt__watch_waiting, __ATOMIC_RELAXED)))
		ukt__watch_wake();
}

#endif /* UKTHREAD_LIB_WATCH_H */
