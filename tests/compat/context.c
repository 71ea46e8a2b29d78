/* SPDX-License-Identifier: MIT */
/*
 * context.c - the context tests of <linux/interrupt.h> tell the truth: in
 * a timer function (the kernel's timer softirq) in_serving_softirq(),
 * in_softirq(), in_interrupt() and in_atomic() are true and in_task()
 * false; in a kthread, a kthread_worker's work and the main thread
 * in_task() is true and the rest false.  might_sleep() warns in a timer
 * function only.
 */
#include <linux/interrupt.h>
#include <linux/kthread.h>
#include <linux/timer.h>

#include <stdio.h>

/* Bits of what a context saw: 1 for each test that came out true. */
enum {
	C_TASK = 1, C_INTERRUPT = 2, C_SOFTIRQ = 4, C_SERVING = 8,
	C_HARDIRQ = 16, C_ATOMIC = 32, C_NMI = 64, C_PREEMPTIBLE = 128,
};

static int seen(void)
{
	return (in_task() ? C_TASK : 0) | (in_interrupt() ? C_INTERRUPT : 0) |
	       (in_softirq() ? C_SOFTIRQ : 0) | (in_serving_softirq() ? C_SERVING : 0) |
	       (in_hardirq() || in_irq() ? C_HARDIRQ : 0) | (in_atomic() ? C_ATOMIC : 0) |
	       (in_nmi() ? C_NMI : 0) | (preemptible() ? C_PREEMPTIBLE : 0);
}

static const int task_ctx = C_TASK | C_PREEMPTIBLE;
static const int softirq_ctx = C_INTERRUPT | C_SOFTIRQ | C_SERVING | C_ATOMIC;

static int timer_seen = -1, kthread_seen = -1, work_seen = -1;
static unsigned long timer_warns;
static DECLARE_COMPLETION(timer_done);
static DECLARE_COMPLETION(kthread_done);

static void ctx_timer_fn(struct timer_list *t)
{
	unsigned long w = ukt_warn_count();

	(void)t;
	timer_seen = seen();
	might_sleep();		/* a bug here, as in the kernel: one warning */
	might_sleep();
	timer_warns = ukt_warn_count() - w;
	complete(&timer_done);
}

static int ctx_kthread(void *data)
{
	unsigned long w = ukt_warn_count();


	kthread_seen = seen();
	might_sleep();		/* fine in a kthread */
	*(unsigned long *)data = ukt_warn_count() - w;
	complete(&kthread_done);	/* stopped only once it ran */
	while (!kthread_should_stop())
		schedule_timeout_interruptible(1);
	return 0;
}

static void ctx_work(struct kthread_work *work)
{
	(void)work;
	work_seen = seen();
}

static int check(const char *where, int got, int want)
{
	if (got == want)
		return 0;
	fprintf(stderr, "context: %s saw %#x, expected %#x\n", where, got, want);
	return 1;
}

int main(void)
{
	struct timer_list timer;
	struct kthread_worker *worker;
	struct kthread_work work;
	struct task_struct *t;
	unsigned long kthread_warns = 99;
	int bad = 0;

	timer_setup(&timer, ctx_timer_fn, 0);
	mod_timer(&timer, jiffies + 1);
	wait_for_completion(&timer_done);
	timer_delete_sync(&timer);

	t = kthread_run(ctx_kthread, &kthread_warns, "ctx");
	if (!IS_ERR(t))
		wait_for_completion(&kthread_done);
	if (IS_ERR(t) || kthread_stop(t) != 0) {
		fputs("context: the kthread did not run\n", stderr);
		return 1;
	}

	worker = kthread_run_worker(0, "ctx_worker");
	if (IS_ERR(worker)) {
		fputs("context: no worker\n", stderr);
		return 1;
	}
	kthread_init_work(&work, ctx_work);
	kthread_queue_work(worker, &work);
	kthread_flush_work(&work);
	kthread_destroy_worker(worker);

	bad |= check("a timer function", timer_seen, softirq_ctx);
	bad |= check("a kthread", kthread_seen, task_ctx);
	bad |= check("a work", work_seen, task_ctx);
	bad |= check("main()", seen(), task_ctx);
	if (timer_warns != 2 || kthread_warns != 0) {
		fprintf(stderr, "context: might_sleep() warned %lu times in a timer function, "
			"%lu in a kthread\n", timer_warns, kthread_warns);
		bad = 1;
	}
	if (preempt_count() != 0) {
		fputs("context: preempt_count() is not 0 in main()\n", stderr);
		bad = 1;
	}
	return bad;
}
