// SPDX-License-Identifier: MIT
/*
 * test_mpsc.c - src/lib/mpsc.h: first in, first out; empty and in-flight
 * told apart; under several producers every node comes out exactly once
 * and each producer's nodes in the order it pushed them.
 */
#include "ukt_test.h"
#include "lib/mpsc.h"

struct node {
	struct node *next;
	int producer;
	int seq;
};

UKT_MPSC_DEFINE(nq, struct node, next)

struct queue {
	struct node *tail;
	struct node *head;
	struct node stub;
};

static void queue_init(struct queue *q)
{
	memset(q, 0, sizeof(*q));
	q->tail = q->head = &q->stub;
}

START_TEST(test_fifo_single_thread)
{
	struct queue q;
	struct node n[5];

	queue_init(&q);
	ck_assert(nq_empty(&q.tail, &q.stub));
	ck_assert_ptr_null(nq_pop(&q.head, &q.tail, &q.stub));
	for (int i = 0; i < 5; i++) {
		n[i].seq = i;
		nq_push(&q.tail, &n[i]);
	}
	ck_assert(!nq_empty(&q.tail, &q.stub));
	for (int i = 0; i < 5; i++)
		ck_assert_ptr_eq(nq_pop(&q.head, &q.tail, &q.stub), &n[i]);
	ck_assert_ptr_null(nq_pop(&q.head, &q.tail, &q.stub));
	ck_assert(nq_empty(&q.tail, &q.stub));
	/* And again after it ran dry: the stub went round. */
	nq_push(&q.tail, &n[0]);
	ck_assert_ptr_eq(nq_pop(&q.head, &q.tail, &q.stub), &n[0]);
	ck_assert_ptr_null(nq_pop(&q.head, &q.tail, &q.stub));
}
END_TEST

START_TEST(test_in_flight)
{
	struct queue q;
	struct node a, b;

	queue_init(&q);
	nq_push(&q.tail, &a);
	/* Half a push of @b: the tail moved, the link is not there yet. */
	b.next = NULL;
	__atomic_store_n(&q.tail, &b, __ATOMIC_SEQ_CST);
	ck_assert_ptr_eq(nq_pop(&q.head, &q.tail, &q.stub), UKT_MPSC_IN_FLIGHT);
	ck_assert(!nq_empty(&q.tail, &q.stub));
	a.next = &b;	/* the second step */
	ck_assert_ptr_eq(nq_pop(&q.head, &q.tail, &q.stub), &a);
	ck_assert_ptr_eq(nq_pop(&q.head, &q.tail, &q.stub), &b);
	ck_assert_ptr_null(nq_pop(&q.head, &q.tail, &q.stub));
}
END_TEST

#define PRODUCERS 4
#define PER_PRODUCER (T_SANITIZED ? 20000 : 200000)

static struct queue shared;
static struct node *nodes[PRODUCERS];

static void *producer(void *arg)
{
	int p = (int)(long)arg;

	for (int i = 0; i < PER_PRODUCER; i++) {
		nodes[p][i].producer = p;
		nodes[p][i].seq = i;
		nq_push(&shared.tail, &nodes[p][i]);
	}
	return NULL;
}

START_TEST(test_many_producers)
{
	pthread_t t[PRODUCERS];
	int next_seq[PRODUCERS] = { 0 };
	long got = 0, in_flight = 0;

	queue_init(&shared);
	for (long p = 0; p < PRODUCERS; p++) {
		nodes[p] = calloc(PER_PRODUCER, sizeof(struct node));
		ck_assert_ptr_nonnull(nodes[p]);
		ck_assert_int_eq(pthread_create(&t[p], NULL, producer, (void *)p), 0);
	}
	while (got < (long)PRODUCERS * PER_PRODUCER) {
		struct node *n = nq_pop(&shared.head, &shared.tail, &shared.stub);

		if (!n || n == UKT_MPSC_IN_FLIGHT) {
			in_flight += n != NULL;
			sched_yield();
			continue;
		}
		ck_assert_int_eq(n->seq, next_seq[n->producer]);
		next_seq[n->producer]++;
		got++;
	}
	for (int p = 0; p < PRODUCERS; p++) {
		pthread_join(t[p], NULL);
		ck_assert_int_eq(next_seq[p], PER_PRODUCER);
		free(nodes[p]);
	}
	ck_assert_ptr_null(nq_pop(&shared.head, &shared.tail, &shared.stub));
	printf("test_many_producers: %ld nodes, %ld pops saw one in flight\n", got, in_flight);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("lib/mpsc");
	TCase *tc = t_tcase(s, "mpsc");

	tcase_add_test(tc, test_fifo_single_thread);
	tcase_add_test(tc, test_in_flight);
	tcase_add_test(tc, test_many_producers);
	return t_run_suite(s);
}
