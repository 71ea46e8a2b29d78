/* SPDX-License-Identifier: MIT */
/* Kernel spellings of ukthread/delay.h.  Define UKTHREAD_NO_KERNEL_NAMES to go without. */
#ifndef UKTHREAD_NO_KERNEL_NAMES
#define msleep			ukt_msleep
#define msleep_interruptible	ukt_msleep_interruptible
#define ssleep			ukt_ssleep
#define usleep_range		ukt_usleep_range
#define fsleep			ukt_fsleep
#define ndelay			ukt_ndelay
#define udelay			ukt_udelay
#define mdelay			ukt_mdelay
#endif
