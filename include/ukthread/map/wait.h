/* SPDX-License-Identifier: MIT */
/* Kernel spellings of ukthread/wait.h.  Define UKTHREAD_NO_KERNEL_NAMES to go without. */
#ifndef UKTHREAD_NO_KERNEL_NAMES
#define wait_queue_entry		ukt_wait_queue_entry
#define wait_queue_head			ukt_wait_queue_head
#define wait_queue_head_t		ukt_wait_queue_head_t
#define wait_queue_entry_t		ukt_wait_queue_entry_t
#define wait_queue_func_t		ukt_wait_queue_func_t
#define WQ_FLAG_EXCLUSIVE		UKT_WQ_FLAG_EXCLUSIVE
#define WQ_FLAG_WOKEN			UKT_WQ_FLAG_WOKEN
#define __WAIT_QUEUE_HEAD_INITIALIZER	UKT_WAIT_QUEUE_HEAD_INITIALIZER
#define DECLARE_WAIT_QUEUE_HEAD		UKT_DECLARE_WAIT_QUEUE_HEAD
#define DECLARE_WAIT_QUEUE_HEAD_ONSTACK	UKT_DECLARE_WAIT_QUEUE_HEAD_ONSTACK
#define __WAITQUEUE_INITIALIZER		UKT___WAITQUEUE_INITIALIZER
#define DECLARE_WAITQUEUE		UKT_DECLARE_WAITQUEUE
#define DEFINE_WAIT_FUNC		UKT_DEFINE_WAIT_FUNC
#define DEFINE_WAIT			UKT_DEFINE_WAIT
#define init_waitqueue_head		ukt_init_waitqueue_head
#define init_waitqueue_entry		ukt_init_waitqueue_entry
#define init_waitqueue_func_entry	ukt_init_waitqueue_func_entry
#define init_wait_entry			ukt_init_wait_entry
/**
 * init_wait - initialise a wait queue entry for the current task.
 * @wait: the entry (a pointer); it gets autoremove_wake_function().
 */
#define init_wait(wait)			ukt_init_wait_entry(wait, 0)
#define default_wake_function		ukt_default_wake_function
#define autoremove_wake_function	ukt_autoremove_wake_function
#define woken_wake_function		ukt_woken_wake_function
#define waitqueue_active		ukt_waitqueue_active
#define wq_has_sleeper			ukt_wq_has_sleeper
#define add_wait_queue			ukt_add_wait_queue
#define add_wait_queue_exclusive	ukt_add_wait_queue_exclusive
#define remove_wait_queue		ukt_remove_wait_queue
#define prepare_to_wait			ukt_prepare_to_wait
#define prepare_to_wait_exclusive	ukt_prepare_to_wait_exclusive
#define prepare_to_wait_event		ukt_prepare_to_wait_event
#define finish_wait			ukt_finish_wait
#define wait_woken			ukt_wait_woken
#define __wake_up			ukt___wake_up
#define wake_up				ukt_wake_up
#define wake_up_nr			ukt_wake_up_nr
#define wake_up_all			ukt_wake_up_all
#define wake_up_interruptible		ukt_wake_up_interruptible
#define wake_up_interruptible_nr	ukt_wake_up_interruptible_nr
#define wake_up_interruptible_all	ukt_wake_up_interruptible_all
#define wait_event			ukt_wait_event
#define wait_event_idle			ukt_wait_event_idle
#define wait_event_exclusive		ukt_wait_event_exclusive
#define wait_event_interruptible	ukt_wait_event_interruptible
#define wait_event_interruptible_exclusive ukt_wait_event_interruptible_exclusive
#define wait_event_killable		ukt_wait_event_killable
#define wait_event_timeout		ukt_wait_event_timeout
#define wait_event_interruptible_timeout ukt_wait_event_interruptible_timeout
#define wait_event_idle_timeout		ukt_wait_event_idle_timeout
#define wait_event_killable_timeout	ukt_wait_event_killable_timeout
#endif
