// SPDX-License-Identifier: MIT
/*
 * log.c - the kernel log of a module run by ukthread-insmod.
 *
 * printk() in the module lands in ukt_insmod_vprintk(): the message is
 * printed on stderr as the raw kernel log shows it ("dmesg -r"), its
 * level and the seconds since the runner started first:
 *
 *	<6>[    0.001234] hello: loaded
 *
 * A message without a level has the kernel's default, 4 (warning);
 * KERN_CONT continues the previous line, printed only if that one was.
 * The console log level filters as the kernel's does: a message is
 * printed when its level is below insmod_loglevel (7 by default: all
 * but debug).  Each message is one fputs(), so lines of concurrent
 * threads never interleave.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "insmod.h"

#define DEFAULT_MESSAGE_LEVEL	4
#define DEFAULT_CONSOLE_LEVEL	7

int insmod_loglevel = DEFAULT_CONSOLE_LEVEL;

static const char *const level_names[] = {
	"emerg", "alert", "crit", "err", "warn", "notice", "info", "debug",
};

static int last_printed;	/* the last line with a level was printed */

int insmod_parse_loglevel(const char *s)
{
	char *end;
	long n;

	for (int i = 0; i < 8; i++)
		if (!strcasecmp(s, level_names[i]))
			return i + 1;
	if (!strcasecmp(s, "warning"))
		return 5;
	if (!strcasecmp(s, "error"))
		return 4;
	n = strtol(s, &end, 10);
	if (end == s || *end || n < 0 || n > 8)
		return -1;
	return (int)n;
}

static struct timespec start;	/* set by insmod_log_init(), before any thread */

void insmod_log_init(void)
{
	clock_gettime(CLOCK_MONOTONIC, &start);
}

static double seconds_since_start(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - start.tv_sec) + (now.tv_nsec - start.tv_nsec) / 1e9;
}

int ukt_insmod_vprintk(const char *fmt, va_list args)
{
	int level = DEFAULT_MESSAGE_LEVEL;
	bool cont = false;
	char head[48], *msg = NULL, *line = NULL;
	double t = seconds_since_start();
	int n = 0;

	for (;;) {		/* KERN_<LEVEL> markers, and old "<N>" ones */
		if (fmt[0] == '\001' && fmt[1]) {
			if (fmt[1] >= '0' && fmt[1] <= '7')
				level = fmt[1] - '0';
			else if (fmt[1] == 'c')
				cont = true;
			fmt += 2;
		} else if (fmt[0] == '<' && fmt[1] >= '0' && fmt[1] <= '7' && fmt[2] == '>') {
			level = fmt[1] - '0';
			fmt += 3;
		} else {
			break;
		}
	}
	if (cont) {
		if (!__atomic_load_n(&last_printed, __ATOMIC_RELAXED))
			return 0;
		head[0] = '\0';
	} else {
		bool show = level < insmod_loglevel;

		__atomic_store_n(&last_printed, show, __ATOMIC_RELAXED);
		if (!show)
			return 0;
		snprintf(head, sizeof(head), "<%d>[%5lu.%06lu] ", level,
			 (unsigned long)t, (unsigned long)((t - (unsigned long)t) * 1e6));
	}
	if (vasprintf(&msg, fmt, args) < 0)
		return 0;
	if (asprintf(&line, "%s%s", head, msg) >= 0) {
		fputs(line, stderr);
		n = (int)strlen(msg);
	}
	free(line);
	free(msg);
	return n;
}

void insmod_log(const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	ukt_insmod_vprintk(fmt, args);
	va_end(args);
}
