/*
 * sleep_wake.pml - the sleep/wake protocol of the scheduling core: no
 * wakeup is lost.
 *
 * Stands for (src/kernel/sched/core.c): ukt_set_current_state(),
 * ukt__schedule_until() (so ukt_schedule()), ukt_wake_up_state() and
 * ukt_wake_up_process(); and the caller's pattern of ukt_wait_event() /
 * the kthread worker's idle loop: set the state, test the condition,
 * schedule().
 *
 * The task's state word is the futex.  The sleeper stores its state,
 * tests its condition, and in schedule() loops: read the word; RUNNING
 * means return; else store ->sleeping = 1 and FUTEX_WAIT while the word
 * still holds what it read (the kernel compares and sleeps atomically),
 * then ->sleeping = 0.  A waker sets the condition, compare-and-swaps the
 * word to RUNNING if it holds a state the waker may wake, and makes the
 * FUTEX_WAKE call only if it then reads ->sleeping == 1.  Every access is
 * seq_cst in the C code, which Promela's interleaving models exactly.
 * (FUTEX_WAIT may also return spuriously; the protocol must not need
 * that, so the model leaves it out.)
 *
 * Checked: the sleeper always gets out (no invalid end state: a lost
 * wakeup leaves it blocked in FUTEX_WAIT with every waker gone), and it
 * gets out with its condition true.  A parked sleeper (TASK_PARKED) is
 * not woken by an ordinary wakeup, only by wake_up_state(PARKED).
 *
 * Broken variants (spin -DBROKEN=n), each must fail:
 *   1  the waker reads ->sleeping before its compare-and-swap (what a
 *      missing store-load barrier allows): the FUTEX_WAKE is skipped for
 *      a sleeper that is about to block;
 *   2  the sleeper tests its condition before it stores its state;
 *   3  the sleeper stores ->sleeping = 1 after FUTEX_WAIT has read the
 *      word (the order inside schedule() reversed).
 */
#define RUNNING		0
#define INTERRUPTIBLE	1
#define UNINTERRUPTIBLE	2
#define NORMAL		3	/* INTERRUPTIBLE | UNINTERRUPTIBLE */
#define PARKED		64

#ifndef WAKERS
#define WAKERS 2
#endif

byte state = RUNNING;
bit sleeping = 0;
bit blocked = 0;	/* the sleeper is inside FUTEX_WAIT */
byte cond = 0;		/* the condition: wakers each add one */
bit parked_phase = 0;	/* the sleeper sleeps parked; only unpark may wake */
byte unparked = 0;

/* FUTEX_WAIT(&state, s): blocks only while state == s, atomically. */
inline futex_wait(s)
{
	atomic {
		if
		:: state == s -> blocked = 1
		:: else -> skip
		fi
	}
	blocked == 0	/* until a FUTEX_WAKE (spurious returns only help) */
}

inline futex_wake()
{
	blocked = 0
}

/* ukt__schedule_until(NULL) */
inline schedule()
{
	byte s;
	do
	:: s = state;
	   if
	   :: s == RUNNING -> break
	   :: else -> skip
	   fi;
#if BROKEN == 3
	   atomic {
		if
		:: state == s -> blocked = 1
		:: else -> skip
		fi
	   }
	   sleeping = 1;
	   blocked == 0;
#else
	   sleeping = 1;
	   futex_wait(s);
#endif
	   sleeping = 0
	od
}

/* ukt_wake_up_state(p, mask): 1 if it woke the task. */
inline wake_up_state(mask, woke)
{
	woke = 0;
#if BROKEN == 1
	bit saw = sleeping;
#endif
	atomic {
		if
		:: (state & mask) != 0 -> state = RUNNING; woke = 1
		:: else -> skip
		fi
	}
#if BROKEN == 1
	if
	:: woke && saw -> futex_wake()
	:: else -> skip
	fi
#else
	if
	:: woke && sleeping -> futex_wake()
	:: else -> skip
	fi
#endif
}

/* wait_event(wq, cond >= WAKERS) in the set-state, test, schedule form. */
active proctype sleeper()
{
	do
	::
#if BROKEN == 2
	   if
	   :: cond >= WAKERS -> break
	   :: else -> skip
	   fi;
	   state = UNINTERRUPTIBLE;
#else
	   state = UNINTERRUPTIBLE;
	   if
	   :: cond >= WAKERS -> break
	   :: else -> skip
	   fi;
#endif
	   schedule()
	od;
	state = RUNNING;
	assert(cond >= WAKERS);

	/* Then park: ordinary wakeups must leave it asleep. */
	parked_phase = 1;
	do
	:: state = PARKED;
	   if
	   :: unparked -> break
	   :: else -> skip
	   fi;
	   schedule();
	   assert(unparked)	/* only unpark ends a parked sleep */
	od;
	state = RUNNING
}

active [WAKERS] proctype waker()
{
	bit woke;

	cond++;
	wake_up_state(NORMAL, woke);
	/* An ordinary wakeup while it is parked: must not wake it. */
	if
	:: parked_phase -> wake_up_state(NORMAL, woke); assert(!woke || state != PARKED)
	:: else -> skip
	fi
}

active proctype unparker()
{
	bit woke;

	parked_phase == 1;
	unparked = 1;
	wake_up_state(PARKED, woke)
}
