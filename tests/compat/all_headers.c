/* SPDX-License-Identifier: MIT */
/*
 * all_headers.c - every compat header, each included twice (include
 * guards), compiled with -Wall -Wextra -Werror; then libc headers and
 * <ukthread.h> after them, which the compat macros must not break; then
 * a use of the macros most likely to warn.  The standalone_*.c files
 * generated next to this one check that each header compiles on its own.
 */
#include <linux/atomic.h>
#include <linux/atomic.h>
#include <linux/bitops.h>
#include <linux/bitops.h>
#include <linux/bits.h>
#include <linux/bits.h>
#include <linux/bug.h>
#include <linux/bug.h>
#include <linux/compiler.h>
#include <linux/compiler.h>
#include <linux/completion.h>
#include <linux/completion.h>
#include <linux/container_of.h>
#include <linux/container_of.h>
#include <linux/cpu.h>
#include <linux/cpu.h>
#include <linux/cpumask.h>
#include <linux/cpumask.h>
#include <linux/delay.h>
#include <linux/delay.h>
#include <linux/err.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/export.h>
#include <linux/freezer.h>
#include <linux/freezer.h>
#include <linux/gfp.h>
#include <linux/gfp.h>
#include <linux/init.h>
#include <linux/init.h>
#include <linux/irqflags.h>
#include <linux/irqflags.h>
#include <linux/jiffies.h>
#include <linux/jiffies.h>
#include <linux/kconfig.h>
#include <linux/kconfig.h>
#include <linux/kernel.h>
#include <linux/kernel.h>
#include <linux/kthread.h>
#include <linux/kthread.h>
#include <linux/list.h>
#include <linux/list.h>
#include <linux/lockdep.h>
#include <linux/lockdep.h>
#include <linux/module.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/mutex.h>
#include <linux/numa.h>
#include <linux/numa.h>
#include <linux/preempt.h>
#include <linux/preempt.h>
#include <linux/printk.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/sched/task.h>
#include <linux/signal.h>
#include <linux/signal.h>
#include <linux/slab.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/smp.h>
#include <linux/spinlock.h>
#include <linux/spinlock.h>
#include <linux/stddef.h>
#include <linux/stddef.h>
#include <linux/string.h>
#include <linux/string.h>
#include <linux/topology.h>
#include <linux/topology.h>
#include <linux/types.h>
#include <linux/types.h>
#include <linux/wait.h>
#include <linux/wait.h>

/* libc headers after the compat macros, and the native header. */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysinfo.h>
#include <unistd.h>
#include <ukthread.h>

struct ah_node {
	struct list_head node;
	struct hlist_node hnode;
	int v;
};

static DEFINE_SPINLOCK(ah_lock);
static DEFINE_MUTEX(ah_mutex);
static DECLARE_WAIT_QUEUE_HEAD(ah_wq);
static DECLARE_COMPLETION(ah_done);
static LIST_HEAD(ah_list);
static HLIST_HEAD(ah_hlist);
static atomic_t ah_count = ATOMIC_INIT(0);
static DECLARE_BITMAP(ah_bits, 100);

static int __init ah_init(void)
{
	return 0;
}

static void __exit ah_exit(void)
{
}

module_init(ah_init);
module_exit(ah_exit);
MODULE_LICENSE("Dual MIT/GPL");

int main(void)
{
	struct ah_node n = { .v = 3 }, *pos, *tmp;
	unsigned long flags, bit;
	int a[4] = { 4, 1, 3, 2 };
	size_t i;
	int cpu, sum = 0;
	long r;

	BUILD_BUG_ON(sizeof(u64) != 8);
	BUILD_BUG_ON(ARRAY_SIZE(a) != 4);
	for (i = 0; i < ARRAY_SIZE(a); i++)
		sum += max(min(a[i], 3), 2) + clamp(a[i], 1, 2) + min_t(int, a[i], 0);
	list_add(&n.node, &ah_list);
	list_for_each_entry(pos, &ah_list, node)
		sum += pos->v;
	list_for_each_entry_safe(pos, tmp, &ah_list, node)
		list_del_init(&pos->node);
	hlist_add_head(&n.hnode, &ah_hlist);
	hlist_for_each_entry(pos, &ah_hlist, hnode)
		sum += pos->v;
	hlist_del_init(&n.hnode);
	spin_lock_irqsave(&ah_lock, flags);
	atomic_inc(&ah_count);
	spin_unlock_irqrestore(&ah_lock, flags);
	mutex_lock(&ah_mutex);
	set_bit(5, ah_bits);
	mutex_unlock(&ah_mutex);
	for_each_set_bit(bit, ah_bits, 100)
		sum += (int)bit;
	for_each_online_cpu(cpu)
		sum += cpu >= 0;
	complete(&ah_done);
	r = wait_event_interruptible_timeout(ah_wq, atomic_read(&ah_count) == 1, HZ);
	wait_for_completion(&ah_done);
	pr_debug("not printed: %d\n", sum);
	if (WARN_ON(0) || WARN_ON_ONCE(0) || WARN(0, "%d\n", sum) ||
	    WARN_ONCE(0, "x") || IS_ENABLED(CONFIG_UKT_UNDEFINED))
		return 1;
	return r > 0 && sum > 0 && !irqs_disabled() && !in_interrupt() ? 0 : 1;
}
