/* SPDX-License-Identifier: MIT */
/*
 * linux/ratelimit_types.h - struct ratelimit_state and its initialisers;
 * __ratelimit() is in <linux/ratelimit.h>.
 */
#ifndef UKT_COMPAT_LINUX_RATELIMIT_TYPES_H
#define UKT_COMPAT_LINUX_RATELIMIT_TYPES_H

#include <linux/compiler.h>
#include <ukthread/jiffies.h>
#include <ukthread/spinlock.h>

/** DEFAULT_RATELIMIT_INTERVAL - 5 seconds, in jiffies. */
#define DEFAULT_RATELIMIT_INTERVAL	(5 * UKT_HZ)
/** DEFAULT_RATELIMIT_BURST - 10 messages per interval. */
#define DEFAULT_RATELIMIT_BURST		10
/** RATELIMIT_MSG_ON_RELEASE - report what was suppressed only at release. */
#define RATELIMIT_MSG_ON_RELEASE	1

/**
 * struct ratelimit_state - at most @burst events per @interval jiffies.
 * @lock: protects the rest.
 * @interval: the window, in jiffies; 0 lets everything through.
 * @burst: events let through per window; 0 lets nothing through.
 * @printed: events let through in this window.
 * @missed: events held back in this window.
 * @flags: RATELIMIT_MSG_ON_RELEASE or 0.
 * @begin: start of this window in jiffies; 0 before the first event.
 */
struct ratelimit_state {
	ukt_spinlock_t lock;
	int interval;
	int burst;
	int printed;
	int missed;
	unsigned int flags;
	unsigned long begin;
};

/** RATELIMIT_STATE_INIT - initialiser of a struct ratelimit_state. */
#define RATELIMIT_STATE_INIT(name, interval_init, burst_init) {	\
	.lock = UKT_SPINLOCK_INIT, .interval = (interval_init),		\
	.burst = (burst_init) }
/** RATELIMIT_STATE_INIT_DISABLED - a state that lets everything through. */
#define RATELIMIT_STATE_INIT_DISABLED \
	RATELIMIT_STATE_INIT(ratelimit_state, 0, DEFAULT_RATELIMIT_BURST)
/** DEFINE_RATELIMIT_STATE - define @name, a struct ratelimit_state. */
#define DEFINE_RATELIMIT_STATE(name, interval_init, burst_init)	\
	struct ratelimit_state name =					\
		RATELIMIT_STATE_INIT(name, interval_init, burst_init)

#endif /* UKT_COMPAT_LINUX_RATELIMIT_TYPES_H */
