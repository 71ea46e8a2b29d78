/* SPDX-License-Identifier: MIT */
/*
 * kernel/time/timer_wheel.h - the hierarchical timer wheel that holds the
 * armed timers (timer_wheel.c), without locks or threads of its own:
 * timer.c holds timer_lock around every call.
 */
#ifndef UKTHREAD_KERNEL_TIME_TIMER_WHEEL_H
#define UKTHREAD_KERNEL_TIME_TIMER_WHEEL_H

#include <stdbool.h>
#include <stdint.h>

#include <ukthread/list.h>
#include <ukthread/timer.h>

#include "lib/lib.h"

#define UKT_WHEEL_LEVELS	9	/* levels of slots, finest first */
#define UKT_WHEEL_SLOT_BITS	6
#define UKT_WHEEL_SLOTS		(1u << UKT_WHEEL_SLOT_BITS)	/* per level */
#define UKT_WHEEL_LEVEL_SHIFT	3	/* each level is 8 times coarser */

/* timer->__slot: 0 not in the wheel, 1 + level * 64 + slot in it, or: */
#define UKT_WHEEL_EXPIRED	(-1)	/* taken out to run (timer.c's list) */

/**
 * struct ukt_wheel - armed timers by the tick they fire at.
 * @clk: the next tick not yet processed.
 * @occupied: per level, a bit per slot that holds timers.
 * @slot: the timers of each slot, linked through timer->entry.
 */
struct ukt_wheel {
	unsigned long long clk;
	uint64_t occupied[UKT_WHEEL_LEVELS];
	struct ukt_list_head slot[UKT_WHEEL_LEVELS][UKT_WHEEL_SLOTS];
};

/**
 * ukt__wheel_granularity - how many ticks one slot of a level covers.
 * @level: 0 .. UKT_WHEEL_LEVELS - 1.
 *
 * Return: 8 to the power of @level.
 */
static inline unsigned long long ukt__wheel_granularity(int level)
{
	return 1ull << (level * UKT_WHEEL_LEVEL_SHIFT);
}

/**
 * ukt__wheel_level - the level a timer due at @due goes to, @clk being
 * the next tick to process.
 * @clk: the wheel's clock.
 * @due: the first tick at which the timer may fire.
 *
 * Return: the finest level whose 64 slots reach @due rounded up to the
 * level's granularity; UKT_WHEEL_LEVELS - 1 for timers beyond the wheel.
 */
UKT_HIDDEN int ukt__wheel_level(unsigned long long clk, unsigned long long due);

/**
 * ukt__wheel_fire_tick - the tick at which a timer due at @due fires.
 * @clk: the wheel's clock.
 * @due: the first tick at which the timer may fire.
 *
 * Never before @due (the timer's tick is @due rounded up to its level's
 * granularity), and less than one granularity after it: less than 8/63
 * of the delay @due - @clk beyond level 0.  For timers beyond the wheel's
 * reach (about 12.4 days) the tick of the last slot within reach, at
 * which the timer is placed again.
 *
 * Return: that tick.
 */
UKT_HIDDEN unsigned long long ukt__wheel_fire_tick(unsigned long long clk,
						   unsigned long long due);

/**
 * ukt__wheel_init - an empty wheel.
 * @w: the wheel.
 * @clk: the first tick it processes.
 */
UKT_HIDDEN void ukt__wheel_init(struct ukt_wheel *w, unsigned long long clk);

/**
 * ukt__wheel_add - put a timer in the wheel, in O(1).
 * @w: the wheel.
 * @timer: a timer not in the wheel, with @timer->__due set; one already
 *	due (before @w->clk) goes to the next tick processed.
 *
 * Return: the tick at which the slot it went to will be processed.
 */
UKT_HIDDEN unsigned long long ukt__wheel_add(struct ukt_wheel *w,
					     struct ukt_timer_list *timer);

/**
 * ukt__wheel_del - take a timer out of the wheel, in O(1).
 * @w: the wheel.
 * @timer: a timer in the wheel.
 */
UKT_HIDDEN void ukt__wheel_del(struct ukt_wheel *w, struct ukt_timer_list *timer);

/**
 * ukt__wheel_next - the next tick at which a slot holds timers.
 * @w: the wheel.
 * @tick: where to store it.
 *
 * Return: false, with *@tick untouched, when the wheel is empty.
 */
UKT_HIDDEN bool ukt__wheel_next(const struct ukt_wheel *w, unsigned long long *tick);

/**
 * ukt__wheel_collect - process every tick up to @now.
 * @w: the wheel.
 * @now: the last tick to process.
 * @expired: where the timers due by then go (appended, with __slot set to
 *	UKT_WHEEL_EXPIRED), coarser slots' timers first.
 *
 * Costs one look per slot that holds timers, plus one step per timer
 * taken out: ticks without timers are skipped, not walked.
 *
 * Return: the number of timers moved to @expired.
 */
UKT_HIDDEN unsigned long ukt__wheel_collect(struct ukt_wheel *w, unsigned long long now,
					    struct ukt_list_head *expired);

#endif /* UKTHREAD_KERNEL_TIME_TIMER_WHEEL_H */
