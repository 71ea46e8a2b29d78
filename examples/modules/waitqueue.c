// SPDX-License-Identifier: MIT
/*
 * waitqueue.c - a producer and a consumer kthread around a wait queue
 * and a spinlock-protected counter.
 *
 *	ukthread-insmod --for 1 ./waitqueue.so items=50
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/spinlock.h>
#include <linux/wait.h>

static int items = 20;
module_param(items, int, 0444);

static DECLARE_WAIT_QUEUE_HEAD(wq);
static DEFINE_SPINLOCK(lock);
static int queued;			/* under lock */
static atomic_t consumed = ATOMIC_INIT(0);
static struct task_struct *producer, *consumer;

static int produce(void *data)
{
	for (int i = 0; i < items && !kthread_should_stop(); i++) {
		spin_lock(&lock);
		queued++;
		spin_unlock(&lock);
		wake_up_interruptible(&wq);
		msleep(1);
	}
	while (!kthread_should_stop())
		msleep_interruptible(1000);
	return 0;
}

static bool take_one(void)
{
	bool got = false;

	spin_lock(&lock);
	if (queued) {
		queued--;
		got = true;
	}
	spin_unlock(&lock);
	return got;
}

static bool have_items(void)
{
	bool any;

	spin_lock(&lock);
	any = queued > 0;
	spin_unlock(&lock);
	return any;
}

static int consume(void *data)
{
	for (;;) {
		/* -ERESTARTSYS once kthread_stop() is called. */
		if (wait_event_interruptible(wq, have_items() || kthread_should_stop()))
			break;
		while (take_one())
			atomic_inc(&consumed);
		if (kthread_should_stop())
			break;
	}
	return atomic_read(&consumed);
}

static int __init wq_init(void)
{
	consumer = kthread_run(consume, NULL, "consumer");
	if (IS_ERR(consumer))
		return PTR_ERR(consumer);
	producer = kthread_run(produce, NULL, "producer");
	if (IS_ERR(producer)) {
		kthread_stop(consumer);
		return PTR_ERR(producer);
	}
	return 0;
}

static void __exit wq_exit(void)
{
	kthread_stop(producer);
	pr_info("consumed %d of %d items\n", kthread_stop(consumer), items);
}

module_init(wq_init);
module_exit(wq_exit);
MODULE_LICENSE("Dual MIT/GPL");
