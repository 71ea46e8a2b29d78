// SPDX-License-Identifier: MIT
/*
 * kernel_style.c - a file written as kernel code, built through
 * ukthread-linux (pkg-config --cflags --libs ukthread-linux): <linux/...>
 * headers, current, pr_info, kzalloc, module_init/module_exit.
 *
 * module_init() runs before main() and module_exit() after it; main() at
 * the end is the only user-space part: it lets the module beat a few
 * times.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/err.h>
#include <linux/init.h>
#include <linux/jiffies.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/wait.h>

struct heartbeat {
	struct task_struct *task;
	struct completion first_beat;
	atomic_t beats;
};

static struct heartbeat *hb;

static int heartbeat_fn(void *data)
{
	struct heartbeat *h = data;
	DECLARE_WAIT_QUEUE_HEAD_ONSTACK(never);

	pr_info("%s (pid %d) started\n", current->comm, current->pid);
	while (!kthread_should_stop()) {
		if (atomic_inc_return(&h->beats) == 1)
			complete(&h->first_beat);
		/* A timed sleep that kthread_stop() cuts short. */
		wait_event_interruptible_timeout(never, kthread_should_stop(),
						 msecs_to_jiffies(10));
	}
	return atomic_read(&h->beats);
}

static int __init heartbeat_init(void)
{
	hb = kzalloc(sizeof(*hb), GFP_KERNEL);
	if (!hb)
		return -ENOMEM;
	init_completion(&hb->first_beat);
	hb->task = kthread_run(heartbeat_fn, hb, "heartbeat");
	if (IS_ERR(hb->task)) {
		int err = PTR_ERR(hb->task);

		kfree(hb);
		return err;
	}
	return 0;
}

static void __exit heartbeat_exit(void)
{
	pr_info("stopped after %d beats\n", kthread_stop(hb->task));
	kfree(hb);
}

module_init(heartbeat_init);
module_exit(heartbeat_exit);
MODULE_LICENSE("MIT");
MODULE_DESCRIPTION("a kthread that beats until the module is unloaded");

/* ---- user space: run the module for a moment ----------------------- */
int main(void)
{
	wait_for_completion(&hb->first_beat);
	msleep(50);
	return atomic_read(&hb->beats) > 0 ? 0 : 1;
}
