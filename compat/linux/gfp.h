/* SPDX-License-Identifier: MIT */
/*
 * linux/gfp.h - allocation flags.
 *
 * malloc() takes no flags: every GFP_* mask is accepted and ignored,
 * except __GFP_ZERO, which the <linux/slab.h> allocators honour.  No
 * allocation ever sleeps differently for GFP_ATOMIC.
 */
#ifndef UKT_COMPAT_LINUX_GFP_H
#define UKT_COMPAT_LINUX_GFP_H

#include <linux/types.h>

#define __GFP_IO		((gfp_t)0x0001u)
#define __GFP_FS		((gfp_t)0x0002u)
#define __GFP_DIRECT_RECLAIM	((gfp_t)0x0004u)
#define __GFP_KSWAPD_RECLAIM	((gfp_t)0x0008u)
#define __GFP_RECLAIM		(__GFP_DIRECT_RECLAIM | __GFP_KSWAPD_RECLAIM)
#define __GFP_HIGH		((gfp_t)0x0010u)
#define __GFP_ZERO		((gfp_t)0x0020u)	/* honoured: zeroed memory */
#define __GFP_NOWARN		((gfp_t)0x0040u)
#define __GFP_NORETRY		((gfp_t)0x0080u)
#define __GFP_RETRY_MAYFAIL	((gfp_t)0x0100u)
#define __GFP_NOFAIL		((gfp_t)0x0200u)
#define __GFP_ACCOUNT		((gfp_t)0x0400u)
#define __GFP_DMA		((gfp_t)0x0800u)
#define __GFP_DMA32		((gfp_t)0x1000u)
#define __GFP_HIGHMEM		((gfp_t)0x2000u)
#define __GFP_COMP		((gfp_t)0x4000u)

#define GFP_ATOMIC		(__GFP_HIGH | __GFP_KSWAPD_RECLAIM)
#define GFP_KERNEL		(__GFP_RECLAIM | __GFP_IO | __GFP_FS)
#define GFP_KERNEL_ACCOUNT	(GFP_KERNEL | __GFP_ACCOUNT)
#define GFP_NOWAIT		(__GFP_KSWAPD_RECLAIM)
#define GFP_NOIO		(__GFP_RECLAIM)
#define GFP_NOFS		(__GFP_RECLAIM | __GFP_IO)
#define GFP_USER		(GFP_KERNEL)
#define GFP_HIGHUSER		(GFP_USER | __GFP_HIGHMEM)
#define GFP_DMA			(__GFP_DMA)
#define GFP_DMA32		(__GFP_DMA32)

#endif /* UKT_COMPAT_LINUX_GFP_H */
