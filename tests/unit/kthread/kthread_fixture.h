/* SPDX-License-Identifier: MIT */
/*
 * kthread_fixture.h - the small thread functions that the tests of the
 * kthread API (test_kthread*.c, test_kthreadd.c) share: a probe that a
 * threadfn fills in, the canonical wait-for-stop loop, and a settled
 * count of live kthreads.
 *
 * Tests registered with tcase_add_loop_test() run twice: _i == 0 with
 * kthreadd's spare threads (the default), _i == 1 with none, where every
 * kthread_create() waits for kthreadd to make the thread (t_spares_mode()).
 */
#ifndef UKT_TEST_KTHREAD_FIXTURE_H
#define UKT_TEST_KTHREAD_FIXTURE_H

#include "ukt_test.h"

/* ---- small thread functions ---------------------------------------------- */


struct probe {
	int ran;			/* times threadfn was entered */
	int ready;			/* threadfn got going */
	int go;				/* main lets threadfn go on */
	struct task_struct *self;	/* get_current() inside */
	int tid;
	void *data_inside;
	bool should_stop_at_start;
	bool sigpending_at_start;
	bool sigpending_after_stop;
	int value;			/* what threadfn returns */
};

static inline void mark_ready(struct probe *pr)
{
	__atomic_fetch_add(&pr->ran, 1, __ATOMIC_ACQ_REL);
	pr->self = get_current();
	pr->tid = t_gettid();
	pr->data_inside = kthread_data(pr->self);
	pr->should_stop_at_start = kthread_should_stop();
	pr->sigpending_at_start = signal_pending(pr->self);
	__atomic_store_n(&pr->ready, 1, __ATOMIC_RELEASE);
}

static inline bool is_ready(struct probe *pr)
{
	return __atomic_load_n(&pr->ready, __ATOMIC_ACQUIRE);
}

static inline int ran(struct probe *pr)
{
	return __atomic_load_n(&pr->ran, __ATOMIC_ACQUIRE);
}

/* Sleep until kthread_stop(), the canonical loop. */
static inline void wait_for_stop(void)
{
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (kthread_should_stop())
			break;
		schedule();
	}
	__set_current_state(TASK_RUNNING);
}

static inline int until_stop_fn(void *data)
{
	struct probe *pr = data;

	mark_ready(pr);
	wait_for_stop();
	pr->sigpending_after_stop = signal_pending(get_current());
	return pr->value;
}

static inline int return_at_once_fn(void *data)
{
	struct probe *pr = data;

	mark_ready(pr);
	return pr->value;
}

static inline long kthread_live_settled(long expect)
{
	T_WAIT_FOR(ukt_site_live(UKT_SITE_KTHREAD) == expect, 5000);
	return ukt_site_live(UKT_SITE_KTHREAD);
}

#endif /* UKT_TEST_KTHREAD_FIXTURE_H */
