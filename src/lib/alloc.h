/* SPDX-License-Identifier: MIT */
/*
 * lib/alloc.h - every allocation the library makes, counted per site and
 * open to fault injection (the public half is in <ukthread/debug.h>).
 */
#ifndef UKTHREAD_LIB_ALLOC_H
#define UKTHREAD_LIB_ALLOC_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/lib.h"

/**
 * ukt__site_should_fail - one attempt at @site: should fault injection fail it?
 * @site: the allocation or spawn site.
 *
 * Return: true when this attempt is one that ukt_fault_inject() asked to fail.
 */
UKT_HIDDEN bool ukt__site_should_fail(enum ukt_alloc_site site);

/**
 * ukt__site_live_add - count @delta more (or fewer) live objects at @site.
 * @site: the site.
 * @delta: +1 for an object made, -1 for one gone.
 */
UKT_HIDDEN void ukt__site_live_add(enum ukt_alloc_site site, long delta);

/**
 * ukt__site_total_inc - count one more object ever made at @site.
 * @site: the site.
 */
UKT_HIDDEN void ukt__site_total_inc(enum ukt_alloc_site site);

/**
 * ukt__zalloc - zeroed memory, counted at @site.
 * @site: the site.
 * @size: bytes.
 *
 * Return: the memory, or NULL (out of memory, or an injected fault).
 */
UKT_HIDDEN void *ukt__zalloc(enum ukt_alloc_site site, size_t size);

/**
 * ukt__free - free memory that ukt__zalloc() gave for @site.
 * @site: the site it was allocated at.
 * @p: the memory, or NULL.
 */
UKT_HIDDEN void ukt__free(enum ukt_alloc_site site, void *p);

#endif /* UKTHREAD_LIB_ALLOC_H */
