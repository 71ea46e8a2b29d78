/* SPDX-License-Identifier: MIT */
/* lib/cpumask.h - what the library's rooms ask of the CPU masks. */
#ifndef UKTHREAD_LIB_CPUMASK_H
#define UKTHREAD_LIB_CPUMASK_H

#include <stdbool.h>

#include "lib/lib.h"

/**
 * ukt__multi_cpu - may this process run on more than one CPU?
 *
 * Return: true when cpu_online_mask has more than one CPU, i.e. when a
 * spinning thread does not keep the thread it waits for off the CPU.
 */
UKT_HIDDEN bool ukt__multi_cpu(void);

#endif /* UKTHREAD_LIB_CPUMASK_H */
