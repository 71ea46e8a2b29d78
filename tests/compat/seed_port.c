/* SPDX-License-Identifier: MIT */
/*
 * seed_port.c - a kernel module, written as kernel code uses kthreads
 * (the 2.6.35-era polling loop and the modern wait-queue consumer), built
 * unchanged against the <linux/...> compat headers.
 *
 * module_init() starts the threads before main(); main() is the test
 * harness at the end of the file: it feeds the module through its
 * exported function and checks what the threads did; module_exit() stops
 * them after main() returns, and a last destructor checks that.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/bug.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/err.h>
#include <linux/freezer.h>
#include <linux/init.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/kthread.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/wait.h>

/* ---- the module --------------------------------------------------- */

struct seed_item {
	struct list_head node;
	int value;
};

static struct task_struct *poller;
static struct task_struct *consumer;
static DECLARE_COMPLETION(poller_started);
static DECLARE_WAIT_QUEUE_HEAD(items_wq);
static DEFINE_SPINLOCK(items_lock);
static LIST_HEAD(items);		/* produced, not consumed; items_lock */
static DEFINE_MUTEX(done_lock);
static LIST_HEAD(done);			/* consumed; done_lock */
static atomic_t polls = ATOMIC_INIT(0);
static atomic_t consumed = ATOMIC_INIT(0);
static char poller_comm[TASK_COMM_LEN];
static pid_t poller_pid;

static bool verbose;
module_param(verbose, bool, 0644);
MODULE_PARM_DESC(verbose, "log every poll");

int seed_produce(int value);
long seed_sum(void);

/**
 * seed_produce - queue @value for the consumer thread.
 * Returns 0, -EINVAL for a negative value, -ENOMEM.
 */
int seed_produce(int value)
{
	struct seed_item *item;
	unsigned long flags;

	if (WARN_ON_ONCE(value < 0))
		return -EINVAL;
	item = kmalloc(sizeof(*item), GFP_KERNEL);
	if (!item)
		return -ENOMEM;
	item->value = value;
	spin_lock_irqsave(&items_lock, flags);
	list_add_tail(&item->node, &items);
	spin_unlock_irqrestore(&items_lock, flags);
	wake_up_interruptible(&items_wq);
	return 0;
}
EXPORT_SYMBOL(seed_produce);

/** seed_sum - the sum of the values consumed so far. */
long seed_sum(void)
{
	struct seed_item *item;
	long sum = 0;

	mutex_lock(&done_lock);
	list_for_each_entry(item, &done, node)
		sum += item->value;
	mutex_unlock(&done_lock);
	return sum;
}
EXPORT_SYMBOL_GPL(seed_sum);

/* The 2.6.35-era kthread: poll, sleep a tick period, until stopped. */
static int seed_poller(void *unused)
{
	set_freezable();
	get_task_comm(poller_comm, current);
	poller_pid = current->pid;
	pr_info("%s (pid %d) polling every %u ms\n", current->comm,
		current->pid, jiffies_to_msecs(HZ / 10));
	complete(&poller_started);

	while (!kthread_should_stop()) {
		try_to_freeze();
		atomic_inc(&polls);
		if (verbose)
			pr_info("poll at jiffies %lu\n", jiffies);

		set_current_state(TASK_INTERRUPTIBLE);
		if (!kthread_should_stop())
			schedule_timeout(HZ / 10);
		__set_current_state(TASK_RUNNING);
	}
	pr_info("%s: stopping after %d polls\n", current->comm,
		atomic_read(&polls));
	return 42;
}

static bool seed_items_pending(void)
{
	bool pending;

	spin_lock(&items_lock);
	pending = !list_empty(&items);
	spin_unlock(&items_lock);
	return pending;
}

/* The modern kthread: sleep on a wait queue until there is work. */
static int seed_consumer(void *unused)
{
	struct seed_item *item, *tmp;
	LIST_HEAD(batch);

	pr_info("%s (pid %d) consuming\n", current->comm, current->pid);
	while (!kthread_should_stop()) {
		if (wait_event_interruptible(items_wq, seed_items_pending() ||
					     kthread_should_stop()))
			continue;	/* -ERESTARTSYS: we are being stopped */

		spin_lock_irq(&items_lock);
		list_splice_tail_init(&items, &batch);
		spin_unlock_irq(&items_lock);

		list_for_each_entry_safe(item, tmp, &batch, node) {
			mutex_lock(&done_lock);
			list_move_tail(&item->node, &done);
			mutex_unlock(&done_lock);
			atomic_inc(&consumed);
		}
	}
	return 0;
}

static int seed_poller_ret = -1, seed_consumer_ret = -1;
static int seed_exit_ran;

static int __init seed_init(void)
{
	int err;

	poller = kthread_run(seed_poller, NULL, "seed_poller");
	if (IS_ERR(poller))
		return PTR_ERR(poller);
	if (!wait_for_completion_timeout(&poller_started, 5 * HZ)) {
		err = -ETIMEDOUT;
		goto stop_poller;
	}
	consumer = kthread_create(seed_consumer, NULL, "seed_consumer/%d", 0);
	if (IS_ERR(consumer)) {
		err = PTR_ERR(consumer);
		goto stop_poller;
	}
	wake_up_process(consumer);
	pr_info("loaded\n");
	return 0;

stop_poller:
	kthread_stop(poller);
	return err;
}

static void __exit seed_exit(void)
{
	struct seed_item *item, *tmp;

	seed_poller_ret = kthread_stop(poller);
	seed_consumer_ret = kthread_stop(consumer);

	/* Free what is left, consumed or not. */
	list_for_each_entry_safe(item, tmp, &items, node) {
		list_del(&item->node);
		kfree(item);
	}
	list_for_each_entry_safe(item, tmp, &done, node) {
		list_del(&item->node);
		kfree(item);
	}
	seed_exit_ran = 1;
	pr_info("unloaded\n");
}

module_init(seed_init);
module_exit(seed_exit);
MODULE_LICENSE("Dual MIT/GPL");
MODULE_AUTHOR("ukthread");
MODULE_DESCRIPTION("kthreads, a wait queue and a completion, ported unchanged");

/* ---- the test harness (user-space code) --------------------------- */

#include <stdio.h>
#include <unistd.h>
#include <ukthread/debug.h>

static int failures;

#define CHECK(cond) do {						\
	if (!(cond)) {							\
		fprintf(stderr, "FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond); \
		failures++;						\
	}								\
} while (0)

/*
 * Runs after module_exit() (lower destructor priorities run later) and
 * turns a failure seen there into exit status 1.
 */
static void __attribute__((__destructor__(101))) seed_harness_end(void)
{
	CHECK(seed_exit_ran);
	CHECK(seed_poller_ret == 42);
	CHECK(seed_consumer_ret == 0);
	fprintf(stderr, "seed_port: %s\n", failures ? "FAILED" : "ok");
	if (failures) {
		/* main() may have returned 0: override the exit status. */
		fflush(stdout);
		_exit(1);
	}
}

int main(void)
{
	unsigned long warns, start, elapsed;
	int i, polls0, polled;

	/* module_init() ran before main(). */
	CHECK(!IS_ERR_OR_NULL(poller));
	CHECK(!IS_ERR_OR_NULL(consumer));
	CHECK(strcmp(poller_comm, "seed_poller") == 0);
	CHECK(strcmp(consumer->comm, "seed_consumer/0") == 0);
	CHECK(poller_pid == poller->pid && poller_pid != getpid());
	CHECK(current->pid == getpid());	/* main thread, adopted */

	/* Every produced value reaches the consumer, in a few ms. */
	for (i = 1; i <= 100; i++)
		CHECK(seed_produce(i) == 0);
	start = jiffies;
	while (atomic_read(&consumed) < 100 && time_before(jiffies, start + 10 * HZ))
		msleep(1);
	CHECK(atomic_read(&consumed) == 100);
	CHECK(seed_sum() == 5050);

	/* A bad value warns once, is counted every time, and is refused. */
	warns = ukt_warn_count();
	for (i = 0; i < 3; i++)
		CHECK(seed_produce(-1) == -EINVAL);
	CHECK(ukt_warn_count() - warns == 3);

	/* The poller keeps polling, and sleeps HZ / 10 between polls. */
	start = jiffies;
	polls0 = atomic_read(&polls);
	while (atomic_read(&polls) < polls0 + 3 && time_before(jiffies, start + 10 * HZ))
		msleep(10);
	polled = atomic_read(&polls) - polls0;
	elapsed = jiffies - start;
	CHECK(polled >= 3);
	CHECK((unsigned long)polled <= elapsed / (HZ / 10) + 2);

	return failures ? 1 : 0;
}
