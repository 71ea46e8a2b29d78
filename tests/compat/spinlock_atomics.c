/* SPDX-License-Identifier: MIT */
/* spinlock_atomics.c - <linux/spinlock.h> alone brings the atomics. */
#include <linux/spinlock.h>

static atomic_t sa_count = ATOMIC_INIT(1);
static DEFINE_SPINLOCK(sa_lock);

int main(void)
{
	spin_lock(&sa_lock);
	atomic_dec(&sa_count);
	spin_unlock(&sa_lock);
	return atomic_read(&sa_count);
}
