// SPDX-License-Identifier: MIT
/*
 * test_kthread_worker.c - kthread_worker and kthread_work
 * (src/kernel/kthread_worker.c): queueing, order, the run loop, both API
 * spellings, and no heap allocation on the queue, flush and cancel paths.
 * Flush and cancel: test_kthread_worker_flush.c; create and destroy:
 * test_kthread_worker_create.c.
 */
#include "worker_fixture.h"

/* ---- queueing --------------------------------------------------------- */

START_TEST(test_queue_true_then_false_while_pending)
{
	struct kthread_worker *w = start_worker("wt-pending");
	struct t_gate g = { 0 };
	struct tw blocker, a;

	tw_init(&blocker, &g);
	tw_init(&a, NULL);
	ck_assert(kthread_queue_work(w, &blocker.work));
	ck_assert(t_gate_reached(&g));
	ck_assert(kthread_queue_work(w, &a.work));
	for (int i = 0; i < 5; i++)
		ck_assert(!kthread_queue_work(w, &a.work));
	t_gate_open(&g);
	kthread_flush_work(&a.work);
	ck_assert_int_eq(T_LOAD(&a.runs), 1);
	ck_assert_int_eq(T_LOAD(&a.finished), 1);
	/* Idle again: queueing works again, and runs it once more. */
	ck_assert(kthread_queue_work(w, &a.work));
	kthread_flush_work(&a.work);
	ck_assert_int_eq(T_LOAD(&a.runs), 2);
	end_worker(w);
}
END_TEST

START_TEST(test_queue_false_while_being_canceled)
{
	struct kthread_worker *w = start_worker("wt-canceling");
	struct t_gate g = { 0 };
	struct cancel_call c = { 0 };
	struct t_bg bg;
	struct tw a;

	tw_init(&a, &g);
	ck_assert(kthread_queue_work(w, &a.work));
	ck_assert(t_gate_reached(&g));		/* running, blocked */
	c.work = &a.work;
	c.target = &a;
	t_bg_start(&bg, bg_cancel, &c);
	ck_assert_msg(t_bg_sleeping(&bg), "cancel did not wait for the running work");
	/* Not pending, but being canceled: queueing is refused. */
	ck_assert(!kthread_queue_work(w, &a.work));
	ck_assert(!kthread_queue_work(w, &a.work));
	t_gate_open(&g);
	ck_assert(t_bg_finished(&bg, 5000));
	t_bg_join(&bg);
	ck_assert(!c.ret);			/* it was running, not pending */
	ck_assert_int_eq(c.finished_at_return, 1);
	kthread_flush_worker(w);
	ck_assert_int_eq(T_LOAD(&a.runs), 1);	/* the refused queueings did nothing */
	/* Cancel over: queueing works again. */
	ck_assert(kthread_queue_work(w, &a.work));
	kthread_flush_work(&a.work);
	ck_assert_int_eq(T_LOAD(&a.runs), 2);
	end_worker(w);
}
END_TEST

/* Order recording. */
#define ORDER_MAX 20000
static int order_log[ORDER_MAX];
static int order_n;
static int in_run, max_in_run;

struct ow {
	struct kthread_work work;
	int id;
};

static void ow_fn(struct kthread_work *work)
{
	struct ow *o = ukt_container_of(work, struct ow, work);
	int n = T_INC(&in_run);

	if (n > T_LOAD(&max_in_run))
		T_STORE(&max_in_run, n);
	if (order_n < ORDER_MAX)
		order_log[order_n++] = o->id;
	if ((o->id & 63) == 0)
		sched_yield();		/* give another "runner" a chance to show up */
	T_DEC(&in_run);
}

START_TEST(test_fifo_single_producer)
{
	static struct ow works[4000];
	struct kthread_worker *w = start_worker("wt-fifo");
	struct t_gate g = { 0 };
	struct tw blocker;

	/* Half queued behind a blocked worker, half while it runs freely. */
	tw_init(&blocker, &g);
	ck_assert(kthread_queue_work(w, &blocker.work));
	ck_assert(t_gate_reached(&g));
	for (int i = 0; i < 4000; i++) {
		works[i].id = i;
		kthread_init_work(&works[i].work, ow_fn);
	}
	for (int i = 0; i < 2000; i++)
		ck_assert(kthread_queue_work(w, &works[i].work));
	t_gate_open(&g);
	for (int i = 2000; i < 4000; i++)
		ck_assert(kthread_queue_work(w, &works[i].work));
	kthread_flush_worker(w);
	ck_assert_int_eq(order_n, 4000);
	for (int i = 0; i < 4000; i++)
		ck_assert_int_eq(order_log[i], i);
	ck_assert_int_eq(T_LOAD(&max_in_run), 1);
	end_worker(w);
}
END_TEST

#define PRODUCERS 4
#define PER_PRODUCER 3000

struct producer {
	struct kthread_worker *w;
	struct ow *works;
	int refused;
};

static void *producer_main(void *arg)
{
	struct producer *p = arg;

	for (int i = 0; i < PER_PRODUCER; i++) {
		if (!kthread_queue_work(p->w, &p->works[i].work))
			p->refused++;
		if (i % 500 == 0)
			sched_yield();
	}
	return NULL;
}

START_TEST(test_fifo_multi_producer_one_at_a_time)
{
	static struct ow works[PRODUCERS][PER_PRODUCER];
	struct kthread_worker *w = start_worker("wt-mp");
	struct producer p[PRODUCERS];
	pthread_t th[PRODUCERS];
	int last[PRODUCERS];

	for (int k = 0; k < PRODUCERS; k++) {
		for (int i = 0; i < PER_PRODUCER; i++) {
			works[k][i].id = k * PER_PRODUCER + i;
			kthread_init_work(&works[k][i].work, ow_fn);
		}
		p[k] = (struct producer){ .w = w, .works = works[k] };
		ck_assert_int_eq(pthread_create(&th[k], NULL, producer_main, &p[k]), 0);
	}
	for (int k = 0; k < PRODUCERS; k++) {
		ck_assert_int_eq(pthread_join(th[k], NULL), 0);
		ck_assert_int_eq(p[k].refused, 0);
	}
	kthread_flush_worker(w);
	ck_assert_int_eq(order_n, PRODUCERS * PER_PRODUCER);
	/* Each producer's works ran in the order it queued them, each once. */
	for (int k = 0; k < PRODUCERS; k++)
		last[k] = -1;
	for (int i = 0; i < order_n; i++) {
		int k = order_log[i] / PER_PRODUCER, seq = order_log[i] % PER_PRODUCER;

		ck_assert_int_eq(seq, last[k] + 1);
		last[k] = seq;
	}
	ck_assert_int_eq(T_LOAD(&max_in_run), 1);
	end_worker(w);
}
END_TEST

START_TEST(test_works_run_on_the_worker_thread)
{
	struct kthread_worker *w = start_worker("wt-thread");
	struct tw a, b;

	tw_init(&a, NULL);
	tw_init(&b, NULL);
	ck_assert(kthread_queue_work(w, &a.work));
	ck_assert(kthread_queue_work(w, &b.work));
	kthread_flush_worker(w);
	ck_assert_ptr_eq(a.task, T_LOAD(&w->task));
	ck_assert_ptr_eq(b.task, T_LOAD(&w->task));
	ck_assert_int_eq(a.tid, T_LOAD(&w->task)->pid);
	ck_assert_int_ne(a.tid, t_gettid());
	end_worker(w);
}
END_TEST

START_TEST(test_work_belongs_to_one_worker)
{
	struct kthread_worker *w1 = start_worker("wt-one1");
	struct kthread_worker *w2 = start_worker("wt-one2");
	struct t_gate g = { 0 };
	struct tw blocker, a;
	unsigned long warns;

	tw_init(&a, NULL);
	ck_assert(kthread_queue_work(w1, &a.work));
	kthread_flush_work(&a.work);
	ck_assert_ptr_eq(a.task, T_LOAD(&w1->task));
	ck_assert_ptr_eq(a.work.worker, w1);

	/* Idle, but still attached to w1: refused with a warning. */
	warns = ukt_warn_count();
	ck_assert(!kthread_queue_work(w2, &a.work));
	ck_assert_uint_eq(ukt_warn_count(), warns + 1);
	kthread_flush_worker(w2);
	ck_assert_int_eq(T_LOAD(&a.runs), 1);

	/* Pending on w1: refused on w2 too, with a warning. */
	tw_init(&blocker, &g);
	ck_assert(kthread_queue_work(w1, &blocker.work));
	ck_assert(t_gate_reached(&g));
	ck_assert(kthread_queue_work(w1, &a.work));
	warns = ukt_warn_count();
	ck_assert(!kthread_queue_work(w2, &a.work));
	ck_assert_uint_eq(ukt_warn_count(), warns + 1);
	t_gate_open(&g);
	kthread_flush_worker(w1);
	kthread_flush_worker(w2);
	ck_assert_int_eq(T_LOAD(&a.runs), 2);
	ck_assert_ptr_eq(a.task, T_LOAD(&w1->task));

	/* Still fine on w1, without a warning. */
	warns = ukt_warn_count();
	ck_assert(kthread_queue_work(w1, &a.work));
	kthread_flush_work(&a.work);
	ck_assert_uint_eq(ukt_warn_count(), warns);

	/* Re-initialised: free to go to w2. */
	kthread_init_work(&a.work, tw_fn);
	ck_assert(kthread_queue_work(w2, &a.work));
	kthread_flush_work(&a.work);
	ck_assert_ptr_eq(a.task, T_LOAD(&w2->task));
	ck_assert_int_eq(T_LOAD(&a.runs), 4);
	ck_assert_uint_eq(ukt_warn_count(), warns);
	end_worker(w1);
	end_worker(w2);
}
END_TEST

/* Fresh memory (stack, malloc) holds garbage that may look like a work. */
START_TEST(test_init_work_on_garbage)
{
	struct kthread_worker *w = start_worker("wt-garbage");
	unsigned long warns = ukt_warn_count();
	struct kthread_delayed_work dw;
	struct tw a;

	for (int fill = 0; fill < 256; fill += 0x55) {
		memset(&a, fill, sizeof(a));
		a.magic = TW_MAGIC;
		a.gate = NULL;
		a.requeue = 0;
		a.runs = a.finished = 0;
		kthread_init_work(&a.work, tw_fn);
		ck_assert_ptr_null(a.work.worker);
		ck_assert(kthread_queue_work(w, &a.work));
		kthread_flush_work(&a.work);
		ck_assert_int_eq(T_LOAD(&a.runs), 1);

		memset(&dw, fill, sizeof(dw));
		kthread_init_delayed_work(&dw, dw_fn);
		ck_assert(!timer_pending(&dw.timer));
		ck_assert(kthread_queue_delayed_work(w, &dw, 1));
		kthread_flush_work(&dw.work);
	}
	ck_assert_int_eq(T_LOAD(&dw_runs), 4);
	ck_assert_uint_eq(ukt_warn_count(), warns);
	end_worker(w);
}
END_TEST

/* ---- the worker never touches a work after its function ---------------- */

struct selfree {
	struct kthread_work work;
	int *counter;
	struct t_gate *gate;
};

static void selfree_fn(struct kthread_work *work)
{
	struct selfree *s = ukt_container_of(work, struct selfree, work);
	int *counter = s->counter;

	if (s->gate)
		t_gate_pass(s->gate);
	/* Scribble over it first: a later read by the worker would see junk. */
	memset(s, 0xa5, sizeof(*s));
	free(s);
	T_INC(counter);
}

START_TEST(test_work_frees_itself)
{
	struct kthread_worker *w = start_worker("wt-free");
	struct t_gate g = { 0 };
	int freed = 0;

	for (int i = 0; i < 500; i++) {
		struct selfree *s = malloc(sizeof(*s));

		ck_assert_ptr_nonnull(s);
		kthread_init_work(&s->work, selfree_fn);
		s->counter = &freed;
		s->gate = NULL;
		ck_assert(kthread_queue_work(w, &s->work));
	}
	kthread_flush_worker(w);
	ck_assert_int_eq(T_LOAD(&freed), 500);

	/* While a flusher waits for it. */
	for (int i = 0; i < 20; i++) {
		struct selfree *s = malloc(sizeof(*s));
		struct t_bg bg;

		ck_assert_ptr_nonnull(s);
		memset(&g, 0, sizeof(g));
		kthread_init_work(&s->work, selfree_fn);
		s->counter = &freed;
		s->gate = &g;
		ck_assert(kthread_queue_work(w, &s->work));
		ck_assert(t_gate_reached(&g));
		t_bg_start(&bg, bg_flush_work, &s->work);
		ck_assert(t_bg_sleeping(&bg));
		t_gate_open(&g);
		ck_assert(t_bg_finished(&bg, 5000));
		t_bg_join(&bg);
		ck_assert_int_eq(T_LOAD(&freed), 501 + i);
	}
	end_worker(w);
}
END_TEST

/* The work's memory handed back to the test: no write to it after the run. */
static unsigned char poison_buf[4096] __attribute__((aligned(64)));
static int poison_runs;

static void poison_fn(struct kthread_work *work)
{
	memset(work, 0x5a, sizeof(*work));
	T_INC(&poison_runs);
}

START_TEST(test_worker_does_not_write_work_after_run)
{
	struct kthread_worker *w = start_worker("wt-poison");
	const int n = (int)(sizeof(poison_buf) / sizeof(struct kthread_work));
	struct kthread_work *works = (struct kthread_work *)poison_buf;

	for (int round = 0; round < 50; round++) {
		for (int i = 0; i < n; i++)
			kthread_init_work(&works[i], poison_fn);
		for (int i = 0; i < n; i++)
			ck_assert(kthread_queue_work(w, &works[i]));
		kthread_flush_worker(w);
		t_sleep_us(200);
		for (size_t i = 0; i < (size_t)n * sizeof(struct kthread_work); i++)
			ck_assert_msg(poison_buf[i] == 0x5a,
				      "byte %zu of a finished work changed to %#x",
				      i, poison_buf[i]);
	}
	ck_assert_int_eq(T_LOAD(&poison_runs), 50 * n);
	end_worker(w);
}
END_TEST

/* ---- the 2.6.35 API ----------------------------------------------------- */

static DEFINE_KTHREAD_WORKER(static_worker);
static struct tw static_tw = {
	.magic = TW_MAGIC,
	.work = KTHREAD_WORK_INIT(static_tw.work, tw_fn),
};
static int defined_runs;

static void defined_fn(struct kthread_work *work)
{
	(void)work;
	T_INC(&defined_runs);
}

static DEFINE_KTHREAD_WORK(defined_work, defined_fn);

START_TEST(test_api_2635_static_worker)
{
	struct task_struct *task;
	char comm[TASK_COMM_LEN];

	task = kthread_run(kthread_worker_fn, &static_worker, "wt-static%d", 35);
	ck_assert(!IS_ERR(task));
	ck_assert(queue_kthread_work(&static_worker, &static_tw.work));
	ck_assert(queue_kthread_work(&static_worker, &defined_work));
	flush_kthread_work(&static_tw.work);
	ck_assert_int_eq(T_LOAD(&static_tw.runs), 1);
	flush_kthread_worker(&static_worker);
	ck_assert_int_eq(T_LOAD(&defined_runs), 1);
	ck_assert_ptr_eq(static_tw.task, task);
	ck_assert_ptr_eq(T_LOAD(&static_worker.task), task);
	__get_task_comm(comm, sizeof(comm), task);
	ck_assert_str_eq(comm, "wt-static35");
	ck_assert_int_eq(kthread_stop(task), 0);
	ck_assert_ptr_null(T_LOAD(&static_worker.task));
}
END_TEST

START_TEST(test_api_2635_init_and_onstack)
{
	struct kthread_worker worker;
	struct task_struct *task, *task2;
	struct tw a;

	init_kthread_worker(&worker);
	memset(&a, 0, sizeof(a));
	a.magic = TW_MAGIC;
	init_kthread_work(&a.work, tw_fn);
	task = kthread_run(kthread_worker_fn, &worker, "wt-init");
	ck_assert(!IS_ERR(task));
	ck_assert(queue_kthread_work(&worker, &a.work));
	flush_kthread_work(&a.work);
	ck_assert_int_eq(T_LOAD(&a.runs), 1);
	ck_assert_int_eq(kthread_stop(task), 0);

	{
		DEFINE_KTHREAD_WORKER_ONSTACK(onstack);
		struct tw b = { .magic = TW_MAGIC, .work = KTHREAD_WORK_INIT(b.work, tw_fn) };

		task2 = kthread_run(kthread_worker_fn, &onstack, "wt-onstack");
		ck_assert(!IS_ERR(task2));
		ck_assert(queue_kthread_work(&onstack, &b.work));
		flush_kthread_worker(&onstack);
		ck_assert_int_eq(T_LOAD(&b.runs), 1);
		ck_assert_ptr_eq(b.task, task2);
		ck_assert_int_eq(kthread_stop(task2), 0);
	}
}
END_TEST

START_TEST(test_worker_fn_by_a_second_thread_refused)
{
	struct kthread_worker worker;
	struct task_struct *t1, *t2;
	unsigned long warns;

	kthread_init_worker(&worker);
	t1 = kthread_run(kthread_worker_fn, &worker, "wt-first");
	ck_assert(!IS_ERR(t1));
	ck_assert(T_WAIT_FOR(T_LOAD(&worker.task) == t1, 5000));
	warns = ukt_warn_count();
	t2 = kthread_run(kthread_worker_fn, &worker, "wt-second");
	ck_assert(!IS_ERR(t2));
	/* Let it run (a stop before that would give -EINTR). */
	ck_assert(T_WAIT_FOR(ukt_warn_count() == warns + 1, 5000));
	ck_assert_int_eq(kthread_stop(t2), -EBUSY);
	ck_assert_uint_eq(ukt_warn_count(), warns + 1);
	ck_assert_ptr_eq(T_LOAD(&worker.task), t1);
	ck_assert_int_eq(kthread_stop(t1), 0);
}
END_TEST

/* ---- the mainline API ---------------------------------------------------- */

struct owner {
	long before;
	struct kthread_work work;
	long after;
	int seen;
};

static void owner_fn(struct kthread_work *work)
{
	struct owner *o = ukt_container_of(work, struct owner, work);

	if (o->before == 111 && o->after == 222)
		T_INC(&o->seen);
}

START_TEST(test_container_of_work_owner)
{
	struct kthread_worker *w = start_worker("wt-owner");
	struct owner o = { .before = 111, .after = 222 };

	kthread_init_work(&o.work, owner_fn);
	ck_assert(kthread_queue_work(w, &o.work));
	kthread_flush_work(&o.work);
	ck_assert_int_eq(T_LOAD(&o.seen), 1);
	end_worker(w);
}
END_TEST

/* ---- no heap allocation on the queue, flush and cancel paths ------------- */

#if !T_SANITIZED
extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *p, size_t size);

static int alloc_armed;
static unsigned long alloc_calls;

static void count_alloc(void)
{
	if (__atomic_load_n(&alloc_armed, __ATOMIC_RELAXED))
		__atomic_add_fetch(&alloc_calls, 1, __ATOMIC_RELAXED);
}

void *malloc(size_t size)
{
	count_alloc();
	return __libc_malloc(size);
}

void *calloc(size_t n, size_t size)
{
	count_alloc();
	return __libc_calloc(n, size);
}

void *realloc(void *p, size_t size)
{
	count_alloc();
	return __libc_realloc(p, size);
}

static void alloc_arm(bool on)
{
	if (on)
		__atomic_store_n(&alloc_calls, 0, __ATOMIC_SEQ_CST);
	__atomic_store_n(&alloc_armed, on, __ATOMIC_SEQ_CST);
}
#else
static unsigned long alloc_calls;

static void alloc_arm(bool on)
{
	(void)on;
}
#endif

static void all_paths(struct kthread_worker *w, struct tw *a, struct tw *b,
		      struct kthread_delayed_work *dw, int rounds)
{
	for (int i = 0; i < rounds; i++) {
		kthread_queue_work(w, &a->work);
		kthread_queue_work(w, &b->work);
		kthread_flush_work(&a->work);
		kthread_queue_work(w, &a->work);
		kthread_cancel_work_sync(&a->work);
		kthread_flush_worker(w);
		kthread_queue_delayed_work(w, dw, 0);
		kthread_flush_work(&dw->work);
		kthread_queue_delayed_work(w, dw, 1000);
		kthread_mod_delayed_work(w, dw, 2000);
		kthread_cancel_delayed_work_sync(dw);
		kthread_mod_delayed_work(w, dw, 0);
		kthread_cancel_delayed_work_sync(dw);
		if (i % 50 == 0) {
			/* The timer path: a short delay that fires. */
			kthread_mod_delayed_work(w, dw, 1);
			kthread_flush_work(&dw->work);
		}
	}
	kthread_flush_worker(w);
}

START_TEST(test_no_allocation_on_queue_flush_cancel)
{
	unsigned long totals[UKT_SITE_NR];
	struct kthread_delayed_work dw;
	struct kthread_worker *w;
	struct tw a, b;

	/* No spare threads made behind our back (kthreadd refills them). */
	setenv("UKTHREAD_SPARES", "0", 1);
	ukt_kthreadd_set_spares(0);
	w = start_worker("wt-noalloc");
	tw_init(&a, NULL);
	tw_init(&b, NULL);
	kthread_init_delayed_work(&dw, dw_fn);
	all_paths(w, &a, &b, &dw, 60);		/* warm up: timer thread, tasks */
	t_sleep_ms(20);

	for (int s = 0; s < UKT_SITE_NR; s++)
		totals[s] = ukt_site_total(s);
	alloc_arm(true);
	all_paths(w, &a, &b, &dw, 2000);
	alloc_arm(false);
	for (int s = 0; s < UKT_SITE_NR; s++)
		ck_assert_msg(ukt_site_total(s) == totals[s], "site %d allocated %lu times",
			      s, ukt_site_total(s) - totals[s]);
	ck_assert_msg(alloc_calls == 0, "%lu heap allocations on the queue/flush/cancel paths",
		      alloc_calls);
	ck_assert_int_ge(T_LOAD(&a.runs), 2000);
	ck_assert_int_ge(T_LOAD(&b.runs), 2000);
	ck_assert_int_ge(T_LOAD(&dw_runs), 2000);
	end_worker(w);
}
END_TEST

#if !T_SANITIZED
/* The interposition itself works: a known allocation is seen. */
START_TEST(test_allocation_counter_sees_malloc)
{
	void *volatile p;

	alloc_arm(true);
	p = malloc(100);
	free(p);
	p = calloc(1, 100);
	p = realloc(p, 1000);
	free(p);
	alloc_arm(false);
	ck_assert_uint_eq(alloc_calls, 3);
	/*
	 * A worker's creation allocates.  Under valgrind the library's own
	 * calls reach valgrind's allocator, not this interposition.
	 */
	if (T_VALGRIND)
		return;
	alloc_arm(true);
	{
		struct kthread_worker *w = kthread_create_worker(0, "wt-alloc");

		ck_assert(!IS_ERR(w));
		alloc_arm(false);
		ck_assert_uint_ge(alloc_calls, 1);
		end_worker(w);
	}
}
END_TEST
#endif

/* A NULL work function: init warns, queueing warns and refuses. */
START_TEST(test_null_work_fn_refused)
{
	struct kthread_worker *w = start_worker("wt-nullfn");
	static DEFINE_KTHREAD_WORK(defined, NULL);
	struct kthread_work work;
	unsigned long warns = ukt_warn_count();

	kthread_init_work(&work, NULL);
	ck_assert_uint_eq(ukt_warn_count(), warns + 1);
	ck_assert(!kthread_queue_work(w, &work));
	ck_assert_uint_eq(ukt_warn_count(), warns + 2);
	ck_assert(!kthread_queue_work(w, &defined));
	ck_assert_uint_eq(ukt_warn_count(), warns + 3);
	kthread_flush_work(&work);
	kthread_flush_worker(w);
	end_worker(w);
}
END_TEST

static int task_reads;

static int read_task_fn(void *data)
{
	struct kthread_worker *w = data;

	/* A plain read of the public field, as users do: no race with the worker. */
	while (!kthread_should_stop())
		if (w->task)
			__atomic_add_fetch(&task_reads, 1, __ATOMIC_RELAXED);
	return 0;
}

/* The worker's thread does not write worker->task once it is set. */
START_TEST(test_worker_task_plain_read_no_race)
{
	for (int i = 0; i < 20; i++) {
		struct kthread_worker *w = kthread_create_worker(0, "wt-read%d", i);
		struct task_struct *reader;

		ck_assert(!IS_ERR(w));
		T_STORE(&task_reads, 0);
		reader = kthread_run(read_task_fn, w, "wt-reader");
		ck_assert(!IS_ERR(reader));
		ck_assert(T_WAIT_FOR(T_LOAD(&task_reads) > 0, 5000));
		wake_up_process(w->task);
		kthread_flush_worker(w);
		ck_assert_int_eq(kthread_stop(reader), 0);
		kthread_destroy_worker(w);
	}
	ck_assert_int_gt(T_LOAD(&task_reads), 0);
}
END_TEST

static Suite *worker_suite(void)
{
	Suite *s = suite_create("kthread_worker");
	TCase *tc;

	tc = t_tcase(s, "queue");
	tcase_add_test(tc, test_queue_true_then_false_while_pending);
	tcase_add_test(tc, test_queue_false_while_being_canceled);
	tcase_add_test(tc, test_fifo_single_producer);
	tcase_add_test(tc, test_fifo_multi_producer_one_at_a_time);
	tcase_add_test(tc, test_works_run_on_the_worker_thread);
	tcase_add_test(tc, test_work_belongs_to_one_worker);
	tcase_add_test(tc, test_init_work_on_garbage);
	tcase_add_test(tc, test_null_work_fn_refused);
	tcase_add_test(tc, test_worker_task_plain_read_no_race);
	tcase_add_test(tc, test_work_frees_itself);
	tcase_add_test(tc, test_worker_does_not_write_work_after_run);

	tc = t_tcase(s, "api");
	tcase_add_test(tc, test_api_2635_static_worker);
	tcase_add_test(tc, test_api_2635_init_and_onstack);
	tcase_add_test(tc, test_worker_fn_by_a_second_thread_refused);
	tcase_add_test(tc, test_container_of_work_owner);

	tc = t_tcase(s, "alloc");
	tcase_add_test(tc, test_no_allocation_on_queue_flush_cancel);
#if !T_SANITIZED
	tcase_add_test(tc, test_allocation_counter_sees_malloc);
#endif
	return s;
}

int main(void)
{
	return t_run_suite(worker_suite());
}
