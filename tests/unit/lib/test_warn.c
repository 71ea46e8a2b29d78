// SPDX-License-Identifier: MIT
/*
 * test_warn.c - warnings (<ukthread/debug.h>, src/lib/warn.c):
 * UKT_WARN_ONCE() yields its condition, counts every true one in
 * ukt_warn_count() and prints one line on stderr per call site, the first
 * time only, also when many threads hit the site at once.
 */
#include <ukthread/debug.h>

#include "ukt_test.h"

/* ---- catching stderr ------------------------------------------------------------ */

struct capture {
	FILE *file;
	int saved_fd;
	char text[8192];
};

static void capture_start(struct capture *c)
{
	memset(c, 0, sizeof(*c));
	fflush(stderr);
	c->file = tmpfile();
	ck_assert_ptr_nonnull(c->file);
	c->saved_fd = dup(STDERR_FILENO);
	ck_assert_int_ge(c->saved_fd, 0);
	ck_assert_int_eq(dup2(fileno(c->file), STDERR_FILENO), STDERR_FILENO);
}

/* Stop capturing; the text written meanwhile is in c->text. */
static void capture_end(struct capture *c)
{
	size_t n;

	fflush(stderr);
	ck_assert_int_eq(dup2(c->saved_fd, STDERR_FILENO), STDERR_FILENO);
	close(c->saved_fd);
	rewind(c->file);
	n = fread(c->text, 1, sizeof(c->text) - 1, c->file);
	c->text[n] = '\0';
	fclose(c->file);
}

/* How many times @needle occurs in @hay. */
static int count_of(const char *hay, const char *needle)
{
	int n = 0;

	for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
		n++;
	return n;
}

/* ---- two call sites ------------------------------------------------------------- */

static int site_a_line, site_b_line;

static bool site_a(bool cond, int v)
{
	site_a_line = __LINE__ + 1;
	return UKT_WARN_ONCE(cond, "site a says %d", v);
}

static bool site_b(bool cond)
{
	site_b_line = __LINE__ + 1;
	return UKT_WARN_ONCE(cond, "site b");
}

START_TEST(test_warn_once_yields_and_counts)
{
	unsigned long w = ukt_warn_count();
	struct capture c;

	capture_start(&c);
	/* False: no count, no line. */
	ck_assert(!site_a(false, 0));
	ck_assert_uint_eq(ukt_warn_count(), w);
	/* True: counted every time. */
	for (int i = 1; i <= 5; i++) {
		ck_assert(site_a(true, i));
		ck_assert_uint_eq(ukt_warn_count(), w + (unsigned long)i);
	}
	ck_assert(!site_a(false, 99));
	ck_assert_uint_eq(ukt_warn_count(), w + 5);
	/* UKT_WARN_ONCE() yields 1 for any true value, like WARN_ON_ONCE(). */
	ck_assert_int_eq(UKT_WARN_ONCE(42, "forty-two"), 1);
	ck_assert_int_eq(UKT_WARN_ONCE(0, "zero"), 0);
	ck_assert_uint_eq(ukt_warn_count(), w + 6);
	capture_end(&c);
	ck_assert_int_eq(count_of(c.text, "forty-two"), 1);
	ck_assert_int_eq(count_of(c.text, "zero"), 0);
}
END_TEST

START_TEST(test_warn_once_prints_once_per_site)
{
	char want_a[512], want_b[512];
	unsigned long w;
	struct capture c;

	(void)site_a(false, 0);
	(void)site_b(false);
	snprintf(want_a, sizeof(want_a), "ukthread: WARNING at %s:%d site_a: site a says 1\n",
		 __FILE__, site_a_line);
	snprintf(want_b, sizeof(want_b), "ukthread: WARNING at %s:%d site_b: site b\n",
		 __FILE__, site_b_line);
	w = ukt_warn_count();
	capture_start(&c);
	site_a(true, 1);
	site_a(true, 2);
	site_b(true);
	site_a(true, 3);
	site_b(true);
	capture_end(&c);
	ck_assert_uint_eq(ukt_warn_count(), w + 5);
	/* Exactly two lines: the first of each site, in order. */
	ck_assert_int_eq(count_of(c.text, "ukthread: WARNING at "), 2);
	ck_assert_int_eq(count_of(c.text, "\n"), 2);
	ck_assert_int_eq(strncmp(c.text, want_a, strlen(want_a)), 0);
	ck_assert_str_eq(c.text + strlen(want_a), want_b);
	ck_assert_int_eq(count_of(c.text, "says 2"), 0);
	ck_assert_int_eq(count_of(c.text, "says 3"), 0);

	/* Later hits stay quiet, and still count. */
	capture_start(&c);
	site_a(true, 4);
	site_b(true);
	capture_end(&c);
	ck_assert_str_eq(c.text, "");
	ck_assert_uint_eq(ukt_warn_count(), w + 7);
}
END_TEST

/* ---- many threads on one site ----------------------------------------------------- */

#define NTHREADS 4
#define PER_THREAD 2000

static pthread_barrier_t hammer_start;

static bool site_c(void)
{
	return UKT_WARN_ONCE(true, "site c from thread %d", t_gettid());
}

static void *hammer(void *arg)
{
	int *trues = arg;

	pthread_barrier_wait(&hammer_start);
	for (int i = 0; i < PER_THREAD; i++)
		*trues += site_c();
	return NULL;
}

START_TEST(test_warn_once_concurrent_site)
{
	int trues[NTHREADS] = { 0 };
	pthread_t th[NTHREADS];
	unsigned long w = ukt_warn_count();
	struct capture c;

	capture_start(&c);
	ck_assert_int_eq(pthread_barrier_init(&hammer_start, NULL, NTHREADS), 0);
	for (int i = 0; i < NTHREADS; i++)
		ck_assert_int_eq(pthread_create(&th[i], NULL, hammer, &trues[i]), 0);
	for (int i = 0; i < NTHREADS; i++)
		ck_assert_int_eq(pthread_join(th[i], NULL), 0);
	pthread_barrier_destroy(&hammer_start);
	capture_end(&c);
	for (int i = 0; i < NTHREADS; i++)
		ck_assert_int_eq(trues[i], PER_THREAD);
	ck_assert_uint_eq(ukt_warn_count(), w + NTHREADS * PER_THREAD);
	ck_assert_msg(count_of(c.text, "site c from thread") == 1,
		      "site c printed %d times", count_of(c.text, "site c from thread"));
	ck_assert_int_eq(count_of(c.text, "\n"), 1);
}
END_TEST

/* The library's own warnings go the same way: one line, every call counted. */
START_TEST(test_library_warning_printed_once)
{
	unsigned long w = ukt_warn_count();
	struct capture c;

	capture_start(&c);
	for (int i = 0; i < 3; i++)
		ck_assert(!kthread_should_park());	/* not a kthread */
	capture_end(&c);
	ck_assert_uint_eq(ukt_warn_count(), w + 3);
	ck_assert_int_eq(count_of(c.text, "ukthread: WARNING at "), 1);
}
END_TEST

static Suite *warn_suite(void)
{
	Suite *s = suite_create("warn");
	TCase *tc;

	tc = t_tcase(s, "warn_once");
	tcase_add_test(tc, test_warn_once_yields_and_counts);
	tcase_add_test(tc, test_warn_once_prints_once_per_site);
	tcase_add_test(tc, test_warn_once_concurrent_site);
	tcase_add_test(tc, test_library_warning_printed_once);
	return s;
}

int main(void)
{
	return t_run_suite(warn_suite());
}
