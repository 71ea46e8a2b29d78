// SPDX-License-Identifier: MIT
/*
 * show.c - seeing inside: a snapshot of every live task (kthreads,
 * workers, kthreadd, the timer thread, adopted threads sleeping in
 * ukthread), ukt_show_state()'s sysrq-t style table, and the dump on a
 * signal.
 *
 * The tasks come from the scheduling core's registry (ukt__tasks_get(),
 * each with a reference, so none is freed while it is read or printed).
 * A kthread is read only once kthread_create() made it whole
 * (kthread.listed); an adopted thread only while it sleeps, after which
 * what it wrote before its sleep is visible.  A worker's figures are
 * read under their sequence count until they did not change meanwhile,
 * and its pending works under the worker's lock, which the worker's
 * thread gives up (kthread.info_lock) before its worker can go away.
 *
 * The signal handler only posts a semaphore; a thread of the library
 * waits on it and prints.
 */
#include <dlfcn.h>
#include <errno.h>
#include <semaphore.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <ukthread/introspect.h>

#include "kernel/kthread_internal.h"
#include "kernel/kthread_worker_internal.h"
#include "kernel/kthreadd.h"
#include "kernel/time/timer_internal.h"
#include "lib/clock.h"
#include "lib/spawn.h"

#define SNAP_STACK	64	/* tasks held without an allocation */
#define PENDING_MAX	1000000	/* a walk of a worker's queue stops here */

static bool want_kthread(struct ukt_task *t)
{
	struct kthread *k = &((struct kthread_task *)t)->kthread;

	return __atomic_load_n(&k->listed, __ATOMIC_ACQUIRE) &&
		!__atomic_load_n(&k->reaped, __ATOMIC_ACQUIRE);
}

/* An adopted thread that sleeps in ukthread (the timer thread is listed apart). */
static bool want_adopted(struct ukt_task *t)
{
	unsigned int s = __atomic_load_n(&t->pub.__state, __ATOMIC_ACQUIRE);

	return s != UKT_TASK_RUNNING && s != UKT_TASK_DEAD &&
		&t->pub != ukt__timer_task();
}

static void state_of(struct ukt_task_info *info, unsigned int s, unsigned int pf)
{
	static const struct { char c; const char *name; } names[] = {
		{ 'R', "running" }, { 'S', "sleeping" }, { 'D', "disk-sleep" },
		{ 'I', "idle" }, { 'P', "parked" }, { 'F', "frozen" }, { 'X', "exiting" },
	};
	int i;

	if ((pf & UKT_PF_EXITING) || s == UKT_TASK_DEAD)
		i = 6;
	else if (s == UKT_TASK_RUNNING)
		i = 0;
	else if (s & UKT_TASK_FROZEN)
		i = 5;
	else if (s & UKT_TASK_PARKED)
		i = 4;
	else if ((s & UKT_TASK_IDLE) == UKT_TASK_IDLE)
		i = 3;
	else if (s & UKT_TASK_UNINTERRUPTIBLE)
		i = 2;
	else
		i = 1;
	info->state_char = names[i].c;
	info->state_name = names[i].name;
}

/* The CPU a bound task runs on, or -1. */
static int bound_cpu(int pid, int fallback)
{
	cpu_set_t set;
	int cpu = -1;

	if (sched_getaffinity(pid, sizeof(set), &set))
		return fallback;
	for (int i = 0; i < CPU_SETSIZE; i++) {
		if (!CPU_ISSET(i, &set))
			continue;
		if (cpu >= 0)
			return fallback;	/* a mask of several */
		cpu = i;
	}
	return cpu;
}

/* Works queued and not started; under the worker's lock. */
static unsigned long count_pending(struct ukt_kthread_worker *worker)
	UKT_REQUIRES(worker->lock)
{
	unsigned long n = 0;
	struct ukt_list_head *pos;
	struct ukt_kthread_work *w;

	for (pos = worker->work_list.next; pos != &worker->work_list && n < PENDING_MAX;
	     pos = pos->next)
		n++;
	/* The lock-free queue from its head: only the worker pops, under the lock. */
	for (w = worker->__head; w && n < PENDING_MAX;
	     w = __atomic_load_n(&w->__next, __ATOMIC_ACQUIRE))
		if (w != &worker->__stub)
			n++;
	return n;
}

static void read_worker(struct kthread *k, struct ukt_task_info *info, long long now)
{
	ukt_kthread_work_func_t func = NULL, lfunc = NULL;
	unsigned long run = 0;
	long long start = 0, lns = 0;
	struct ukt_kthread_worker *worker;

	ukt_spin_lock(&k->info_lock);
	worker = __atomic_load_n(&k->worker, __ATOMIC_RELAXED);
	if (worker) {
		ukt_spin_lock(&worker->lock);
		info->works_pending = count_pending(worker);
		ukt_spin_unlock(&worker->lock);
	}
	ukt_spin_unlock(&k->info_lock);
	if (!worker)
		return;
	info->kind = UKT_INFO_WORKER;
	for (int tries = 0; tries < 1000; tries++) {
		unsigned int s1 = __atomic_load_n(&k->stat_seq, __ATOMIC_ACQUIRE);

		func = __atomic_load_n(&k->work_func, __ATOMIC_RELAXED);
		start = __atomic_load_n(&k->work_start, __ATOMIC_RELAXED);
		run = __atomic_load_n(&k->works_run, __ATOMIC_RELAXED);
		lfunc = __atomic_load_n(&k->longest_func, __ATOMIC_RELAXED);
		lns = __atomic_load_n(&k->longest_ns, __ATOMIC_RELAXED);
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		if (!(s1 & 1) && __atomic_load_n(&k->stat_seq, __ATOMIC_RELAXED) == s1)
			break;
		sched_yield();
	}
	info->works_run = run;
	info->work_func = func;
	info->work_ns = func ? now - start : 0;
	info->longest_func = lfunc;
	info->longest_ns = lns;
}

static void copy_comm(char *dst, size_t size, const char *src)
{
	size_t i;

	/* Byte by byte: set_task_comm() may write it meanwhile. */
	for (i = 0; i + 1 < size && i < UKT_TASK_COMM_LEN; i++) {
		dst[i] = __atomic_load_n(&src[i], __ATOMIC_RELAXED);
		if (!dst[i])
			return;
	}
	dst[i] = '\0';
}

static void read_task(struct ukt_task_struct *p, enum ukt_task_kind_info kind,
		      struct ukt_task_info *info, long long now)
{
	unsigned int pf = __atomic_load_n(&p->flags, __ATOMIC_ACQUIRE);
	struct kthread *k = kind == UKT_INFO_KTHREAD ? to_kthread(p) : NULL;

	memset(info, 0, sizeof(*info));
	info->kind = kind;
	info->pid = p->pid;
	info->state = __atomic_load_n(&p->__state, __ATOMIC_ACQUIRE);
	state_of(info, info->state, pf);
	info->cpu = -1;
	if (info->state & UKT_TASK_FREEZABLE)
		info->flags |= UKT_INFO_FREEZABLE;
	if (pf & UKT_PF_EXITING)
		info->flags |= UKT_INFO_EXITING;
	if (!k) {
		copy_comm(info->name, sizeof(info->name), p->comm);
		return;
	}
	/* full_name and threadfn are set before the kthread is listed. */
	if (k->full_name)
		(void)snprintf(info->name, sizeof(info->name), "%s", k->full_name);
	else
		copy_comm(info->name, sizeof(info->name), p->comm);
	info->threadfn = (void *)k->threadfn;
	if (kthread_test_bit(k, KTHREAD_IS_PER_CPU))
		info->flags |= UKT_INFO_PER_CPU;
	if (kthread_test_bit(k, KTHREAD_SHOULD_STOP))
		info->flags |= UKT_INFO_SHOULD_STOP;
	if (kthread_test_bit(k, KTHREAD_SHOULD_PARK))
		info->flags |= UKT_INFO_SHOULD_PARK;
	if (pf & UKT_PF_NO_SETAFFINITY) {
		info->flags |= UKT_INFO_BOUND;
		info->cpu = (pf & UKT_PF_EXITING) ? -1 : bound_cpu(info->pid, -1);
	}
	read_worker(k, info, now);
}

/* References on the tasks of @kind passing @want, in *@out (maybe allocated). */
static size_t take(int kind, bool (*want)(struct ukt_task *t),
		   struct ukt_task_struct ***out, struct ukt_task_struct **stack, int *err)
{
	size_t max = SNAP_STACK, n;
	struct ukt_task_struct **buf = stack;

	for (;;) {
		n = ukt__tasks_get(kind, want, buf, max);
		if (n <= max)
			break;
		for (size_t i = 0; i < max; i++)
			ukt_put_task_struct(buf[i]);
		if (buf != stack)
			free(buf);
		max = n + 16;
		/* NOLINTNEXTLINE(bugprone-sizeof-expression): an array of pointers */
		buf = malloc(max * sizeof(*buf));
		if (!buf) {
			*err = -ENOMEM;
			*out = NULL;
			return 0;
		}
	}
	*out = buf;
	return n;
}

static int walk(struct ukt_task_struct **tasks, size_t n, enum ukt_task_kind_info kind,
		ukt_task_info_fn fn, void *arg, int ret)
{
	long long now = ukt__now_ns();

	for (size_t i = 0; i < n; i++) {
		struct ukt_task_info info;

		if (!ret) {
			read_task(tasks[i], kind, &info, now);
			ret = fn(&info, arg);
		}
		ukt_put_task_struct(tasks[i]);
	}
	return ret;
}

int ukt_for_each_task(ukt_task_info_fn fn, void *arg)
{
	struct ukt_task_struct *stack[SNAP_STACK], **tasks;
	struct ukt_task *kthreadd = ukt__kthreadd_peek();
	struct ukt_task_struct *timer = ukt__timer_task();
	int ret = 0, err = 0;
	size_t n;

	if (kthreadd) {
		ukt_get_task_struct(&kthreadd->pub);
		ret = walk(&(struct ukt_task_struct *){ &kthreadd->pub }, 1,
			   UKT_INFO_KTHREADD, fn, arg, ret);
	}
	if (timer) {
		ukt_get_task_struct(timer);
		ret = walk(&timer, 1, UKT_INFO_TIMER, fn, arg, ret);
	}
	n = take(UKT_TASK_KTHREAD, want_kthread, &tasks, stack, &err);
	ret = walk(tasks, n, UKT_INFO_KTHREAD, fn, arg, ret);
	if (tasks != stack)
		free(tasks);
	n = take(UKT_TASK_ADOPTED, want_adopted, &tasks, stack, &err);
	ret = walk(tasks, n, UKT_INFO_ADOPTED, fn, arg, ret);
	if (tasks != stack)
		free(tasks);
	return ret ? ret : err;
}

/* @fn by symbol: "name+0x10", else "[file+0x1234]", else the address. */
static void symbol(char *buf, size_t size, void *fn)
{
	Dl_info dl;

	if (!fn) {
		(void)snprintf(buf, size, "-");
		return;
	}
	if (dladdr(fn, &dl) && dl.dli_sname) {
		size_t off = (size_t)((char *)fn - (char *)dl.dli_saddr);

		if (off)
			(void)snprintf(buf, size, "%s+0x%zx", dl.dli_sname, off);
		else
			(void)snprintf(buf, size, "%s", dl.dli_sname);
	} else if (dladdr(fn, &dl) && dl.dli_fname) {
		const char *base = strrchr(dl.dli_fname, '/');

		(void)snprintf(buf, size, "[%s+0x%zx]", base ? base + 1 : dl.dli_fname,
			 (size_t)((char *)fn - (char *)dl.dli_fbase));
	} else {
		(void)snprintf(buf, size, "%p", fn);
	}
}

static const char *kind_name(enum ukt_task_kind_info kind)
{
	static const char *const names[] = {
		[UKT_INFO_KTHREAD] = "kthread", [UKT_INFO_WORKER] = "worker",
		[UKT_INFO_KTHREADD] = "kthreadd", [UKT_INFO_TIMER] = "timer",
		[UKT_INFO_ADOPTED] = "adopted",
	};

	return (unsigned int)kind < sizeof(names) / sizeof(names[0]) ? names[kind] : "?";
}

void ukt_show_task(FILE *f, const struct ukt_task_info *info)
{
	char line[512], cpu[8], flags[7], fn[128], lf[128];
	int len;

	(void)snprintf(cpu, sizeof(cpu), info->cpu < 0 ? "-" : "%d", info->cpu);
	(void)snprintf(flags, sizeof(flags), "%c%c%c%c%c%c",
		 info->flags & UKT_INFO_PER_CPU ? 'c' : '-',
		 info->flags & UKT_INFO_BOUND ? 'b' : '-',
		 info->flags & UKT_INFO_FREEZABLE ? 'f' : '-',
		 info->flags & UKT_INFO_SHOULD_STOP ? 's' : '-',
		 info->flags & UKT_INFO_SHOULD_PARK ? 'p' : '-',
		 info->flags & UKT_INFO_EXITING ? 'x' : '-');
	len = snprintf(line, sizeof(line), "  %-16s %7d  %c %-10s %3s  %s  %-8s ",
		       info->name, info->pid, info->state_char, info->state_name, cpu,
		       flags, kind_name(info->kind));
	if (info->kind == UKT_INFO_WORKER) {
		symbol(fn, sizeof(fn), (void *)info->work_func);
		symbol(lf, sizeof(lf), (void *)info->longest_func);
		len += snprintf(line + len, sizeof(line) - (size_t)len,
				"%lu pending, %lu run; now %s", info->works_pending,
				info->works_run, fn);
		if (info->work_func)
			len += snprintf(line + len, sizeof(line) - (size_t)len, " for %.3f ms",
					(double)info->work_ns / 1e6);
		if (info->longest_func)
			len += snprintf(line + len, sizeof(line) - (size_t)len,
					"; longest %s %.3f ms", lf, (double)info->longest_ns / 1e6);
	} else if (info->threadfn) {
		symbol(fn, sizeof(fn), info->threadfn);
		len += snprintf(line + len, sizeof(line) - (size_t)len, "%s", fn);
	}
	if (len >= (int)sizeof(line) - 1)
		len = (int)sizeof(line) - 2;
	line[len++] = '\n';
	(void)fwrite(line, 1, (size_t)len, f);
}

static int show_one(const struct ukt_task_info *info, void *arg)
{
	ukt_show_task(arg, info);
	return 0;
}

void ukt_show_state(FILE *f)
{
	char head[160];
	int len;

	if (!f)
		f = stderr;
	len = snprintf(head, sizeof(head),
		       "ukthread: task dump of pid %d\n"
		       "  %-16s %7s  %-12s %3s  %-6s %-8s %s\n", (int)getpid(),
		       "NAME", "TID", "STATE", "CPU", "FLAGS", "KIND", "FUNCTION / WORK");
	(void)fwrite(head, 1, (size_t)len, f);
	if (ukt_for_each_task(show_one, f) == -ENOMEM)
		(void)fputs("  (out of memory: tasks missing)\n", f);
	(void)fflush(f);
}

/* ---- the dump on a signal ------------------------------------------------ */

static sem_t dump_sem;
static int dump_sig;		/* the signal handled, 0 for none */
static int dump_thread_up;	/* the printing thread runs */
static ukt_spinlock_t dump_lock = UKT_SPINLOCK_INIT;

static void dump_handler(int sig)
{
	int saved = errno;

	(void)sig;
	sem_post(&dump_sem);	/* async-signal-safe; the thread prints */
	errno = saved;
}

static void *dump_thread(void *arg)
{
	(void)arg;
	prctl(PR_SET_NAME, "kdump", 0, 0, 0);
	for (;;) {
		while (sem_wait(&dump_sem) && errno == EINTR)
			;
		ukt_show_state(stderr);
	}
	return NULL;
}

int ukt_show_state_on_signal(int sig)
{
	struct sigaction sa, old;
	int ret = 0;

	ukt_spin_lock(&dump_lock);
	if (!sig) {
		if (dump_sig) {
			memset(&sa, 0, sizeof(sa));
			sa.sa_handler = SIG_DFL;
			sigaction(dump_sig, &sa, NULL);
			dump_sig = 0;
		}
		goto out;
	}
	if (UKT_WARN_ONCE(sig < 1 || sig >= NSIG || sig == SIGKILL || sig == SIGSTOP,
			  "dump signal %d cannot be caught: no dump on a signal", sig)) {
		ret = -EINVAL;
		goto out;
	}
	if (sig == dump_sig)
		goto out;
	if (sigaction(sig, NULL, &old) ||
	    UKT_WARN_ONCE(old.sa_handler != SIG_DFL,
			  "signal %d (%s) is already used by the program: no dump on it",
			  sig, strsignal(sig))) {
		ret = -EBUSY;
		goto out;
	}
	if (!dump_thread_up) {
		if (sem_init(&dump_sem, 0, 0) ||
		    ukt__spawn(UKT_SITE_THREAD, dump_thread, NULL)) {
			ret = -EAGAIN;
			goto out;
		}
		dump_thread_up = 1;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = dump_handler;
	sa.sa_flags = SA_RESTART;
	sigemptyset(&sa.sa_mask);
	if (sigaction(sig, &sa, NULL)) {
		ret = -EINVAL;
		goto out;
	}
	if (dump_sig) {		/* moved to another signal: give the old one back */
		sa.sa_handler = SIG_DFL;
		sigaction(dump_sig, &sa, NULL);
	}
	dump_sig = sig;
out:
	ukt_spin_unlock(&dump_lock);
	return ret;
}

/* "SIGUSR2", "USR2" or "12"; 0 for garbage. */
static int parse_signal(const char *s)
{
	char *end;
	long n;

	if (!strncmp(s, "SIG", 3))
		s += 3;
	for (int i = 1; i < NSIG; i++) {
		const char *abbrev = sigabbrev_np(i);

		if (abbrev && !strcmp(abbrev, s))
			return i;
	}
	errno = 0;
	n = strtol(s, &end, 10);
	if (errno || end == s || *end || n < 1 || n >= NSIG)
		return 0;
	return (int)n;
}

__attribute__((constructor)) static void dump_env(void)
{
	const char *v = secure_getenv("UKTHREAD_DUMP_SIGNAL");
	int sig;

	if (!v || !*v)
		return;
	sig = parse_signal(v);
	if (UKT_WARN_ONCE(!sig, "UKTHREAD_DUMP_SIGNAL=%s is not a signal: no dump on a signal",
			  v))
		return;
	(void)ukt_show_state_on_signal(sig);
}
