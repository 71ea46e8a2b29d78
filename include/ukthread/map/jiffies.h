/* SPDX-License-Identifier: MIT */
/* Kernel spellings of ukthread/jiffies.h.  Define UKTHREAD_NO_KERNEL_NAMES to go without. */
#ifndef UKTHREAD_NO_KERNEL_NAMES
#define HZ			UKT_HZ
#define INITIAL_JIFFIES		UKT_INITIAL_JIFFIES
#define MAX_JIFFY_OFFSET	UKT_MAX_JIFFY_OFFSET
#define jiffies			ukt_jiffies()
#define jiffies_64		ukt_jiffies_64()
#define get_jiffies_64		ukt_jiffies_64
#define msecs_to_jiffies	ukt_msecs_to_jiffies
#define usecs_to_jiffies	ukt_usecs_to_jiffies
#define jiffies_to_msecs	ukt_jiffies_to_msecs
#define jiffies_to_usecs	ukt_jiffies_to_usecs
#define time_after		ukt_time_after
#define time_before		ukt_time_before
#define time_after_eq		ukt_time_after_eq
#define time_before_eq		ukt_time_before_eq
#define time_in_range		ukt_time_in_range
#define time_is_before_jiffies	ukt_time_is_before_jiffies
#define time_is_after_jiffies	ukt_time_is_after_jiffies
#endif
