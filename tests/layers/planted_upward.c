// SPDX-License-Identifier: MIT
/*
 * planted_upward.c - a room of the lowest layer that calls a kthread
 * function: check-layers must fail on it (tests/layers/meson.build).
 */
#include <ukthread/kthread.h>

int planted_upward(void);

int planted_upward(void)
{
	return ukt_kthread_should_stop();
}
