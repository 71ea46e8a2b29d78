/* SPDX-License-Identifier: MIT */
/*
 * insmod.h - the parts of ukthread-insmod: the module's parameters
 * (param.c), the kernel log (log.c) and the loader (ukthread-insmod.c).
 */
#ifndef UKTHREAD_INSMOD_INSMOD_H
#define UKTHREAD_INSMOD_INSMOD_H

#include <stdbool.h>
#include <ukthread/insmod.h>

/* param.c */

/*
 * insmod_set_params - apply "name=value" / "name" arguments to the
 * parameters the module registered.  @modname names the module in the
 * messages (printed on stderr, the kernel's wording).  Returns 0, or
 * -ENOENT (unknown parameter), -EINVAL / -ERANGE / -ENOSPC (bad value).
 */
int insmod_set_params(const char *modname, int argc, char **argv);

/* log.c */

/* The console log level: messages with a level below it are printed. */
extern int insmod_loglevel;

/*
 * insmod_parse_loglevel - a --loglevel value: a number 0-8 (print levels
 * below it, as the kernel's loglevel=) or a level name (that level and
 * the more urgent ones).  Returns the console level, -1 if invalid.
 */
int insmod_parse_loglevel(const char *s);

/* insmod_log_init - start the log's clock; before the module is loaded. */
void insmod_log_init(void);

/* insmod_log - printk() from the runner itself, with a KERN_* marker. */
void insmod_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif /* UKTHREAD_INSMOD_INSMOD_H */
