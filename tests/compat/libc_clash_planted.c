/* SPDX-License-Identifier: MIT */
/*
 * libc_clash_planted.c - built without the compat headers, it calls the
 * POSIX timer_delete(): check-libc-clash must reject it (should_fail).
 */
#include <signal.h>
#include <time.h>

int main(void)
{
	timer_t id;

	if (timer_create(CLOCK_MONOTONIC, NULL, &id))
		return 0;
	return timer_delete(id);
}
