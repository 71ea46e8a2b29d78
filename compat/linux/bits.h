/* SPDX-License-Identifier: MIT */
/*
 * linux/bits.h - single bits and bit masks.
 */
#ifndef UKT_COMPAT_LINUX_BITS_H
#define UKT_COMPAT_LINUX_BITS_H

/** BITS_PER_BYTE - bits in a byte. */
#define BITS_PER_BYTE		8
/** BITS_PER_LONG - bits in a long (usable in #if). */
#define BITS_PER_LONG		(__SIZEOF_LONG__ * 8)
/** BITS_PER_LONG_LONG - bits in a long long. */
#define BITS_PER_LONG_LONG	64

/** BIT - unsigned long with only bit @nr set. */
#define BIT(nr)			(1UL << (nr))
/** BIT_ULL - unsigned long long with only bit @nr set. */
#define BIT_ULL(nr)		(1ULL << (nr))
/** BIT_MASK - the mask of bit @nr within its word of a bitmap. */
#define BIT_MASK(nr)		(1UL << ((nr) % BITS_PER_LONG))
/** BIT_WORD - the index of the word holding bit @nr of a bitmap. */
#define BIT_WORD(nr)		((nr) / BITS_PER_LONG)
#define BIT_ULL_MASK(nr)	(1ULL << ((nr) % BITS_PER_LONG_LONG))
#define BIT_ULL_WORD(nr)	((nr) / BITS_PER_LONG_LONG)

/** GENMASK - unsigned long with bits @l to @h (inclusive) set. */
#define GENMASK(h, l) \
	((~0UL >> (BITS_PER_LONG - 1 - (h))) & (~0UL << (l)))
/** GENMASK_ULL - unsigned long long with bits @l to @h set. */
#define GENMASK_ULL(h, l) \
	((~0ULL >> (BITS_PER_LONG_LONG - 1 - (h))) & (~0ULL << (l)))

#endif /* UKT_COMPAT_LINUX_BITS_H */
