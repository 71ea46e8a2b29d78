/*
 * worker.pml - one work on a kthread_worker: queue, delayed queue, mod,
 * flush and cancel against the worker's loop and the timer thread.
 *
 * Stands for (src/kernel/): ukt_kthread_queue_work(), ukt__work_settle()/
 * ukt__work_settled(), next_work(), worker_idle() and
 * ukt_kthread_worker_fn() (kthread_worker.c); kick(), drain() and
 * insert_locked() (kthread_worker_internal.h); ukt_kthread_flush_work(),
 * cancel_pending(), ukt__work_cancel_locked(), ukt__work_unlink()
 * (kthread_worker_flush.c); ukt_kthread_queue_delayed_work(),
 * ukt_kthread_mod_delayed_work(), kill_timer(),
 * ukt_kthread_delayed_work_timer_fn() and
 * ukt_kthread_cancel_delayed_work_sync() (kthread_delayed_work.c); the
 * timer thread and ukt_timer_delete_sync() (time/timer.c) as one armed
 * bit and one running bit.  The worker's lock is a real lock here; the
 * work's state word, the lock-free queue (claimed, in flight, visible),
 * __idle and the kick are the lock-free parts, interleaved step by step.
 * The worker's sleep is "set a woken flag to 0, test, block until 1":
 * sleep_wake.pml checks the sleep itself.
 *
 * Clients, all at once: one kthread_queue_work() (with -DQUEUE2 a second
 * one, maybe: 20 times the states), one
 * kthread_mod_delayed_work() or kthread_queue_delayed_work() with delay 0
 * or 1, one kthread_flush_work(), one kthread_cancel_delayed_work_sync().
 *
 * Books: Q counts successful queues (the claim), C successful cancels
 * (a mod that moves a pending work counts as one cancel and one queue),
 * S started runs, D finished runs.  Checked:
 *  - no hang (no invalid end state): every client returns, and the worker
 *    and the timer thread end asleep with nothing left;
 *  - no double run: S + C <= Q always, and at the end D + C == Q;
 *  - a flush returns only after the run it found: D + C >= Q at its
 *    start;
 *  - cancel wins: from the moment cancel_sync takes effect (it finds the
 *    work pending and unlinks it, or finds it idle) no run starts until a
 *    queue claims the work again, and on its return the work is not
 *    running unless claimed again meanwhile; a mod that meets a
 *    canceler gives up instead of requeueing.
 *
 * Broken variants (spin -DBROKEN=n), each must fail:
 *   1  no settle: a work claimed but not yet on the queue counts as idle
 *      for flush and cancel;
 *   2  cancel does not wait for a running work;
 *   3  the worker sets __idle after its emptiness test instead of before:
 *      a queue in between does not kick it (lost wakeup, a hang).
 */
#define PENDING 1
#define DELAYED 2

#define W	1	/* the work */
#define B1	2	/* the flusher's barrier */
#define B2	3	/* the canceler's barrier */

bit lk = 0;
byte st = 0;		/* the work's PENDING | DELAYED bits */
byte canc = 0;		/* the work's WORK_CANCEL_ONE count */
byte inq = 0;		/* lock-free queue: 0 empty, 2 in flight, 1 visible */
bit on_delayed = 0;	/* the work is on delayed_work_list */
byte list[3];		/* work_list, in order */
byte nl = 0;
byte cur = 0;		/* worker->current_work */
bit running = 0;	/* the work's function runs */
bit idle = 0, woken = 0;
bit armed = 0, trunning = 0;	/* the delayed work's timer */
bit bdone[4];		/* barrier completions */
byte Q = 0, C = 0, S = 0, D = 0;
bit quiet = 0;		/* a cancel_sync is done and nothing queued since */
byte finished = 0;	/* clients done */

inline lock()	{ atomic { lk == 0 -> lk = 1 } }
inline unlock()	{ lk = 0 }

inline kick()	{ if :: idle -> woken = 1 :: else -> skip fi }

inline list_append(x)	{ list[nl] = x; nl++ }
inline list_del_w()
{
	i = 0;
	do
	:: i < nl && list[i] != W -> i++
	:: else -> break
	od;
	if
	:: i < nl ->
		j = i;
		do
		:: j + 1 < nl -> list[j] = list[j + 1]; j++
		:: else -> break
		od;
		nl--; list[nl] = 0
	:: else -> skip
	fi
}
inline w_on_list(r)
{
	r = (nl > 0 && list[0] == W) || (nl > 1 && list[1] == W) || (nl > 2 && list[2] == W)
}
/* insert @x right behind W (which is on the list) */
inline list_insert_after_w(x)
{
	i = nl;
	do
	:: i > 0 && list[i - 1] != W -> list[i] = list[i - 1]; i--
	:: else -> break
	od;
	list[i] = x; nl++
}
inline list_insert_head(x)
{
	i = nl;
	do
	:: i > 0 -> list[i] = list[i - 1]; i--
	:: else -> break
	od;
	list[0] = x; nl++
}

/* take the head of work_list into @x */
inline list_pop_head(x)
{
	x = list[0];
	i = 0;
	do
	:: i + 1 < nl -> list[i] = list[i + 1]; i++
	:: else -> break
	od;
	nl--; list[nl] = 0
}

/* drain(): the visible queue onto work_list; stops at one in flight */
inline drain()
{
	if
	:: inq == 1 -> list_append(W); inq = 0
	:: else -> skip
	fi
}

/*
 * ukt__work_settle(), under lock.  @mark: the caller is a cancel, which
 * takes effect at the settle's last look at the state word.
 */
inline settle(mark)
{
	do
	:: w_on_list(onl);
#if BROKEN == 1
	   atomic { quiet = quiet | mark };
	   break;
#endif
	   if
	   :: atomic { (!(st & PENDING) || onl || on_delayed) -> quiet = quiet | mark };
	      break
	   :: else ->
		drain();
		w_on_list(onl);
		if
		:: onl -> break
		:: else -> unlock(); lock()
		fi
	   fi
	od
}

/* ukt__work_unlink(), under lock */
inline unlink()
{
	list_del_w();
	on_delayed = 0;
	atomic { st = st & ~(PENDING | DELAYED) }
}

/* the claim: compare-and-swap of the whole state word from 0 */
inline claim(ok)
{
	atomic {
		if
		:: st == 0 && canc == 0 -> st = PENDING; Q++; quiet = 0; ok = 1
		:: else -> ok = 0
		fi
	}
}

/* place_delayed_locked() */
inline place(delay)
{
	drain();
	if
	:: delay == 0 -> list_append(W)
	:: else -> atomic { st = st | DELAYED }; on_delayed = 1; armed = 1
	fi
}

/* kill_timer(): under lock, drops it around timer_delete_sync() */
inline kill_timer()
{
	canc++;
	unlock();
	atomic { !trunning -> armed = 0 };
	lock();
	canc--
}

/* ukt_kthread_flush_work(); @b is the barrier to use */
inline flush_work(b)
{
	wait = 1;
	lock();
	do
	:: settle(0);
	   if
	   :: st & DELAYED -> unlock(); !(st & DELAYED); lock()
	   :: else -> break
	   fi
	od;
	w_on_list(onl);
	if
	:: onl -> bdone[b] = 0; list_insert_after_w(b)
	:: !onl && cur == W -> bdone[b] = 0; list_insert_head(b)
	:: else -> wait = 0
	fi;
	unlock();
	if
	:: wait -> kick(); bdone[b] == 1
	:: else -> skip
	fi
}

proctype worker()
{
	byte i, j;
	bit onl, wait;
	byte x;
	bit emp;
end:
	do
	:: lock();
	   cur = 0;
	   if
	   :: nl > 0 -> list_pop_head(x)
	   :: nl == 0 && inq == 1 -> x = W; inq = 0
	   :: nl == 0 && inq == 2 -> x = 255	/* in flight: a moment */
	   :: nl == 0 && inq == 0 -> x = 0
	   fi;
	   if
	   :: x == W ->
		atomic {
			st = st & ~PENDING; S++; running = 1;
			assert(S + C <= Q);
			assert(!quiet)
		}
	   :: else -> skip
	   fi;
	   if :: x != 255 -> cur = x :: else -> skip fi;
	   unlock();
	   if
	   :: x == W -> atomic { D++; running = 0 }
	   :: x == B1 || x == B2 -> bdone[x] = 1
	   :: x == 255 -> skip
	   :: x == 0 ->
#if BROKEN == 3
		woken = 0;
		lock(); emp = (nl == 0 && inq == 0); unlock();
		idle = 1;
#else
		idle = 1;
		woken = 0;	/* set_current_state(TASK_INTERRUPTIBLE) */
		lock(); emp = (nl == 0 && inq == 0); unlock();
#endif
		if
		:: emp -> end_sleep: woken == 1
		:: else -> skip
		fi;
		idle = 0
	   fi
	od
}

/* ukt_kthread_delayed_work_timer_fn() on the timer thread */
proctype timer()
{
	byte i, j;
	bit onl, wait;
end:
	do
	:: atomic { armed -> armed = 0; trunning = 1 };
	   lock();
	   if
	   :: (st & DELAYED) && canc == 0 ->
		on_delayed = 0;
		atomic { st = st & ~DELAYED };
		drain();
		list_append(W);
		kick()
	   :: else -> skip
	   fi;
	   unlock();
	   trunning = 0
	od
}

proctype queuer()
{
	bit ok;
	claim(ok);
	if
	:: ok -> inq = 2; inq = 1; kick()
	:: else -> skip
	fi;
#ifdef QUEUE2
	if
	:: claim(ok);
	   if
	   :: ok -> inq = 2; inq = 1; kick()
	   :: else -> skip
	   fi
	:: skip
	fi;
#endif
	finished++
}

proctype modder()
{
	byte delay;
	bit ok;
	byte i, j;
	bit onl, wait;

	if :: delay = 0 :: delay = 1 fi;
	lock();
	if
	:: /* kthread_queue_delayed_work() */
		claim(ok);
		if :: ok -> place(delay) :: else -> skip fi
	:: /* kthread_mod_delayed_work() */
		do
		:: kill_timer();
		   if
		   :: canc > 0 -> break		/* a canceler: it wins */
		   :: else -> skip
		   fi;
		   settle(0);
		   w_on_list(onl);
		   if
		   :: onl || on_delayed ->
			/* pending: move it (one cancel and one queue) */
			atomic { list_del_w(); on_delayed = 0; st = st & ~DELAYED; C++; Q++; quiet = 0 };
			place(delay);
			break
		   :: else ->
			claim(ok);
			if
			:: ok -> place(delay); break
			:: else -> skip		/* queued just now: again */
			fi
		   fi
		od
	fi;
	unlock();
	if :: delay == 0 -> kick() :: else -> skip fi;
	finished++
}

proctype flusher()
{
	byte i, j;
	bit onl, wait;
	byte q0 = Q;
	flush_work(B1);
	assert(D + C >= q0);
	finished++
}

proctype canceler()
{
	byte i, j;
	bit onl, wait;

	lock();
	kill_timer();
	settle(1);	/* the cancel takes effect: what is claimed after is new */
	w_on_list(onl);
	if
	:: onl || on_delayed -> atomic { unlink(); C++ }
	:: else -> skip
	fi;
#if BROKEN != 2
	if
	:: cur == W ->
		canc++;
		unlock();
		flush_work(B2);
		lock();
		canc--
	:: else -> skip
	fi;
#endif
	/* Not running on return, unless claimed again since. */
	atomic { assert(!quiet || !running) };
	unlock();
	finished++
}

init {
	atomic {
		run worker(); run timer();
		run queuer(); run modder(); run flusher(); run canceler()
	}
	finished == 4;
	/* everything settles: the worker asleep with nothing left */
	atomic {
		!armed && !trunning && nl == 0 && inq == 0 && !(st & PENDING) &&
		idle && !woken && !running ->
		assert(D + C == Q)
	}
}
