// SPDX-License-Identifier: MIT
/*
 * test_worker_stress.c - kthread_worker, delayed works and timers under
 * concurrent fire for $UKT_STRESS_SECONDS (default 3) seconds.
 *
 * - Threads hammer a few shared delayed works with kthread_mod_delayed_work()
 *   and kthread_queue_delayed_work() (delays of 0-2 jiffies),
 *   kthread_queue_work() on the inner work, kthread_flush_work() and
 *   kthread_cancel_delayed_work_sync() (the kernel's 2021 mod-vs-cancel
 *   deadlock).
 * - Self-requeueing works are canceled over and over.
 * - Timers are armed, reduced, deleted and deleted synchronously.
 *
 * What is checked:
 * - nothing hangs: a watchdog names the operation that took over 15 s;
 * - no run after a cancel returned, unless queued again: every queueing is
 *   counted when it starts and when it ends; a cancel notes how many had
 *   ended before it started; a run that finds no queueing besides those
 *   is a run the cancel should have stopped (the same for timers and
 *   timer_delete_sync());
 * - return values add up: +1 for each queueing that says it queued (queue
 *   true, mod false), -1 for each cancel that says it removed one, -1 per
 *   run; with everything quiet and the work canceled, the sum is 0;
 * - after each cancel of a self-requeueing work the work is idle: it does
 *   not run, and queueing it again succeeds;
 * - a timer never fires early;
 * - every few hundred milliseconds all threads pause and each delayed work
 *   is canceled: then it must be idle (queueing succeeds, cancel reports
 *   it pending, it never runs) and its count must be 0;
 * - at the end the worker is destroyed without a warning.
 *
 * Prints one line and exits 0 on success, 1 on failure.
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <ukthread.h>

#define NDW		3	/* shared delayed works */
#define NDW_THREADS	4
#define NSELF		2	/* self-requeueing works, one canceler each */
#define NTIMER		3	/* shared timers */
#define NT_THREADS	2
#define HANG_NS		(15LL * 1000000000LL)

#define LOAD(p)		__atomic_load_n((p), __ATOMIC_SEQ_CST)
#define STORE(p, v)	__atomic_store_n((p), (v), __ATOMIC_SEQ_CST)
#define ADD(p, v)	__atomic_add_fetch((p), (v), __ATOMIC_SEQ_CST)

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void sleep_us(long us)
{
	struct timespec ts = { us / 1000000, (us % 1000000) * 1000 };

	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

static void atomic_max(long *p, long v)
{
	long old = LOAD(p);

	while (old < v && !__atomic_compare_exchange_n(p, &old, v, 0, __ATOMIC_SEQ_CST,
						       __ATOMIC_SEQ_CST))
		;
}

static int failures;

#define FAIL(...) do {							\
	if (ADD(&failures, 1) <= 20) {					\
		fprintf(stderr, "stress: FAIL: " __VA_ARGS__);		\
		fputc('\n', stderr);					\
	}								\
} while (0)

/* ---- what each thread is doing, for the watchdog ----------------------- */

#define MAX_THREADS 32
static struct {
	const char *op;		/* NULL when between operations */
	long long since;
} doing[MAX_THREADS];
static int stop_all;
static int watch_done;

static void op_begin(int id, const char *op)
{
	STORE(&doing[id].since, now_ns());
	STORE(&doing[id].op, op);
}

static void op_end(int id)
{
	STORE(&doing[id].op, NULL);
}

static void *watchdog(void *arg)
{
	(void)arg;
	while (!LOAD(&watch_done)) {
		long long now = now_ns();

		for (int i = 0; i < MAX_THREADS; i++) {
			const char *op = LOAD(&doing[i].op);

			if (op && now - LOAD(&doing[i].since) > HANG_NS) {
				printf("stress: FAIL: thread %d hangs in %s for over %lld s\n",
				       i, op, HANG_NS / 1000000000LL);
				fflush(stdout);
				_exit(1);
			}
		}
		sleep_us(200000);
	}
	return NULL;
}

/* ---- shared delayed works ------------------------------------------------- */

struct sdw {
	struct kthread_delayed_work dw;
	long runs;
	long refs;		/* queued - removed - run, by return values */
	long q_started;		/* queueing calls begun */
	long q_ended;		/* queueing calls returned */
	long cancel_mark;	/* max q_ended seen at the start of a returned cancel */
	long late_runs;		/* runs that a cancel should have stopped */
};

static struct sdw sdws[NDW];
static struct kthread_worker *worker;

/* Pauses everyone for the quiet checks: mutators read-lock per operation. */
static pthread_rwlock_t quiet_lock;

static void sdw_fn(struct kthread_work *work)
{
	struct sdw *s = ukt_container_of(work, struct sdw, dw.work);
	long mark = LOAD(&s->cancel_mark);
	long started = LOAD(&s->q_started);

	if (started <= mark) {
		ADD(&s->late_runs, 1);
		FAIL("delayed work %d ran after a cancel with no queueing since "
		     "(queueings begun %ld, ended before the cancel %ld)",
		     (int)(s - sdws), started, mark);
	}
	ADD(&s->runs, 1);
	ADD(&s->refs, -1);
}

enum { OP_MOD, OP_QUEUE_DELAYED, OP_QUEUE_WORK, OP_FLUSH, OP_CANCEL, OP_NR };
static const char *const op_names[OP_NR] = {
	"mod_delayed_work", "queue_delayed_work", "queue_work", "flush_work",
	"cancel_delayed_work_sync",
};
static long op_count[OP_NR];

static int queue_work_op = 1;	/* $UKT_STRESS_QUEUE_WORK=0 leaves it out */

static void sdw_op(int id, unsigned int *seed)
{
	struct sdw *s = &sdws[rand_r(seed) % NDW];
	int op = rand_r(seed) % OP_NR;
	unsigned long delay = rand_r(seed) % 3;
	long qe;
	bool r;

	if (op == OP_QUEUE_WORK && !queue_work_op)
		op = OP_MOD;
	pthread_rwlock_rdlock(&quiet_lock);
	op_begin(id, op_names[op]);
	switch (op) {
	case OP_MOD:
		ADD(&s->q_started, 1);
		if (!kthread_mod_delayed_work(worker, &s->dw, delay))
			ADD(&s->refs, 1);
		ADD(&s->q_ended, 1);
		break;
	case OP_QUEUE_DELAYED:
		ADD(&s->q_started, 1);
		if (kthread_queue_delayed_work(worker, &s->dw, delay))
			ADD(&s->refs, 1);
		ADD(&s->q_ended, 1);
		break;
	case OP_QUEUE_WORK:
		ADD(&s->q_started, 1);
		if (kthread_queue_work(worker, &s->dw.work))
			ADD(&s->refs, 1);
		ADD(&s->q_ended, 1);
		break;
	case OP_FLUSH:
		kthread_flush_work(&s->dw.work);
		break;
	case OP_CANCEL:
		qe = LOAD(&s->q_ended);
		r = kthread_cancel_delayed_work_sync(&s->dw);
		if (r)
			ADD(&s->refs, -1);
		atomic_max(&s->cancel_mark, qe);
		break;
	}
	op_end(id);
	pthread_rwlock_unlock(&quiet_lock);
	ADD(&op_count[op], 1);
}

static void *sdw_thread(void *arg)
{
	int id = (int)(long)arg;
	unsigned int seed = 0x9e3779b9u * (unsigned int)(id + 1);

	while (!LOAD(&stop_all))
		sdw_op(id, &seed);
	return NULL;
}

/* Everything quiet: cancel each shared work, then it must be idle. */
static long quiet_checks;

static void quiet_check(int id)
{
	pthread_rwlock_wrlock(&quiet_lock);
	for (int i = 0; i < NDW; i++) {
		struct sdw *s = &sdws[i];
		long runs;

		op_begin(id, "quiet cancel_delayed_work_sync");
		if (kthread_cancel_delayed_work_sync(&s->dw))
			ADD(&s->refs, -1);
		op_end(id);
		STORE(&s->cancel_mark, LOAD(&s->q_ended));
		if (LOAD(&s->refs) != 0)
			FAIL("delayed work %d: return values add up to %ld, not 0, "
			     "once canceled", i, LOAD(&s->refs));
		STORE(&s->refs, 0);	/* report each imbalance once */
		if (timer_pending(&s->dw.timer))
			FAIL("delayed work %d: timer armed after cancel", i);
		runs = LOAD(&s->runs);
		/* Idle: queueing succeeds, and the cancel finds it pending. */
		ADD(&s->q_started, 1);
		if (!kthread_queue_delayed_work(worker, &s->dw, 100000))
			FAIL("delayed work %d: not idle after cancel (queueing refused)", i);
		ADD(&s->q_ended, 1);
		if (!kthread_cancel_delayed_work_sync(&s->dw))
			FAIL("delayed work %d: cancel missed the work just queued", i);
		STORE(&s->cancel_mark, LOAD(&s->q_ended));
		sleep_us(1000);
		if (LOAD(&s->runs) != runs)
			FAIL("delayed work %d ran while idle", i);
	}
	quiet_checks++;
	pthread_rwlock_unlock(&quiet_lock);
}

/* ---- self-requeueing works ----------------------------------------------- */

struct selfw {
	struct kthread_work work;
	long runs;
	long finished;
	long requeued, refused;
};

static struct selfw selfs[NSELF];
static long self_cancels;

static void self_fn(struct kthread_work *work)
{
	struct selfw *s = ukt_container_of(work, struct selfw, work);

	ADD(&s->runs, 1);
	if (kthread_queue_work(worker, &s->work))
		ADD(&s->requeued, 1);
	else
		ADD(&s->refused, 1);
	ADD(&s->finished, 1);
}

static void *self_thread(void *arg)
{
	int id = (int)(long)arg;
	struct selfw *s = &selfs[id - NDW_THREADS];
	unsigned int seed = 77u * (unsigned int)id;

	while (!LOAD(&stop_all)) {
		long runs;

		op_begin(id, "queue_work (self-requeueing)");
		if (!kthread_queue_work(worker, &s->work))
			FAIL("self-requeueing work %d: not idle after cancel", id);
		op_end(id);
		if (rand_r(&seed) % 2)
			sleep_us(rand_r(&seed) % 200);
		else
			sched_yield();
		op_begin(id, "cancel_work_sync (self-requeueing)");
		kthread_cancel_work_sync(&s->work);
		op_end(id);
		runs = LOAD(&s->runs);
		if (LOAD(&s->finished) != runs)
			FAIL("self-requeueing work %d still running after cancel", id);
		sched_yield();
		if (rand_r(&seed) % 8 == 0)
			sleep_us(300);
		if (LOAD(&s->runs) != runs)
			FAIL("self-requeueing work %d ran after cancel", id);
		ADD(&self_cancels, 1);
	}
	return NULL;
}

/* ---- timers ---------------------------------------------------------------- */

struct stimer {
	struct timer_list timer;
	long fires;
	long t_started, t_ended;
	long del_mark;
	unsigned int seed;
};

static struct stimer stimers[NTIMER];

static void stimer_fn(struct timer_list *t)
{
	struct stimer *s = from_timer(s, t, timer);
	long mark = LOAD(&s->del_mark), started = LOAD(&s->t_started);

	if (started <= mark)
		FAIL("timer %d fired after timer_delete_sync() with no arming since",
		     (int)(s - stimers));
	ADD(&s->fires, 1);
	/* Sometimes re-arm from the callback. */
	if (rand_r(&s->seed) % 4 == 0) {
		ADD(&s->t_started, 1);
		mod_timer(&s->timer, jiffies + rand_r(&s->seed) % 2);
		ADD(&s->t_ended, 1);
	}
}

/* A timer owned by one thread, to check "never early" under load. */
struct otimer {
	struct timer_list timer;
	long long earliest;
	long fires, early;
	long long worst;
};

static struct otimer otimers[NT_THREADS];

static void otimer_fn(struct timer_list *t)
{
	struct otimer *o = from_timer(o, t, timer);
	long long d = now_ns() - LOAD(&o->earliest);

	if (d < 0) {
		ADD(&o->early, 1);
		if (d < o->worst)
			o->worst = d;
	}
	ADD(&o->fires, 1);
}

enum { TOP_MOD, TOP_REDUCE, TOP_DEL, TOP_DEL_SYNC, TOP_OWNED, TOP_NR };
static const char *const top_names[TOP_NR] = {
	"mod_timer", "timer_reduce", "del_timer", "del_timer_sync", "owned timer",
};
static long top_count[TOP_NR];

static void *timer_thread(void *arg)
{
	int id = (int)(long)arg;
	struct otimer *o = &otimers[id - NDW_THREADS - NSELF];
	unsigned int seed = 4242u * (unsigned int)id;

	while (!LOAD(&stop_all)) {
		struct stimer *s = &stimers[rand_r(&seed) % NTIMER];
		int op = rand_r(&seed) % TOP_NR;
		/* Mostly a tick or two; one in eight reaches the wheel's coarser levels. */
		unsigned long delay = rand_r(&seed) % 8 ? rand_r(&seed) % 3 : rand_r(&seed) % 2000;
		long te;

		op_begin(id, top_names[op]);
		switch (op) {
		case TOP_MOD:
		case TOP_REDUCE:
			ADD(&s->t_started, 1);
			if (op == TOP_MOD)
				mod_timer(&s->timer, jiffies + delay);
			else
				timer_reduce(&s->timer, jiffies + delay);
			ADD(&s->t_ended, 1);
			break;
		case TOP_DEL:
			del_timer(&s->timer);
			break;
		case TOP_DEL_SYNC:
			te = LOAD(&s->t_ended);
			del_timer_sync(&s->timer);
			atomic_max(&s->del_mark, te);
			break;
		case TOP_OWNED:
			del_timer_sync(&o->timer);
			STORE(&o->earliest, now_ns() + (long long)delay * 1000000);
			mod_timer(&o->timer, jiffies + delay);
			if (rand_r(&seed) % 2) {
				long f = LOAD(&o->fires);
				long long end = now_ns() + 1000000000LL;

				while (LOAD(&o->fires) == f && now_ns() < end)
					sched_yield();
			}
			break;
		}
		op_end(id);
		ADD(&top_count[op], 1);
	}
	return NULL;
}

/* ---- main ------------------------------------------------------------------- */

int main(void)
{
	const char *env = getenv("UKT_STRESS_SECONDS");
	double seconds = env ? atof(env) : 3.0;
	int nthreads = NDW_THREADS + NSELF + NT_THREADS;
	pthread_t th[MAX_THREADS], wd;
	pthread_rwlockattr_t ra;
	unsigned long warns0;
	long long t0, t1;
	double el;

	if (seconds <= 0)
		seconds = 3.0;
	env = getenv("UKT_STRESS_QUEUE_WORK");
	if (env)
		queue_work_op = atoi(env);
	pthread_rwlockattr_init(&ra);
	pthread_rwlockattr_setkind_np(&ra, PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP);
	pthread_rwlock_init(&quiet_lock, &ra);

	warns0 = ukt_warn_count();
	worker = kthread_run_worker(0, "stress-worker");
	if (IS_ERR(worker)) {
		printf("stress: FAIL: kthread_run_worker: %ld\n", PTR_ERR(worker));
		return 1;
	}
	for (int i = 0; i < NDW; i++)
		kthread_init_delayed_work(&sdws[i].dw, sdw_fn);
	for (int i = 0; i < NSELF; i++)
		kthread_init_work(&selfs[i].work, self_fn);
	for (int i = 0; i < NTIMER; i++) {
		timer_setup(&stimers[i].timer, stimer_fn, 0);
		stimers[i].seed = 99u + (unsigned int)i;
	}
	for (int i = 0; i < NT_THREADS; i++)
		timer_setup(&otimers[i].timer, otimer_fn, 0);

	pthread_create(&wd, NULL, watchdog, NULL);
	t0 = now_ns();
	for (int i = 0; i < nthreads; i++) {
		void *(*fn)(void *) = i < NDW_THREADS ? sdw_thread :
			i < NDW_THREADS + NSELF ? self_thread : timer_thread;

		if (pthread_create(&th[i], NULL, fn, (void *)(long)i)) {
			printf("stress: FAIL: pthread_create\n");
			return 1;
		}
	}
	while (now_ns() - t0 < (long long)(seconds * 1e9)) {
		sleep_us(150000);
		quiet_check(nthreads);
	}
	STORE(&stop_all, 1);
	for (int i = 0; i < nthreads; i++)
		pthread_join(th[i], NULL);
	t1 = now_ns();
	el = (double)(t1 - t0) / 1e9;

	/* The end: everything canceled, then the worker destroyed cleanly. */
	op_begin(nthreads, "final cancel and destroy");
	quiet_check(nthreads);
	for (int i = 0; i < NSELF; i++)
		kthread_cancel_work_sync(&selfs[i].work);
	for (int i = 0; i < NTIMER; i++) {
		del_timer_sync(&stimers[i].timer);
		if (timer_pending(&stimers[i].timer))
			FAIL("timer %d armed after del_timer_sync", i);
	}
	for (int i = 0; i < NT_THREADS; i++)
		del_timer_sync(&otimers[i].timer);
	kthread_destroy_worker(worker);
	op_end(nthreads);
	STORE(&watch_done, 1);
	pthread_join(wd, NULL);
	if (ukt_warn_count() != warns0)
		FAIL("%lu warnings", ukt_warn_count() - warns0);
	{
		long early = 0, ofires = 0, sfires = 0, runs = 0, self_runs = 0;
		long long worst = 0;

		for (int i = 0; i < NT_THREADS; i++) {
			early += otimers[i].early;
			ofires += otimers[i].fires;
			if (otimers[i].worst < worst)
				worst = otimers[i].worst;
		}
		if (early)
			FAIL("%ld of %ld timers fired early (worst by %lld ns)", early, ofires, -worst);
		for (int i = 0; i < NTIMER; i++)
			sfires += stimers[i].fires;
		for (int i = 0; i < NDW; i++)
			runs += sdws[i].runs;
		for (int i = 0; i < NSELF; i++)
			self_runs += selfs[i].runs;

		printf("stress: %s in %.1f s, per second: mod %.0f, queue_delayed %.0f, "
		       "queue_work %.0f, flush %.0f, cancel_sync %.0f, runs %.0f; "
		       "self-requeue cancel %.0f (runs %.0f); timer mod %.0f, reduce %.0f, "
		       "del %.0f, del_sync %.0f, owned %.0f, fires %.0f; quiet checks %ld; "
		       "failures %d\n",
		       LOAD(&failures) ? "FAIL" : "OK", el,
		       op_count[OP_MOD] / el, op_count[OP_QUEUE_DELAYED] / el,
		       op_count[OP_QUEUE_WORK] / el, op_count[OP_FLUSH] / el,
		       op_count[OP_CANCEL] / el, runs / el,
		       self_cancels / el, self_runs / el,
		       top_count[TOP_MOD] / el, top_count[TOP_REDUCE] / el,
		       top_count[TOP_DEL] / el, top_count[TOP_DEL_SYNC] / el,
		       top_count[TOP_OWNED] / el, (sfires + ofires) / el,
		       quiet_checks, LOAD(&failures));
	}
	/* Leave nothing of the library's running (valgrind: tools/check-valgrind). */
	if (ukt_shutdown(3000, NULL)) {
		printf("stress: ukt_shutdown() left kthreads running\n");
		return 1;
	}
	return LOAD(&failures) ? 1 : 0;
}
