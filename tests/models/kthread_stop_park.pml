/*
 * kthread_stop_park.pml - kthread_stop() against kthread_park() and
 * kthread_unpark() against a kthread that may exit on its own.
 *
 * Stands for (src/kernel/kthread.c): kthread_main(), ukt_kthread_parkme(),
 * ukt_kthread_park(), ukt_kthread_unpark(), ukt_kthread_stop(),
 * kthread_exit_cleanup() and ukt_kthread_exit(); with ukt_wake_up_state(),
 * ukt_wait_task_inactive() (src/kernel/sched/core.c) and the completions
 * @parked and @exited (src/kernel/sched/completion.c) taken as atomic
 * steps: sleep/wake itself is sleep_wake.pml's business, so a sleep here
 * is "block until the state word is RUNNING".
 *
 * The kthread is created stopped (UNINTERRUPTIBLE).  The creator wakes it
 * or not; it then either never runs threadfn (a stop came first: -EINTR),
 * or parks when asked and runs threadfn, which loops (parking on request)
 * until it is stopped, or leaves by itself at any point: returns, or
 * calls kthread_exit().  One thread parks and unparks it, another stops
 * it, at any moment.
 *
 * Checked:
 *  - kthread_stop() always returns (no invalid end state), with threadfn's
 *    value, kthread_exit()'s, or -EINTR, and -EINTR only if threadfn
 *    never ran;
 *  - kthread_park() always returns: 0 only while the thread really sleeps
 *    parked, or -ENOSYS when the thread exits instead;
 *  - a parked thread makes no progress: threadfn takes no step between a
 *    park that returned 0 and the unpark.
 *
 * Broken variants (spin -DBROKEN=n), each must fail:
 *   1  the exit path does not complete @parked (kthread_park() waits
 *      forever for a thread that exits instead of parking: the kernel's
 *      behaviour);
 *   2  kthread_stop() does not unpark (it waits forever for a parked
 *      thread);
 *   3  kthread_park() returns once @parked is completed, without
 *      wait_task_inactive(): it may return while the thread still runs;
 *   4  kthread_unpark() drops the pass of a self-park with
 *      reinit_completion(), as the code did before this model: when the
 *      unpark is kthread_stop()'s and the thread has just exited, that
 *      also wipes the exit's complete_all(), and a kthread_park() that is
 *      about to wait waits forever (found by this model; the fix takes
 *      one pass with try_wait_for_completion() instead);
 *   5  kthread_parkme() parks a thread that is being stopped, as the
 *      kernel does: a kthread_park() that sets SHOULD_PARK just after
 *      kthread_stop() found it clear (and so did not unpark) parks the
 *      thread for good, and the stop waits forever (found by this model;
 *      the fix: parkme does not park once SHOULD_STOP is set, and the
 *      parker gets -ENOSYS).
 */
#define RUNNING		0
#define INTERRUPTIBLE	1
#define UNINTERRUPTIBLE	2
#define NORMAL		3
#define PARKED		64
#define DEAD		128

#define EINTR_RET	4	/* -EINTR */
#define FN_RET		7	/* threadfn's value */
#define EXIT_RET	9	/* kthread_exit()'s */
#define ALL		255	/* complete_all() */

byte state = UNINTERRUPTIBLE;
bit asleep = 0;			/* blocked in schedule() (task->sleeping) */
bit should_stop = 0, should_park = 0, exiting = 0;
byte parked = 0, exited = 0;	/* the completions' done counts */
byte result = EINTR_RET;
bit fn_ran = 0;
bit park_held = 0;		/* a park returned 0 and no unpark yet */

inline schedule()
{
	if
	:: atomic { state == RUNNING -> skip }
	:: atomic { state != RUNNING -> asleep = 1 };
	   state == RUNNING;
	   asleep = 0
	fi
}

inline wake_up_state(mask)
{
	atomic {
		if
		:: (state & mask) != 0 -> state = RUNNING
		:: else -> skip
		fi
	}
}

inline complete(x)
{
	atomic { if :: x != ALL -> x++ :: else -> skip fi }
}

/* wait_for_completion(): take a pass, or all of them after complete_all(). */
inline wait_for_completion(x)
{
	atomic { x > 0 -> if :: x != ALL -> x-- :: else -> skip fi }
}

inline parkme()
{
	do
	:: state = PARKED;
	   if
#if BROKEN == 5
	   :: !should_park -> break
#else
	   :: !should_park || should_stop -> break
#endif
	   :: else -> skip
	   fi;
	   complete(parked);
	   schedule()
	od;
	state = RUNNING
}

/* kthread_exit_cleanup(), after the result was published. */
inline exit_cleanup()
{
	exiting = 1;
	state = DEAD;
#if BROKEN != 1
	parked = ALL;
#endif
	exited = ALL
}

active proctype kthread()
{
	schedule();			/* created stopped */
	if
	:: should_stop -> goto out	/* -EINTR */
	:: else -> skip
	fi;
	parkme();
	fn_ran = 1;
	do				/* threadfn */
	:: assert(!park_held);		/* one step of progress */
	   if
	   :: should_stop -> result = FN_RET; break
	   :: should_park -> parkme()
	   :: else -> skip
	   :: result = FN_RET; break		/* returns on its own */
	   :: result = EXIT_RET; break	/* kthread_exit() */
	   fi
	od;
out:
	exit_cleanup()
}

/* kthread_unpark() */
inline unpark()
{
	if
	:: should_park ->
#if BROKEN == 4
		parked = 0;		/* reinit_completion(): wipes complete_all() too */
#else
		/* try_wait_for_completion(): drop one pass left by a self-park */
		atomic { if :: parked > 0 && parked != ALL -> parked-- :: else -> skip fi };
#endif
		should_park = 0;
		atomic { park_held = 0; wake_up_state(PARKED) }
	:: else -> skip
	fi
}

active proctype parker()
{
	byte ret;
	bit was;

	if
	:: skip
	:: wake_up_state(NORMAL)	/* the creator's kthread_run() */
	fi;
	if
	:: exiting -> ret = 38; goto done	/* -ENOSYS */
	:: else -> skip
	fi;
	atomic { was = should_park; should_park = 1 };
	if
	:: was -> ret = 16; goto done		/* -EBUSY */
	:: else -> skip
	fi;
	if
	:: exiting -> should_park = 0; ret = 38; goto done
	:: else -> skip
	fi;
	wake_up_state(NORMAL);
	do
	:: wait_for_completion(parked);
	   if
	   :: exiting -> should_park = 0; ret = 38; goto done
	   :: else -> skip
	   fi;
#if BROKEN == 3
	   ret = 0; break
#else
	   /* wait_task_inactive(p, TASK_PARKED) */
	   if
	   :: atomic { state == PARKED && asleep -> ret = 0; park_held = 1 }; break
	   :: atomic { state == DEAD || state != PARKED -> skip }	/* not parked: wait again */
	   fi
#endif
	od;
#if BROKEN == 3
	assert(state == PARKED && asleep);
	park_held = 1;
#endif
done:
	if
	:: ret == 0 -> unpark()
	:: ret == 0 -> skip		/* left parked: the stop unparks it */
	:: else -> skip
	fi
}

active proctype stopper()
{
	byte ret;

	should_stop = 1;
#if BROKEN != 2
	unpark();
#endif
	wake_up_state(NORMAL);
	wait_for_completion(exited);
	ret = result;
	assert(ret == FN_RET || ret == EXIT_RET || ret == EINTR_RET);
	assert(ret != EINTR_RET || !fn_ran)
}
