/* SPDX-License-Identifier: MIT */
/*
 * linux/list.h - circular doubly linked lists and hash bucket lists.
 *
 * struct list_head is ukthread's struct ukt_list_head (the same list the
 * library's structures embed); the functions missing from ukthread/list.h
 * are here.  list_del() leaves poisoned pointers behind, so that a use
 * after deletion crashes at once.  hlist_for_each_entry() has the
 * three-argument form of kernels since 3.9.
 */
#ifndef UKT_COMPAT_LINUX_LIST_H
#define UKT_COMPAT_LINUX_LIST_H

#include <linux/compiler.h>
#include <linux/container_of.h>
#include <linux/stddef.h>
#include <linux/types.h>
#include <ukthread/list.h>

/** LIST_POISON1 - list_del()'s value for next: faults when followed. */
#define LIST_POISON1		((struct list_head *)0x100)
/** LIST_POISON2 - list_del()'s value for prev: faults when followed. */
#define LIST_POISON2		((struct list_head *)0x122)

/** LIST_HEAD_INIT - static initialiser of the empty list @name. */
#define LIST_HEAD_INIT(name)	UKT_LIST_HEAD_INIT(name)
/** LIST_HEAD - define @name, an empty list. */
#define LIST_HEAD(name)		struct list_head name = LIST_HEAD_INIT(name)
/** INIT_LIST_HEAD - make the list at @list empty. */
#define INIT_LIST_HEAD		ukt_list_init
/** list_add - insert @new right after @head (stack order). */
#define list_add		ukt_list_add
/** list_add_tail - insert @new right before @head (queue order). */
#define list_add_tail		ukt_list_add_tail
/** list_del_init - unlink @entry and make it an empty list. */
#define list_del_init		ukt_list_del_init
/** list_empty - true when @head has no entry. */
#define list_empty		ukt_list_empty

/** list_empty_careful - list_empty() that also checks prev. */
static inline int list_empty_careful(const struct list_head *head)
{
	const struct list_head *next = head->next;

	return next == head && next == head->prev;
}

/** __list_del_entry - unlink @entry, leaving its pointers as they are. */
static inline void __list_del_entry(struct list_head *entry)
{
	struct list_head *prev = entry->prev, *next = entry->next;

	next->prev = prev;
	WRITE_ONCE(prev->next, next);
}

/** list_del - unlink @entry and poison its pointers. */
static inline void list_del(struct list_head *entry)
{
	__list_del_entry(entry);
	entry->next = LIST_POISON1;
	entry->prev = LIST_POISON2;
}

/** list_replace - put @new in the place of @old in its list. */
static inline void list_replace(struct list_head *old, struct list_head *new)
{
	new->next = old->next;
	new->next->prev = new;
	new->prev = old->prev;
	new->prev->next = new;
}

/** list_replace_init - list_replace(), then make @old an empty list. */
static inline void list_replace_init(struct list_head *old, struct list_head *new)
{
	list_replace(old, new);
	INIT_LIST_HEAD(old);
}

/** list_move - move @entry to right after @head. */
static inline void list_move(struct list_head *entry, struct list_head *head)
{
	__list_del_entry(entry);
	list_add(entry, head);
}

/** list_move_tail - move @entry to right before @head. */
static inline void list_move_tail(struct list_head *entry, struct list_head *head)
{
	__list_del_entry(entry);
	list_add_tail(entry, head);
}

/** list_is_first - true when @entry is the first entry of @head. */
static inline int list_is_first(const struct list_head *entry,
				const struct list_head *head)
{
	return entry->prev == head;
}

/** list_is_last - true when @entry is the last entry of @head. */
static inline int list_is_last(const struct list_head *entry,
			       const struct list_head *head)
{
	return entry->next == head;
}

/** list_is_head - true when @entry is @head itself. */
static inline int list_is_head(const struct list_head *entry,
			       const struct list_head *head)
{
	return entry == head;
}

/** list_is_singular - true when @head has exactly one entry. */
static inline int list_is_singular(const struct list_head *head)
{
	return !list_empty(head) && head->next == head->prev;
}

/** list_rotate_left - move the first entry of @head to its end. */
static inline void list_rotate_left(struct list_head *head)
{
	if (!list_empty(head))
		list_move_tail(head->next, head);
}

/* Link the entries of the non-empty @list between @prev and @next. */
static inline void ukt__list_splice(const struct list_head *list,
				    struct list_head *prev,
				    struct list_head *next)
{
	struct list_head *first = list->next, *last = list->prev;

	first->prev = prev;
	prev->next = first;
	last->next = next;
	next->prev = last;
}

/** list_splice - add the entries of @list at the front of @head. */
static inline void list_splice(const struct list_head *list, struct list_head *head)
{
	if (!list_empty(list))
		ukt__list_splice(list, head, head->next);
}

/** list_splice_tail - add the entries of @list at the end of @head. */
static inline void list_splice_tail(const struct list_head *list,
				    struct list_head *head)
{
	if (!list_empty(list))
		ukt__list_splice(list, head->prev, head);
}

/** list_splice_init - list_splice(), then make @list empty. */
static inline void list_splice_init(struct list_head *list, struct list_head *head)
{
	if (!list_empty(list)) {
		ukt__list_splice(list, head, head->next);
		INIT_LIST_HEAD(list);
	}
}

/** list_splice_tail_init - list_splice_tail(), then make @list empty. */
static inline void list_splice_tail_init(struct list_head *list,
					 struct list_head *head)
{
	if (!list_empty(list)) {
		ukt__list_splice(list, head->prev, head);
		INIT_LIST_HEAD(list);
	}
}

/** list_count_nodes - number of entries of @head. */
static inline size_t list_count_nodes(const struct list_head *head)
{
	const struct list_head *pos;
	size_t n = 0;

	for (pos = head->next; pos != head; pos = pos->next)
		n++;
	return n;
}

/** list_entry - the @type that embeds the list node @ptr as @member. */
#define list_entry(ptr, type, member)	container_of(ptr, type, member)
/** list_first_entry - the first entry of the non-empty list @head. */
#define list_first_entry(head, type, member) \
	list_entry((head)->next, type, member)
/** list_last_entry - the last entry of the non-empty list @head. */
#define list_last_entry(head, type, member) \
	list_entry((head)->prev, type, member)
/** list_first_entry_or_null - the first entry of @head, NULL if empty. */
#define list_first_entry_or_null(head, type, member) \
	ukt__list_first_or_null(head, type, member, UKT__UID(h), UKT__UID(n))
#define ukt__list_first_or_null(head, type, member, h, n) __extension__ ({ \
	struct list_head *h = (head);					\
	struct list_head *n = READ_ONCE(h->next);			\
	n != h ? list_entry(n, type, member) : NULL;			\
})
/** list_next_entry - the entry after @pos in its list. */
#define list_next_entry(pos, member) \
	list_entry((pos)->member.next, __typeof__(*(pos)), member)
/** list_prev_entry - the entry before @pos in its list. */
#define list_prev_entry(pos, member) \
	list_entry((pos)->member.prev, __typeof__(*(pos)), member)
/** list_entry_is_head - true when @pos is the (non-entry) head @head. */
#define list_entry_is_head(pos, head, member)	(&(pos)->member == (head))
/** list_prepare_entry - @pos, or the head as an entry when @pos is NULL. */
#define list_prepare_entry(pos, head, member) \
	((pos) ? (pos) : list_entry(head, __typeof__(*(pos)), member))

/** list_for_each - loop the node @pos over @head. */
#define list_for_each(pos, head) \
	for ((pos) = (head)->next; (pos) != (head); (pos) = (pos)->next)
/** list_for_each_prev - list_for_each() backwards. */
#define list_for_each_prev(pos, head) \
	for ((pos) = (head)->prev; (pos) != (head); (pos) = (pos)->prev)
/** list_for_each_safe - list_for_each() that allows deleting @pos. */
#define list_for_each_safe(pos, n, head)				\
	for ((pos) = (head)->next, (n) = (pos)->next; (pos) != (head);	\
	     (pos) = (n), (n) = (pos)->next)
/** list_for_each_prev_safe - list_for_each_safe() backwards. */
#define list_for_each_prev_safe(pos, n, head)				\
	for ((pos) = (head)->prev, (n) = (pos)->prev; (pos) != (head);	\
	     (pos) = (n), (n) = (pos)->prev)

/** list_for_each_entry - loop the entry @pos over @head. */
#define list_for_each_entry(pos, head, member)				\
	for ((pos) = list_first_entry(head, __typeof__(*(pos)), member); \
	     !list_entry_is_head(pos, head, member);			\
	     (pos) = list_next_entry(pos, member))
/** list_for_each_entry_reverse - list_for_each_entry() backwards. */
#define list_for_each_entry_reverse(pos, head, member)			\
	for ((pos) = list_last_entry(head, __typeof__(*(pos)), member);	\
	     !list_entry_is_head(pos, head, member);			\
	     (pos) = list_prev_entry(pos, member))
/** list_for_each_entry_continue - go on from the entry after @pos. */
#define list_for_each_entry_continue(pos, head, member)		\
	for ((pos) = list_next_entry(pos, member);			\
	     !list_entry_is_head(pos, head, member);			\
	     (pos) = list_next_entry(pos, member))
/** list_for_each_entry_continue_reverse - go back from the one before @pos. */
#define list_for_each_entry_continue_reverse(pos, head, member)	\
	for ((pos) = list_prev_entry(pos, member);			\
	     !list_entry_is_head(pos, head, member);			\
	     (pos) = list_prev_entry(pos, member))
/** list_for_each_entry_from - go on from @pos itself. */
#define list_for_each_entry_from(pos, head, member)			\
	for (; !list_entry_is_head(pos, head, member);			\
	     (pos) = list_next_entry(pos, member))
/** list_for_each_entry_safe - list_for_each_entry() that allows deleting @pos. */
#define list_for_each_entry_safe(pos, n, head, member)			\
	for ((pos) = list_first_entry(head, __typeof__(*(pos)), member), \
	     (n) = list_next_entry(pos, member);			\
	     !list_entry_is_head(pos, head, member);			\
	     (pos) = (n), (n) = list_next_entry(n, member))
/** list_for_each_entry_safe_reverse - the same, backwards. */
#define list_for_each_entry_safe_reverse(pos, n, head, member)		\
	for ((pos) = list_last_entry(head, __typeof__(*(pos)), member),	\
	     (n) = list_prev_entry(pos, member);			\
	     !list_entry_is_head(pos, head, member);			\
	     (pos) = (n), (n) = list_prev_entry(n, member))

/* Hash bucket lists: a one-pointer head, nodes with a back link. */

/** HLIST_HEAD_INIT - static initialiser of an empty hlist head. */
#define HLIST_HEAD_INIT		{ .first = NULL }
/** HLIST_HEAD - define @name, an empty hlist. */
#define HLIST_HEAD(name)	struct hlist_head name = HLIST_HEAD_INIT
/** INIT_HLIST_HEAD - make the hlist at @ptr empty. */
#define INIT_HLIST_HEAD(ptr)	((ptr)->first = NULL)

/** INIT_HLIST_NODE - make @h an unhashed node. */
static inline void INIT_HLIST_NODE(struct hlist_node *h)
{
	h->next = NULL;
	h->pprev = NULL;
}

/** hlist_unhashed - true when @h is on no hlist. */
static inline int hlist_unhashed(const struct hlist_node *h)
{
	return !h->pprev;
}

/** hlist_empty - true when @h has no node. */
static inline int hlist_empty(const struct hlist_head *h)
{
	return !READ_ONCE(h->first);
}

/** hlist_add_head - insert @n at the front of @h. */
static inline void hlist_add_head(struct hlist_node *n, struct hlist_head *h)
{
	struct hlist_node *first = h->first;

	n->next = first;
	if (first)
		first->pprev = &n->next;
	WRITE_ONCE(h->first, n);
	n->pprev = &h->first;
}

/** __hlist_del - unlink @n, leaving its pointers as they are. */
static inline void __hlist_del(struct hlist_node *n)
{
	struct hlist_node *next = n->next, **pprev = n->pprev;

	WRITE_ONCE(*pprev, next);
	if (next)
		next->pprev = pprev;
}

/** hlist_del - unlink @n and poison its pointers. */
static inline void hlist_del(struct hlist_node *n)
{
	__hlist_del(n);
	n->next = (struct hlist_node *)LIST_POISON1;
	n->pprev = (struct hlist_node **)LIST_POISON2;
}

/** hlist_del_init - unlink @n if hashed and leave it unhashed. */
static inline void hlist_del_init(struct hlist_node *n)
{
	if (!hlist_unhashed(n)) {
		__hlist_del(n);
		INIT_HLIST_NODE(n);
	}
}

/** hlist_entry - the @type that embeds the hlist node @ptr as @member. */
#define hlist_entry(ptr, type, member)	container_of(ptr, type, member)
/** hlist_entry_safe - hlist_entry(), or NULL when @ptr is NULL. */
#define hlist_entry_safe(ptr, type, member) \
	ukt__hlist_entry_safe(ptr, type, member, UKT__UID(p))
#define ukt__hlist_entry_safe(ptr, type, member, p) __extension__ ({	\
	__typeof__(ptr) p = (ptr);					\
	p ? hlist_entry(p, type, member) : NULL;			\
})
/** hlist_for_each - loop the node @pos over @head. */
#define hlist_for_each(pos, head) \
	for ((pos) = (head)->first; (pos); (pos) = (pos)->next)
/** hlist_for_each_safe - hlist_for_each() that allows deleting @pos. */
#define hlist_for_each_safe(pos, n, head)				\
	for ((pos) = (head)->first; (pos) && ((n) = (pos)->next, 1);	\
	     (pos) = (n))
/** hlist_for_each_entry - loop the entry @pos over @head. */
#define hlist_for_each_entry(pos, head, member)				\
	for ((pos) = hlist_entry_safe((head)->first, __typeof__(*(pos)), member); \
	     (pos);							\
	     (pos) = hlist_entry_safe((pos)->member.next, __typeof__(*(pos)), member))
/** hlist_for_each_entry_safe - hlist_for_each_entry() that allows deletion. */
#define hlist_for_each_entry_safe(pos, n, head, member)		\
	for ((pos) = hlist_entry_safe((head)->first, __typeof__(*(pos)), member); \
	     (pos) && ((n) = (pos)->member.next, 1);			\
	     (pos) = hlist_entry_safe(n, __typeof__(*(pos)), member))

#endif /* UKT_COMPAT_LINUX_LIST_H */
