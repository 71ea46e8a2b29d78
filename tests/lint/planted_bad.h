/* SPDX-License-Identifier: MIT */
/*
 * planted_bad.h - a header with planted kernel-doc mistakes, for the
 * kernel_doc_planted test: tools/kernel-doc-lint must fail on it.  Never
 * included by anything.
 */
#ifndef UKTHREAD_PLANTED_BAD_H
#define UKTHREAD_PLANTED_BAD_H

#define UKT_API

/**
 * planted_missing_param - a parameter without its @name: line.
 * @a: documented.
 */
UKT_API void planted_missing_param(int a, int b);

/**
 * planted_missing_return - a non-void function without Return:.
 * @x: the input.
 */
UKT_API int planted_missing_return(int x);

UKT_API void planted_no_block(void);

/** planted_one_line - a one-line comment is not kernel-doc. */
UKT_API void planted_one_line(void);

/**
 * planted_other_name - the block names another function.
 */
UKT_API void planted_wrong_name(void);

/**
 * planted_excess - an @name: line that names no parameter.
 * @p: the pointer.
 * @q: names nothing.
 */
UKT_API void planted_excess(void *p);

/**
 * planted_variadic - a variadic function without @...:.
 * @fmt: the format.
 *
 * Return: nothing useful.
 */
UKT_API int planted_variadic(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/**
 * planted_fnptr - a function-pointer parameter without its line.
 * @data: the argument.
 *
 * Return: 0.
 */
UKT_API int planted_fnptr(int (*threadfn)(void *data), void *data);

/**
 * planted_macro - a function-like macro without Return:.
 * @a: the value.
 */
#define planted_macro(a) ((a) + 1)

#endif /* UKTHREAD_PLANTED_BAD_H */
