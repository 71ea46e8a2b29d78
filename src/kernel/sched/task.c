// SPDX-License-Identifier: MIT
/*
 * task.c - making and freeing tasks, their references, and the registry
 * of every task whose memory is allocated (running threads, kthreads not
 * yet started, exited kthreads not yet reaped).
 *
 * A task joins the registry when it is made and leaves when its last
 * reference goes (its thread's pin and every get_task_struct(): checked
 * counts, lib/refcount.h), and its memory goes back to a type-stable pool
 * (lib/quarantine.h), so that a late get, put or kthread_stop() finds a
 * freed task, never memory given to something else, so a node can never outlive its task (the kernel's 2026
 * use-after-free came from a list node left behind by one exit path).
 *
 * The registry is split into lists by CPU, each with a lock word of its
 * own, so that making and freeing tasks on different CPUs never meet:
 * joining or leaving costs one uncontended atomic exchange (the lock),
 * with a plain release store to unlock.  Whoever wants the whole list
 * takes the shard locks one after the other.  A fork() holds them all, so
 * that the child inherits every list whole.
 */
#include <errno.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kernel/sched/sched.h"
#include "lib/atfork.h"
#include "lib/refcount.h"
#include "lib/thread_safety.h"

#define REGISTRY_SHARDS 64

/* A shard's lock word: 0 free, 1 held. */
typedef int UKT_CAPABILITY("spinlock") shard_lock_t;

struct shard {
	shard_lock_t lock;
	struct ukt_list_head tasks;	/* zeroed until first use */
} __attribute__((aligned(64)));

static struct shard shards[REGISTRY_SHARDS];

static void shard_lock(struct shard *s)
	UKT_ACQUIRE(s->lock) UKT_NO_THREAD_SAFETY_ANALYSIS
{
	/* acquire: the list as the last holder left it. */
	while (__atomic_exchange_n(&s->lock, 1, __ATOMIC_ACQUIRE))
		while (__atomic_load_n(&s->lock, __ATOMIC_RELAXED))
			sched_yield();	/* held across a preemption: let it run */
	if (ukt_unlikely(!s->tasks.next))
		ukt_list_init(&s->tasks);
}

static void shard_unlock(struct shard *s)
	UKT_RELEASE(s->lock) UKT_NO_THREAD_SAFETY_ANALYSIS
{
	__atomic_store_n(&s->lock, 0, __ATOMIC_RELEASE);
}

static void registry_add(struct ukt_task *t)
{
	int cpu = sched_getcpu();
	struct shard *s;

	t->registry_shard = (cpu < 0 ? 0 : cpu) % REGISTRY_SHARDS;
	s = &shards[t->registry_shard];
	shard_lock(s);
	ukt_list_add_tail(&t->registry, &s->tasks);
	shard_unlock(s);
}

static void registry_del(struct ukt_task *t)
{
	struct shard *s = &shards[t->registry_shard];

	shard_lock(s);
	ukt_list_del_init(&t->registry);
	shard_unlock(s);
}

/* For fork(): every shard, in a loop that the analysis cannot follow. */
static void registry_lock_all(void)
	UKT_NO_THREAD_SAFETY_ANALYSIS
{
	for (int i = 0; i < REGISTRY_SHARDS; i++)
		shard_lock(&shards[i]);
}

static void registry_unlock_all(void)
	UKT_NO_THREAD_SAFETY_ANALYSIS
{
	for (int i = REGISTRY_SHARDS - 1; i >= 0; i--)
		shard_unlock(&shards[i]);
}

UKT_ATFORK(registry_atfork, UKT_LAYER_SCHED, registry_lock_all, registry_unlock_all,
	   registry_unlock_all)

UKT_POOL_DEFINE(task_pool, UKT_SITE_TASK, struct ukt_task)

static unsigned long task_seq;

struct ukt_task *ukt__task_new(struct ukt_pool *pool, int kind)
{
	struct ukt_task *t = ukt__pool_alloc(pool ? pool : &task_pool);

	if (!t)
		return NULL;
	/* A late caller may read a freed task's count: no plain write to it. */
	memset(&t->pub, 0, sizeof(t->pub));
	memset((char *)t + offsetof(struct ukt_task, sleeping), 0,
	       (pool ? pool : &task_pool)->size - offsetof(struct ukt_task, sleeping));
	t->kind = kind;
	t->pool = pool ? pool : &task_pool;
	t->seq = __atomic_add_fetch(&task_seq, 1, __ATOMIC_RELAXED);
	t->pub.tgid = getpid();
	ukt_list_init(&t->registry);
	/* release: pairs with ukt__task_tryget() of a late caller. */
	__atomic_store_n(&t->refs, UKT_REF_PIN, __ATOMIC_RELEASE);
	registry_add(t);
	return t;
}

void ukt__task_init_static(struct ukt_task *t, int kind)
{
	memset(t, 0, sizeof(*t));
	t->kind = kind;
	t->pub.tgid = getpid();
	ukt_list_init(&t->registry);
	ukt__ref_init(&t->refs, true);
}

static void task_free(struct ukt_task *t)
{
	if (t->release)
		t->release(t);
	registry_del(t);
	if (t->pool)
		ukt__pool_free(t->pool, t);
}

/* The warnings of misused references, one per kind of misuse. */
static void ref_misuse(struct ukt_task *t, enum ukt_ref_result r, const char *op)
{
	UKT_WARN_ONCE(r == UKT_REF_UNDERFLOW,
		      "%s on %s: no reference left to drop (count saturated, task leaked)",
		      op, t->pub.comm);
	UKT_WARN_ONCE(r == UKT_REF_OVERFLOW,
		      "%s on %s: reference count overflow (saturated, task leaked)",
		      op, t->pub.comm);
	UKT_WARN_ONCE(r == UKT_REF_USE_AFTER_FREE,
		      "%s on a task already freed (use after the count hit zero)", op);
}

struct ukt_task_struct *ukt_get_task_struct(struct ukt_task_struct *p)
{
	struct ukt_task *t = to_task(p);
	enum ukt_ref_result r = ukt__ref_get(&t->refs);

	if (ukt_unlikely(r != UKT_REF_OK))
		ref_misuse(t, r, "get_task_struct()");
	return p;
}

void ukt_put_task_struct(struct ukt_task_struct *p)
{
	struct ukt_task *t = to_task(p);
	enum ukt_ref_result r = ukt__ref_put(&t->refs);

	if (r == UKT_REF_RELEASE)
		task_free(t);
	else if (ukt_unlikely(r != UKT_REF_OK))
		ref_misuse(t, r, "put_task_struct()");
}

void ukt__task_unpin(struct ukt_task *t)
{
	enum ukt_ref_result r = ukt__ref_unpin(&t->refs);

	if (r == UKT_REF_RELEASE)
		task_free(t);
	else
		UKT_WARN_ONCE(r != UKT_REF_OK, "the thread of %s left twice", t->pub.comm);
}

bool ukt__task_tryget(struct ukt_task *t)
{
	return ukt__ref_tryget(&t->refs);
}

static int by_seq_newest_first(const void *a, const void *b)
{
	const struct ukt_task *x = *(struct ukt_task *const *)a;
	const struct ukt_task *y = *(struct ukt_task *const *)b;

	return x->seq < y->seq ? 1 : x->seq > y->seq ? -1 : 0;
}

size_t ukt__tasks_get(int kind, bool (*want)(struct ukt_task *t),
		      struct ukt_task_struct **out, size_t max)
{
	size_t n = 0;

	for (int i = 0; i < REGISTRY_SHARDS; i++) {
		struct shard *s = &shards[i];
		struct ukt_list_head *pos;

		shard_lock(s);
		for (pos = s->tasks.next; pos != &s->tasks; pos = pos->next) {
			struct ukt_task *t = ukt_container_of(pos, struct ukt_task, registry);

			if (t->kind != kind || (want && !want(t)))
				continue;
			/* Counted either way; stored with a reference while room is left. */
			if (n < max) {
				if (!ukt__task_tryget(t))
					continue;	/* freed: on its way off the list */
				out[n] = &t->pub;
			}
			n++;
		}
		shard_unlock(s);
	}
	return n;
}

long ukt__task_for_each(int kind, void (*fn)(struct ukt_task *t, void *arg), void *arg)
{
	struct ukt_task **v = NULL;
	size_t n = 0, cap = 0;

	for (int i = 0; i < REGISTRY_SHARDS; i++) {
		struct shard *s = &shards[i];
		struct ukt_list_head *pos;

		shard_lock(s);
		for (pos = s->tasks.next; pos != &s->tasks; pos = pos->next) {
			struct ukt_task *t = ukt_container_of(pos, struct ukt_task, registry);

			if (t->kind != kind || !ukt__task_tryget(t))
				continue;
			if (n == cap) {
				size_t ncap = cap ? 2 * cap : 64;
				/* NOLINTNEXTLINE(bugprone-sizeof-expression): an array of pointers */
				struct ukt_task **nv = realloc(v, ncap * sizeof(*v));

				if (!nv) {
					shard_unlock(s);
					ukt_put_task_struct(&t->pub);
					goto nomem;
				}
				v = nv;
				cap = ncap;
			}
			v[n++] = t;
		}
		shard_unlock(s);
	}
	if (n)
		/* NOLINTNEXTLINE(bugprone-sizeof-expression): an array of pointers */
		qsort(v, n, sizeof(*v), by_seq_newest_first);
	for (size_t i = 0; i < n; i++) {
		fn(v[i], arg);
		ukt_put_task_struct(&v[i]->pub);
	}
	free(v);
	return (long)n;
nomem:
	while (n)
		ukt_put_task_struct(&v[--n]->pub);
	free(v);
	return -ENOMEM;
}
