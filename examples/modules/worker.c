// SPDX-License-Identifier: MIT
/*
 * worker.c - a kthread_worker with a work and a delayed work that
 * re-queues itself; exit cancels it and destroys the worker.
 *
 *	ukthread-insmod --for 1 ./worker.so delay_ms=50
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kthread.h>
#include <linux/module.h>

static unsigned int delay_ms = 10;
module_param(delay_ms, uint, 0444);

static struct kthread_worker *worker;
static struct kthread_work hello;
static struct kthread_delayed_work poll;
static atomic_t polls = ATOMIC_INIT(0);

static void hello_fn(struct kthread_work *work)
{
	pr_info("hello from %s\n", current->comm);
}

static void poll_fn(struct kthread_work *work)
{
	atomic_inc(&polls);
	kthread_queue_delayed_work(worker, &poll, msecs_to_jiffies(delay_ms));
}

static int __init worker_init(void)
{
	worker = kthread_run_worker(0, "kworker/example");
	if (IS_ERR(worker))
		return PTR_ERR(worker);
	kthread_init_work(&hello, hello_fn);
	kthread_init_delayed_work(&poll, poll_fn);
	kthread_queue_work(worker, &hello);
	kthread_queue_delayed_work(worker, &poll, msecs_to_jiffies(delay_ms));
	kthread_flush_work(&hello);
	return 0;
}

static void __exit worker_exit(void)
{
	kthread_cancel_delayed_work_sync(&poll);
	kthread_destroy_worker(worker);
	pr_info("polled %d times\n", atomic_read(&polls));
}

module_init(worker_init);
module_exit(worker_exit);
MODULE_LICENSE("Dual MIT/GPL");
