/* SPDX-License-Identifier: MIT */
/* Kernel spellings of ukthread/kthread.h.  Define UKTHREAD_NO_KERNEL_NAMES to go without. */
#ifndef UKTHREAD_NO_KERNEL_NAMES
#define kthread_create_on_node		ukt_kthread_create_on_node
#define kthread_create			ukt_kthread_create
#define kthread_create_on_cpu		ukt_kthread_create_on_cpu
#define kthread_run			ukt_kthread_run
#define kthread_run_on_cpu		ukt_kthread_run_on_cpu
#define kthread_bind			ukt_kthread_bind
#define kthread_bind_mask		ukt_kthread_bind_mask
#define kthread_stop			ukt_kthread_stop
#define kthread_stop_put		ukt_kthread_stop_put
#define kthread_should_stop		ukt_kthread_should_stop
#define kthread_should_park		ukt_kthread_should_park
#define kthread_should_stop_or_park	ukt_kthread_should_stop_or_park
#define kthread_park			ukt_kthread_park
#define kthread_unpark			ukt_kthread_unpark
#define kthread_parkme			ukt_kthread_parkme
#define kthread_data			ukt_kthread_data
#define kthread_probe_data		ukt_kthread_probe_data
#define probe_kthread_data		ukt_kthread_probe_data
#define kthread_func			ukt_kthread_func
#define kthread_exit			ukt_kthread_exit
#define kthread_complete_and_exit	ukt_kthread_complete_and_exit
#define kthread_set_per_cpu		ukt_kthread_set_per_cpu
#define kthread_is_per_cpu		ukt_kthread_is_per_cpu
#define get_kthread_comm		ukt_get_kthread_comm
#define kthreadd_task			ukt_kthreadd_task()
#endif
