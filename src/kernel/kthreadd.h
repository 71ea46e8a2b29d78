/* SPDX-License-Identifier: MIT */
/*
 * kernel/kthreadd.h - what kthreadd offers the rest of the kthread layer:
 * a clean thread for a task.
 */
#ifndef UKTHREAD_KERNEL_KTHREADD_H
#define UKTHREAD_KERNEL_KTHREADD_H

#include "kernel/sched/sched.h"

/**
 * ukt__kthreadd_create - give @t a thread made by kthreadd.
 * @t: the task; its thread and pid are filled in before this returns.
 * @fn: what the new thread runs, with @t; the thread ends when it returns.
 *
 * Return: 0, or a negative errno (-ENOMEM, or a failed pthread_create()'s).
 */
UKT_HIDDEN int ukt__kthreadd_create(struct ukt_task *t, void (*fn)(struct ukt_task *t));

/**
 * ukt__kthreadd_shutdown - end kthreadd and its spare threads, waiting
 * until they are gone; kthreadd starts again on next use.
 *
 * No kthread_create() may run meanwhile.
 *
 * Return: how many threads ended (kthreadd and its spares).
 */
UKT_HIDDEN unsigned int ukt__kthreadd_shutdown(void);

/**
 * ukt__kthreadd_peek - kthreadd's task if it runs, without starting it.
 *
 * Return: the task, or NULL.
 */
UKT_HIDDEN struct ukt_task *ukt__kthreadd_peek(void);

#endif /* UKTHREAD_KERNEL_KTHREADD_H */
