/* SPDX-License-Identifier: MIT */
/*
 * linux/bitops.h - bit operations on arrays of unsigned long.
 *
 * set_bit(), clear_bit() and change_bit() are atomic and unordered; the
 * test_and_*() forms are atomic and fully ordered; the __ forms are plain
 * read-modify-writes.  Bit nr lives in word nr / BITS_PER_LONG.
 */
#ifndef UKT_COMPAT_LINUX_BITOPS_H
#define UKT_COMPAT_LINUX_BITOPS_H

#include <linux/bits.h>
#include <linux/compiler.h>
#include <linux/types.h>

/** BITS_TO_LONGS - longs needed for a bitmap of @nr bits. */
#define BITS_TO_LONGS(nr)	(((nr) + BITS_PER_LONG - 1) / BITS_PER_LONG)
/** DECLARE_BITMAP - declare @name, a bitmap of @bits bits. */
#define DECLARE_BITMAP(name, bits)	unsigned long name[BITS_TO_LONGS(bits)]

/** set_bit - atomically set bit @nr of @addr. */
static inline void set_bit(long nr, volatile unsigned long *addr)
{
	__atomic_fetch_or(addr + BIT_WORD((unsigned long)nr),
			  BIT_MASK((unsigned long)nr), __ATOMIC_RELAXED);
}

/** clear_bit - atomically clear bit @nr of @addr. */
static inline void clear_bit(long nr, volatile unsigned long *addr)
{
	__atomic_fetch_and(addr + BIT_WORD((unsigned long)nr),
			   ~BIT_MASK((unsigned long)nr), __ATOMIC_RELAXED);
}

/** change_bit - atomically flip bit @nr of @addr. */
static inline void change_bit(long nr, volatile unsigned long *addr)
{
	__atomic_fetch_xor(addr + BIT_WORD((unsigned long)nr),
			   BIT_MASK((unsigned long)nr), __ATOMIC_RELAXED);
}

/** test_bit - true when bit @nr of @addr is set. */
static inline bool test_bit(long nr, const volatile unsigned long *addr)
{
	return (__atomic_load_n(addr + BIT_WORD((unsigned long)nr),
				__ATOMIC_RELAXED) >>
		((unsigned long)nr % BITS_PER_LONG)) & 1;
}

/** test_and_set_bit - set bit @nr of @addr; true if it was set already. */
static inline bool test_and_set_bit(long nr, volatile unsigned long *addr)
{
	unsigned long mask = BIT_MASK((unsigned long)nr);

	return __atomic_fetch_or(addr + BIT_WORD((unsigned long)nr), mask,
				 __ATOMIC_SEQ_CST) & mask;
}

/** test_and_clear_bit - clear bit @nr of @addr; true if it was set. */
static inline bool test_and_clear_bit(long nr, volatile unsigned long *addr)
{
	unsigned long mask = BIT_MASK((unsigned long)nr);

	return __atomic_fetch_and(addr + BIT_WORD((unsigned long)nr), ~mask,
				  __ATOMIC_SEQ_CST) & mask;
}

/** test_and_change_bit - flip bit @nr of @addr; true if it was set. */
static inline bool test_and_change_bit(long nr, volatile unsigned long *addr)
{
	unsigned long mask = BIT_MASK((unsigned long)nr);

	return __atomic_fetch_xor(addr + BIT_WORD((unsigned long)nr), mask,
				  __ATOMIC_SEQ_CST) & mask;
}

/** test_and_set_bit_lock - test_and_set_bit() with acquire ordering. */
static inline bool test_and_set_bit_lock(long nr, volatile unsigned long *addr)
{
	unsigned long mask = BIT_MASK((unsigned long)nr);

	return __atomic_fetch_or(addr + BIT_WORD((unsigned long)nr), mask,
				 __ATOMIC_ACQUIRE) & mask;
}

/** clear_bit_unlock - clear_bit() with release ordering. */
static inline void clear_bit_unlock(long nr, volatile unsigned long *addr)
{
	__atomic_fetch_and(addr + BIT_WORD((unsigned long)nr),
			   ~BIT_MASK((unsigned long)nr), __ATOMIC_RELEASE);
}

/** __set_bit - set bit @nr of @addr, not atomically. */
static inline void __set_bit(long nr, volatile unsigned long *addr)
{
	addr[BIT_WORD((unsigned long)nr)] |= BIT_MASK((unsigned long)nr);
}

/** __clear_bit - clear bit @nr of @addr, not atomically. */
static inline void __clear_bit(long nr, volatile unsigned long *addr)
{
	addr[BIT_WORD((unsigned long)nr)] &= ~BIT_MASK((unsigned long)nr);
}

/** __change_bit - flip bit @nr of @addr, not atomically. */
static inline void __change_bit(long nr, volatile unsigned long *addr)
{
	addr[BIT_WORD((unsigned long)nr)] ^= BIT_MASK((unsigned long)nr);
}

/** __test_and_set_bit - test_and_set_bit(), not atomically. */
static inline bool __test_and_set_bit(long nr, volatile unsigned long *addr)
{
	bool old = test_bit(nr, addr);

	__set_bit(nr, addr);
	return old;
}

/** __test_and_clear_bit - test_and_clear_bit(), not atomically. */
static inline bool __test_and_clear_bit(long nr, volatile unsigned long *addr)
{
	bool old = test_bit(nr, addr);

	__clear_bit(nr, addr);
	return old;
}

/** __ffs - index of the lowest set bit of @word (undefined for 0). */
static inline unsigned long __ffs(unsigned long word)
{
	return (unsigned long)__builtin_ctzl(word);
}

/** __fls - index of the highest set bit of @word (undefined for 0). */
static inline unsigned long __fls(unsigned long word)
{
	return (unsigned long)(BITS_PER_LONG - 1 - __builtin_clzl(word));
}

/** ffz - index of the lowest clear bit of @word (undefined for ~0). */
static inline unsigned long ffz(unsigned long word)
{
	return __ffs(~word);
}

/** fls - one more than the index of the highest set bit of @x; 0 for 0. */
static inline int fls(unsigned int x)
{
	return x ? 32 - __builtin_clz(x) : 0;
}

/** fls64 - fls() of a 64-bit value. */
static inline int fls64(u64 x)
{
	return x ? 64 - __builtin_clzll(x) : 0;
}

/** hweight32 - number of set bits in @w. */
static inline unsigned int hweight32(u32 w)
{
	return (unsigned int)__builtin_popcount(w);
}

/** hweight64 - number of set bits in @w. */
static inline unsigned int hweight64(u64 w)
{
	return (unsigned int)__builtin_popcountll(w);
}

/** hweight_long - number of set bits in @w. */
static inline unsigned long hweight_long(unsigned long w)
{
	return (unsigned long)__builtin_popcountl(w);
}

#define hweight8(w)		hweight32((u8)(w))
#define hweight16(w)		hweight32((u16)(w))

/*
 * ukt__find_bit - first bit at or after @offset, below @size, whose value
 * xor @invert is 1; @size if none.
 */
static inline unsigned long ukt__find_bit(const unsigned long *addr,
					  unsigned long size,
					  unsigned long offset,
					  unsigned long invert)
{
	while (offset < size) {
		unsigned long word = (addr[BIT_WORD(offset)] ^ invert) &
			(~0UL << (offset % BITS_PER_LONG));

		if (word) {
			offset = BIT_WORD(offset) * BITS_PER_LONG + __ffs(word);
			return offset < size ? offset : size;
		}
		offset = (BIT_WORD(offset) + 1) * BITS_PER_LONG;
	}
	return size;
}

/** find_next_bit - first set bit of @addr at or after @offset; @size if none. */
static inline unsigned long find_next_bit(const unsigned long *addr,
					  unsigned long size,
					  unsigned long offset)
{
	return ukt__find_bit(addr, size, offset, 0);
}

/** find_next_zero_bit - first clear bit at or after @offset; @size if none. */
static inline unsigned long find_next_zero_bit(const unsigned long *addr,
					       unsigned long size,
					       unsigned long offset)
{
	return ukt__find_bit(addr, size, offset, ~0UL);
}

/** find_first_bit - first set bit of @addr; @size if none. */
static inline unsigned long find_first_bit(const unsigned long *addr,
					   unsigned long size)
{
	return ukt__find_bit(addr, size, 0, 0);
}

/** find_first_zero_bit - first clear bit of @addr; @size if none. */
static inline unsigned long find_first_zero_bit(const unsigned long *addr,
						unsigned long size)
{
	return ukt__find_bit(addr, size, 0, ~0UL);
}

/** for_each_set_bit - loop @bit over the set bits of @addr below @size. */
#define for_each_set_bit(bit, addr, size)				\
	for ((bit) = find_first_bit(addr, size); (bit) < (size);	\
	     (bit) = find_next_bit(addr, size, (bit) + 1))

/** for_each_clear_bit - loop @bit over the clear bits of @addr below @size. */
#define for_each_clear_bit(bit, addr, size)				\
	for ((bit) = find_first_zero_bit(addr, size); (bit) < (size);	\
	     (bit) = find_next_zero_bit(addr, size, (bit) + 1))

#endif /* UKT_COMPAT_LINUX_BITOPS_H */
