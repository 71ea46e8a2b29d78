// SPDX-License-Identifier: MIT
/*
 * spawn.c - every thread the library makes: kthreadd, the threads it makes
 * for kthreads, the timer thread.
 *
 * The attributes say it all: detached (nobody joins a library thread; a
 * kthread's end is published through its task), all signals blocked from
 * the first instruction (a program's handlers never run on a library
 * thread), and an explicit SCHED_OTHER at priority 0, so that a caller
 * running under a real-time policy does not hand it on.  Nice values and
 * CPU affinity are reset by the new thread itself where that matters
 * (kthreadd.c): no attribute sets them.
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "lib/alloc.h"
#include "lib/spawn.h"

int ukt__spawn(enum ukt_alloc_site site, void *(*fn)(void *), void *arg)
{
	struct sched_param param = { .sched_priority = 0 };
	pthread_attr_t attr;
	pthread_t thread;
	sigset_t all;
	int err;

	if (ukt__site_should_fail(site))
		return EAGAIN;
	sigfillset(&all);
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	pthread_attr_setinheritsched(&attr, PTHREAD_EXPLICIT_SCHED);
	pthread_attr_setschedpolicy(&attr, SCHED_OTHER);
	pthread_attr_setschedparam(&attr, &param);
	pthread_attr_setsigmask_np(&attr, &all);
	/* Live before it runs: the thread may be done before we return. */
	ukt__site_live_add(site, 1);
	err = pthread_create(&thread, &attr, fn, arg);
	pthread_attr_destroy(&attr);
	if (err)
		ukt__site_live_add(site, -1);
	else
		ukt__site_total_inc(site);
	return err;
}

void ukt__spawn_done(enum ukt_alloc_site site)
{
	ukt__site_live_add(site, -1);
}

bool ukt__thread_gone_wait(int tid, unsigned int timeout_ms)
{
	struct timespec pause = { 0, 200000 };	/* 200 us */
	unsigned long polls = (unsigned long)timeout_ms * 5 + 1;

	/* A detached thread is gone (its stack cached) once the kernel says so. */
	while (syscall(SYS_tgkill, getpid(), tid, 0) == 0 || errno != ESRCH) {
		if (!polls--)
			return false;
		nanosleep(&pause, NULL);
	}
	return true;
}
