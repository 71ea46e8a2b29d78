/* SPDX-License-Identifier: MIT */
/*
 * wait_atomics.c - <linux/wait.h> alone brings the atomics, as the
 * kernel's does; so does <linux/spinlock.h> (spinlock_atomics.c).
 */
#include <linux/wait.h>

static atomic_t wa_count = ATOMIC_INIT(3);
static DECLARE_WAIT_QUEUE_HEAD(wa_wq);

int main(void)
{
	atomic_inc(&wa_count);
	wake_up(&wa_wq);
	return atomic_read(&wa_count) == 4 ? 0 : 1;
}
