// SPDX-License-Identifier: MIT
/*
 * timer_wheel.c - a hierarchical timer wheel: armed timers by the tick
 * they fire at, with O(1) insertion and removal.
 *
 * The algorithm.  There are 9 levels of 64 slots.  A slot of level L
 * covers 8^L ticks (its granularity g), so level 0 reaches 64 ms ahead
 * with 1 ms steps, level 1 512 ms with 8 ms steps, ... level 8 about 12.4
 * days with steps of 4.7 hours.  A timer due at tick d goes to the finest
 * level that reaches d rounded up to that level's granularity, r =
 * ceil(d / g) * g, from the wheel's clock c (the next tick to process):
 * r - c < 64 g.  It goes to slot (r / g) mod 64, and fires when the
 * wheel's processing reaches tick r: never before d, less than g after.
 * A level is taken only when the one below does not reach, so d - c is
 * then more than 63 of the level below's steps: the lateness is less than
 * 8/63 of the delay, close to the kernel's 12.5%.
 *
 * Because r is within 64 g of the clock, the slot's next visit is r
 * itself: no slot holds timers for two different rounds, and processing
 * needs no cascading from coarse to fine levels.  Only timers beyond the
 * whole wheel (more than 12.4 days) are placed at the last slot in reach
 * and placed again when it comes round.
 *
 * A bitmap per level says which slots hold timers, so the next tick with
 * work is found with a rotate and a count of trailing zeros per level,
 * and processing jumps from one such tick to the next.
 */
#include <limits.h>

#include "kernel/time/timer_wheel.h"

#define LEVEL_MASK (UKT_WHEEL_SLOTS - 1)

static unsigned long long round_up(unsigned long long t, unsigned long long g)
{
	return (t + g - 1) / g * g;
}

/* The tick at which a timer due at @due is processed, at @level. */
static unsigned long long place(unsigned long long clk, unsigned long long due, int level)
{
	unsigned long long g = ukt__wheel_granularity(level);
	unsigned long long r;

	if (due < clk)
		due = clk;
	r = round_up(due, g);
	if (r - clk >= UKT_WHEEL_SLOTS * g)	/* beyond the wheel: last slot in reach */
		r = round_up(clk, g) + (UKT_WHEEL_SLOTS - 1) * g;
	return r;
}

int ukt__wheel_level(unsigned long long clk, unsigned long long due)
{
	if (due < clk)
		due = clk;
	for (int level = 0; level < UKT_WHEEL_LEVELS - 1; level++) {
		unsigned long long g = ukt__wheel_granularity(level);

		if (round_up(due, g) - clk < UKT_WHEEL_SLOTS * g)
			return level;
	}
	return UKT_WHEEL_LEVELS - 1;
}

unsigned long long ukt__wheel_fire_tick(unsigned long long clk, unsigned long long due)
{
	return place(clk, due, ukt__wheel_level(clk, due));
}

void ukt__wheel_init(struct ukt_wheel *w, unsigned long long clk)
{
	w->clk = clk;
	for (int level = 0; level < UKT_WHEEL_LEVELS; level++) {
		w->occupied[level] = 0;
		for (unsigned int s = 0; s < UKT_WHEEL_SLOTS; s++)
			ukt_list_init(&w->slot[level][s]);
	}
}

unsigned long long ukt__wheel_add(struct ukt_wheel *w, struct ukt_timer_list *timer)
{
	int level = ukt__wheel_level(w->clk, timer->__due);
	unsigned long long r = place(w->clk, timer->__due, level);
	unsigned int s = (unsigned int)(r >> (level * UKT_WHEEL_LEVEL_SHIFT)) & LEVEL_MASK;

	ukt_list_add_tail(&timer->entry, &w->slot[level][s]);
	w->occupied[level] |= 1ull << s;
	timer->__slot = 1 + level * (int)UKT_WHEEL_SLOTS + (int)s;
	return r;
}

void ukt__wheel_del(struct ukt_wheel *w, struct ukt_timer_list *timer)
{
	int level = (timer->__slot - 1) / (int)UKT_WHEEL_SLOTS;
	unsigned int s = (unsigned int)(timer->__slot - 1) & LEVEL_MASK;

	ukt_list_del_init(&timer->entry);
	if (ukt_list_empty(&w->slot[level][s]))
		w->occupied[level] &= ~(1ull << s);
	timer->__slot = 0;
}

/* The next tick, from @w->clk on, at which slot @level holds timers. */
static bool level_next(const struct ukt_wheel *w, int level, unsigned long long *tick)
{
	int shift = level * UKT_WHEEL_LEVEL_SHIFT;
	unsigned long long c = (w->clk + ukt__wheel_granularity(level) - 1) >> shift;
	unsigned int start = (unsigned int)c & LEVEL_MASK;
	uint64_t bits = w->occupied[level];

	if (!bits)
		return false;
	/* Rotate so that bit 0 is the slot of tick c; the first set bit is next. */
	bits = start ? (bits >> start) | (bits << (UKT_WHEEL_SLOTS - start)) : bits;
	*tick = (c + (unsigned long long)__builtin_ctzll(bits)) << shift;
	return true;
}

bool ukt__wheel_next(const struct ukt_wheel *w, unsigned long long *tick)
{
	unsigned long long best = ULLONG_MAX;
	bool found = false;

	for (int level = 0; level < UKT_WHEEL_LEVELS; level++) {
		unsigned long long t;

		if (level_next(w, level, &t) && t <= best) {
			best = t;
			found = true;
		}
	}
	if (found)
		*tick = best;
	return found;
}

/* Move all of @from to the tail of @to; @from ends empty. */
static void list_move_all(struct ukt_list_head *from, struct ukt_list_head *to)
{
	if (ukt_list_empty(from))
		return;
	from->next->prev = to->prev;
	to->prev->next = from->next;
	from->prev->next = to;
	to->prev = from->prev;
	ukt_list_init(from);
}

/* Take the timers of slot @s of @level, processed at tick @t. */
static unsigned long take_slot(struct ukt_wheel *w, int level, unsigned int s,
			       unsigned long long t, struct ukt_list_head *expired)
{
	struct ukt_list_head taken;
	unsigned long n = 0;

	/* Off the slot first: a timer placed again may land in this slot. */
	ukt_list_init(&taken);
	list_move_all(&w->slot[level][s], &taken);
	w->occupied[level] &= ~(1ull << s);
	while (!ukt_list_empty(&taken)) {
		struct ukt_timer_list *timer =
			ukt_container_of(taken.next, struct ukt_timer_list, entry);

		ukt_list_del_init(&timer->entry);
		if (timer->__due > t) {
			/* Beyond the wheel when placed: place it again from here. */
			ukt__wheel_add(w, timer);
			continue;
		}
		ukt_list_add_tail(&timer->entry, expired);
		timer->__slot = UKT_WHEEL_EXPIRED;
		n++;
	}
	return n;
}

unsigned long ukt__wheel_collect(struct ukt_wheel *w, unsigned long long now,
				 struct ukt_list_head *expired)
{
	unsigned long long t;
	unsigned long n = 0;

	while (ukt__wheel_next(w, &t) && t <= now) {
		int top = 0;

		/* The levels whose slot boundaries tick t is on. */
		while (top + 1 < UKT_WHEEL_LEVELS &&
		       t % ukt__wheel_granularity(top + 1) == 0)
			top++;
		/* Past t first, so that timers placed again go after it. */
		w->clk = t + 1;
		for (int level = top; level >= 0; level--) {
			unsigned int s = (unsigned int)(t >> (level * UKT_WHEEL_LEVEL_SHIFT)) &
					 LEVEL_MASK;

			if (w->occupied[level] & (1ull << s))
				n += take_slot(w, level, s, t, expired);
		}
	}
	if (now + 1 > w->clk)
		w->clk = now + 1;
	return n;
}
