/* SPDX-License-Identifier: MIT */
/*
 * kernel_basics.c - the kernel basics around kthread code: version.h,
 * ktime and the clocks, time64 with libc's time headers in the same file,
 * rate limiting, current->mm, semaphores and rw_semaphores under their
 * kernel names, HZ from <asm/param.h>, the <asm/...> headers.
 */
#include <sys/time.h>
#include <time.h>
#include <linux/ktime.h>
#include <linux/time.h>
#include <linux/time64.h>
#include <linux/timekeeping.h>
#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/ratelimit.h>
#include <linux/rwsem.h>
#include <linux/semaphore.h>
#include <linux/version.h>
#include <asm/atomic.h>
#include <asm/current.h>
#include <asm/errno.h>
#include <asm/param.h>
#include <asm/semaphore.h>
#include <sys/param.h>

#include <stdio.h>

#if LINUX_VERSION_CODE != KERNEL_VERSION(6, 15, 0) || LINUX_VERSION_MAJOR != 6 || \
	LINUX_VERSION_PATCHLEVEL != 15 || LINUX_VERSION_SUBLEVEL != 0
#error "<linux/version.h> is not the modelled 6.15"
#endif
#if LINUX_VERSION_CODE < KERNEL_VERSION(4, 15, 0)
#error "KERNEL_VERSION() orders versions wrongly"
#endif
#if HZ != 1000
#error "HZ is not ukthread's 1000"
#endif

#define CHECK(cond) do {						\
	if (!(cond)) {							\
		fprintf(stderr, "kernel_basics:%d: %s\n", __LINE__, #cond);	\
		return 1;						\
	}								\
} while (0)

static int ktime_checks(void)
{
	ktime_t t0 = ktime_get(), t1;
	struct timespec64 ts, sum;
	struct timespec libc_ts;
	struct timeval tv;

	CHECK(ktime_get_ns() >= (u64)t0);
	CHECK(ktime_set(2, 5) == 2000000005LL);
	CHECK(ktime_to_ms(ms_to_ktime(1500)) == 1500);
	CHECK(ktime_to_us(us_to_ktime(7)) == 7);
	CHECK(ktime_to_ns(ns_to_ktime(42)) == 42);
	CHECK(ktime_sub(ktime_add_ms(t0, 3), t0) == 3000000);
	CHECK(ktime_ms_delta(ktime_add_us(t0, 2000), t0) == 2);
	CHECK(ktime_after(ktime_add_ns(t0, 1), t0) && ktime_before(t0, ktime_add_ns(t0, 1)));
	CHECK(ktime_compare(t0, t0) == 0);
	CHECK(ktime_set(KTIME_SEC_MAX, 0) == KTIME_MAX);
	msleep(5);
	t1 = ktime_get();
	CHECK(ktime_ms_delta(t1, t0) >= 5);
	/* The wall clock agrees with libc's (within a second). */
	gettimeofday(&tv, NULL);
	CHECK(ktime_get_real_seconds() - tv.tv_sec <= 1);
	CHECK(ktime_get_real_ns() / NSEC_PER_SEC + 1 >= (u64)tv.tv_sec);
	CHECK(ktime_get_boottime_ns() > 0 && ktime_get_raw_ns() > 0);
	CHECK(ktime_get_seconds() >= 0);

	ts = ns_to_timespec64(-1);
	CHECK(ts.tv_sec == -1 && ts.tv_nsec == NSEC_PER_SEC - 1);
	sum = timespec64_add(ns_to_timespec64(900000000), ns_to_timespec64(200000000));
	CHECK(sum.tv_sec == 1 && sum.tv_nsec == 100000000);
	CHECK(timespec64_to_ns(&sum) == 1100000000LL);
	CHECK(timespec64_compare(&sum, &ts) > 0 && timespec64_valid(&sum));
	ktime_get_real_ts64(&ts);
	libc_ts = timespec64_to_timespec(ts);
	CHECK(libc_ts.tv_sec == ts.tv_sec);
	CHECK(ktime_to_timespec64(timespec64_to_ktime(sum)).tv_nsec == sum.tv_nsec);
	return 0;
}

static int ratelimit_checks(void)
{
	DEFINE_RATELIMIT_STATE(rs, HZ / 10, 3);	/* 3 per 100 ms */
	int passed = 0;

	for (int i = 0; i < 10; i++)
		passed += __ratelimit(&rs);
	CHECK(passed == 3 && rs.missed == 7);
	msleep(120);
	CHECK(__ratelimit(&rs));		/* a new window; reports the 7 */
	CHECK(rs.missed == 0);

	passed = 0;
	for (int i = 0; i < 25; i++)
		passed += printk_ratelimit();
	CHECK(passed == DEFAULT_RATELIMIT_BURST);
	for (int i = 0; i < 15; i++)
		pr_info_ratelimited("kernel_basics: ratelimited line %d\n", i);
	return 0;
}

static DEFINE_SEMAPHORE(kb_sem, 1);
static DECLARE_RWSEM(kb_rwsem);

static int kb_kthread(void *data)
{
	*(int *)data = current->mm == NULL;
	down(&kb_sem);
	up(&kb_sem);
	down_read(&kb_rwsem);
	up_read(&kb_rwsem);
	return 0;
}

static int sync_checks(void)
{
	struct semaphore sem;
	struct rw_semaphore rw;
	struct task_struct *t;
	atomic_t a = ATOMIC_INIT(1);
	int mm_null = 0;

	sema_init(&sem, 0);
	CHECK(down_trylock(&sem) == 1);
	CHECK(down_timeout(&sem, 1) == -ETIME);
	up(&sem);
	CHECK(down_interruptible(&sem) == 0);
	init_rwsem(&rw);
	down_write(&rw);
	downgrade_write(&rw);
	CHECK(down_read_trylock(&rw));
	up_read(&rw);
	up_read(&rw);
	CHECK(!rwsem_is_locked(&rw));

	down_write(&kb_rwsem);
	down(&kb_sem);
	t = kthread_run(kb_kthread, &mm_null, "kb");
	CHECK(!IS_ERR(t));
	msleep(5);
	up(&kb_sem);
	up_write(&kb_rwsem);
	CHECK(kthread_stop(t) == 0);
	CHECK(mm_null == 1 && current->mm != NULL);
	CHECK(atomic_inc_return(&a) == 2);
	CHECK(-ERESTARTSYS == -512 && EINVAL == 22);
	return 0;
}

int main(void)
{
	return ktime_checks() || ratelimit_checks() || sync_checks();
}
