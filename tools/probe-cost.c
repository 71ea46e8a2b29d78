// SPDX-License-Identifier: MIT
/*
 * probe-cost.c - queue and run N works on one worker, in batches of 64
 * flushed each; tools/probe-cost counts its instructions under callgrind
 * with and without the library's probes.  Usage: probe-cost N
 */
#include <stdio.h>
#include <stdlib.h>
#include <ukthread.h>

#define BATCH 64

static unsigned long ran;

static void fn(struct kthread_work *w)
{
	(void)w;
	ran++;
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 1000;
	struct kthread_worker *w = kthread_run_worker(0, "cost");
	static struct kthread_work works[BATCH];

	for (int i = 0; i < BATCH; i++)
		kthread_init_work(&works[i], fn);
	for (long done = 0; done < n; done += BATCH) {
		for (int i = 0; i < BATCH; i++)
			kthread_queue_work(w, &works[i]);
		kthread_flush_worker(w);
	}
	kthread_destroy_worker(w);
	return ran >= (unsigned long)n ? 0 : 1;
}
