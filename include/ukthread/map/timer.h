/* SPDX-License-Identifier: MIT */
/* Kernel spellings of ukthread/timer.h.  Define UKTHREAD_NO_KERNEL_NAMES to go without. */
/*
 * timer_delete() is not mapped, in either mode: POSIX declares a
 * timer_delete() in <time.h>.  Use del_timer() or ukt_timer_delete().
 */
#ifndef UKTHREAD_NO_KERNEL_NAMES
#define timer_list		ukt_timer_list
#define TIMER_DEFERRABLE	UKT_TIMER_DEFERRABLE
#define TIMER_PINNED		UKT_TIMER_PINNED
#define TIMER_IRQSAFE		UKT_TIMER_IRQSAFE
#define __TIMER_INITIALIZER	UKT_TIMER_INITIALIZER
#define DEFINE_TIMER		UKT_DEFINE_TIMER
#define timer_setup		ukt_timer_setup
#define mod_timer		ukt_mod_timer
#define add_timer		ukt_add_timer
#define timer_reduce		ukt_timer_reduce
#define del_timer		ukt_timer_delete
#define del_timer_sync		ukt_timer_delete_sync
#define timer_delete_sync	ukt_timer_delete_sync
#define try_to_del_timer_sync	ukt_try_to_del_timer_sync
#define timer_shutdown_sync	ukt_timer_shutdown_sync
#define timer_pending		ukt_timer_pending
#define from_timer		ukt_from_timer
#define timer_container_of	ukt_from_timer
#endif
