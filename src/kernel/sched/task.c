// SPDX-License-Identifier: MIT
/*
 * task.c - making and freeing tasks, their references, and the registry
 * of every task whose memory is allocated (running threads, kthreads not
 * yet started, exited kthreads not yet reaped).
 *
 * A task joins the registry when it is made and leaves when its last
 * reference goes, so a node can never outlive its task (the kernel's 2026
 * use-after-free came from a list node left behind by one exit path).
 *
 * The registry is split into lists by CPU, each with a lock word of its
 * own, so that making and freeing tasks on different CPUs never meet:
 * joining or leaving costs one uncontended atomic exchange (the lock),
 * with a plain release store to unlock.  Whoever wants the whole list
 * takes the shard locks one after the other.  A fork() holds them all, so
 * that the child inherits every list whole.
 */
#include <sched.h>
#include <unistd.h>

#include "kernel/sched/sched.h"
#include "lib/atfork.h"
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

struct ukt_task *ukt__task_new(enum ukt_alloc_site site, size_t size, int kind)
{
	struct ukt_task *t = ukt__zalloc(site, size);

	if (!t)
		return NULL;
	t->refs = 1;
	t->kind = kind;
	t->site = site;
	t->size = size;
	t->pub.tgid = getpid();
	ukt_list_init(&t->registry);
	registry_add(t);
	return t;
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
			int refs = __atomic_load_n(&t->refs, __ATOMIC_RELAXED);

			if (t->kind != kind || (want && !want(t)))
				continue;
			/* A task at 0 references is on its way out: never revive it. */
			while (refs && n < max &&
			       !__atomic_compare_exchange_n(&t->refs, &refs, refs + 1, 1,
							    __ATOMIC_RELAXED, __ATOMIC_RELAXED))
				;
			if (!refs)
				continue;
			if (n < max)
				out[n] = &t->pub;
			n++;
		}
		shard_unlock(s);
	}
	return n;
}

struct ukt_task_struct *ukt_get_task_struct(struct ukt_task_struct *p)
{
	__atomic_fetch_add(&to_task(p)->refs, 1, __ATOMIC_RELAXED);
	return p;
}

void ukt_put_task_struct(struct ukt_task_struct *p)
{
	struct ukt_task *t = to_task(p);

	/* acq_rel: the freeing side must see every write of the other holders. */
	if (__atomic_sub_fetch(&t->refs, 1, __ATOMIC_ACQ_REL) != 0)
		return;
	if (t->release)
		t->release(t);
	registry_del(t);
	ukt__free(t->site, t);
}
