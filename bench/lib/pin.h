/* SPDX-License-Identifier: MIT */
/*
 * pin.h - threads on chosen CPUs, for the same-CPU and cross-CPU variants
 * of a measurement (the headline figures are unpinned).
 */
#ifndef BENCH_PIN_H
#define BENCH_PIN_H

/**
 * bench_cpus - the first two CPUs this process may use, in @cpus; returns
 * how many there are (0 to 2).  The first call records the CPUs allowed
 * then, which bench_pin(tid, -1) gives back.
 */
int bench_cpus(int cpus[2]);

/** bench_pin - put thread @tid (0: the caller) on @cpu, or -1: back on all. */
void bench_pin(int tid, int cpu);

#endif /* BENCH_PIN_H */
