/* SPDX-License-Identifier: MIT */
/*
 * internal.h - what the library's rooms share and users never see.
 *
 * A task is a struct ukt_task; its public part (struct ukt_task_struct) is
 * its first member.  A kthread's task is followed, in the same allocation,
 * by its struct kthread (see kthread.c), reached through
 * task_struct.worker_private.
 */
#ifndef UKTHREAD_INTERNAL_H
#define UKTHREAD_INTERNAL_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include <ukthread/compiler.h>
#include <ukthread/debug.h>
#include <ukthread/list.h>
#include <ukthread/sched.h>
#include <ukthread/spinlock.h>

#define UKT_HIDDEN __attribute__((visibility("hidden")))

/** enum ukt_task_kind - who made the thread of a task. */
enum ukt_task_kind {
	UKT_TASK_ADOPTED,	/* a thread that called in; task made lazily */
	UKT_TASK_KTHREAD,	/* made by kthread_create() */
	UKT_TASK_KTHREADD,	/* the creator itself */
};

/**
 * struct ukt_task - a task, public part first.
 * @pub: what users see.
 * @refs: reference count; the last put_task_struct() releases the task.
 * @sleeping: 1 while the thread is blocked in the futex of schedule();
 *	lets wakers skip the futex syscall and wait_task_inactive() see a
 *	real sleep.
 * @sigpending: the kernel's TIF_NOTIFY_SIGNAL: set by kthread_stop(),
 *	makes interruptible sleeps return.
 * @kind: enum ukt_task_kind.
 * @site: allocation site the memory came from.
 * @size: bytes allocated.
 * @release: called by the last put before the memory goes (may be NULL).
 * @thread: the POSIX thread.
 * @registry: node in the list of all tasks (registry.c).
 */
struct ukt_task {
	struct ukt_task_struct pub;
	int refs;
	int sleeping;
	int sigpending;
	int kind;
	enum ukt_alloc_site site;
	size_t size;
	void (*release)(struct ukt_task *t);
	pthread_t thread;
	struct ukt_list_head registry;
};

static inline struct ukt_task *to_task(struct ukt_task_struct *p)
{
	return ukt_container_of(p, struct ukt_task, pub);
}

/* sched.c */
UKT_HIDDEN extern __thread struct ukt_task *ukt__current;
UKT_HIDDEN struct ukt_task *ukt__task_new(enum ukt_alloc_site site, size_t size,
					  int kind);
UKT_HIDDEN void ukt__task_set_current(struct ukt_task *t);
UKT_HIDDEN void ukt__task_exit(struct ukt_task *t);
UKT_HIDDEN bool ukt__schedule_until(const struct timespec *deadline);
UKT_HIDDEN void ukt__set_notify_signal(struct ukt_task *t);

static inline struct ukt_task *ukt__cur(void)
{
	struct ukt_task *t = ukt__current;

	return ukt_likely(t) ? t : to_task(ukt_get_current());
}

/* registry.c: every task whose memory is allocated. */
UKT_HIDDEN void ukt__registry_add(struct ukt_task *t);
UKT_HIDDEN void ukt__registry_del(struct ukt_task *t);

/* alloc.c: every allocation and spawn site. */
UKT_HIDDEN void *ukt__zalloc(enum ukt_alloc_site site, size_t size);
UKT_HIDDEN void ukt__free(enum ukt_alloc_site site, void *p);
UKT_HIDDEN int ukt__spawn(pthread_t *thread, const pthread_attr_t *attr,
			  void *(*fn)(void *), void *arg);
UKT_HIDDEN void ukt__spawn_done(void);

/* time.c */
UKT_HIDDEN long long ukt__now_ns(void);
UKT_HIDDEN void ukt__deadline_ns(struct timespec *ts, unsigned long long ns);
UKT_HIDDEN long long ukt__ns_until(const struct timespec *ts);

/* futex.c */
UKT_HIDDEN int ukt__futex_wait(int *addr, int val, const struct timespec *abs_mono);
UKT_HIDDEN void ukt__futex_wake(int *addr, int nr);

/* kthreadd.c (used by cpumask.c) */
UKT_HIDDEN const void *ukt__cpus_allowed(void);
UKT_HIDDEN const void *ukt__cpus_possible(void);

/** ukt__cpu_relax - a pause in a spin loop. */
static inline void ukt__cpu_relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
	__builtin_ia32_pause();
#elif defined(__aarch64__)
	__asm__ __volatile__("yield" ::: "memory");
#else
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
#endif
}

/** ukt__die - report an impossible error (a failed libc call) and abort. */
UKT_HIDDEN ukt_noreturn void ukt__die(const char *what, int err);

#endif /* UKTHREAD_INTERNAL_H */
