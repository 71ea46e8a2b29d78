// SPDX-License-Identifier: MIT
/*
 * env.c - environment knobs: secure_getenv() and a strict parse.
 *
 * A program linked with ukthread may be setuid or setgid; whoever runs it
 * must not steer it through the environment, so every knob is read with
 * secure_getenv() (NULL in a secure-execution process).  Values are
 * parsed strictly: anything but an optional '-' and decimal digits, in
 * range, is refused with one warning, and the default used.
 */
#include <errno.h>
#include <stdlib.h>

#include "lib/env.h"

int ukt__env_int(const char *name, int def, int min, int max)
{
	const char *s = secure_getenv(name);
	const char *p;
	char *end;
	long v;

	if (!s)
		return def;
	p = s;
	if (*p == '-')
		p++;
	if (*p < '0' || *p > '9')	/* strtol would skip blanks and take '+' */
		goto bad;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || v < min || v > max)
		goto bad;
	return (int)v;
bad:
	ukt__warn(__FILE__, __LINE__, __func__,
		  "%s=\"%.32s\" is not a number from %d to %d; using %d",
		  name, s, min, max, def);
	return def;
}
