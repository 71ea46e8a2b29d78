/* SPDX-License-Identifier: MIT */
/*
 * lib/spawn.h - start a library thread that inherits nothing from its
 * caller: detached, every signal blocked, SCHED_OTHER at priority 0.
 */
#ifndef UKTHREAD_LIB_SPAWN_H
#define UKTHREAD_LIB_SPAWN_H

#include <stdbool.h>

#include "lib/lib.h"

/**
 * ukt__spawn - start a clean detached thread running @fn(@arg).
 * @site: the spawn site it is counted at (and fault injection consults).
 * @fn: the thread's body.
 * @arg: its argument.
 *
 * The thread is counted live at @site until it calls ukt__spawn_done().
 *
 * Return: 0, or the errno of the failed pthread_create() (EAGAIN for an
 * injected fault).
 */
UKT_HIDDEN int ukt__spawn(enum ukt_alloc_site site, void *(*fn)(void *), void *arg);

/**
 * ukt__spawn_done - the calling thread, made by ukt__spawn(), is leaving.
 * @site: the site it was spawned at.
 */
UKT_HIDDEN void ukt__spawn_done(enum ukt_alloc_site site);

/**
 * ukt__thread_gone_wait - wait until the OS thread @tid of this process
 * has ended (its stack given back), polling.
 * @tid: the thread's id (gettid()).
 * @timeout_ms: how long to wait at most.
 *
 * Return: true once it is gone, false on timeout.
 */
UKT_HIDDEN bool ukt__thread_gone_wait(int tid, unsigned int timeout_ms);

#endif /* UKTHREAD_LIB_SPAWN_H */
