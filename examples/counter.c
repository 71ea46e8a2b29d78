// SPDX-License-Identifier: MIT
/* counter.c - a kthread that counts until it is stopped: the README's example. */
#include <stdio.h>
#include <ukthread.h>

static int counter(void *data)
{
	int *n = data;

	while (!kthread_should_stop()) {
		(*n)++;
		msleep_interruptible(10);	/* returns at once on kthread_stop() */
	}
	return *n;
}

int main(void)
{
	int n = 0;
	struct task_struct *t = kthread_run(counter, &n, "counter/%d", 0);

	if (IS_ERR(t)) {
		fprintf(stderr, "kthread_run: %ld\n", PTR_ERR(t));
		return 1;
	}
	printf("started %s (pid %d)\n", t->comm, t->pid);
	msleep(100);
	int ret = kthread_stop(t);
	printf("stopped after %d ticks\n", ret);
	return ret > 0 ? 0 : 1;
}
