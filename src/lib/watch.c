// SPDX-License-Identifier: MIT
/* watch.c - the word the hung-work watchdog sleeps on (lib/watch.h). */
#include "lib/futex.h"
#include "lib/watch.h"

int ukt__watch_waiting;

void ukt__watch_wake(void)
{
	if (__atomic_exchange_n(&ukt__watch_waiting, 0, __ATOMIC_SEQ_CST))
		ukt__futex_wake(&ukt__watch_waiting, 1);
}

void ukt__watch_sleep(const struct timespec *deadline, bool armed)
{
	int v = 1;

	if (armed) {
		(void)ukt__futex_wait(&ukt__watch_waiting, 1, deadline);
		return;
	}
	/*
	 * Pokes are of no use now (the next look comes anyway, or none is
	 * due): 1 goes to 0.  A kick (2) is never overwritten: it ends this
	 * sleep at once.
	 */
	__atomic_compare_exchange_n(&ukt__watch_waiting, &v, 0, 0, __ATOMIC_SEQ_CST,
				    __ATOMIC_SEQ_CST);
	v = __atomic_load_n(&ukt__watch_waiting, __ATOMIC_SEQ_CST);
	if (v == 2) {
		__atomic_store_n(&ukt__watch_waiting, 0, __ATOMIC_SEQ_CST);
		return;
	}
	(void)ukt__futex_wait(&ukt__watch_waiting, v, deadline);
}

void ukt__watch_kick(void)
{
	__atomic_store_n(&ukt__watch_waiting, 2, __ATOMIC_SEQ_CST);
	ukt__futex_wake(&ukt__watch_waiting, 1);
}
