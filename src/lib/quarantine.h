/* SPDX-License-Identifier: MIT */
/*
 * lib/quarantine.h - free objects late, so that a late use of a destroyed
 * object finds its "destroyed" mark instead of freed memory.
 */
#ifndef UKTHREAD_LIB_QUARANTINE_H
#define UKTHREAD_LIB_QUARANTINE_H

#include "lib/lib.h"

/* How many destroyed objects stay allocated. */
#define UKT_QUARANTINE_SIZE 16

/**
 * ukt__quarantine_free - free @p later: after UKT_QUARANTINE_SIZE more.
 * @site: the allocation site @p came from (lib/alloc.h).
 * @p: an object the caller has marked destroyed.
 *
 * The oldest object in quarantine is freed now instead.
 */
UKT_HIDDEN void ukt__quarantine_free(enum ukt_alloc_site site, void *p);

#endif /* UKTHREAD_LIB_QUARANTINE_H */
