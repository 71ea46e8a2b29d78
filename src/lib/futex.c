// SPDX-License-Identifier: MIT
/*
 * futex.c - the two system calls everything sleeps and wakes with.
 *
 * Waits use FUTEX_WAIT_BITSET, whose timeout is an absolute time on
 * CLOCK_MONOTONIC, so a jump of the wall clock never moves a deadline.
 */
#include <errno.h>
#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "lib/futex.h"

int ukt__futex_wait(int *addr, int val, const struct timespec *abs_mono)
{
	long r = syscall(SYS_futex, addr, FUTEX_WAIT_BITSET | FUTEX_PRIVATE_FLAG,
			 val, abs_mono, NULL, FUTEX_BITSET_MATCH_ANY);

	return r == -1 ? -errno : 0;
}

void ukt__futex_wake(int *addr, int nr)
{
	syscall(SYS_futex, addr, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, nr, NULL, NULL, 0);
}
