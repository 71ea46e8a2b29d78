/* SPDX-License-Identifier: MIT */
/*
 * lib/env.h - the library's environment knobs (UKTHREAD_*), read with
 * secure_getenv() and parsed strictly.
 */
#ifndef UKTHREAD_LIB_ENV_H
#define UKTHREAD_LIB_ENV_H

#include "lib/lib.h"

/**
 * ukt__env_int - the integer value of environment knob @name.
 * @name: the variable, e.g. "UKTHREAD_SPARES".
 * @def: the value when it is unset, or set to anything but a decimal
 *	integer from @min to @max.
 * @min: the smallest value accepted.
 * @max: the largest value accepted.
 *
 * Read with secure_getenv(): in a setuid or setgid program the knob is
 * ignored.  A value that is set but not a plain decimal number in range
 * (garbage, trailing characters, leading blanks, overflow, empty) gives a
 * one-line warning and @def.
 *
 * Return: the value.
 */
UKT_HIDDEN int ukt__env_int(const char *name, int def, int min, int max);

#endif /* UKTHREAD_LIB_ENV_H */
