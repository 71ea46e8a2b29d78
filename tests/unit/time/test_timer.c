// SPDX-License-Identifier: MIT
/*
 * test_timer.c - timer_list timers (src/kernel/time/timer.c): arming, return
 * values, deletion (sync, from the callback, shutdown), timer_reduce,
 * never early, the lateness bound, expiry order as a wheel keeps it,
 * re-arming and freeing from the callback.
 */
#include "ukt_test.h"

struct tt {
	int magic;
	struct timer_list timer;
	struct t_gate *gate;
	int fires;
	int finished;
	long long fire_ns;
	long long earliest_ns;		/* a fire before this is early */
	int early;
	int rearm;			/* re-arm itself this many more times */
	unsigned long rearm_delay;
	int tid;
};

#define TT_MAGIC 0x71e3e700
static int bad_magic;

static void tt_fn(struct timer_list *t)
{
	struct tt *x = from_timer(x, t, timer);
	long long now = t_now_ns();

	if (x->magic != TT_MAGIC)
		T_INC(&bad_magic);
	x->fire_ns = now;
	x->tid = t_gettid();
	if (now < T_LOAD(&x->earliest_ns))
		T_INC(&x->early);
	T_INC(&x->fires);
	if (x->gate)
		t_gate_pass(x->gate);
	if (x->rearm > 0) {
		x->rearm--;
		T_STORE(&x->earliest_ns, t_now_ns() + (long long)x->rearm_delay * 1000000);
		mod_timer(&x->timer, jiffies + x->rearm_delay);
	}
	T_INC(&x->finished);
}

static void tt_init(struct tt *x, struct t_gate *gate)
{
	memset(x, 0, sizeof(*x));
	x->magic = TT_MAGIC;
	x->gate = gate;
	timer_setup(&x->timer, tt_fn, 0);
}

/* Arm @x @delay jiffies from now, noting when it may fire at the earliest. */
static int tt_arm(struct tt *x, unsigned long delay)
{
	T_STORE(&x->earliest_ns, t_now_ns() + (long long)delay * 1000000);
	return mod_timer(&x->timer, jiffies + delay);
}

static void check_magic(void)
{
	ck_assert_int_eq(T_LOAD(&bad_magic), 0);
}

/* ---- arming ------------------------------------------------------------------ */

START_TEST(test_mod_timer_return_values)
{
	struct tt x;

	tt_init(&x, NULL);
	ck_assert(!timer_pending(&x.timer));
	ck_assert_int_eq(tt_arm(&x, 1000), 0);		/* was not armed */
	ck_assert(timer_pending(&x.timer));
	ck_assert_int_eq(tt_arm(&x, 2000), 1);		/* was armed */
	ck_assert_int_eq(tt_arm(&x, 10), 1);
	ck_assert(T_WAIT_FOR(T_LOAD(&x.fires) == 1, 5000));
	ck_assert(T_WAIT_FOR(!timer_pending(&x.timer), 5000));
	t_sleep_ms(20);
	ck_assert_int_eq(T_LOAD(&x.fires), 1);		/* fired once only */
	ck_assert_int_eq(tt_arm(&x, 1), 0);		/* fired: not armed */
	ck_assert(T_WAIT_FOR(T_LOAD(&x.fires) == 2, 5000));
	ck_assert_int_eq(T_LOAD(&x.early), 0);
	ck_assert_int_ne(x.tid, t_gettid());
	check_magic();
}
END_TEST

START_TEST(test_add_timer)
{
	struct tt x;
	unsigned long warns;

	tt_init(&x, NULL);
	T_STORE(&x.earliest_ns, t_now_ns() + 5 * T_SLOW_FACTOR * 1000000LL);
	x.timer.expires = jiffies + 5 * T_SLOW_FACTOR;
	add_timer(&x.timer);
	ck_assert(timer_pending(&x.timer));
	ck_assert(T_WAIT_FOR(T_LOAD(&x.fires) == 1, 5000 * T_SLOW_FACTOR));
	ck_assert_int_eq(T_LOAD(&x.early), 0);
	/* add_timer() on an armed timer is a caller bug: a warning. */
	x.timer.expires = jiffies + 10000;
	add_timer(&x.timer);
	warns = ukt_warn_count();
	x.timer.expires = jiffies + 10000;
	add_timer(&x.timer);
	ck_assert_uint_eq(ukt_warn_count(), warns + 1);
	ck_assert_int_eq(del_timer(&x.timer), 1);
	check_magic();
}
END_TEST

START_TEST(test_del_timer)
{
	struct tt x;

	tt_init(&x, NULL);
	ck_assert_int_eq(del_timer(&x.timer), 0);		/* never armed */
	tt_arm(&x, 20 * T_SLOW_FACTOR);
	ck_assert_int_eq(del_timer(&x.timer), 1);
	ck_assert(!timer_pending(&x.timer));
	ck_assert_int_eq(del_timer(&x.timer), 0);
	tt_arm(&x, 20);
	ck_assert_int_eq(ukt_timer_delete(&x.timer), 1);
	ck_assert_int_eq(ukt_timer_delete(&x.timer), 0);
	t_sleep_ms(50);
	ck_assert_int_eq(T_LOAD(&x.fires), 0);
	/* Deleted timers can be armed again. */
	ck_assert_int_eq(tt_arm(&x, 1), 0);
	ck_assert(T_WAIT_FOR(T_LOAD(&x.fires) == 1, 5000));
	ck_assert_int_eq(del_timer(&x.timer), 0);		/* fired */
	check_magic();
}
END_TEST

struct del_sync_call {
	struct timer_list *timer;
	int ret;
	struct tt *target;
	int finished_at_return;
	int shutdown;
};

static void bg_del_sync(void *arg)
{
	struct del_sync_call *c = arg;

	c->ret = c->shutdown ? timer_shutdown_sync(c->timer) : del_timer_sync(c->timer);
	if (c->target)
		c->finished_at_return = T_LOAD(&c->target->finished);
}

START_TEST(test_del_timer_sync_waits_for_running_callback)
{
	for (int shutdown = 0; shutdown < 2; shutdown++) {
		struct del_sync_call c = { 0 };
		struct t_gate g = { 0 };
		struct t_bg bg;
		struct tt x;

		tt_init(&x, &g);
		tt_arm(&x, 1);
		ck_assert(t_gate_reached(&g));		/* the callback runs */
		ck_assert(!timer_pending(&x.timer));
		c.timer = &x.timer;
		c.target = &x;
		c.shutdown = shutdown;
		t_bg_start(&bg, bg_del_sync, &c);
		ck_assert(t_bg_sleeping(&bg));
		t_sleep_ms(20);
		ck_assert_msg(!T_LOAD(&bg.done), "del_timer_sync returned while the callback ran");
		t_gate_open(&g);
		ck_assert(t_bg_finished(&bg, 5000));
		t_bg_join(&bg);
		ck_assert_int_eq(c.ret, 0);		/* not armed, only running */
		ck_assert_int_eq(c.finished_at_return, 1);
	}
	check_magic();
}
END_TEST

START_TEST(test_del_timer_sync_return_values)
{
	struct tt x;

	tt_init(&x, NULL);
	ck_assert_int_eq(del_timer_sync(&x.timer), 0);
	tt_arm(&x, 100);
	ck_assert_int_eq(del_timer_sync(&x.timer), 1);
	ck_assert_int_eq(timer_delete_sync(&x.timer), 0);
	tt_arm(&x, 100);
	ck_assert_int_eq(timer_delete_sync(&x.timer), 1);
	ck_assert(!timer_pending(&x.timer));
	t_sleep_ms(120);
	ck_assert_int_eq(T_LOAD(&x.fires), 0);
	check_magic();
}
END_TEST

/* A callback that re-arms itself and then deletes itself synchronously. */
struct selfdel {
	struct timer_list timer;
	unsigned long warns_before, warns_after;
	int ret;
	int fires;
};

static void selfdel_fn(struct timer_list *t)
{
	struct selfdel *s = from_timer(s, t, timer);

	s->warns_before = ukt_warn_count();
	mod_timer(&s->timer, jiffies + 1);
	s->ret = del_timer_sync(&s->timer);		/* would wait for itself */
	s->warns_after = ukt_warn_count();
	T_INC(&s->fires);
}

START_TEST(test_del_timer_sync_from_own_callback_warns)
{
	struct selfdel s = { .ret = -1 };

	timer_setup(&s.timer, selfdel_fn, 0);
	mod_timer(&s.timer, jiffies + 1);
	ck_assert(T_WAIT_FOR(T_LOAD(&s.fires) == 1, 10000));
	ck_assert_uint_eq(s.warns_after, s.warns_before + 1);
	ck_assert_int_eq(s.ret, 1);			/* it had re-armed itself */
	ck_assert(!timer_pending(&s.timer));
	t_sleep_ms(20);
	ck_assert_int_eq(T_LOAD(&s.fires), 1);
	/* Other timers still fire: the timer thread is not stuck. */
	{
		struct tt x;

		tt_init(&x, NULL);
		tt_arm(&x, 1);
		ck_assert(T_WAIT_FOR(T_LOAD(&x.fires) == 1, 5000));
	}
}
END_TEST

START_TEST(test_timer_shutdown_sync)
{
	struct tt x;

	tt_init(&x, NULL);
	tt_arm(&x, 50);
	ck_assert_int_eq(timer_shutdown_sync(&x.timer), 1);
	ck_assert(!timer_pending(&x.timer));
	/* Arming is ignored from now on. */
	ck_assert_int_eq(tt_arm(&x, 1), 0);
	ck_assert(!timer_pending(&x.timer));
	x.timer.expires = jiffies + 1;
	add_timer(&x.timer);
	ck_assert(!timer_pending(&x.timer));
	ck_assert_int_eq(timer_reduce(&x.timer, jiffies + 1), 0);
	ck_assert(!timer_pending(&x.timer));
	t_sleep_ms(70);
	ck_assert_int_eq(T_LOAD(&x.fires), 0);
	ck_assert_int_eq(timer_shutdown_sync(&x.timer), 0);
	/* timer_setup() makes it usable again. */
	timer_setup(&x.timer, tt_fn, 0);
	ck_assert_int_eq(tt_arm(&x, 1), 0);
	ck_assert(T_WAIT_FOR(T_LOAD(&x.fires) == 1, 5000));
	check_magic();
}
END_TEST

START_TEST(test_timer_reduce)
{
	struct tt x;
	long long t0;

	tt_init(&x, NULL);
	/* Not armed: arms it, returns 0. */
	ck_assert_int_eq(timer_reduce(&x.timer, jiffies + 100000), 0);
	ck_assert(timer_pending(&x.timer));
	/* Later: unchanged.  Earlier: moved. */
	ck_assert_int_eq(timer_reduce(&x.timer, jiffies + 200000), 1);
	t0 = t_now_ns();
	T_STORE(&x.earliest_ns, t0 + 20 * 1000000LL);
	ck_assert_int_eq(timer_reduce(&x.timer, jiffies + 20), 1);
	ck_assert_int_eq(timer_reduce(&x.timer, jiffies + 100000), 1);	/* not later */
	ck_assert(T_WAIT_FOR(T_LOAD(&x.fires) == 1, 5000));
	ck_assert_int_eq(T_LOAD(&x.early), 0);
	ck_assert_int_lt(x.fire_ns - t0, 5000 * 1000000LL);
	check_magic();
}
END_TEST

/* ---- static and embedded -------------------------------------------------------- */

static int defined_fires;
static struct timer_list *defined_arg;

static void defined_fn(struct timer_list *t)
{
	defined_arg = t;
	T_INC(&defined_fires);
}

static DEFINE_TIMER(defined_timer, defined_fn);

START_TEST(test_define_timer)
{
	ck_assert(!timer_pending(&defined_timer));
	ck_assert_int_eq(del_timer(&defined_timer), 0);
	ck_assert_int_eq(mod_timer(&defined_timer, jiffies + 50 * T_SLOW_FACTOR), 0);
	ck_assert(timer_pending(&defined_timer));
	ck_assert(T_WAIT_FOR(T_LOAD(&defined_fires) == 1, 5000 * T_SLOW_FACTOR));
	ck_assert_ptr_eq(defined_arg, &defined_timer);
	ck_assert_int_eq(mod_timer(&defined_timer, jiffies + 1000), 0);
	ck_assert_int_eq(del_timer_sync(&defined_timer), 1);
}
END_TEST

struct owner {
	long before;
	struct timer_list timer;
	long after;
	int seen;
};

static void owner_fn(struct timer_list *t)
{
	struct owner *o = from_timer(o, t, timer);

	if (o->before == 1 && o->after == 2)
		T_INC(&o->seen);
}

START_TEST(test_from_timer_container)
{
	struct owner o = { .before = 1, .after = 2 };

	timer_setup(&o.timer, owner_fn, TIMER_DEFERRABLE);
	mod_timer(&o.timer, jiffies + 1);
	ck_assert(T_WAIT_FOR(T_LOAD(&o.seen) == 1, 5000));
	ck_assert_ptr_eq(timer_container_of(&o, &o.timer, timer), &o);
}
END_TEST

/* ---- time and order ---------------------------------------------------------------- */

START_TEST(test_never_fires_early)
{
	static const unsigned long delays[] = { 0, 1, 2, 3, 5, 8, 13, 30 };
	struct tt x;

	tt_init(&x, NULL);
	for (unsigned int i = 0; i < sizeof(delays) / sizeof(delays[0]); i++) {
		for (int rep = 0; rep < 5; rep++) {
			int fires = T_LOAD(&x.fires);
			long long t0 = t_now_ns();

			mod_timer(&x.timer, jiffies + delays[i]);
			ck_assert(T_WAIT_FOR(T_LOAD(&x.fires) == fires + 1, 5000));
			ck_assert_msg(x.fire_ns - t0 >= (long long)delays[i] * 1000000,
				      "delay %lu fired after %lld ns", delays[i], x.fire_ns - t0);
		}
	}
	check_magic();
}
END_TEST

/* Spin until CLOCK_MONOTONIC is about @before_ns short of a tick. */
static void align_to_tick(long before_ns)
{
	for (;;) {
		long long r = t_now_ns() % 1000000;

		if (r >= 1000000 - before_ns - 50 && r <= 1000000 - before_ns)
			return;
	}
}

START_TEST(test_never_fires_early_across_a_tick)
{
	int early = 0, n = 0;
	long long worst = 0;
	struct tt x;

	tt_init(&x, NULL);
	for (int rep = 0; rep < 400; rep++) {
		unsigned long delay = 1 + rep % 2;
		int fires = T_LOAD(&x.fires);
		long long t0, late;

		align_to_tick((rep * 37) % 3000);
		t0 = t_now_ns();
		mod_timer(&x.timer, jiffies + delay);
		ck_assert(T_WAIT_FOR(T_LOAD(&x.fires) == fires + 1, 5000));
		n++;
		late = x.fire_ns - t0 - (long long)delay * 1000000;
		if (late < 0) {
			early++;
			if (late < worst)
				worst = late;
		}
	}
	ck_assert_msg(early == 0, "%d of %d timers fired early (worst by %lld ns)",
		      early, n, -worst);
	check_magic();
}
END_TEST

/* A far expiry (the kernel's "forever") does not wrap around to "now". */
START_TEST(test_far_expiry_does_not_fire)
{
	struct tt x, y;

	tt_init(&x, NULL);
	tt_init(&y, NULL);
	ck_assert_int_eq(mod_timer(&x.timer, jiffies + MAX_JIFFY_OFFSET), 0);
	ck_assert_int_eq(mod_timer(&y.timer, jiffies + LONG_MAX / 2), 0);
	t_sleep_ms(50);
	ck_assert_int_eq(T_LOAD(&x.fires), 0);
	ck_assert_int_eq(T_LOAD(&y.fires), 0);
	ck_assert(timer_pending(&x.timer));
	ck_assert_int_eq(del_timer_sync(&x.timer), 1);
	ck_assert_int_eq(del_timer_sync(&y.timer), 1);
	/* An expiry in the past fires at once. */
	ck_assert_int_eq(mod_timer(&x.timer, jiffies - 10), 0);
	ck_assert(T_WAIT_FOR(T_LOAD(&x.fires) == 1, 5000));
}
END_TEST

#define NORDER 60
static struct tt order_t[NORDER];
static unsigned long order_exp[NORDER];
static int order_log[NORDER];
static int order_slot, order_n;

static void order_fn(struct timer_list *t)
{
	struct tt *x = from_timer(x, t, timer);
	int i = (int)(x - order_t);

	order_log[__atomic_fetch_add(&order_slot, 1, __ATOMIC_SEQ_CST)] = i;
	T_INC(&order_n);		/* after the log entry: the reader waits on it */
}

/*
 * The slot granularity of a timer armed @delay jiffies ahead: what a
 * timer wheel may add to it (src/kernel/time/timer_wheel.c: 1 up to 63
 * ahead, then 8, 64, 512... for each level).
 */
static unsigned long granularity(unsigned long delay)
{
	unsigned long g = 1;

	while (delay + g > 63 * g + g)	/* beyond the level's 64 slots */
		g *= 8;
	return g;
}

/*
 * What a wheel guarantees, as the kernel's does: a timer fires after
 * another when its expiry is later by more than its own slot's
 * granularity; within one slot, in any order.  The expiries spread over
 * three levels (1 ms, 8 ms and 64 ms slots), armed in a shuffled order.
 */
START_TEST(test_fires_in_expiry_order)
{
	/* Slower builds (sanitizers, valgrind) take longer to arm them all. */
	unsigned long shift = 30 * (T_SLOW_FACTOR - 1);
	unsigned long base = jiffies + shift;
	unsigned int seed = 7;

	for (int i = 0; i < NORDER; i++) {
		memset(&order_t[i], 0, sizeof(order_t[i]));
		timer_setup(&order_t[i].timer, order_fn, 0);
		switch (i % 3) {
		case 0: order_exp[i] = 30 + (unsigned long)(rand_r(&seed) % 25); break;
		case 1: order_exp[i] = 100 + (unsigned long)(rand_r(&seed) % 400); break;
		default: order_exp[i] = 600 + (unsigned long)(rand_r(&seed) % 1400); break;
		}
	}
	for (int k = 0; k < NORDER; k++) {
		int i = (k * 37) % NORDER;

		ck_assert_int_eq(mod_timer(&order_t[i].timer, base + order_exp[i]), 0);
	}
	ck_assert(T_WAIT_FOR(T_LOAD(&order_n) == NORDER, 10000 * T_SLOW_FACTOR));
	for (int k = 1; k < NORDER; k++) {
		int prev = order_log[k - 1], cur = order_log[k];

		/* @cur fired after @prev: it may not be due a slot earlier. */
		ck_assert_msg(order_exp[cur] + granularity(order_exp[cur] + shift) >
			      order_exp[prev],
			      "timer %d (expiry +%lu) fired after timer %d (expiry +%lu)",
			      cur, order_exp[cur], prev, order_exp[prev]);
	}
}
END_TEST

/*
 * Never early, and late by at most the slot granularity (less than 8/63
 * of the delay beyond 63 ms) plus a margin for the timer thread to get a
 * CPU.  Never early must hold every time; on a loaded machine a burst of
 * load can delay any thread, so the lateness bound must hold in one of a
 * few rounds (a wheel that fires a slot late does so in every round).
 */
START_TEST(test_lateness_bound)
{
	static const unsigned long delays[] = { 3, 40, 70, 300, 700, 1500 };
	enum { N = sizeof(delays) / sizeof(delays[0]), ROUNDS = 5 };
	const long long margin_ns = 20 * 1000000ll * T_SLOW_FACTOR;
	char worst[128] = "";
	struct tt x[N];

	for (int round = 0; round < ROUNDS; round++) {
		bool in_bound = true;

		for (int i = 0; i < N; i++) {
			tt_init(&x[i], NULL);
			tt_arm(&x[i], delays[i]);
		}
		for (int i = 0; i < N; i++)
			ck_assert(T_WAIT_FOR(T_LOAD(&x[i].fires) == 1, 10000));
		for (int i = 0; i < N; i++) {
			long long late = x[i].fire_ns - x[i].earliest_ns;
			long long bound = (long long)granularity(delays[i]) * 1000000 + margin_ns;

			ck_assert_int_eq(T_LOAD(&x[i].early), 0);
			if (late > bound) {
				in_bound = false;
				snprintf(worst, sizeof(worst), "delay %lu ms fired %lld us late "
					 "(bound %lld us)", delays[i], late / 1000, bound / 1000);
			}
		}
		check_magic();
		if (in_bound)
			return;
	}
	ck_abort_msg("late in all %d rounds; last: %s", ROUNDS, worst);
}
END_TEST

/*
 * After the timer thread slept a long time with nothing armed, a short
 * timer still goes to the finest level: the wheel's clock is brought up
 * to now first.  Placed from a clock 2 s behind, it would go to the level
 * of 64 ms slots; armed just after a 64 ms boundary, it would then fire
 * about 40 ms late.
 */
START_TEST(test_short_timer_after_idle)
{
	struct tt x;
	long long late = 0;

	tt_init(&x, NULL);
	tt_arm(&x, 1);
	ck_assert(T_WAIT_FOR(T_LOAD(&x.fires) == 1, 5000));
	for (int round = 0; round < 3; round++) {
		int fires = T_LOAD(&x.fires);

		t_sleep_ms(2000);	/* the timer thread sleeps, nothing armed */
		while ((jiffies - INITIAL_JIFFIES) % 64 != 1)
			;
		tt_arm(&x, 20);
		ck_assert(T_WAIT_FOR(T_LOAD(&x.fires) == fires + 1, 5000));
		late = x.fire_ns - x.earliest_ns;
		if (late < 15 * 1000000ll * T_SLOW_FACTOR)
			return;
	}
	ck_abort_msg("a 20 ms timer after idle fired %lld us late", late / 1000);
}
END_TEST

/* Re-arming moves a timer in the order. */
START_TEST(test_rearm_moves_in_order)
{
	for (int i = 0; i < 3; i++) {
		memset(&order_t[i], 0, sizeof(order_t[i]));
		timer_setup(&order_t[i].timer, order_fn, 0);
	}
	mod_timer(&order_t[0].timer, jiffies + 10 * T_SLOW_FACTOR);
	mod_timer(&order_t[1].timer, jiffies + 20 * T_SLOW_FACTOR);
	mod_timer(&order_t[2].timer, jiffies + 30 * T_SLOW_FACTOR);
	ck_assert_int_eq(mod_timer(&order_t[0].timer, jiffies + 40 * T_SLOW_FACTOR), 1);
	ck_assert_int_eq(mod_timer(&order_t[2].timer, jiffies + 5 * T_SLOW_FACTOR), 1);
	ck_assert(T_WAIT_FOR(T_LOAD(&order_n) == 3, 5000 * T_SLOW_FACTOR));
	ck_assert_int_eq(order_log[0], 2);
	ck_assert_int_eq(order_log[1], 1);
	ck_assert_int_eq(order_log[2], 0);
}
END_TEST

/* ---- the callback's rights ------------------------------------------------------------ */

START_TEST(test_callback_rearms_its_timer)
{
	struct tt x;

	tt_init(&x, NULL);
	x.rearm = 9;
	x.rearm_delay = 2;
	tt_arm(&x, 1);
	ck_assert(T_WAIT_FOR(T_LOAD(&x.finished) == 10, 5000));
	ck_assert(!timer_pending(&x.timer));
	t_sleep_ms(20);
	ck_assert_int_eq(T_LOAD(&x.fires), 10);
	ck_assert_int_eq(T_LOAD(&x.early), 0);
	/* A self-re-arming timer is stopped by del_timer_sync(). */
	x.rearm = 1000000;
	x.rearm_delay = 0;
	tt_arm(&x, 0);
	ck_assert(T_WAIT_FOR(T_LOAD(&x.fires) > 50, 5000));
	del_timer_sync(&x.timer);
	{
		int fires = T_LOAD(&x.fires);

		ck_assert_int_eq(T_LOAD(&x.finished), fires);
		ck_assert(!timer_pending(&x.timer));
		t_sleep_ms(20);
		ck_assert_int_eq(T_LOAD(&x.fires), fires);
	}
	check_magic();
}
END_TEST

struct heap_timer {
	struct timer_list timer;
	int *freed;
	char payload[100];
};

static void heap_fn(struct timer_list *t)
{
	struct heap_timer *h = from_timer(h, t, timer);
	int *freed = h->freed;

	memset(h, 0xa5, sizeof(*h));
	free(h);
	T_INC(freed);
}

START_TEST(test_callback_frees_its_container)
{
	int freed = 0;

	for (int i = 0; i < 300; i++) {
		struct heap_timer *h = malloc(sizeof(*h));

		ck_assert_ptr_nonnull(h);
		timer_setup(&h->timer, heap_fn, 0);
		h->freed = &freed;
		mod_timer(&h->timer, jiffies + (unsigned long)(i % 4));
	}
	ck_assert(T_WAIT_FOR(T_LOAD(&freed) == 300, 5000));
}
END_TEST

/* The timer thread writes nothing to a timer once its function ran. */
static unsigned char poison_buf[sizeof(struct timer_list) * 32] __attribute__((aligned(64)));
static int poison_fires;

static void poison_fn(struct timer_list *t)
{
	memset(t, 0x5a, sizeof(*t));
	T_INC(&poison_fires);
}

START_TEST(test_timer_not_written_after_callback)
{
	struct timer_list *timers = (struct timer_list *)poison_buf;

	for (int round = 0; round < 20; round++) {
		for (int i = 0; i < 32; i++) {
			timer_setup(&timers[i], poison_fn, 0);
			mod_timer(&timers[i], jiffies + (unsigned long)(i % 3));
		}
		ck_assert(T_WAIT_FOR(T_LOAD(&poison_fires) == (round + 1) * 32, 5000));
		t_sleep_us(300);
		for (size_t i = 0; i < sizeof(poison_buf); i++)
			ck_assert_msg(poison_buf[i] == 0x5a, "byte %zu changed to %#x after the run",
				      i, poison_buf[i]);
	}
}
END_TEST

/* One timer thread, driven by CLOCK_MONOTONIC, the same for every timer. */
START_TEST(test_one_timer_thread)
{
	struct tt x[4];

	for (int i = 0; i < 4; i++) {
		tt_init(&x[i], NULL);
		tt_arm(&x[i], (unsigned long)i);
	}
	for (int i = 0; i < 4; i++)
		ck_assert(T_WAIT_FOR(T_LOAD(&x[i].fires) == 1, 5000));
	for (int i = 1; i < 4; i++)
		ck_assert_int_eq(x[i].tid, x[0].tid);
	ck_assert_int_ne(x[0].tid, t_gettid());
	check_magic();
}
END_TEST

/* ---- the context of a timer function ------------------------------------ */

static int ctx_in_callback = -1;
static int ctx_after = -1;
static int ctx_tid;

static void ctx_fn(struct timer_list *t)
{
	ctx_tid = t_gettid();
	T_STORE(&ctx_in_callback, ukt_in_timer_callback());
}

/* A second timer, due after the first: the first's flag must be cleared. */
static void ctx_after_fn(struct timer_list *t)
{
	(void)t;
	T_STORE(&ctx_after, 1);
}

START_TEST(test_in_timer_callback)
{
	struct timer_list a, b;

	timer_setup(&a, ctx_fn, 0);
	timer_setup(&b, ctx_after_fn, 0);
	ck_assert(!ukt_in_timer_callback());
	mod_timer(&a, jiffies + 1);
	mod_timer(&b, jiffies + 30);
	ck_assert(T_WAIT_FOR(T_LOAD(&ctx_after) == 1, 5000));
	ck_assert_int_eq(T_LOAD(&ctx_in_callback), 1);
	ck_assert_int_ne(ctx_tid, t_gettid());
	/* Only the timer thread, only during a function: not the test thread. */
	ck_assert(!ukt_in_timer_callback());
}
END_TEST

static Suite *timer_suite(void)
{
	Suite *s = suite_create("timer");
	TCase *tc;

	tc = t_tcase(s, "arm");
	tcase_add_test(tc, test_mod_timer_return_values);
	tcase_add_test(tc, test_add_timer);
	tcase_add_test(tc, test_timer_reduce);
	tcase_add_test(tc, test_define_timer);
	tcase_add_test(tc, test_from_timer_container);

	tc = t_tcase(s, "delete");
	tcase_add_test(tc, test_del_timer);
	tcase_add_test(tc, test_del_timer_sync_return_values);
	tcase_add_test(tc, test_del_timer_sync_waits_for_running_callback);
	tcase_add_test(tc, test_del_timer_sync_from_own_callback_warns);
	tcase_add_test(tc, test_timer_shutdown_sync);

	tc = t_tcase(s, "time");
	tcase_add_test(tc, test_never_fires_early);
	tcase_add_test(tc, test_never_fires_early_across_a_tick);
	tcase_add_test(tc, test_far_expiry_does_not_fire);
	tcase_add_test(tc, test_fires_in_expiry_order);
	tcase_add_test(tc, test_lateness_bound);
	tcase_add_test(tc, test_short_timer_after_idle);
	tcase_add_test(tc, test_rearm_moves_in_order);
	tcase_add_test(tc, test_one_timer_thread);
	tcase_add_test(tc, test_in_timer_callback);

	tc = t_tcase(s, "callback");
	tcase_add_test(tc, test_callback_rearms_its_timer);
	tcase_add_test(tc, test_callback_frees_its_container);
	tcase_add_test(tc, test_timer_not_written_after_callback);
	return s;
}

int main(void)
{
	return t_run_suite(timer_suite());
}
