// SPDX-License-Identifier: MIT
/*
 * kthread_loop.c - the kthread main loop kernel code is made of: sleep in
 * wait_event_interruptible() until there is work or kthread_stop() is
 * called, do the work, go round; kthread_stop() returns what the thread
 * function returned.
 */
#include <stdio.h>
#include <ukthread.h>

static DECLARE_WAIT_QUEUE_HEAD(wq);
static int pending;		/* requests not yet handled; the waker sets it */
static int handled;

static int loop(void *data)
{
	while (!kthread_should_stop()) {
		/* Returns -ERESTARTSYS when kthread_stop() interrupts the sleep. */
		if (wait_event_interruptible(wq, __atomic_load_n(&pending, __ATOMIC_ACQUIRE) > 0 ||
					     kthread_should_stop()))
			continue;
		while (__atomic_load_n(&pending, __ATOMIC_ACQUIRE) > 0) {
			__atomic_fetch_sub(&pending, 1, __ATOMIC_ACQ_REL);
			handled++;
		}
	}
	return handled;
}

int main(void)
{
	struct task_struct *t = kthread_run(loop, NULL, "loop");

	if (IS_ERR(t))
		return 1;
	for (int i = 0; i < 5; i++) {
		__atomic_fetch_add(&pending, 1, __ATOMIC_ACQ_REL);
		wake_up_interruptible(&wq);
		msleep(10);
	}
	/* Wakes the sleeping thread: wait_event_interruptible() returns. */
	int n = kthread_stop(t);
	printf("%s handled %d requests\n", "loop", n);
	return n == 5 ? 0 : 1;
}
