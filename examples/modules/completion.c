// SPDX-License-Identifier: MIT
/*
 * completion.c - completions: init waits until its kthread is ready; a
 * chain of kthreads each waits for the one before it.
 *
 *	ukthread-insmod --for 0 ./completion.so links=4
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/completion.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/slab.h>

static int links = 3;
module_param(links, int, 0444);

struct link {
	struct completion go;
	struct completion *next;
	struct task_struct *task;
	int id;
};

static struct link *chain;
static DECLARE_COMPLETION(all_done);

static int link_fn(void *data)
{
	struct link *l = data;

	wait_for_completion(&l->go);
	pr_info("link %d passes it on\n", l->id);
	complete(l->next ? l->next : &all_done);
	return 0;
}

static int __init chain_init(void)
{
	if (links < 1 || links > 64)
		return -EINVAL;
	chain = kcalloc(links, sizeof(*chain), GFP_KERNEL);
	if (!chain)
		return -ENOMEM;
	for (int i = links - 1; i >= 0; i--) {
		init_completion(&chain[i].go);
		chain[i].next = i + 1 < links ? &chain[i + 1].go : NULL;
		chain[i].id = i;
		chain[i].task = kthread_run(link_fn, &chain[i], "link/%d", i);
		if (IS_ERR(chain[i].task))
			return PTR_ERR(chain[i].task);	/* (short error paths, for the example) */
	}
	complete(&chain[0].go);
	if (!wait_for_completion_timeout(&all_done, msecs_to_jiffies(5000)))
		return -ETIMEDOUT;
	pr_info("all %d links done\n", links);
	return 0;
}

static void __exit chain_exit(void)
{
	/* The links end on their own; kthread_stop() waits for that and reaps them. */
	for (int i = 0; i < links; i++)
		kthread_stop(chain[i].task);
	kfree(chain);
}

module_init(chain_init);
module_exit(chain_exit);
MODULE_LICENSE("Dual MIT/GPL");
