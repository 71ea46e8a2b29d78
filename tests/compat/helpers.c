/* SPDX-License-Identifier: MIT */
/*
 * helpers.c - the kernel basics implemented in the compat headers behave
 * as the kernel's: lists, atomics, bit operations, string copies,
 * allocation, min()/max() and rounding, printk() level markers, locks,
 * CPU masks and IS_ENABLED().
 */
#include <linux/atomic.h>
#include <linux/bitops.h>
#include <linux/cpumask.h>
#include <linux/err.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/printk.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>

#include <stdio.h>
#include <unistd.h>

static int failures;

#define CHECK(cond) do {						\
	if (!(cond)) {							\
		fprintf(stderr, "FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond); \
		failures++;						\
	}								\
} while (0)

struct item {
	int v;
	struct list_head node;
	struct hlist_node hnode;
};

/* The values of @head in order, as digits: {1, 2, 3} is 123. */
static int list_digits(struct list_head *head)
{
	struct item *it;
	int n = 0;

	list_for_each_entry(it, head, node)
		n = n * 10 + it->v;
	return n;
}

static void test_list(void)
{
	struct item it[5] = { { .v = 1 }, { .v = 2 }, { .v = 3 }, { .v = 4 }, { .v = 5 } };
	struct item *pos, *tmp;
	struct list_head *p;
	LIST_HEAD(a);
	LIST_HEAD(b);
	int n;

	CHECK(list_empty(&a));
	CHECK(list_first_entry_or_null(&a, struct item, node) == NULL);
	list_add_tail(&it[1].node, &a);
	list_add_tail(&it[2].node, &a);
	list_add(&it[0].node, &a);
	CHECK(list_digits(&a) == 123);
	CHECK(list_first_entry(&a, struct item, node) == &it[0]);
	CHECK(list_last_entry(&a, struct item, node) == &it[2]);
	CHECK(list_first_entry_or_null(&a, struct item, node) == &it[0]);
	CHECK(list_is_first(&it[0].node, &a) && list_is_last(&it[2].node, &a));
	CHECK(list_count_nodes(&a) == 3 && !list_is_singular(&a));

	n = 0;
	list_for_each_entry_reverse(pos, &a, node)
		n = n * 10 + pos->v;
	CHECK(n == 321);
	n = 0;
	list_for_each(p, &a)
		n++;
	CHECK(n == 3);
	pos = &it[0];
	n = 0;
	list_for_each_entry_continue(pos, &a, node)
		n = n * 10 + pos->v;
	CHECK(n == 23);

	list_move_tail(&it[0].node, &a);
	CHECK(list_digits(&a) == 231);
	list_move(&it[0].node, &a);
	CHECK(list_digits(&a) == 123);
	list_rotate_left(&a);
	CHECK(list_digits(&a) == 231);

	list_add_tail(&it[3].node, &b);
	list_add_tail(&it[4].node, &b);
	CHECK(list_is_singular(&b) == 0);
	list_splice_init(&b, &a);
	CHECK(list_digits(&a) == 45231 && list_empty(&b));
	list_for_each_entry_safe(pos, tmp, &a, node)
		if (pos->v % 2)
			list_del(&pos->node);
	CHECK(list_digits(&a) == 42);
	CHECK(it[0].node.next == LIST_POISON1 && it[0].node.prev == LIST_POISON2);
	list_splice_tail_init(&a, &b);
	CHECK(list_digits(&b) == 42 && list_empty(&a));
	list_del_init(&it[3].node);
	CHECK(list_is_singular(&b) && list_empty(&it[3].node));
	list_replace_init(&it[1].node, &it[0].node);
	CHECK(list_digits(&b) == 1 && list_empty(&it[1].node));
}

static void test_hlist(void)
{
	struct item it[3] = { { .v = 1 }, { .v = 2 }, { .v = 3 } };
	struct hlist_node *tmp;
	struct item *pos;
	HLIST_HEAD(h);
	int n = 0;

	CHECK(hlist_empty(&h));
	for (int i = 0; i < 3; i++) {
		INIT_HLIST_NODE(&it[i].hnode);
		CHECK(hlist_unhashed(&it[i].hnode));
		hlist_add_head(&it[i].hnode, &h);
	}
	hlist_for_each_entry(pos, &h, hnode)
		n = n * 10 + pos->v;
	CHECK(n == 321);
	hlist_del_init(&it[1].hnode);
	CHECK(hlist_unhashed(&it[1].hnode));
	n = 0;
	hlist_for_each_entry_safe(pos, tmp, &h, hnode) {
		n = n * 10 + pos->v;
		hlist_del(&pos->hnode);
	}
	CHECK(n == 31 && hlist_empty(&h));
}

static void test_atomic(void)
{
	atomic_t a = ATOMIC_INIT(5);
	atomic64_t b = ATOMIC64_INIT(1LL << 40);
	atomic_long_t c = ATOMIC_LONG_INIT(-1);
	int old = 7;
	long x = 10;

	CHECK(atomic_read(&a) == 5);
	atomic_inc(&a);
	atomic_add(4, &a);
	CHECK(atomic_inc_return(&a) == 11 && atomic_dec_return(&a) == 10);
	CHECK(atomic_fetch_add(5, &a) == 10 && atomic_read(&a) == 15);
	CHECK(atomic_sub_return(5, &a) == 10 && atomic_add_return(1, &a) == 11);
	CHECK(atomic_cmpxchg(&a, 11, 20) == 11 && atomic_read(&a) == 20);
	CHECK(atomic_cmpxchg(&a, 11, 30) == 20 && atomic_read(&a) == 20);
	CHECK(!atomic_try_cmpxchg(&a, &old, 1) && old == 20);
	CHECK(atomic_xchg(&a, 1) == 20);
	CHECK(atomic_dec_and_test(&a) && !atomic_dec_and_test(&a));
	CHECK(atomic_inc_and_test(&a) && atomic_read(&a) == 0);
	CHECK(!atomic_inc_not_zero(&a) && atomic_read(&a) == 0);
	CHECK(atomic_add_unless(&a, 2, 1) && !atomic_add_unless(&a, 2, 2));
	CHECK(atomic_dec_if_positive(&a) == 1 && atomic_read(&a) == 1);
	atomic_set(&a, 0);
	CHECK(atomic_dec_if_positive(&a) == -1 && atomic_read(&a) == 0);
	CHECK(atomic_add_negative(-1, &a));
	atomic_set(&a, INT_MAX);
	CHECK(atomic_inc_return(&a) == INT_MIN);	/* wraps */

	atomic64_inc(&b);
	CHECK(atomic64_read(&b) == (1LL << 40) + 1);
	CHECK(atomic_long_inc_and_test(&c) && atomic_long_read(&c) == 0);
	CHECK(xchg(&x, 20L) == 10 && x == 20);
	CHECK(cmpxchg(&x, 20L, 30L) == 20 && x == 30);
	CHECK(cmpxchg(&x, 20L, 40L) == 30 && x == 30);
}

static void test_bitops(void)
{
	DECLARE_BITMAP(bits, 130) = { 0 };
	unsigned long bit, n = 0, total = 0;

	CHECK(BIT(3) == 8 && GENMASK(7, 4) == 0xf0 && GENMASK_ULL(63, 62) == 3ULL << 62);
	set_bit(0, bits);
	set_bit(64, bits);
	set_bit(129, bits);
	CHECK(test_bit(64, bits) && !test_bit(63, bits));
	CHECK(bits[1] == 1 && bits[2] == 2);
	CHECK(test_and_set_bit(64, bits) && !test_and_set_bit(65, bits));
	CHECK(test_and_clear_bit(65, bits) && !test_and_clear_bit(65, bits));
	change_bit(1, bits);
	CHECK(test_bit(1, bits));
	clear_bit(1, bits);
	__set_bit(2, bits);
	__clear_bit(2, bits);
	CHECK(!test_bit(1, bits) && !test_bit(2, bits));
	for_each_set_bit(bit, bits, 130) {
		n++;
		total += bit;
	}
	CHECK(n == 3 && total == 0 + 64 + 129);
	CHECK(find_first_bit(bits, 130) == 0 && find_next_bit(bits, 130, 1) == 64);
	CHECK(find_next_bit(bits, 129, 65) == 129);	/* none below size */
	CHECK(find_first_zero_bit(bits, 130) == 1);
	CHECK(__ffs(0x10UL) == 4 && __fls(0x10UL) == 4 && ffz(0x7UL) == 3);
	CHECK(fls(0) == 0 && fls(1) == 1 && fls(0x80000000u) == 32);
	CHECK(hweight32(0xf0f0) == 8 && hweight_long(~0UL) == BITS_PER_LONG);
}

static void test_string(void)
{
	char buf[6];
	char big[8];

	CHECK(strscpy(buf, "hello", sizeof(buf)) == 5 && strcmp(buf, "hello") == 0);
	CHECK(strscpy(buf, "hello!", sizeof(buf)) == -E2BIG && strcmp(buf, "hello") == 0);
	CHECK(strscpy(buf, "hi") == 2 && strcmp(buf, "hi") == 0);
	CHECK(strscpy(buf, "x", 0) == -E2BIG);
	memset(big, 'z', sizeof(big));
	CHECK(strscpy_pad(big, "ab") == 2 && big[2] == 0 && big[7] == 0);
	CHECK(strlcpy(buf, "truncated", sizeof(buf)) == 9 && strcmp(buf, "trunc") == 0);
	CHECK(strlcat(buf, "!", sizeof(buf)) == 6 && strcmp(buf, "trunc") == 0);
	strlcpy(buf, "ab", sizeof(buf));
	CHECK(strlcat(buf, "cd", sizeof(buf)) == 4 && strcmp(buf, "abcd") == 0);
	CHECK(strstarts("kthread", "kth") && !strstarts("kth", "kthread"));
}

static void test_slab(void)
{
	char *s, *t;
	int *p;

	p = kzalloc(16 * sizeof(*p), GFP_KERNEL);
	CHECK(p && p[0] == 0 && p[15] == 0);
	p = krealloc(p, 32 * sizeof(*p), GFP_KERNEL);
	CHECK(p && p[15] == 0);
	kfree(p);
	p = kcalloc(4, sizeof(*p), GFP_ATOMIC);
	CHECK(p && p[3] == 0);
	kvfree(p);
	CHECK(kmalloc_array(SIZE_MAX / 2, 4, GFP_KERNEL) == NULL);
	CHECK(kmalloc(0, GFP_KERNEL) == ZERO_SIZE_PTR);
	kfree(ZERO_SIZE_PTR);
	kfree(NULL);
	s = kstrdup("kthreadd", GFP_KERNEL);
	t = kasprintf(GFP_KERNEL, "%s/%d", s, 3);
	CHECK(s && strcmp(s, "kthreadd") == 0 && t && strcmp(t, "kthreadd/3") == 0);
	kfree(s);
	kfree(t);
	s = kstrndup("abcdef", 3, GFP_KERNEL);
	CHECK(s && strcmp(s, "abc") == 0);
	kfree(s);
	CHECK(kstrdup(NULL, GFP_KERNEL) == NULL);
}

static void test_kernel(void)
{
	unsigned int u = 7;
	int arr[5], x = 3, y = 9;
	long l = -7;

	CHECK(ARRAY_SIZE(arr) == 5);
	CHECK(min(x, y) == 3 && max(x, y) == 9 && min3(5, x, y) == 3 && max3(1, 2, 3) == 3);
	CHECK(min(x++, y) == 3 && x == 4);	/* evaluated once */
	CHECK(min_t(int, -1, u) == -1 && max_t(unsigned int, 1, u) == 7);
	CHECK(clamp(15, 0, 10) == 10 && clamp(-5, 0, 10) == 0 && clamp_val(u, 8, 9) == 8);
	swap(x, y);
	CHECK(x == 9 && y == 4);
	CHECK(DIV_ROUND_UP(7, 2) == 4 && DIV_ROUND_UP(8, 2) == 4);
	CHECK(DIV_ROUND_CLOSEST(7, 2) == 4 && DIV_ROUND_CLOSEST(l, 2) == -4);
	CHECK(DIV_ROUND_CLOSEST(u, 4u) == 2);
	CHECK(ALIGN(13, 8) == 16 && ALIGN(16, 8) == 16 && ALIGN_DOWN(13, 8) == 8);
	CHECK(IS_ALIGNED(64, 16) && !IS_ALIGNED(65, 16));
	CHECK(roundup(13, 5) == 15 && rounddown(13, 5) == 10 && round_up(13, 4) == 16);
	CHECK(upper_32_bits(0x123456789ULL) == 1 && lower_32_bits(0x123456789ULL) == 0x23456789);
	CHECK(U32_MAX == 0xffffffffu && S8_MIN == -128 && S64_MAX == 0x7fffffffffffffffLL);
	CHECK(IS_ERR(ERR_PTR(-ENOMEM)) && PTR_ERR(ERR_PTR(-ENOMEM)) == -ENOMEM);
	CHECK(!IS_ERR(&x) && IS_ERR_OR_NULL(NULL) && PTR_ERR_OR_ZERO(&x) == 0);
	CHECK(ERESTARTSYS == 512 && ENOTSUPP == 524);
}

#define CONFIG_UKT_TEST_ON 1
#define CONFIG_UKT_TEST_MOD_MODULE 1

static void test_kconfig(void)
{
	CHECK(IS_ENABLED(CONFIG_UKT_TEST_ON) && IS_BUILTIN(CONFIG_UKT_TEST_ON));
	CHECK(IS_ENABLED(CONFIG_UKT_TEST_MOD) && IS_MODULE(CONFIG_UKT_TEST_MOD));
	CHECK(!IS_ENABLED(CONFIG_UKT_TEST_OFF) && !IS_BUILTIN(CONFIG_UKT_TEST_MOD));
#if !IS_ENABLED(CONFIG_UKT_TEST_ON) || IS_ENABLED(CONFIG_UKT_TEST_OFF)
	CHECK(!"IS_ENABLED() in #if");
#endif
}

static void test_locks(void)
{
	DEFINE_SPINLOCK(sl);
	DEFINE_MUTEX(m);
	struct mutex m2;
	unsigned long flags;

	spin_lock_irqsave(&sl, flags);
	CHECK(spin_is_locked(&sl) && !spin_trylock(&sl));
	assert_spin_locked(&sl);
	spin_unlock_irqrestore(&sl, flags);
	CHECK(!spin_is_locked(&sl) && spin_trylock(&sl));
	spin_unlock(&sl);

	CHECK(!mutex_is_locked(&m));
	CHECK(mutex_lock_interruptible(&m) == 0);
	CHECK(mutex_is_locked(&m) && !mutex_trylock(&m));
	mutex_unlock(&m);
	CHECK(mutex_trylock(&m));
	mutex_unlock(&m);
	mutex_init(&m2);
	mutex_lock(&m2);
	mutex_unlock(&m2);
	mutex_destroy(&m2);
}

static void test_cpumask(void)
{
	cpumask_var_t mask;
	unsigned int n = 0;
	int cpu;

	for_each_online_cpu(cpu)
		n++;
	CHECK(n == num_online_cpus() && n >= 1);
	n = 0;
	for_each_possible_cpu(cpu)
		n++;
	CHECK(n == num_possible_cpus());
	CHECK(zalloc_cpumask_var(&mask, GFP_KERNEL) && cpumask_empty(mask));
	cpumask_set_cpu(cpumask_first(cpu_online_mask), mask);
	CHECK(cpumask_subset(mask, cpu_online_mask) && cpumask_weight(mask) == 1);
	CHECK(cpumask_and(mask, mask, cpu_online_mask) && cpumask_intersects(mask, cpu_online_mask));
	free_cpumask_var(mask);
}

/* printk() strips the level marker; read back what it printed. */
static void test_printk(void)
{
	char out[128] = "";
	FILE *f = tmpfile();
	int saved = dup(2);
	size_t n;

	if (!f || saved < 0) {
		CHECK(!"tmpfile/dup");
		return;
	}
	fflush(stderr);
	dup2(fileno(f), 2);
	printk(KERN_INFO "a%d\n", 1);
	pr_err("b\n");
	pr_info("c");
	pr_cont("d\n");
	printk("<4>e\n");
	pr_debug("never\n");
	for (int i = 0; i < 2; i++)
		printk_once("f\n");	/* once per call site */
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	rewind(f);
	n = fread(out, 1, sizeof(out) - 1, f);
	out[n] = '\0';
	fclose(f);
	CHECK(strcmp(out, "a1\nb\ncd\ne\nf\n") == 0);
}

int main(void)
{
	test_list();
	test_hlist();
	test_atomic();
	test_bitops();
	test_string();
	test_slab();
	test_kernel();
	test_kconfig();
	test_locks();
	test_cpumask();
	test_printk();
	if (failures)
		fprintf(stderr, "helpers: %d failures\n", failures);
	return failures ? 1 : 0;
}
