/* SPDX-License-Identifier: MIT */
/*
 * lib/mpsc.h - an intrusive multi-producer, single-consumer queue with a
 * placeholder node (Dmitry Vyukov's design).
 *
 * The algorithm.  The queue is a singly linked list from @head (oldest)
 * to @tail (newest), linked through each node's next pointer, with a
 * placeholder node ("stub") that keeps it from ever being empty of nodes.
 * A producer swaps itself in as @tail (one atomic exchange), then links
 * the previous tail to itself (one store).  The consumer follows next
 * pointers from @head.  Producers touch only @tail and the node queued
 * just before, so a node crosses CPUs with about one cache miss.  Between
 * the two steps of a producer the list is cut ("in flight"): the consumer
 * then sees a node without a successor that is not @tail, and has to wait
 * a moment or leave the rest for later.
 *
 * UKT_MPSC_DEFINE(prefix, type, next) makes three static inline functions
 * for nodes of @type linked through the member @next:
 *   prefix_push(&tail, node)        any thread
 *   prefix_pop(&head, &tail, stub)  the consumer only
 *   prefix_empty(&tail, stub)       any thread
 * The queue starts with @head == @tail == stub and stub->next == NULL.
 */
#ifndef UKTHREAD_LIB_MPSC_H
#define UKTHREAD_LIB_MPSC_H

#include <stdbool.h>
#include <stddef.h>

/* What prefix_pop() returns while a producer is between its two steps. */
#define UKT_MPSC_IN_FLIGHT ((void *)1)

/**
 * UKT_MPSC_DEFINE - make the push, pop and empty functions of a queue.
 * @prefix: the prefix of their names.
 * @type: the node type (a struct type, e.g. struct foo).
 * @next: the member of @type that links the queue.
 *
 * @type is a type in declarations, which parentheses would break.
 */
/* NOLINTBEGIN(bugprone-macro-parentheses) */
#define UKT_MPSC_DEFINE(prefix, type, next)					\
static inline void prefix##_push(type **tailp, type *node)			\
{										\
	type *prev;								\
										\
	__atomic_store_n(&node->next, NULL, __ATOMIC_RELAXED);			\
	/* seq_cst: callers order this before a load of a sleeper flag. */	\
	prev = __atomic_exchange_n(tailp, node, __ATOMIC_SEQ_CST);		\
	/* release: the consumer that finds @node sees it whole. */		\
	__atomic_store_n(&prev->next, node, __ATOMIC_RELEASE);			\
}										\
										\
static inline type *prefix##_pop(type **headp, type **tailp, type *stub)	\
{										\
	type *head = *headp;							\
	type *succ = __atomic_load_n(&head->next, __ATOMIC_ACQUIRE);		\
										\
	if (head == stub) {							\
		if (!succ)							\
			return __atomic_load_n(tailp, __ATOMIC_ACQUIRE) == stub ? \
				NULL : (type *)UKT_MPSC_IN_FLIGHT;		\
		*headp = succ;							\
		head = succ;							\
		succ = __atomic_load_n(&head->next, __ATOMIC_ACQUIRE);		\
	}									\
	if (!succ) {								\
		if (__atomic_load_n(tailp, __ATOMIC_ACQUIRE) != head)		\
			return (type *)UKT_MPSC_IN_FLIGHT;			\
		/* @head is the last node: queue the stub behind it to free it. */ \
		prefix##_push(tailp, stub);					\
		succ = __atomic_load_n(&head->next, __ATOMIC_ACQUIRE);		\
		if (!succ)							\
			return (type *)UKT_MPSC_IN_FLIGHT;			\
	}									\
	*headp = succ;								\
	return head;								\
}										\
										\
static inline bool prefix##_empty(type **tailp, const type *stub)		\
{										\
	return __atomic_load_n(tailp, __ATOMIC_SEQ_CST) == stub;		\
}
/* NOLINTEND(bugprone-macro-parentheses) */

#endif /* UKTHREAD_LIB_MPSC_H */
