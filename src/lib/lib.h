/* SPDX-License-Identifier: MIT */
/*
 * lib/lib.h - what every room of the library may use: the hidden-symbol
 * marker and die() for errors that cannot happen.
 *
 * The layers, lowest first (docs/design.md): lib (this directory, ukthread's
 * own support), sched (src/kernel/sched), time (src/kernel/time), kthread
 * (src/kernel).  A room includes headers of its own layer and of the layers
 * below it, never above; tests/layers checks the built objects for it.
 */
#ifndef UKTHREAD_LIB_LIB_H
#define UKTHREAD_LIB_LIB_H

#include <ukthread/compiler.h>
#include <ukthread/debug.h>

/* A symbol the library's rooms share and the shared object does not export. */
#define UKT_HIDDEN __attribute__((visibility("hidden")))

/**
 * ukt__die - report an impossible error (a failed libc call) and abort.
 * @what: what was being done.
 * @err: the errno value it failed with.
 */
UKT_HIDDEN ukt_noreturn void ukt__die(const char *what, int err);

#endif /* UKTHREAD_LIB_LIB_H */
