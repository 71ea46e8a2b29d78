/* SPDX-License-Identifier: MIT */
/*
 * linux/irqflags.h - interrupt masking, of which user space has none.
 *
 * Disabling interrupts is a compiler barrier; the saved flags are 0 and
 * only read back, so code that keeps "unsigned long flags" compiles
 * without warnings.  irqs_disabled() is always false.
 */
#ifndef UKT_COMPAT_LINUX_IRQFLAGS_H
#define UKT_COMPAT_LINUX_IRQFLAGS_H

#include <linux/compiler.h>

/** local_irq_disable - a compiler barrier. */
#define local_irq_disable()		barrier()
/** local_irq_enable - a compiler barrier. */
#define local_irq_enable()		barrier()
/** local_irq_save - set @flags to 0; a compiler barrier. */
#define local_irq_save(flags)		do { (flags) = 0; barrier(); } while (0)
/** local_irq_restore - use @flags; a compiler barrier. */
#define local_irq_restore(flags)	do { (void)(flags); barrier(); } while (0)
/** local_save_flags - set @flags to 0. */
#define local_save_flags(flags)		do { (flags) = 0; } while (0)
/** irqs_disabled - false: nothing masks interrupts here. */
#define irqs_disabled()			0
/** irqs_disabled_flags - false for any @flags. */
#define irqs_disabled_flags(flags)	((void)(flags), 0)

#define raw_local_irq_disable()		local_irq_disable()
#define raw_local_irq_enable()		local_irq_enable()
#define raw_local_irq_save(flags)	local_irq_save(flags)
#define raw_local_irq_restore(flags)	local_irq_restore(flags)
#define raw_local_save_flags(flags)	local_save_flags(flags)

#endif /* UKT_COMPAT_LINUX_IRQFLAGS_H */
