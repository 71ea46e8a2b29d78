/* SPDX-License-Identifier: MIT */
/*
 * libc_clash.c - kernel code that calls the compat names the C library
 * also has as functions: timer_delete() (POSIX timers), init_module()
 * (the module syscall wrapper), sched_setscheduler() (with a pid),
 * strlcpy()/strlcat() (glibc 2.38 on).  check-libc-clash then reads the
 * linked program with nm: it must reference none of those libc symbols.
 * The program itself checks that the ukthread timer really is disarmed.
 */
#include <time.h>
#include <linux/delay.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/timer.h>

#include <stdio.h>

static int fired, inited;

static void clash_fn(struct timer_list *t)
{
	(void)t;
	fired = 1;
}

int init_module(void)
{
	inited = 1;
	return 0;
}

int main(void)
{
	struct sched_param sp = { .sched_priority = 0 };
	struct timer_list t;
	char buf[8];

	timer_setup(&t, clash_fn, 0);
	mod_timer(&t, jiffies + 50);
	if (timer_delete(&t) != 1 || timer_pending(&t))
		return 1;
	msleep(80);
	if (fired || !inited)
		return 2;
	if (sched_setscheduler(current, SCHED_OTHER, &sp) != 0)
		return 3;
	strlcpy(buf, "ukthread", sizeof(buf));
	strlcat(buf, "!", sizeof(buf));
	if (strcmp(buf, "ukthre") && strcmp(buf, "ukthrea"))
		return 4;
	puts("libc_clash: ok");
	return 0;
}
