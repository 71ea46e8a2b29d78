/* SPDX-License-Identifier: MIT */
/*
 * linux/compiler.h - attributes, READ_ONCE()/WRITE_ONCE() and barriers for
 * kernel code built in user space against ukthread.
 *
 * Every compat header that maps native ukthread names includes this one.
 * Those headers only make sense with the kernel names, so they refuse
 * UKTHREAD_NO_KERNEL_NAMES.  Kernel code is GNU C: the compat headers use
 * statement expressions and __typeof__ (gcc and clang, any -std).
 *
 * A few kernel macros are also field names in libc headers, so the libc
 * header comes first: <spawn.h> (a field __used) is included here and
 * <stdlib.h> (struct drand48_data has a field __init) by <linux/init.h>,
 * before the macro is defined; both stay correct when included again.
 */
#ifndef UKT_COMPAT_LINUX_COMPILER_H
#define UKT_COMPAT_LINUX_COMPILER_H

#ifdef UKTHREAD_NO_KERNEL_NAMES
#error "<linux/...> compat headers need the kernel names: UKTHREAD_NO_KERNEL_NAMES is set"
#endif

#if defined(__has_include)
#if __has_include(<spawn.h>)
#include <spawn.h>	/* before __used: a field of posix_spawn_file_actions_t */
#endif
#endif
#include <ukthread/compiler.h>

/* Identifiers for macro locals that never shadow one another. */
#define UKT__PASTE_(a, b)	a##b
#define UKT__PASTE(a, b)	UKT__PASTE_(a, b)
#define UKT__UID(prefix)	UKT__PASTE(UKT__PASTE(ukt__uid_, prefix), __COUNTER__)

/** __UNIQUE_ID - an identifier made of @prefix and a number used once. */
#define __UNIQUE_ID(prefix)	UKT__PASTE(UKT__PASTE(__UNIQUE_ID_, prefix), __COUNTER__)

/** __stringify - the arguments as a string, after macro expansion. */
#define __stringify_1(...)	#__VA_ARGS__
#define __stringify(...)	__stringify_1(__VA_ARGS__)

/** likely - hint that @x is usually true. */
#define likely(x)		__builtin_expect(!!(x), 1)
/** unlikely - hint that @x is usually false. */
#define unlikely(x)		__builtin_expect(!!(x), 0)

/* Function and variable attributes. */
#ifndef __always_inline
#define __always_inline		inline __attribute__((__always_inline__))
#endif
#define noinline		__attribute__((__noinline__))
#define __noreturn		__attribute__((__noreturn__))
#define __must_check		__attribute__((__warn_unused_result__))
#define __printf(a, b)		__attribute__((__format__(__printf__, a, b)))
#define __scanf(a, b)		__attribute__((__format__(__scanf__, a, b)))
#define __always_unused		__attribute__((__unused__))
#define __maybe_unused		__attribute__((__unused__))
#define __used			__attribute__((__used__))
#define __weak			__attribute__((__weak__))
#define __packed		__attribute__((__packed__))
#define __aligned(x)		__attribute__((__aligned__(x)))
#define __cold			__attribute__((__cold__))
#define __pure			__attribute__((__pure__))
#define __malloc		__attribute__((__malloc__))
#define __deprecated		__attribute__((__deprecated__))
#define __section(s)		__attribute__((__section__(s)))
#define notrace			__attribute__((__no_instrument_function__))
#ifndef __attribute_const__
#define __attribute_const__	__attribute__((__const__))
#endif
#define __visible
#define __read_mostly

/** SMP_CACHE_BYTES - the cache line size assumed for alignment. */
#define SMP_CACHE_BYTES			64
#define L1_CACHE_BYTES			SMP_CACHE_BYTES
#define ____cacheline_aligned		__attribute__((__aligned__(SMP_CACHE_BYTES)))
#define ____cacheline_aligned_in_smp	____cacheline_aligned
#define __cacheline_aligned		____cacheline_aligned
#define __cacheline_aligned_in_smp	____cacheline_aligned

/* Annotations for the sparse checker: nothing to a compiler. */
#define __user
#define __kernel
#define __iomem
#define __percpu
#define __rcu
#define __force
#define __nocast
#define __safe
#define __private
#define __acquires(x)
#define __releases(x)
#define __must_hold(x)
#define __acquire(x)		((void)0)
#define __release(x)		((void)0)
#define __cond_lock(x, c)	(c)

/** fallthrough - mark a deliberate fall through to the next case label. */
#if defined(__has_attribute)
#if __has_attribute(__fallthrough__)
#define fallthrough		__attribute__((__fallthrough__))
#endif
#endif
#ifndef fallthrough
#define fallthrough		do {} while (0)	/* fallthrough */
#endif

/** unreachable - tell the compiler that control never gets here. */
#define unreachable()		__builtin_unreachable()

/** __same_type - true when @a and @b have compatible types. */
#define __same_type(a, b)	__builtin_types_compatible_p(__typeof__(a), __typeof__(b))

/** barrier - a compiler barrier: no memory access moves across it. */
#define barrier()		__asm__ __volatile__("" : : : "memory")
/** barrier_data - barrier() that also keeps the object at @ptr alive. */
#define barrier_data(ptr)	__asm__ __volatile__("" : : "r"(ptr) : "memory")
/** OPTIMIZER_HIDE_VAR - make the compiler forget what it knows of @var. */
#define OPTIMIZER_HIDE_VAR(var)	__asm__ ("" : "=r"(var) : "0"(var))

/** READ_ONCE - read @x exactly once, untorn for word-sized objects. */
#define READ_ONCE(x)		(*(const volatile __typeof__(x) *)&(x))
/** WRITE_ONCE - write @val to @x exactly once. */
#define WRITE_ONCE(x, val)	do { *(volatile __typeof__(x) *)&(x) = (val); } while (0)
/** ACCESS_ONCE - the older spelling of READ_ONCE()/WRITE_ONCE() (an lvalue). */
#define ACCESS_ONCE(x)		(*(volatile __typeof__(x) *)&(x))
/** data_race - an intentionally racy access: just @expr here. */
#define data_race(expr)		(expr)

/*
 * Memory barriers.  User space has no device memory, so the mandatory and
 * the SMP barriers are the same C11 fences.
 */
/** mb - full memory barrier. */
#define mb()			__atomic_thread_fence(__ATOMIC_SEQ_CST)
/** rmb - loads before it happen before loads after it. */
#define rmb()			__atomic_thread_fence(__ATOMIC_ACQUIRE)
/** wmb - stores before it happen before stores after it. */
#define wmb()			__atomic_thread_fence(__ATOMIC_RELEASE)
#define smp_mb()		mb()
#define smp_rmb()		rmb()
#define smp_wmb()		wmb()
#define smp_mb__before_atomic()	smp_mb()
#define smp_mb__after_atomic()	smp_mb()
#define smp_acquire__after_ctrl_dep()	smp_rmb()
#define smp_read_barrier_depends()	do {} while (0)
/** smp_store_mb - WRITE_ONCE(@var, @value), then a full barrier. */
#define smp_store_mb(var, value) do { WRITE_ONCE(var, value); smp_mb(); } while (0)
/** smp_load_acquire - load *@p with acquire ordering. */
#define smp_load_acquire(p)	__atomic_load_n(p, __ATOMIC_ACQUIRE)
/** smp_store_release - store @v to *@p with release ordering. */
#define smp_store_release(p, v)	__atomic_store_n(p, v, __ATOMIC_RELEASE)

/** cpu_relax - a pause for the body of a busy-wait loop. */
#if defined(__x86_64__) || defined(__i386__)
#define cpu_relax()		__builtin_ia32_pause()
#elif defined(__aarch64__)
#define cpu_relax()		__asm__ __volatile__("yield" : : : "memory")
#else
#define cpu_relax()		barrier()
#endif

#endif /* UKT_COMPAT_LINUX_COMPILER_H */
