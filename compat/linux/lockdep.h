/* SPDX-License-Identifier: MIT */
/*
 * linux/lockdep.h - lock validator annotations, accepted and unchecked.
 *
 * The assertions only evaluate their argument; use ThreadSanitizer
 * (make check-tsan) to find locking bugs in user space.
 */
#ifndef UKT_COMPAT_LINUX_LOCKDEP_H
#define UKT_COMPAT_LINUX_LOCKDEP_H

#include <linux/compiler.h>

/** struct lock_class_key - a lock class for lockdep; unused here. */
struct lock_class_key {
	char ukt__unused;
};

#define lockdep_assert_held(l)		do { (void)(l); } while (0)
#define lockdep_assert_held_once(l)	do { (void)(l); } while (0)
#define lockdep_assert_held_read(l)	do { (void)(l); } while (0)
#define lockdep_assert_held_write(l)	do { (void)(l); } while (0)
#define lockdep_assert_not_held(l)	do { (void)(l); } while (0)
#define lockdep_assert_irqs_enabled()	do {} while (0)
#define lockdep_assert_irqs_disabled()	do {} while (0)
#define lockdep_set_class(l, key)	do { (void)(l); (void)(key); } while (0)
#define lockdep_set_subclass(l, sub)	do { (void)(l); (void)(sub); } while (0)
#define lockdep_set_novalidate_class(l)	do { (void)(l); } while (0)
/** lockdep_is_held - true: lockdep does not track holders here. */
#define lockdep_is_held(l)		((void)(l), 1)
#define lockdep_off()			do {} while (0)
#define lockdep_on()			do {} while (0)

#endif /* UKT_COMPAT_LINUX_LOCKDEP_H */
