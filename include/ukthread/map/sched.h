/* SPDX-License-Identifier: MIT */
/* Kernel spellings of ukthread/sched.h.  Define UKTHREAD_NO_KERNEL_NAMES to go without. */
#ifndef UKTHREAD_NO_KERNEL_NAMES
#define task_struct			ukt_task_struct
#define mm_struct			ukt_mm_struct
#define TASK_RUNNING			UKT_TASK_RUNNING
#define TASK_INTERRUPTIBLE		UKT_TASK_INTERRUPTIBLE
#define TASK_UNINTERRUPTIBLE		UKT_TASK_UNINTERRUPTIBLE
#define TASK_PARKED			UKT_TASK_PARKED
#define TASK_DEAD			UKT_TASK_DEAD
#define TASK_WAKEKILL			UKT_TASK_WAKEKILL
#define TASK_NOLOAD			UKT_TASK_NOLOAD
#define TASK_NEW			UKT_TASK_NEW
#define TASK_FREEZABLE			UKT_TASK_FREEZABLE
#define TASK_FROZEN			UKT_TASK_FROZEN
#define TASK_KILLABLE			UKT_TASK_KILLABLE
#define TASK_IDLE			UKT_TASK_IDLE
#define TASK_NORMAL			UKT_TASK_NORMAL
#define PF_EXITING			UKT_PF_EXITING
#define PF_NOFREEZE			UKT_PF_NOFREEZE
#define PF_KTHREAD			UKT_PF_KTHREAD
#define PF_NO_SETAFFINITY		UKT_PF_NO_SETAFFINITY
#define TASK_COMM_LEN			UKT_TASK_COMM_LEN
#define MAX_SCHEDULE_TIMEOUT		UKT_MAX_SCHEDULE_TIMEOUT
#define get_current			ukt_get_current
#define get_task_struct			ukt_get_task_struct
#define put_task_struct			ukt_put_task_struct
#define set_current_state		ukt_set_current_state
#define __set_current_state		ukt___set_current_state
#define set_special_state		ukt_set_current_state
#define schedule			ukt_schedule
#define schedule_timeout		ukt_schedule_timeout
#define schedule_timeout_interruptible	ukt_schedule_timeout_interruptible
#define schedule_timeout_uninterruptible ukt_schedule_timeout_uninterruptible
#define schedule_timeout_killable	ukt_schedule_timeout_killable
#define schedule_timeout_idle		ukt_schedule_timeout_idle
#define wake_up_state			ukt_wake_up_state
#define wake_up_process			ukt_wake_up_process
#define signal_pending			ukt_signal_pending
#define fatal_signal_pending		ukt_fatal_signal_pending
#define signal_pending_state		ukt_signal_pending_state
#define task_is_running			ukt_task_is_running
#define __get_task_comm			ukt___get_task_comm
/**
 * get_task_comm - copy a task's name into an array.
 * @buf: a char array (not a pointer): its size is taken with sizeof.
 * @tsk: the task.
 *
 * Return: @buf.
 */
#define get_task_comm(buf, tsk)		ukt___get_task_comm(buf, sizeof(buf), tsk)
#define set_task_comm			ukt_set_task_comm
#define task_pid_nr			ukt_task_pid_nr
#define cond_resched			ukt_cond_resched
#define yield				ukt_yield
#define wait_task_inactive		ukt_wait_task_inactive
#endif
