// SPDX-License-Identifier: MIT
/*
 * demo.c - a small kernel-style subsystem on ukthread, what `make demo`
 * runs.
 *
 * The "sealer" pipeline:
 *
 *   demo_prod/0,1    producer kthreads (kthread_run): each makes a batch of
 *                    items, hands it to the worker as a kthread_work and
 *                    waits for the batch's completion, then puts the
 *                    sealed items on a FIFO and wakes the wait queue
 *   demo_worker      a kthread_worker: seals batches, and runs a periodic
 *                    delayed work ("stats") that re-queues itself
 *   demo_cons/N      one consumer kthread per CPU (kthread_create_on_cpu),
 *                    sleeping in wait_event_interruptible() on the FIFO;
 *                    parked and unparked half way through
 *
 * It prints a table of the process's threads (name, tid, state, CPU,
 * what each has done) at each step, then stops everything in order
 * (producers, the periodic work, the worker's queue, consumers once the
 * FIFO is empty, the worker) and prints a summary.  It exits 0 when every
 * item made was sealed and eaten exactly once.
 *
 * While it runs, `ps -L -o tid,comm -p PID` or `top -H -p PID` shows the
 * threads with these names, as the kernel's would show in `ps`.
 */
#include <errno.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <ukthread.h>

#define NPROD		2
#define MAXCONS		4
#define BATCH		8
#define FIFO_SIZE	4096
#define STATS_MS	100

/* ---- the subsystem's state ---------------------------------------- */

struct batch {
	struct kthread_work work;	/* queued on the worker */
	struct completion sealed;	/* completed by the worker */
	unsigned long items[BATCH];
	unsigned long seal;
};

struct producer {
	struct task_struct *task;
	int id;
	unsigned long batches;		/* sealed batches */
	unsigned long made;		/* items put on the FIFO */
};

struct consumer {
	struct task_struct *task;
	unsigned int cpu;
	unsigned long eaten;
	unsigned long sum;
};

static struct kthread_worker *worker;
static unsigned long works_run;		/* only the worker writes it */
static unsigned long stats_ticks;
static unsigned long peak_backlog;
static struct kthread_delayed_work stats_work;

static ukt_spinlock_t fifo_lock = UKT_SPINLOCK_INIT;
static unsigned long fifo[FIFO_SIZE];
static unsigned int fifo_head, fifo_tail;	/* fifo_lock */
static DECLARE_WAIT_QUEUE_HEAD(fifo_wq);

static struct producer prods[NPROD];
static struct consumer cons[MAXCONS];
static int ncons;

/* Counters the table reads while their thread runs: relaxed atomics. */
#define COUNT(x)	__atomic_fetch_add(&(x), 1, __ATOMIC_RELAXED)
#define READ(x)		__atomic_load_n(&(x), __ATOMIC_RELAXED)

static unsigned int fifo_len(void)
{
	return __atomic_load_n(&fifo_tail, __ATOMIC_ACQUIRE) -
	       __atomic_load_n(&fifo_head, __ATOMIC_ACQUIRE);
}

/* An item is (producer << 24 | serial); its seal is a checksum over it. */
static unsigned long seal_of(unsigned long item)
{
	return item * 2654435761UL ^ (item >> 7);
}

/* ---- the worker's works ------------------------------------------- */

static void seal_batch(struct kthread_work *work)
{
	struct batch *b = ukt_container_of(work, struct batch, work);

	b->seal = 0;
	for (int i = 0; i < BATCH; i++)
		b->seal += seal_of(b->items[i]);
	COUNT(works_run);
	complete(&b->sealed);
}

static void stats(struct kthread_work *work)
{
	unsigned int n = fifo_len();

	if (n > peak_backlog)
		peak_backlog = n;
	stats_ticks++;
	COUNT(works_run);
	/* Periodic: the work queues itself again, as kernel code does. */
	kthread_queue_delayed_work(worker, &stats_work, msecs_to_jiffies(STATS_MS));
}

/* ---- producers ----------------------------------------------------- */

static int produce(void *data)
{
	struct producer *p = data;
	struct batch b;
	unsigned long serial = 0;

	while (!kthread_should_stop()) {
		for (int i = 0; i < BATCH; i++)
			b.items[i] = (unsigned long)p->id << 24 | serial++;
		init_completion(&b.sealed);
		kthread_init_work(&b.work, seal_batch);
		kthread_queue_work(worker, &b.work);
		wait_for_completion(&b.sealed);
		COUNT(p->batches);

		ukt_spin_lock(&fifo_lock);
		for (int i = 0; i < BATCH && fifo_tail - fifo_head < FIFO_SIZE; i++) {
			fifo[fifo_tail % FIFO_SIZE] = b.items[i];
			__atomic_store_n(&fifo_tail, fifo_tail + 1, __ATOMIC_RELEASE);
			p->made++;
		}
		ukt_spin_unlock(&fifo_lock);
		wake_up_interruptible(&fifo_wq);
		msleep_interruptible(10);	/* returns at once on kthread_stop() */
	}
	return (int)p->batches;
}

/* ---- per-CPU consumers --------------------------------------------- */

static bool take(unsigned long *item)
{
	bool got = false;

	ukt_spin_lock(&fifo_lock);
	if (fifo_head != fifo_tail) {
		*item = fifo[fifo_head % FIFO_SIZE];
		__atomic_store_n(&fifo_head, fifo_head + 1, __ATOMIC_RELEASE);
		got = true;
	}
	ukt_spin_unlock(&fifo_lock);
	return got;
}

static int consume(void *data)
{
	struct consumer *c = data;
	unsigned long item;

	while (!kthread_should_stop()) {
		if (kthread_should_park()) {
			kthread_parkme();	/* sleeps in TASK_PARKED until unparked */
			continue;
		}
		/* -ERESTARTSYS on kthread_stop(): the loop condition sees it. */
		wait_event_interruptible(fifo_wq, fifo_len() > 0 ||
					 kthread_should_stop_or_park());
		while (!kthread_should_park() && take(&item)) {
			COUNT(c->eaten);
			c->sum += seal_of(item);
		}
	}
	return (int)c->eaten;
}

/* ---- the table ------------------------------------------------------ */

/* State and last CPU of one thread of this process, from /proc. */
static void proc_stat(int tid, char *state, int *cpu)
{
	char path[64], buf[1024];
	FILE *f;

	*state = '?';
	*cpu = -1;
	snprintf(path, sizeof(path), "/proc/self/task/%d/stat", tid);
	f = fopen(path, "r");
	if (!f)
		return;
	if (fgets(buf, sizeof(buf), f)) {
		char *p = strrchr(buf, ')');	/* comm may hold spaces */
		int field = 3;	/* p + 2 is the state, field 3 */

		if (p) {
			*state = p[2];
			for (p += 2; *p && field < 39; p++)
				if (*p == ' ' && ++field == 39)
					*cpu = atoi(p + 1);
		}
	}
	fclose(f);
}

/* The kernel's letters for a task's state, as ps prints them. */
static char state_letter(struct task_struct *t, char os)
{
	unsigned int s = __atomic_load_n(&t->__state, __ATOMIC_RELAXED);

	if (s & TASK_PARKED)
		return 'P';
	if ((s & TASK_IDLE) == TASK_IDLE)
		return 'I';
	if (s & TASK_UNINTERRUPTIBLE)
		return 'D';
	if (s & TASK_INTERRUPTIBLE)
		return 'S';
	return os == 'R' ? 'R' : os;	/* running, or between two states */
}

static const char *state_name(char c)
{
	switch (c) {
	case 'R': return "running";
	case 'S': return "sleeping";
	case 'D': return "uninterruptible";
	case 'I': return "idle";
	case 'P': return "parked";
	default: return "";
	}
}

static void row(const char *name, int tid, char st, int cpu, const char *what)
{
	printf("  %-15s %7d  %c %-9s %3d  %s\n", name, tid, st,
	       state_name(st), cpu, what);
}

static void table(const char *title)
{
	char what[64], st;
	int cpu;
	DIR *d;
	struct dirent *e;

	printf("\n-- %s (backlog %u)\n", title, fifo_len());
	printf("  %-15s %7s  %-11s %3s  %s\n", "NAME", "TID", "STATE", "CPU", "DONE");

	/* The threads of the subsystem, with what each has done... */
	proc_stat(worker->task->pid, &st, &cpu);
	snprintf(what, sizeof(what), "%lu works run", READ(works_run));
	row(worker->task->comm, worker->task->pid, state_letter(worker->task, st), cpu, what);
	for (int i = 0; i < NPROD; i++) {
		struct task_struct *t = prods[i].task;

		proc_stat(t->pid, &st, &cpu);
		snprintf(what, sizeof(what), "%lu batches sealed", READ(prods[i].batches));
		row(t->comm, t->pid, state_letter(t, st), cpu, what);
	}
	for (int i = 0; i < ncons; i++) {
		struct task_struct *t = cons[i].task;

		proc_stat(t->pid, &st, &cpu);
		snprintf(what, sizeof(what), "%lu items eaten", READ(cons[i].eaten));
		row(t->comm, t->pid, state_letter(t, st), cpu, what);
	}
	/* ...and ukthread's own: kthreadd, ktimers (and kthreadd's spares). */
	d = opendir("/proc/self/task");
	while (d && (e = readdir(d))) {
		char path[64], comm[32] = "";
		int tid = atoi(e->d_name);
		FILE *f;

		if (tid <= 0 || tid == getpid() || tid == worker->task->pid)
			continue;
		snprintf(path, sizeof(path), "/proc/self/task/%d/comm", tid);
		f = fopen(path, "r");
		if (f) {
			if (fgets(comm, sizeof(comm), f))
				comm[strcspn(comm, "\n")] = 0;
			fclose(f);
		}
		if (strcmp(comm, "kthreadd") && strcmp(comm, "ktimers"))
			continue;
		proc_stat(tid, &st, &cpu);
		row(comm, tid, st, cpu, !strcmp(comm, "ktimers") ? "runs the timers" :
		    tid == kthreadd_task->pid ? "makes the kthreads" : "a spare, made ahead");
	}
	if (d)
		closedir(d);
}

/* ---- main: start, watch, park, stop --------------------------------- */

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(void)
{
	double t0 = now();
	int ret;
	unsigned long made = 0, eaten = 0, batches = 0, sum_made = 0, sum_eaten = 0;

	printf("ukthread demo: a kernel-style pipeline, pid %d\n", getpid());
	printf("(watch it with: ps -L -o tid,stat,psr,comm -p %d)\n", getpid());

	/* 1. The worker and its periodic work. */
	worker = kthread_run_worker(0, "demo_worker");
	if (IS_ERR(worker)) {
		fprintf(stderr, "kthread_run_worker: %ld\n", PTR_ERR(worker));
		return 1;
	}
	kthread_init_delayed_work(&stats_work, stats);
	kthread_queue_delayed_work(worker, &stats_work, msecs_to_jiffies(STATS_MS));

	/* 2. One consumer per CPU, bound to it; created stopped, then woken. */
	for (unsigned int cpu = 0; cpu < nr_cpu_ids && ncons < MAXCONS; cpu++) {
		struct consumer *c = &cons[ncons];
		struct task_struct *t;

		if (!cpumask_test_cpu(cpu, cpu_online_mask))
			continue;
		c->cpu = cpu;
		t = kthread_create_on_cpu(consume, c, cpu, "demo_cons/%u");
		if (IS_ERR(t)) {
			fprintf(stderr, "kthread_create_on_cpu(%u): %ld\n", cpu, PTR_ERR(t));
			return 1;
		}
		kthread_set_per_cpu(t, cpu);	/* re-bound to its CPU on unpark */
		c->task = t;
		wake_up_process(t);
		ncons++;
	}

	/* 3. The producers. */
	for (int i = 0; i < NPROD; i++) {
		prods[i].id = i;
		prods[i].task = kthread_run(produce, &prods[i], "demo_prod/%d", i);
		if (IS_ERR(prods[i].task)) {
			fprintf(stderr, "kthread_run: %ld\n", PTR_ERR(prods[i].task));
			return 1;
		}
	}
	msleep(600);
	table("running: producers -> worker -> FIFO -> per-CPU consumers");

	/* 4. Park the consumers: the FIFO fills while they sleep parked. */
	for (int i = 0; i < ncons; i++) {
		ret = kthread_park(cons[i].task);
		if (ret) {
			fprintf(stderr, "kthread_park: %d\n", ret);
			return 1;
		}
	}
	msleep(400);
	table("consumers parked: the backlog grows");

	/* 5. Unpark: they drain the backlog. */
	for (int i = 0; i < ncons; i++)
		kthread_unpark(cons[i].task);
	msleep(400);
	table("consumers unparked: the backlog drains");

	/*
	 * 6. Freeze and thaw: the place for the freezer (try_to_freeze() in
	 *    the loops, freeze, a table of frozen threads, thaw), which its
	 *    own issue adds.
	 */

	/* 7. Stop everything, in order. */
	printf("\n-- stopping\n");
	for (int i = 0; i < NPROD; i++) {
		ret = kthread_stop(prods[i].task);
		printf("  kthread_stop(demo_prod/%d) = %d (batches)\n", i, ret);
	}
	printf("  kthread_cancel_delayed_work_sync(stats) = %d\n",
	       kthread_cancel_delayed_work_sync(&stats_work));
	kthread_flush_worker(worker);
	for (int wait = 0; fifo_len() > 0 && wait < 2000; wait++)
		msleep(1);			/* consumers eat what is left */
	for (int i = 0; i < ncons; i++) {
		ret = kthread_stop(cons[i].task);
		printf("  kthread_stop(demo_cons/%u) = %d (items)\n", cons[i].cpu, ret);
	}
	kthread_destroy_worker(worker);
	printf("  kthread_destroy_worker(demo_worker)\n");

	/* 8. The summary. */
	for (int i = 0; i < NPROD; i++) {
		made += prods[i].made;
		batches += prods[i].batches;
	}
	for (int i = 0; i < ncons; i++) {
		eaten += cons[i].eaten;
		sum_eaten += cons[i].sum;
	}
	/* What the producers made, recomputed: serials 0.. of each one. */
	for (int i = 0; i < NPROD; i++)
		for (unsigned long s = 0; s < prods[i].made; s++)
			sum_made += seal_of((unsigned long)i << 24 | s);

	printf("\n-- summary after %.2f s\n", now() - t0);
	printf("  %lu batches sealed by the worker, %lu items made by %d producers\n",
	       batches, made, NPROD);
	printf("  %lu items eaten by %d per-CPU consumers:", eaten, ncons);
	for (int i = 0; i < ncons; i++)
		printf(" %lu", cons[i].eaten);
	printf("\n  %lu works run by the worker (%lu batches + %lu stats ticks), peak backlog %lu\n",
	       works_run, batches, stats_ticks, peak_backlog);
	printf("  %lu warnings\n", ukt_warn_count());
	if (made != eaten || sum_made != sum_eaten || works_run != batches + stats_ticks ||
	    made != batches * BATCH || ukt_warn_count()) {
		printf("  MISMATCH: something was lost or run twice\n");
		return 1;
	}
	printf("  every item made was sealed and eaten exactly once\n");
	return 0;
}
