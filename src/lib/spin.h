/* SPDX-License-Identifier: MIT */
/*
 * lib/spin.h - the spin-then-sleep policy: a pause, and a bounded spin
 * that looks at its condition only every few pauses.
 *
 * Spinning pays when the other side is running on another CPU and a
 * sleep would cost two wakeups; on one CPU it only delays the other side,
 * so ukt__spin_until() does not spin at all there.
 */
#ifndef UKTHREAD_LIB_SPIN_H
#define UKTHREAD_LIB_SPIN_H

#include <sched.h>
#include <stdbool.h>

#include "lib/clock.h"
#include "lib/cpumask.h"

/* Pauses between two looks at the condition in ukt__spin_until(). */
#define UKT_SPIN_LOOK_EVERY	256

/** ukt__cpu_relax - a pause in a spin loop. */
static inline void ukt__cpu_relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
	__builtin_ia32_pause();
#elif defined(__aarch64__)
	__asm__ __volatile__("yield" ::: "memory");
#else
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
#endif
}

/**
 * ukt__spin_until - spin a while for @done, on more than one CPU only.
 * @done: the condition waited for.
 * @give_up: checked at every look; true ends the spin early (may be NULL).
 * @arg: argument of both.
 * @ns: the longest the spin may last.
 *
 * Looks at @done after every pause but tests @give_up and the clock, then
 * yields the CPU (a thread on this CPU may be the one we wait for), only
 * every UKT_SPIN_LOOK_EVERY pauses: each look at the clock costs, and a
 * consumer that looks less often lets producers' works pile up into batches.
 *
 * Return: @done(@arg) as it was last seen.
 */
static inline bool ukt__spin_until(bool (*done)(void *arg), bool (*give_up)(void *arg),
				   void *arg, long long ns)
{
	long long end;

	if (!ukt__multi_cpu())
		return done(arg);
	end = ukt__now_ns() + ns;
	for (unsigned int i = 1; !done(arg); i++) {
		ukt__cpu_relax();
		if (i % UKT_SPIN_LOOK_EVERY)
			continue;
		if ((give_up && give_up(arg)) || ukt__now_ns() > end)
			return done(arg);
		sched_yield();
	}
	return true;
}

#endif /* UKTHREAD_LIB_SPIN_H */
