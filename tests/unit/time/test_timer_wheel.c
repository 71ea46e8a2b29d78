// SPDX-License-Identifier: MIT
/*
 * test_timer_wheel.c - src/kernel/time/timer_wheel.c, with no clock and no
 * thread: the level and slot of an expiry, its granularity, the latest it
 * may fire, and the wheel's add, delete, next and collect on synthetic
 * timers, all deterministic.
 */
#include "ukt_test.h"
#include "kernel/time/timer_wheel.h"

static struct ukt_wheel w;

static void fn(struct ukt_timer_list *t)
{
	(void)t;
}

static void timer_at(struct ukt_timer_list *t, unsigned long long due)
{
	timer_setup(t, fn, 0);
	t->__due = due;
}

START_TEST(test_granularity)
{
	ck_assert_uint_eq(ukt__wheel_granularity(0), 1);
	ck_assert_uint_eq(ukt__wheel_granularity(1), 8);
	ck_assert_uint_eq(ukt__wheel_granularity(2), 64);
	ck_assert_uint_eq(ukt__wheel_granularity(8), 16777216);
}
END_TEST

START_TEST(test_level_of_delay)
{
	const unsigned long long c = 1000;

	ck_assert_int_eq(ukt__wheel_level(c, c), 0);
	ck_assert_int_eq(ukt__wheel_level(c, c - 5), 0);	/* already due */
	ck_assert_int_eq(ukt__wheel_level(c, c + 63), 0);
	ck_assert_int_eq(ukt__wheel_level(c, c + 64), 1);
	ck_assert_int_eq(ukt__wheel_level(c, c + 500), 1);
	ck_assert_int_eq(ukt__wheel_level(c, c + 600), 2);
	ck_assert_int_eq(ukt__wheel_level(c, c + 3600000), 6);	/* an hour */
	ck_assert_int_eq(ukt__wheel_level(c, c + 86400000ull), 7);	/* a day */
	ck_assert_int_eq(ukt__wheel_level(c, c + 864000000ull), 8);	/* ten days */
	ck_assert_int_eq(ukt__wheel_level(c, ULLONG_MAX / 2), 8);	/* "forever" */
}
END_TEST

/* Never early, less than one granularity late, less than 8/63 of the delay. */
START_TEST(test_fire_tick_bounds)
{
	unsigned int seed = 42;

	for (int i = 0; i < 200000; i++) {
		unsigned long long c = (unsigned long long)rand_r(&seed) * 7919u;
		unsigned long long delay = (unsigned long long)rand_r(&seed) %
					   (1ull << (1 + i % 29));	/* within reach */
		unsigned long long due = c + delay;
		int level = ukt__wheel_level(c, due);
		unsigned long long g = ukt__wheel_granularity(level);
		unsigned long long f = ukt__wheel_fire_tick(c, due);

		ck_assert_uint_ge(f, due);
		ck_assert_uint_lt(f - due, g);
		ck_assert_uint_eq(f % g, 0);
		ck_assert_uint_lt(f - c, UKT_WHEEL_SLOTS * g);
		if (level > 0)
			ck_assert_msg((f - due) * 63 < delay * 8,
				      "delay %llu fires %llu late (level %d)",
				      delay, f - due, level);
		/* The finest level that reaches: the one below does not. */
		if (level > 0) {
			unsigned long long g1 = ukt__wheel_granularity(level - 1);

			ck_assert_uint_ge((due + g1 - 1) / g1 * g1 - c, UKT_WHEEL_SLOTS * g1);
		}
	}
}
END_TEST

START_TEST(test_beyond_the_wheel)
{
	const unsigned long long c = 5;
	unsigned long long due = c + 100ull * 86400000ull;	/* 100 days */
	unsigned long long f = ukt__wheel_fire_tick(c, due);

	/* Placed at the last slot in reach, well before it is due. */
	ck_assert_uint_lt(f, due);
	ck_assert_uint_lt(f - c, UKT_WHEEL_SLOTS * ukt__wheel_granularity(8));
	ck_assert_uint_ge(f - c, (UKT_WHEEL_SLOTS - 1) * ukt__wheel_granularity(8));
}
END_TEST

START_TEST(test_add_next_del)
{
	struct ukt_timer_list a, b, c;
	unsigned long long t;

	ukt__wheel_init(&w, 100);
	ck_assert(!ukt__wheel_next(&w, &t));
	timer_at(&a, 180);
	timer_at(&b, 120);
	timer_at(&c, 5000);
	ck_assert_uint_eq(ukt__wheel_add(&w, &a), 184);	/* level 1: rounded up to 8 */
	ck_assert_uint_eq(ukt__wheel_add(&w, &b), 120);	/* level 0 */
	ck_assert_uint_eq(ukt__wheel_add(&w, &c), 5120);	/* level 3: to 512 */
	ck_assert(a.__slot > 0 && b.__slot > 0 && c.__slot > 0);
	ck_assert(ukt__wheel_next(&w, &t));
	ck_assert_uint_eq(t, 120);
	ukt__wheel_del(&w, &b);
	ck_assert_int_eq(b.__slot, 0);
	ck_assert(ukt__wheel_next(&w, &t));
	ck_assert_uint_eq(t, 184);
	ukt__wheel_del(&w, &a);
	ck_assert(ukt__wheel_next(&w, &t));
	ck_assert_uint_eq(t, 5120);
	ukt__wheel_del(&w, &c);
	ck_assert(!ukt__wheel_next(&w, &t));
	for (int l = 0; l < UKT_WHEEL_LEVELS; l++)
		ck_assert_uint_eq(w.occupied[l], 0);
}
END_TEST

/* Two timers in one slot: deleting one keeps the slot's bit for the other. */
START_TEST(test_del_keeps_shared_slot)
{
	struct ukt_timer_list a, b;
	unsigned long long t;

	ukt__wheel_init(&w, 0);
	timer_at(&a, 70);
	timer_at(&b, 71);	/* both round up to 72 at level 1 */
	ck_assert_int_eq(ukt__wheel_add(&w, &a), 72);
	ck_assert_int_eq(ukt__wheel_add(&w, &b), 72);
	ck_assert_int_eq(a.__slot, b.__slot);
	ukt__wheel_del(&w, &a);
	ck_assert(ukt__wheel_next(&w, &t));
	ck_assert_uint_eq(t, 72);
}
END_TEST

#define N 20000

static struct ukt_timer_list many[N];

/*
 * Synthetic time: timers due all over the wheel's levels, collected in
 * random steps.  Each comes out exactly once, never before it is due,
 * never after the fire tick computed when it was added, and the wheel
 * ends empty.
 */
START_TEST(test_collect_random)
{
	static unsigned long long fire[N];
	static int out[N];
	struct ukt_list_head expired;
	unsigned long long now = 12345;
	unsigned int seed = 9;
	unsigned long total = 0;

	ukt__wheel_init(&w, now);
	ukt_list_init(&expired);
	for (int i = 0; i < N; i++) {
		unsigned long long delay = (unsigned long long)rand_r(&seed) %
					   (1ull << (rand_r(&seed) % 28));

		timer_at(&many[i], now + delay);
		fire[i] = ukt__wheel_add(&w, &many[i]);
	}
	while (total < N) {
		unsigned long long next, prev = w.clk - 1;
		unsigned long n;

		ck_assert(ukt__wheel_next(&w, &next));
		ck_assert_uint_ge(next, w.clk);	/* nothing left behind */
		/* Jump to the next tick with work, or take small steps. */
		now = rand_r(&seed) % 2 ? next : now + (unsigned long long)(rand_r(&seed) % 50);
		n = ukt__wheel_collect(&w, now, &expired);
		total += n;
		while (!ukt_list_empty(&expired)) {
			struct ukt_timer_list *t = ukt_container_of(expired.next,
						struct ukt_timer_list, entry);
			int i = (int)(t - many);

			ukt_list_del_init(&t->entry);
			ck_assert_int_eq(t->__slot, UKT_WHEEL_EXPIRED);
			ck_assert_int_eq(out[i]++, 0);
			ck_assert_uint_le(t->__due, now);
			/* Collected by the first call that reached its fire tick. */
			ck_assert_uint_gt(fire[i], prev);
			ck_assert_uint_le(fire[i], now);
		}
	}
	for (int i = 0; i < N; i++)
		ck_assert_int_eq(out[i], 1);
	for (int l = 0; l < UKT_WHEEL_LEVELS; l++)
		ck_assert_uint_eq(w.occupied[l], 0);
}
END_TEST

/* A timer beyond the wheel is placed again until it is due, never early. */
START_TEST(test_collect_far_timer)
{
	struct ukt_list_head expired;
	struct ukt_timer_list far;
	unsigned long long due = 40ull * 86400000ull;	/* 40 days */
	unsigned long long now = 0, next;
	int rounds = 0;

	ukt__wheel_init(&w, 0);
	ukt_list_init(&expired);
	timer_at(&far, due);
	ukt__wheel_add(&w, &far);
	for (;;) {
		ck_assert(ukt__wheel_next(&w, &next));
		now = next;
		if (ukt__wheel_collect(&w, now, &expired))
			break;
		rounds++;
		ck_assert_int_lt(rounds, 10);
	}
	ck_assert_uint_ge(now, due);
	ck_assert_uint_lt(now - due, ukt__wheel_granularity(UKT_WHEEL_LEVELS - 1));
	ck_assert_int_ge(rounds, 3);	/* 40 days is about 3.2 wheel rounds */
}
END_TEST

/* Timers in one collect come out coarser slots first. */
START_TEST(test_collect_coarse_first)
{
	struct ukt_list_head expired;
	struct ukt_timer_list fine, coarse;

	ukt__wheel_init(&w, 0);
	ukt_list_init(&expired);
	timer_at(&coarse, 500);		/* level 1, fires at 504 */
	ukt__wheel_add(&w, &coarse);
	w.clk = 450;			/* as if time passed with nothing due */
	timer_at(&fine, 504);		/* level 0 from here: fires at 504 too */
	ck_assert_uint_eq(ukt__wheel_add(&w, &fine), 504);
	ck_assert_uint_eq(ukt__wheel_collect(&w, 504, &expired), 2);
	ck_assert_ptr_eq(expired.next, &coarse.entry);
	ck_assert_ptr_eq(expired.next->next, &fine.entry);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("time/timer_wheel");
	TCase *tc = t_tcase(s, "arithmetic");

	tcase_add_test(tc, test_granularity);
	tcase_add_test(tc, test_level_of_delay);
	tcase_add_test(tc, test_fire_tick_bounds);
	tcase_add_test(tc, test_beyond_the_wheel);
	tc = t_tcase(s, "wheel");
	tcase_add_test(tc, test_add_next_del);
	tcase_add_test(tc, test_del_keeps_shared_slot);
	tcase_add_test(tc, test_collect_random);
	tcase_add_test(tc, test_collect_far_timer);
	tcase_add_test(tc, test_collect_coarse_first);
	return t_run_suite(s);
}
