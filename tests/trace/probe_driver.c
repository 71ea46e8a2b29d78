// SPDX-License-Identifier: MIT
/*
 * probe_driver.c - fires every probe of libukthread once or more and
 * prints what each should carry ("expect NAME ARGS..."), for
 * tests/trace/check-probes to compare with what bpftrace saw.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <ukthread.h>

static int target(void *data)
{
	(void)data;
	while (!kthread_should_stop()) {
		if (kthread_should_park())
			kthread_parkme();
		msleep_interruptible(2);
	}
	return 42;
}

static void work_fn(struct kthread_work *w)
{
	(void)w;
}

static void timer_fn(struct timer_list *t)
{
	(void)t;
}

int main(void)
{
	struct kthread_worker *w;
	struct kthread_work work;
	struct timer_list timer, timer2;
	struct task_struct *t;
	int ret;

	/* bpftrace attaches to the running program: wait for its go (a file). */
	const char *go = getenv("PROBE_GO_FILE");

	for (int i = 0; go && i < 600 && access(go, F_OK); i++)
		msleep(50);
	t = kthread_create(target, NULL, "probe_target");
	printf("expect kthread_create %d probe_target %p\n", t->pid, (void *)target);
	wake_up_process(t);
	printf("expect kthread_wakeup_new %d probe_target\n", t->pid);
	kthread_park(t);
	printf("expect kthread_park %d probe_target\n", t->pid);
	kthread_unpark(t);
	printf("expect kthread_unpark %d probe_target\n", t->pid);
	printf("expect sched_kthread_stop %d probe_target\n", t->pid);
	printf("expect kthread_exit %d probe_target 42\n", t->pid);
	ret = kthread_stop(t);
	printf("expect sched_kthread_stop_ret %d\n", ret);

	w = kthread_run_worker(0, "probe_worker");
	kthread_init_work(&work, work_fn);
	kthread_queue_work(w, &work);
	kthread_flush_worker(w);
	printf("expect sched_kthread_work_queue_work %p %p %p\n", (void *)&work,
	       (void *)work_fn, (void *)w);
	printf("expect sched_kthread_work_execute_start %p %p\n", (void *)&work, (void *)work_fn);
	printf("expect sched_kthread_work_execute_end %p %p\n", (void *)&work, (void *)work_fn);
	kthread_destroy_worker(w);

	timer_setup(&timer, timer_fn, 0);
	mod_timer(&timer, jiffies + 1);
	msleep(20);
	printf("expect timer_start %p %p\n", (void *)&timer, (void *)timer_fn);
	printf("expect timer_expire_entry %p %p\n", (void *)&timer, (void *)timer_fn);
	printf("expect timer_expire_exit %p\n", (void *)&timer);
	timer_setup(&timer2, timer_fn, 0);
	mod_timer(&timer2, jiffies + 10000);
	timer_delete_sync(&timer2);
	printf("expect timer_cancel %p\n", (void *)&timer2);
	fflush(stdout);
	return 0;
}
