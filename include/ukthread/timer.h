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
 * @entry: node in its timer wheel slot while armed.
 * @expires: expiry in jiffies.
 * @function: called on the timer thread once @expires has passed.
 * @flags: TIMER_* flags (accepted; all timers behave as TIMER_IRQSAFE).
 * @__due: the first tick at which it may fire (internal).
 * @__slot: where it sits in the timer wheel (internal).
 * @__pending: 1 while armed (internal; read with timer_pending()).
 * @__shutdown: set by timer_shutdown_sync(): re-arming is ignored.
 */
struct ukt_timer_list {
	struct ukt_list_head entry;
	unsigned long expires;
	void (*function)(struct ukt_timer_list *timer);
	unsigned int flags;
	unsigned long long __due;
	int __slot;
	int __pending;
	int __shutdown;
};

/**
 * UKT_TIMER_INITIALIZER - static initialiser of a timer, not armed.
 * @name: the timer being initialised (not used).
 * @fn: the function to call when it fires.
 * @fl: TIMER_* flags.
 */
#define UKT_TIMER_INITIALIZER(name, fn, fl) {				\
	.entry = { NULL, NULL }, .expires = 0, .function = (fn),	\
	.flags = (fl) }

/**
 * UKT_DEFINE_TIMER - define a timer, not armed.
 * @name: name of the struct ukt_timer_list variable.
 * @fn: the function to call when it fires.
 */
#define UKT_DEFINE_TIMER(name, fn) \
	struct ukt_timer_list name = UKT_TIMER_INITIALIZER(name, fn, 0)

/**
 * ukt_timer_setup - initialise a timer, not armed.
 * @timer: the timer.
 * @fn: the function to call on the timer thread when it fires.
 * @flags: TIMER_* flags (kept; every timer behaves as TIMER_IRQSAFE).
 *
 * Also undoes timer_shutdown_sync().  The timer must not be armed.
 */
UKT_API void ukt_timer_setup(struct ukt_timer_list *timer,
			     void (*fn)(struct ukt_timer_list *), unsigned int flags);

/**
 * ukt_mod_timer - arm a timer, or move it if armed.
 * @timer: the timer.
 * @expires: when it fires, in jiffies.
 *
 * The function runs no sooner than @expires - jiffies milliseconds after
 * the call, and late by less than the granularity of the timer wheel's
 * slot it goes to: 1 ms for up to 63 ms ahead, then 8, 64, 512 ms... for
 * each level, less than 8/63 of the delay.  O(1) however many timers are
 * armed.  A timer shut down with timer_shutdown_sync() is left alone;
 * one without a function warns and is left alone.  Starts the timer
 * thread on first use; if that thread cannot be made, the call warns and
 * leaves @timer as it was (not armed), and the next call tries again.
 *
 * Return: 1 if @timer was armed before, 0 if not; -EAGAIN (the timer
 * thread could not be started; only before the first timer ever fired).
 */
UKT_API int ukt_mod_timer(struct ukt_timer_list *timer, unsigned long expires);

/**
 * ukt_add_timer - arm a timer at its @expires field.
 * @timer: the timer, with @timer->expires set.
 *
 * Warns if it was already armed, and then moves it.  If the timer thread
 * cannot be started, warns and leaves @timer not armed (see mod_timer()).
 */
UKT_API void ukt_add_timer(struct ukt_timer_list *timer);

/**
 * ukt_timer_reduce - arm a timer, or move it earlier, never later.
 * @timer: the timer.
 * @expires: when it fires, in jiffies.
 *
 * An armed timer that would fire before @expires is left as it is.
 *
 * Return: 1 if @timer was armed before, 0 if not, -EAGAIN when the timer
 * thread could not be started (see mod_timer()).
 */
UKT_API int ukt_timer_reduce(struct ukt_timer_list *timer, unsigned long expires);

/**
 * ukt_timer_delete - disarm a timer.
 * @timer: the timer.
 *
 * Does not wait: the function may still be running on the timer thread.
 *
 * Return: 1 if @timer was armed, 0 if not.
 */
UKT_API int ukt_timer_delete(struct ukt_timer_list *timer);

/**
 * ukt_timer_delete_sync - disarm a timer and wait for its function.
 * @timer: the timer.
 *
 * On return @timer is disarmed and its function is not running, also
 * when the function re-armed it meanwhile.  Called from @timer's own
 * function it warns, only disarms, and does not wait (that would never
 * end).
 *
 * Return: 1 if @timer was armed, 0 if not.
 */
UKT_API int ukt_timer_delete_sync(struct ukt_timer_list *timer);

/**
 * ukt_try_to_del_timer_sync - disarm a timer unless its function runs.
 * @timer: the timer.
 *
 * Return: 1 if @timer was disarmed, 0 if it was not armed, -1 if its
 * function is running now (then nothing is done).
 */
UKT_API int ukt_try_to_del_timer_sync(struct ukt_timer_list *timer);

/**
 * ukt_timer_shutdown_sync - disarm a timer for good and wait for its
 * function.
 * @timer: the timer.
 *
 * timer_delete_sync(), and every later attempt to arm @timer is ignored
 * until timer_setup().
 *
 * Return: 1 if @timer was armed, 0 if not.
 */
UKT_API int ukt_timer_shutdown_sync(struct ukt_timer_list *timer);

/**
 * ukt_in_timer_callback - test whether the caller runs a timer's function.
 *
 * The kernel runs timer functions in softirq context; here they run on
 * the timer thread, and this says when.  The compat headers build
 * in_serving_softirq(), in_interrupt() and in_task() on it.
 *
 * Return: true on the timer thread while it runs a timer's function
 * (the timers of delayed works included), false everywhere else.
 */
UKT_API bool ukt_in_timer_callback(void);

/**
 * ukt_timer_pending - test whether a timer is armed.
 * @timer: the timer.
 *
 * Return: true while @timer is armed; false once its function was taken
 * to run, and when it is disarmed.
 */
static inline bool ukt_timer_pending(const struct ukt_timer_list *timer)
{
	return __atomic_load_n(&timer->__pending, __ATOMIC_ACQUIRE);
}

/**
 * ukt_from_timer - the structure that embeds a timer, in its function.
 * @var: a pointer variable of the structure's type (only its type is used).
 * @callback_timer: the timer the function was called with.
 * @timer_fieldname: name of the timer member in the structure.
 *
 * Return: a pointer to the structure that embeds @callback_timer.
 */
#define ukt_from_timer(var, callback_timer, timer_fieldname) \
	ukt_container_of(callback_timer, __typeof__(*var), timer_fieldname)

#include <ukthread/map/timer.h>

#endif /* UKTHREAD_TIMER_H */
