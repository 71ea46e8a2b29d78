/* SPDX-License-Identifier: MIT */
/*
 * linux/ratelimit.h - __ratelimit(): let through at most burst events
 * per interval, as the _ratelimited printk()s of <linux/printk.h> do.
 *
 * A window opens at the first event and lasts @interval jiffies; events
 * beyond @burst in it are held back and counted, and the first event of
 * the next window prints "<func>: N callbacks suppressed" first.  An
 * event that finds the state busy in another thread is held back, as in
 * the kernel (the lock is only tried).
 */
#ifndef UKT_COMPAT_LINUX_RATELIMIT_H
#define UKT_COMPAT_LINUX_RATELIMIT_H

#include <linux/compiler.h>
#include <linux/printk.h>
#include <linux/ratelimit_types.h>
#include <ukthread/sched.h>

/** ratelimit_state_init - initialise @rs: @burst events per @interval jiffies. */
static inline void ratelimit_state_init(struct ratelimit_state *rs, int interval,
					int burst)
{
	struct ratelimit_state fresh = RATELIMIT_STATE_INIT(fresh, interval, burst);

	*rs = fresh;
}

/** ratelimit_default_init - @rs with the default interval and burst. */
static inline void ratelimit_default_init(struct ratelimit_state *rs)
{
	ratelimit_state_init(rs, DEFAULT_RATELIMIT_INTERVAL, DEFAULT_RATELIMIT_BURST);
}

/** ratelimit_set_flags - set the RATELIMIT_* @flags of @rs. */
static inline void ratelimit_set_flags(struct ratelimit_state *rs, unsigned long flags)
{
	rs->flags = (unsigned int)flags;
}

/** ratelimit_state_exit - report what @rs held back, if it was asked to. */
static inline void ratelimit_state_exit(struct ratelimit_state *rs)
{
	if ((rs->flags & RATELIMIT_MSG_ON_RELEASE) && rs->missed) {
		printk(KERN_WARNING "%s: %d output lines suppressed due to ratelimiting\n",
		       ukt_get_current()->comm, rs->missed);
		rs->missed = 0;
	}
}

/**
 * ___ratelimit - count an event against @rs; true when it may go ahead.
 * @func is named in the "callbacks suppressed" report.
 */
static inline int ___ratelimit(struct ratelimit_state *rs, const char *func)
{
	unsigned long now = ukt_jiffies();
	int ok = 0;

	if (!rs->interval)
		return 1;
	if (!ukt_spin_trylock(&rs->lock))
		return 0;
	if (!rs->begin)
		rs->begin = now;
	if (ukt_time_after(now, rs->begin + (unsigned long)rs->interval)) {
		if (rs->missed && !(rs->flags & RATELIMIT_MSG_ON_RELEASE)) {
			printk(KERN_WARNING "%s: %d callbacks suppressed\n", func, rs->missed);
			rs->missed = 0;
		}
		rs->begin = now;
		rs->printed = 0;
	}
	if (rs->burst && rs->burst > rs->printed) {
		rs->printed++;
		ok = 1;
	} else {
		rs->missed++;
	}
	ukt_spin_unlock(&rs->lock);
	return ok;
}

/** __ratelimit - ___ratelimit() of @state, reporting as the calling function. */
#define __ratelimit(state)	___ratelimit(state, __func__)

#endif /* UKT_COMPAT_LINUX_RATELIMIT_H */
