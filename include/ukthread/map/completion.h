/* SPDX-License-Identifier: MIT */
/* Kernel spellings of ukthread/completion.h.  Define UKTHREAD_NO_KERNEL_NAMES to go without. */
#ifndef UKTHREAD_NO_KERNEL_NAMES
#define completion				ukt_completion
#define COMPLETION_INITIALIZER			UKT_COMPLETION_INITIALIZER
#define COMPLETION_INITIALIZER_ONSTACK		UKT_COMPLETION_INITIALIZER_ONSTACK
#define DECLARE_COMPLETION			UKT_DECLARE_COMPLETION
#define DECLARE_COMPLETION_ONSTACK		UKT_DECLARE_COMPLETION_ONSTACK
/**
 * DECLARE_COMPLETION_ONSTACK_MAP - DECLARE_COMPLETION_ONSTACK() with a
 * lockdep map.
 * @w: name of the completion variable.
 * @m: the lockdep map (ignored: there is no lockdep here).
 */
#define DECLARE_COMPLETION_ONSTACK_MAP(w, m)	UKT_DECLARE_COMPLETION_ONSTACK(w)
#define init_completion				ukt_init_completion
#define reinit_completion			ukt_reinit_completion
#define complete				ukt_complete
#define complete_all				ukt_complete_all
#define wait_for_completion			ukt_wait_for_completion
#define wait_for_completion_io			ukt_wait_for_completion_io
#define wait_for_completion_timeout		ukt_wait_for_completion_timeout
#define wait_for_completion_interruptible	ukt_wait_for_completion_interruptible
#define wait_for_completion_interruptible_timeout ukt_wait_for_completion_interruptible_timeout
#define wait_for_completion_killable		ukt_wait_for_completion_killable
#define wait_for_completion_killable_timeout	ukt_wait_for_completion_killable_timeout
#define try_wait_for_completion			ukt_try_wait_for_completion
#define completion_done				ukt_completion_done
#endif
