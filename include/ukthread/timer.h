/* SPDX-License-Identifier: MIT */
/*
 * ukthread/timer.h - timer_list timers.
 *
 * Timers run their function on one timer thread ("ktimers"), in expiry
 * order, driven by CLOCK_MONOTONIC: a jump of the wall clock never moves
 * a timer.  A timer armed for jiffies + n fires n milliseconds after the
 * call, never earlier.  The function runs without any lock held and may
 * re-arm its own timer.
 */
#ifndef UKTHREAD_TIMER_H
#define UKTHREAD_TIMER_H

#include <stdbool.h>
#include <ukthread/compiler.h>
#include <ukthread/list.h>

#define UKT_TIMER_DEFERRABLE	0x00080000
#define UKT_TIMER_PINNED	0x00100000
#define UKT_TIMER_IRQSAFE	0x00200000

/**
 * struct ukt_timer_list - a one-shot timer.
 * @entry: node in the timer thread's list, ordered by expiry.
 * @expires: expiry in jiffies.
 * @function: called on the timer thread once @expires has passed.
 * @flags: TIMER_* flags (accepted; all timers behave as TIMER_IRQSAFE).
 * @__expires_ns: CLOCK_MONOTONIC expiry in ns (internal).
 * @__pending: 1 while armed (internal; read with timer_pending()).
 * @__shutdown: set by timer_shutdown_sync(): re-arming is ignored.
 */
struct ukt_timer_list {
	struct ukt_list_head entry;
	unsigned long expires;
	void (*function)(struct ukt_timer_list *timer);
	unsigned int flags;
	long long __expires_ns;
	int __pending;
	int __shutdown;
};

#define UKT_TIMER_INITIALIZER(name, fn, fl) {				\
	.entry = { NULL, NULL }, .expires = 0, .function = (fn),	\
	.flags = (fl) }
#define UKT_DEFINE_TIMER(name, fn) \
	struct ukt_timer_list name = UKT_TIMER_INITIALIZER(name, fn, 0)

/** ukt_timer_setup - initialise @timer to call @fn; not armed. */
UKT_API void ukt_timer_setup(struct ukt_timer_list *timer,
			     void (*fn)(struct ukt_timer_list *), unsigned int flags);

/**
 * ukt_mod_timer - (re)arm @timer to fire at @expires (jiffies).
 * Returns 1 if it was armed before, 0 if not.
 */
UKT_API int ukt_mod_timer(struct ukt_timer_list *timer, unsigned long expires);

/** ukt_add_timer - arm @timer at @timer->expires; warns if already armed. */
UKT_API void ukt_add_timer(struct ukt_timer_list *timer);

/**
 * ukt_timer_reduce - arm @timer at @expires, or move it earlier; never
 * later.  Returns 1 if it was armed before.
 */
UKT_API int ukt_timer_reduce(struct ukt_timer_list *timer, unsigned long expires);

/**
 * ukt_timer_delete - disarm @timer; returns 1 if it was armed.  The
 * function may still be running on the timer thread.
 */
UKT_API int ukt_timer_delete(struct ukt_timer_list *timer);

/**
 * ukt_timer_delete_sync - disarm @timer and wait until its function is
 * not running; returns 1 if it was armed.  Called from @timer's own
 * function it warns and does not wait (that would never end).
 */
UKT_API int ukt_timer_delete_sync(struct ukt_timer_list *timer);

/**
 * ukt_try_to_del_timer_sync - disarm @timer unless its function runs:
 * 1 disarmed, 0 was not armed, -1 running now.
 */
UKT_API int ukt_try_to_del_timer_sync(struct ukt_timer_list *timer);

/**
 * ukt_timer_shutdown_sync - timer_delete_sync(), and ignore every later
 * attempt to arm @timer until timer_setup().
 */
UKT_API int ukt_timer_shutdown_sync(struct ukt_timer_list *timer);

/** ukt_timer_pending - true while @timer is armed. */
static inline bool ukt_timer_pending(const struct ukt_timer_list *timer)
{
	return __atomic_load_n(&timer->__pending, __ATOMIC_ACQUIRE);
}

#define ukt_from_timer(var, callback_timer, timer_fieldname) \
	ukt_container_of(callback_timer, __typeof__(*var), timer_fieldname)

/*
 * timer_delete() is left out: POSIX has a timer_delete() in <time.h>.
 * <linux/timer.h> in the compat directory maps it.
 */
#ifndef UKTHREAD_NO_KERNEL_NAMES
#define timer_list		ukt_timer_list
#define TIMER_DEFERRABLE	UKT_TIMER_DEFERRABLE
#define TIMER_PINNED		UKT_TIMER_PINNED
#define TIMER_IRQSAFE		UKT_TIMER_IRQSAFE
#define __TIMER_INITIALIZER	UKT_TIMER_INITIALIZER
#define DEFINE_TIMER		UKT_DEFINE_TIMER
#define timer_setup		ukt_timer_setup
#define mod_timer		ukt_mod_timer
#define add_timer		ukt_add_timer
#define timer_reduce		ukt_timer_reduce
#define del_timer		ukt_timer_delete
#define del_timer_sync		ukt_timer_delete_sync
#define timer_delete_sync	ukt_timer_delete_sync
#define try_to_del_timer_sync	ukt_try_to_del_timer_sync
#define timer_shutdown_sync	ukt_timer_shutdown_sync
#define timer_pending		ukt_timer_pending
#define from_timer		ukt_from_timer
#define timer_container_of	ukt_from_timer
#endif

#endif /* UKTHREAD_TIMER_H */
