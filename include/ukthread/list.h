/* SPDX-License-Identifier: MIT */
/*
 * ukthread/list.h - the doubly linked list the public structures embed.
 *
 * The native name is struct ukt_list_head, so that a program with its own
 * struct list_head never clashes; <linux/list.h> in the compat directory
 * maps the kernel names onto it and adds the full list API.
 */
#ifndef UKTHREAD_LIST_H
#define UKTHREAD_LIST_H

/**
 * struct ukt_list_head - a node, or the head, of a circular list.
 * @next: the next node; the head itself after the last node.
 * @prev: the previous node; the head itself before the first node.
 *
 * An empty list is a head whose @next and @prev point to itself.
 */
struct ukt_list_head {
	struct ukt_list_head *next, *prev;
};

/**
 * UKT_LIST_HEAD_INIT - static initialiser of an empty list head.
 * @name: the list head being initialised.
 */
#define UKT_LIST_HEAD_INIT(name) { &(name), &(name) }

/**
 * ukt_list_init - make a list head empty.
 * @h: the list head.
 */
static inline void ukt_list_init(struct ukt_list_head *h)
{
	h->next = h;
	h->prev = h;
}

/**
 * ukt_list_empty - test whether a list is empty.
 * @h: the list head.
 *
 * Return: nonzero when @h has no node.
 */
static inline int ukt_list_empty(const struct ukt_list_head *h)
{
	return h->next == h;
}

/* Link @n between @prev and @next (internal). */
static inline void ukt__list_insert(struct ukt_list_head *n,
				    struct ukt_list_head *prev,
				    struct ukt_list_head *next)
{
	next->prev = n;
	n->next = next;
	n->prev = prev;
	prev->next = n;
}

/**
 * ukt_list_add - insert a node right after the head (stack order).
 * @n: the node to insert.
 * @h: the list head.
 */
static inline void ukt_list_add(struct ukt_list_head *n, struct ukt_list_head *h)
{
	ukt__list_insert(n, h, h->next);
}

/**
 * ukt_list_add_tail - insert a node right before the head (queue order).
 * @n: the node to insert.
 * @h: the list head.
 */
static inline void ukt_list_add_tail(struct ukt_list_head *n,
				     struct ukt_list_head *h)
{
	ukt__list_insert(n, h->prev, h);
}

/**
 * ukt_list_del_init - unlink a node and leave it an empty list.
 * @n: the node; it must be on a list (or be an empty list itself).
 */
static inline void ukt_list_del_init(struct ukt_list_head *n)
{
	n->next->prev = n->prev;
	n->prev->next = n->next;
	ukt_list_init(n);
}

#endif /* UKTHREAD_LIST_H */
