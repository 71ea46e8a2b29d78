// SPDX-License-Identifier: MIT
/* pin.c - threads on chosen CPUs (see pin.h). */
#include <sched.h>

#include "pin.h"

static cpu_set_t allowed;
static int nallowed = -1;	/* -1: not read yet */

int bench_cpus(int cpus[2])
{
	int n = 0;

	if (nallowed < 0) {
		nallowed = 0;
		if (sched_getaffinity(0, sizeof(allowed), &allowed) == 0)
			nallowed = CPU_COUNT(&allowed);
	}
	for (int c = 0; c < CPU_SETSIZE && n < 2 && n < nallowed; c++)
		if (CPU_ISSET(c, &allowed))
			cpus[n++] = c;
	return n;
}

void bench_pin(int tid, int cpu)
{
	cpu_set_t set;
	int unused[2];

	bench_cpus(unused);
	if (cpu < 0) {
		set = allowed;
	} else {
		CPU_ZERO(&set);
		CPU_SET(cpu, &set);
	}
	/* sched_setaffinity() takes a thread id; 0 is the caller. */
	sched_setaffinity(tid, sizeof(set), &set);
}
