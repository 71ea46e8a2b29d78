/* SPDX-License-Identifier: MIT */
/*
 * linux/file.h - kernel file references (fget(), fput(), fd_install()),
 * which ukthread does not provide: a kthread here has no kernel file
 * table.  The header exists because kthread code includes it (the seed,
 * 2.6.35's kernel/kthread.c, does); it declares struct file only, and
 * the calls are compile-time errors that name themselves.
 */
#ifndef UKT_COMPAT_LINUX_FILE_H
#define UKT_COMPAT_LINUX_FILE_H

#include <linux/compiler.h>

struct file;

#define UKT__NO_FILES	"kernel file references are not provided by ukthread: use libc's file descriptors"

extern struct file *fget(unsigned int fd) __attribute__((__error__(UKT__NO_FILES)));
extern void fput(struct file *file) __attribute__((__error__(UKT__NO_FILES)));
extern void fd_install(unsigned int fd, struct file *file)
	__attribute__((__error__(UKT__NO_FILES)));

#endif /* UKT_COMPAT_LINUX_FILE_H */
