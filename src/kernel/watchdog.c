// SPDX-License-Identifier: MIT
/*
 * watchdog.c - the hung-work watchdog, off by default: like the kernel's
 * workqueue watchdog and hung task detector, it warns once per incident
 * when a work runs longer than the limit, when a worker has works queued
 * and runs none for that long, or when a kthread sleeps uninterruptibly
 * (not TASK_IDLE, parked or frozen) that long.
 *
 * It runs on a thread of its own, started by the first ukt_watchdog_set()
 * (or $UKTHREAD_WATCHDOG_SECS), which looks at every task through
 * ukt_for_each_task() every half limit while there is something to
 * watch, and otherwise sleeps without timeout on lib/watch.h's word
 * until a worker leaves its idle sleep or a kthread goes to sleep
 * uninterruptibly.  An uninterruptible sleep counts as one sleep while
 * the thread's voluntary context switches (from /proc) do not move.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <ukthread/introspect.h>
#include <ukthread/spinlock.h>

#include "lib/clock.h"
#include "lib/futex.h"
#include "lib/spawn.h"
#include "lib/watch.h"

#define SEEN_MAX 256	/* tasks followed at once; more are looked at afresh */

/* What the watchdog remembers of a task between two looks. */
struct seen {
	int pid;
	int live;		/* found in this look */
	unsigned long run;	/* works run at @since */
	long long since;	/* since when @run / the sleep did not move */
	long switches;		/* voluntary context switches, for a D sleep */
	int reported;		/* this incident was reported */
};

static unsigned int limit_secs;		/* atomic; 0: off */
static int thread_up;
static unsigned long warnings;		/* atomic */
static ukt_spinlock_t wd_lock = UKT_SPINLOCK_INIT;
static struct seen seen[SEEN_MAX];	/* the watchdog thread's only */

static long voluntary_switches(int tid)
{
	char path[64], buf[2048], *p;
	ssize_t n;
	int fd;

	(void)snprintf(path, sizeof(path), "/proc/self/task/%d/status", tid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	p = strstr(buf, "\nvoluntary_ctxt_switches:");
	return p ? strtol(p + 25, NULL, 10) : -1;
}

static struct seen *seen_get(int pid)
{
	struct seen *free_slot = NULL;

	for (int i = 0; i < SEEN_MAX; i++) {
		if (seen[i].pid == pid)
			return &seen[i];
		if (!seen[i].pid && !free_slot)
			free_slot = &seen[i];
	}
	if (free_slot) {
		memset(free_slot, 0, sizeof(*free_slot));
		free_slot->pid = pid;
		free_slot->since = -1;
	}
	return free_slot;
}

struct look {
	long long now;
	long long limit_ns;
	bool busy;		/* something to watch: look again */
};

static void report(const struct ukt_task_info *info, const char *what, long long ns,
		   long long limit_ns)
{
	char line[256];
	int len;

	len = snprintf(line, sizeof(line),
		       "ukthread: watchdog: %s %s/%d %s for %.1f s (limit %lld s)\n",
		       info->kind == UKT_INFO_WORKER ? "worker" : "kthread", info->name,
		       info->pid, what, (double)ns / 1e9, limit_ns / 1000000000LL);
	(void)fwrite(line, 1, (size_t)len < sizeof(line) ? (size_t)len : sizeof(line) - 1, stderr);
	ukt_show_task(stderr, info);
	__atomic_add_fetch(&warnings, 1, __ATOMIC_RELAXED);
}

static int look_one(const struct ukt_task_info *info, void *arg)
{
	struct look *l = arg;
	struct seen *s;
	bool dsleep = info->state_char == 'D' &&
		(info->kind == UKT_INFO_KTHREAD || info->kind == UKT_INFO_WORKER);

	if (info->kind == UKT_INFO_WORKER && (info->work_func || info->works_pending ||
					      info->state_char == 'R'))
		l->busy = true;
	if (dsleep)
		l->busy = true;
	if (!l->busy && info->kind != UKT_INFO_WORKER)
		return 0;
	s = seen_get(info->pid);
	if (!s)
		return 0;
	s->live = 1;
	if (info->kind == UKT_INFO_WORKER && info->work_func) {
		/* One incident per work: a new work has a new count of works run. */
		if (s->run != info->works_run || s->since < 0) {
			s->run = info->works_run;
			s->since = l->now - info->work_ns;
			s->reported = 0;
		}
		if (!s->reported && info->work_ns > l->limit_ns) {
			char what[160];

			(void)snprintf(what, sizeof(what), "stuck in one work");
			report(info, what, info->work_ns, l->limit_ns);
			s->reported = 1;
		}
		return 0;
	}
	if (info->kind == UKT_INFO_WORKER && info->works_pending) {
		if (s->run != info->works_run || s->since < 0) {
			s->run = info->works_run;
			s->since = l->now;
			s->reported = 0;
		}
		if (!s->reported && l->now - s->since > l->limit_ns) {
			report(info, "has works queued and ran none", l->now - s->since,
			       l->limit_ns);
			s->reported = 1;
		}
		return 0;
	}
	if (dsleep) {
		long sw = voluntary_switches(info->pid);

		if (s->since < 0 || sw != s->switches) {
			s->switches = sw;
			s->since = l->now;
			s->reported = 0;
		}
		if (!s->reported && l->now - s->since > l->limit_ns) {
			report(info, "sleeps uninterruptibly", l->now - s->since, l->limit_ns);
			s->reported = 1;
		}
		return 0;
	}
	s->since = -1;	/* nothing going on: the next incident starts afresh */
	return 0;
}

static void *watchdog_thread(void *arg)
{
	(void)arg;
	prctl(PR_SET_NAME, "kwatchdog", 0, 0, 0);
	for (;;) {
		unsigned int secs = __atomic_load_n(&limit_secs, __ATOMIC_ACQUIRE);
		struct look l;
		struct timespec deadline;

		if (!secs) {
			memset(seen, 0, sizeof(seen));
			ukt__watch_sleep(NULL, false);
			continue;
		}
		ukt__watch_arm();	/* from here on, pokes wake the sleep below */
		l.now = ukt__now_ns();
		l.limit_ns = (long long)secs * 1000000000LL;
		l.busy = false;
		for (int i = 0; i < SEEN_MAX; i++)
			seen[i].live = 0;
		(void)ukt_for_each_task(look_one, &l);
		for (int i = 0; i < SEEN_MAX; i++)
			if (!seen[i].live)
				seen[i].pid = 0;
		if (!l.busy) {
			ukt__watch_sleep(NULL, true);
			continue;
		}
		ukt__deadline_ns(&deadline, (unsigned long long)secs * 500000000ull);
		ukt__watch_sleep(&deadline, false);
	}
	return NULL;
}

int ukt_watchdog_set(unsigned int secs)
{
	unsigned int old;

	ukt_spin_lock(&wd_lock);
	/* The limit first: a thread started now reads it in its first pass. */
	old = __atomic_exchange_n(&limit_secs, secs, __ATOMIC_ACQ_REL);
	if (secs && !thread_up) {
		if (ukt__spawn(UKT_SITE_THREAD, watchdog_thread, NULL)) {
			__atomic_store_n(&limit_secs, old, __ATOMIC_RELEASE);
			ukt_spin_unlock(&wd_lock);
			return -EAGAIN;
		}
		thread_up = 1;
	}
	ukt_spin_unlock(&wd_lock);
	if (thread_up)
		ukt__watch_kick();
	return (int)old;
}

unsigned long ukt_watchdog_warnings(void)
{
	return __atomic_load_n(&warnings, __ATOMIC_RELAXED);
}

__attribute__((constructor)) static void watchdog_env(void)
{
	const char *v = secure_getenv("UKTHREAD_WATCHDOG_SECS");
	char *end;
	unsigned long n;

	if (!v)
		return;
	errno = 0;
	n = strtoul(v, &end, 10);
	if (UKT_WARN_ONCE(!*v || *end || errno || v[0] == '-' || n == 0 || n > 86400,
			  "UKTHREAD_WATCHDOG_SECS=%s is not a number of seconds from 1 to 86400: watchdog off",
			  v))
		return;
	(void)ukt_watchdog_set((unsigned int)n);
}
