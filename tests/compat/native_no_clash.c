/* SPDX-License-Identifier: MIT */
/*
 * native_no_clash.c - with UKTHREAD_NO_KERNEL_NAMES, <ukthread.h> defines
 * only ukt_ names: a program keeps its own list_head, complete(),
 * schedule(), current and friends, and still uses ukthread.
 */
#define UKTHREAD_NO_KERNEL_NAMES
#include <ukthread.h>
#include <stdio.h>

/* None of the kernel spellings may be a macro now. */
#if defined(kthread_run) || defined(kthread_stop) || defined(complete) || \
	defined(schedule) || defined(wait_event) || defined(wake_up) ||	\
	defined(task_struct) || defined(list_head) || defined(current) || \
	defined(jiffies) || defined(HZ) || defined(msleep) ||		\
	defined(IS_ERR) || defined(completion) || defined(cpumask) ||	\
	defined(TASK_RUNNING) || defined(DECLARE_COMPLETION) ||		\
	defined(wait_event_interruptible) || defined(yield) ||		\
	defined(timer_list) || defined(mod_timer) || defined(kthread_worker)
#error "a kernel name leaked through UKTHREAD_NO_KERNEL_NAMES"
#endif

/* The program's own kernel-like names. */
struct list_head {
	struct list_head *next, *prev;
	int completions;
};

struct task_struct {
	int mine;
};

static int current = 7;
static unsigned long jiffies = 3;

static void complete(struct list_head *h)
{
	h->completions++;
}

static int schedule(int n)
{
	return 2 * n;
}

static int nc_worker(void *data)
{
	struct ukt_completion *started = data;

	ukt_complete(started);
	while (!ukt_kthread_should_stop())
		ukt_msleep_interruptible(1000);
	return 5;
}

int main(void)
{
	struct list_head h = { &h, &h, 0 };
	struct task_struct mine = { 1 };
	struct ukt_completion started;
	struct ukt_task_struct *t;
	int ret;

	ukt_init_completion(&started);
	t = ukt_kthread_run(nc_worker, &started, "noclash");
	if (ukt_is_err(t)) {
		fprintf(stderr, "ukt_kthread_run: %ld\n", ukt_ptr_err(t));
		return 1;
	}
	ukt_wait_for_completion(&started);
	ret = ukt_kthread_stop(t);
	complete(&h);
	if (ret != 5 || h.completions != 1 || schedule(2) != 4 ||
	    current != 7 || jiffies != 3 || mine.mine != 1) {
		fprintf(stderr, "native_no_clash: FAILED (ret %d)\n", ret);
		return 1;
	}
	return 0;
}
