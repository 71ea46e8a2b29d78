/* SPDX-License-Identifier: MIT */
/*
 * linux/completion.h - completions (ukthread/completion.h under the
 * kernel names).
 */
#ifndef UKT_COMPAT_LINUX_COMPLETION_H
#define UKT_COMPAT_LINUX_COMPLETION_H

#include <linux/compiler.h>
#include <linux/wait.h>
#include <ukthread/completion.h>

/**
 * INIT_COMPLETION - reinit_completion() of the completion @x (not a
 * pointer), as kernels before 3.13 spell it.
 */
#define INIT_COMPLETION(x)	ukt_reinit_completion(&(x))

#endif /* UKT_COMPAT_LINUX_COMPLETION_H */
