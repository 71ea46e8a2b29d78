/* SPDX-License-Identifier: MIT */
/*
 * linux/export.h - EXPORT_SYMBOL() and its variants.
 *
 * A program has one symbol table, so exporting does nothing; the macros
 * redeclare the symbol, which must therefore be declared before them.
 */
#ifndef UKT_COMPAT_LINUX_EXPORT_H
#define UKT_COMPAT_LINUX_EXPORT_H

/** EXPORT_SYMBOL - export @sym to other modules: a no-op. */
#define EXPORT_SYMBOL(sym)		extern __typeof__(sym) sym
/** EXPORT_SYMBOL_GPL - export @sym to GPL modules: a no-op. */
#define EXPORT_SYMBOL_GPL(sym)		EXPORT_SYMBOL(sym)
#define EXPORT_SYMBOL_GPL_FUTURE(sym)	EXPORT_SYMBOL(sym)
#define EXPORT_UNUSED_SYMBOL(sym)	EXPORT_SYMBOL(sym)
#define EXPORT_UNUSED_SYMBOL_GPL(sym)	EXPORT_SYMBOL(sym)
#define EXPORT_SYMBOL_NS(sym, ns)	EXPORT_SYMBOL(sym)
#define EXPORT_SYMBOL_NS_GPL(sym, ns)	EXPORT_SYMBOL(sym)
#define EXPORT_PER_CPU_SYMBOL(sym)	EXPORT_SYMBOL(sym)
#define EXPORT_PER_CPU_SYMBOL_GPL(sym)	EXPORT_SYMBOL(sym)

#endif /* UKT_COMPAT_LINUX_EXPORT_H */
