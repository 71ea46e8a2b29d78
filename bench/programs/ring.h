/* SPDX-License-Identifier: MIT */
/* ring.h - the throughput ceilings of limits.c (ring.c). */
#ifndef BENCH_RING_H
#define BENCH_RING_H

/** bench_ring_throughput - one run through the SPSC ring; M items/s. */
double bench_ring_throughput(void);

/** bench_plain_calls - the same items called in a loop; M items/s. */
double bench_plain_calls(void);

#endif /* BENCH_RING_H */
