/* SPDX-License-Identifier: MIT */
/* futex.h - the two futex calls the benchmarks' own primitives need. */
#ifndef BENCH_FUTEX_H
#define BENCH_FUTEX_H

#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>

/* Sleep while *@addr == @val (returns at once otherwise). Private futex:
 * the words never leave the process. */
static inline void bench_futex_wait(int *addr, int val)
{
	syscall(SYS_futex, addr, FUTEX_WAIT_PRIVATE, val, NULL, NULL, 0);
}

static inline void bench_futex_wake(int *addr, int nr)
{
	syscall(SYS_futex, addr, FUTEX_WAKE_PRIVATE, nr, NULL, NULL, 0);
}

/** bench_cpu_relax - the pause of a spin loop. */
static inline void bench_cpu_relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
	__builtin_ia32_pause();
#elif defined(__aarch64__)
	__asm__ __volatile__("yield" ::: "memory");
#else
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
#endif
}

#endif /* BENCH_FUTEX_H */
