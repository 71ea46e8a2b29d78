// SPDX-License-Identifier: MIT
/*
 * warn.c - one-line warnings on stderr, and the die() helper for errors
 * that cannot happen.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/lib.h"

static unsigned long warn_count;

void ukt__warn_count_inc(void)
{
	__atomic_fetch_add(&warn_count, 1, __ATOMIC_RELAXED);
}

unsigned long ukt_warn_count(void)
{
	return __atomic_load_n(&warn_count, __ATOMIC_RELAXED);
}

void ukt__warn(const char *file, int line, const char *func, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	ukt__warn_count_inc();
	va_start(ap, fmt);
	(void)vsnprintf(msg, sizeof(msg), fmt, ap);	/* a long one is cut */
	va_end(ap);
	/* One write, so that lines of concurrent warnings never interleave. */
	(void)fprintf(stderr, "ukthread: WARNING at %s:%d %s: %s\n", file, line, func, msg);
}

void ukt__die(const char *what, int err)
{
	(void)fprintf(stderr, "ukthread: fatal: %s: %s\n", what, strerror(err));
	abort();
}
