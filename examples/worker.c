// SPDX-License-Identifier: MIT
/*
 * worker.c - a kthread_worker: works embedded in their owner, queued,
 * flushed, a delayed work modified and canceled, the worker destroyed.
 */
#include <stdio.h>
#include <ukthread.h>

struct request {
	int id;
	int result;
	struct kthread_work work;	/* container_of() leads back here */
};

static void handle(struct kthread_work *work)
{
	struct request *req = ukt_container_of(work, struct request, work);

	req->result = req->id * req->id;
}

static int ticks;

static void tick(struct kthread_work *work)
{
	ticks++;
}

int main(void)
{
	struct request reqs[4];
	struct kthread_delayed_work later;
	struct kthread_worker *w = kthread_run_worker(0, "example-worker");

	if (IS_ERR(w))
		return 1;
	for (int i = 0; i < 4; i++) {
		reqs[i].id = i + 1;
		kthread_init_work(&reqs[i].work, handle);
		kthread_queue_work(w, &reqs[i].work);
	}
	kthread_flush_worker(w);		/* all four have run, in order */
	for (int i = 0; i < 4; i++)
		printf("request %d -> %d\n", reqs[i].id, reqs[i].result);

	kthread_init_delayed_work(&later, tick);
	kthread_queue_delayed_work(w, &later, msecs_to_jiffies(1000));
	/* false would mean "was idle"; it is pending, so true. */
	printf("mod_delayed_work: %d\n", kthread_mod_delayed_work(w, &later, 10));
	kthread_flush_work(&later.work);	/* waits for the timer, then the run */
	printf("ticks after flush: %d\n", ticks);
	kthread_queue_delayed_work(w, &later, msecs_to_jiffies(1000));
	printf("canceled pending work: %d\n", kthread_cancel_delayed_work_sync(&later));
	kthread_destroy_worker(w);
	return ticks == 1 ? 0 : 1;
}
