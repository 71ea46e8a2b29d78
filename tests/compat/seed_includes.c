/* SPDX-License-Identifier: MIT */
/*
 * seed_includes.c - exactly the #include lines of the seed, kernel/kthread.c
 * of Linux 2.6.35, in its order, then code that uses what each of those
 * headers gives a kthread user: the file must compile with no warning
 * (-Werror) and run.
 */
#include <linux/sched.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/err.h>
#include <linux/cpuset.h>
#include <linux/unistd.h>
#include <linux/file.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <trace/events/sched.h>

static DEFINE_MUTEX(seed_lock);
static DECLARE_COMPLETION(seed_started);

static int seed_thread(void *data)
{
	int *loops = data;

	mutex_lock(&seed_lock);
	(*loops)++;
	mutex_unlock(&seed_lock);
	complete(&seed_started);
	while (!kthread_should_stop()) {
		mutex_lock(&seed_lock);
		(*loops)++;
		mutex_unlock(&seed_lock);
		schedule_timeout_interruptible(1);
	}
	return 0;
}

int main(void)
{
	struct cpumask allowed;
	struct task_struct *t;
	int loops = 0, ret;

	cpuset_cpus_allowed(current, &allowed);
	if (!cpumask_equal(&allowed, cpu_online_mask))
		return 1;
#ifdef __NR_gettid	/* <linux/unistd.h>: the system call numbers */
	if (__NR_gettid <= 0)
		return 2;
#endif
	t = kthread_run(seed_thread, &loops, "seed/%d", 0);
	if (IS_ERR(t))
		return 3;
	wait_for_completion(&seed_started);
	trace_sched_kthread_stop(t);
	ret = kthread_stop(t);
	trace_sched_kthread_stop_ret(ret);
	if (ret != 0 || loops < 1 || !current->mm || t == current)
		return 4;
	puts("seed_includes: ok");
	return 0;
}
