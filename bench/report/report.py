#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""report.py - turn the benchmark programs' JSON rows into the table, the
JSON file for tools, and the data of the chart.

Usage: report.py RAW.jsonl OUT.json CHART.dat [SCALE.dat] [--quick]

Every ratio is an advantage: how many times better ukthread does than the
other side, whichever way the unit runs (X/ukthread for times and sizes,
ukthread/X for rates).  So > 1 always means ukthread is better, and
against a machine limit the ratio is the fraction of the limit reached.
The targets are checked in their own words, each with its figure.

The scale section (bench-scale: groups scale-*) is a set of curves, the
cost of one operation against N: its table gives each point beside the
peer's, and for each curve how much it grows over the range of N, and
says where ukthread's grows faster than the peer's.  Its chart data go to
SCALE.dat.* for bench/report/scale.gp.
"""
import json
import math
import os
import platform
import subprocess
import sys
import time

# The peers of each group, in table order.
PEERS = {
    'lifecycle': ['pthread', 'GThread'],
    'mass': ['pthread'],
    'worker': ['mutex+condvar', 'GThreadPool', 'GAsyncQueue', 'libuv'],
    'idle': [],
    'scale-timers': ['libuv'],
    'scale-kthreads': ['pthread'],
    'scale-workers': ['GThreadPool'],
    'scale-waiters': ['pthread condvar'],
}
SCALE_GROUPS = ['scale-timers', 'scale-kthreads', 'scale-workers', 'scale-waiters']

# The machine limit a row is read against: (group, name, impl).
#
# The unpinned round trips are read against the cross-CPU ping-pongs: in
# them one side stays busy (the producer spins between sleeping round
# trips; back to back, both spin), so the scheduler puts the other on the
# other CPU.  An unpinned ping-pong, where both sides sleep in turn, may
# instead be put on one CPU when the machine is busy, and would then be a
# different measurement.
FUTEX_CROSS = ('limits', 'futex ping-pong round trip, cross CPU', 'machine')
FUTEX_SAME = ('limits', 'futex ping-pong round trip, same CPU', 'machine')
SPIN_CROSS = ('limits', 'spin ping-pong round trip, cross CPU', 'machine')
SPSC = ('limits', 'SPSC ring throughput', 'machine')


def limit_of(group, name):
    if group in ('lifecycle', 'mass'):
        return (group, name, 'pthread')     # a bare pthread is the floor
    if group == 'worker':
        if name.startswith('throughput'):
            return SPSC
        if name.endswith('same CPU'):
            return FUTEX_SAME
        if name.endswith('sleeping'):
            return FUTEX_CROSS
        return SPIN_CROSS
    return None

GROUP_TITLES = {
    'lifecycle': 'Thread lifecycle (one thread that returns at once)',
    'mass': '10,000 threads alive and parked, then stopped (fresh process each)',
    'worker': 'Serial worker: 1,000,000 trivial works then a flush; round trips',
    'idle': 'Idle cost: 100 idle kthreads + 10 idle workers',
    'scale-timers': 'Scale: timers armed (us per call; expiry: M/s)',
    'scale-kthreads': 'Scale: kthreads alive (us per thread in each phase)',
    'scale-workers': 'Scale: workers, one work each from 2 producers, then a flush '
                     'of all (us per work)',
    'scale-waiters': 'Scale: waiters on one wait queue, woken all at once (us per waiter)',
}

# The operation of a scale row in the table and the chart.
SCALE_OPS = {
    ('scale-timers', 'arm'): 'arm: mod_timer / uv_timer_start',
    ('scale-timers', 're-arm'): 're-arm: mod_timer / uv_timer_again',
    ('scale-timers', 'disarm'): 'disarm: del_timer / uv_timer_stop',
    ('scale-timers', 'expiring in one tick'): 'N expiring in one tick (rate)',
    ('scale-timers', 'expiring: first callback'): 'N expiring: first callback after the tick',
    ('scale-kthreads', 'create'): 'create: kthread_create+wake / pthread_create',
    ('scale-kthreads', 'park'): 'park all: kthread_park / condvar park',
    ('scale-kthreads', 'stop'): 'stop all: kthread_stop / pthread_join',
    ('scale-workers', 'queue + flush'): 'queue + flush: kthread_worker / GThreadPool',
    ('scale-waiters', 'wake all'): 'wake all: wake_up_all / pthread_cond_broadcast',
}
# Curves (ops measured at several N) drawn in the scale chart, per panel.
SCALE_CURVES = {
    'scale-timers': ['arm', 're-arm', 'disarm'],
    'scale-kthreads': ['create', 'park', 'stop'],
    'scale-workers': ['queue + flush'],
    'scale-waiters': ['wake all'],
}
# A curve that grows by more than this per decade of N is not "flat or
# logarithmic"; one that grows by more than GROWTH_SLACK times the peer's
# over the same range grows faster than the peer's (the slack: noise).
FLAT_PER_DECADE = 1.3
GROWTH_SLACK = 1.25


def load(path):
    rows, skipped = [], []
    with open(path) as f:
        for line in f:
            line = line.strip()
            if not line.startswith('{'):
                continue
            try:
                r = json.loads(line)
            except ValueError:
                continue
            (skipped if 'skipped' in r else rows).append(r)
    return rows, skipped


def advantage(ukt, other, better):
    """How many times better ukt is than other (> 1: ukthread better)."""
    if ukt is None or other is None or ukt <= 0 or other <= 0:
        return None
    return ukt / other if better == 'higher' else other / ukt


def fmt(v):
    if v is None:
        return '-'
    if abs(v) < 0.01:
        return '0' if abs(v) < 0.0005 else '%.3f' % v
    if v >= 100:
        return '%.0f' % v
    if v >= 10:
        return '%.1f' % v
    return '%.2f' % v if v >= 1 else '%.3g' % v


def fmt_ratio(v):
    return '-' if v is None else '%.2fx' % v


def build_rows(rows):
    by_key = {(r['group'], r['name'], r['impl']): r for r in rows}
    out = []
    seen = set()
    for r in rows:
        key = (r['group'], r['name'])
        if r['group'] == 'limits' or key in seen:
            continue
        seen.add(key)
        group, name = key
        ukt = by_key.get((group, name, 'ukthread'))
        peers = {p: by_key[(group, name, p)] for p in PEERS.get(group, [])
                 if (group, name, p) in by_key}
        better = r['better']
        best = None
        for p, pr in peers.items():
            if pr['median'] is None:
                continue
            if best is None or advantage(pr['median'], peers[best]['median'], better) > 1:
                best = p
        lim_key = limit_of(group, name)
        lim = by_key.get(lim_key) if lim_key else None
        u = ukt['median'] if ukt else None
        extra = {k: r[k] for k in ('op', 'n') if k in r}
        out.append(dict(extra, **{
            'group': group, 'name': name, 'unit': r['unit'], 'better': better,
            'ukthread': ukt, 'peers': peers, 'best_peer': best,
            'vs_best_peer': advantage(u, peers[best]['median'], better) if best else None,
            'limit': {'group': lim_key[0], 'name': lim_key[1], 'impl': lim_key[2],
                      'median': lim['median']} if lim else None,
            'vs_limit': advantage(u, lim['median'], better) if lim else None,
        }))
    return out, by_key


def median_of(by_key, group, name, impl):
    r = by_key.get((group, name, impl))
    return r['median'] if r else None


def check_targets(by_key):
    """Each target: (what, figure text, PASS/MISS/NOT MEASURED)."""
    res = []

    def add(what, ok, figure):
        res.append({'target': what, 'figure': figure,
                    'verdict': 'NOT MEASURED' if ok is None else ('PASS' if ok else 'MISS')})

    def ratio_target(what, name, other, ok, unit):
        """ukthread's median in row @name (group, name) over @other's (group, name, impl)."""
        u = median_of(by_key, name[0], name[1], 'ukthread')
        o = median_of(by_key, *other)
        x = u / o if u is not None and o else None
        add(what, None if x is None else ok(x),
            '-' if x is None else '%.2fx (%s vs %s %s)' % (x, fmt(u), fmt(o), unit))

    lifecycle = ('lifecycle', 'create + start + stop')
    ratio_target('lifecycle (kthread_run + kthread_stop) <= 1.3x pthread_create + join',
                 lifecycle, lifecycle + ('pthread',), lambda x: x <= 1.3, 'us')
    rss = ('mass', '10k parked: peak RSS')
    ratio_target('10,000 live kthreads: peak RSS <= 1.5x 10,000 pthreads',
                 rss, rss + ('pthread',), lambda x: x <= 1.5, 'MiB')

    for n, name in ((1, 'throughput, 1 producer'), (2, 'throughput, 2 producers'),
                    (4, 'throughput, 4 producers')):
        if n == 1:
            ratio_target('worker throughput, 1 producer >= 4x the mutex + condvar worker',
                         ('worker', name), ('worker', name, 'mutex+condvar'),
                         lambda x: x >= 4, 'M/s')
        what = 'worker throughput, %d producer%s: ahead of every peer' % (n, 's' if n > 1 else '')
        u = median_of(by_key, 'worker', name, 'ukthread')
        peers = [(p, median_of(by_key, 'worker', name, p)) for p in PEERS['worker']]
        peers = [(p, v) for p, v in peers if v is not None]
        if u is None or not peers:
            add(what, None, '-')
            continue
        bp, bv = max(peers, key=lambda t: t[1])
        missing = len(PEERS['worker']) - len(peers)
        add(what, u > bv, '%.2fx the best, %s (%s vs %s M/s)%s'
            % (u / bv, bp, fmt(u), fmt(bv),
               '; %d peer(s) not measured' % missing if missing else ''))

    u = median_of(by_key, 'worker', 'round trip, back to back', 'ukthread')
    add('back-to-back round trip < 2 us median', None if u is None else u < 2,
        '-' if u is None else '%s us' % fmt(u))

    ratio_target('sleeping round trip <= 1.2x the futex ping-pong round trip (cross CPU)',
                 ('worker', 'round trip, worker sleeping'), FUTEX_CROSS,
                 lambda x: x <= 1.2, 'us')

    r = by_key.get(('idle', 'idle 2 s: context switches', 'ukthread'))
    c = by_key.get(('idle', 'idle 2 s: CPU time', 'ukthread'))
    if r is None:
        add('idle: zero wakeups', None, '-')
    else:
        add('idle: zero wakeups', r['max'] == 0,
            '%d context switches at most per 2 s; CPU %s us' %
            (r['max'], fmt(c['median']) if c else '-'))
    check_scale_targets(by_key, add)
    return res


def fmt_n(n):
    """1000 -> 1k, 1000000 -> 1M."""
    if n >= 1000000 and n % 1000000 == 0:
        return '%dM' % (n // 1000000)
    if n >= 1000 and n % 1000 == 0:
        return '%dk' % (n // 1000)
    return str(n)


def scale_points(by_key, group, op, impl):
    """{N: raw row} of one curve of the scale section."""
    return {r['n']: r for (g, _, i), r in by_key.items()
            if g == group and i == impl and r.get('op') == op
            and r.get('median') is not None}


def check_scale_targets(by_key, add):
    timer_ns = [1000, 10000, 100000, 1000000]
    for op, what in (('arm', 'timers: arm (mod_timer) <= libuv uv_timer_start'),
                     ('re-arm', 'timers: re-arm (mod_timer) <= libuv uv_timer_again')):
        u = scale_points(by_key, 'scale-timers', op, 'ukthread')
        v = scale_points(by_key, 'scale-timers', op, 'libuv')
        what += ' at every N, 1k..1M armed'
        both = [n for n in timer_ns if n in u and n in v]
        if not both:
            add(what, None, '-')
            continue
        parts, ok = [], True
        for n in both:
            x = u[n]['median'] / v[n]['median']
            ok = ok and x <= 1
            parts.append('%s: %.2fx (%s vs %s us)' % (fmt_n(n), x, fmt(u[n]['median']),
                                                      fmt(v[n]['median'])))
        absent = [fmt_n(n) for n in timer_ns if n not in both]
        fig = '; '.join(parts) + ('; not measured: N=%s' % ', '.join(absent) if absent else '')
        add(what, False if not ok else (None if absent else True), fig)

    u = scale_points(by_key, 'scale-timers', 'expiring in one tick', 'ukthread')
    what = 'timers: 1M expiring in one tick >= 10 M/s'
    if 1000000 in u:
        x = u[1000000]['median']
        add(what, x >= 10, '%s M/s [%s..%s]' % (fmt(x), fmt(u[1000000]['min']),
                                                 fmt(u[1000000]['max'])))
    else:
        add(what, None, '-' if not u else 'only N=%s measured: %s M/s' % (
            ', '.join(fmt_n(n) for n in sorted(u)),
            ', '.join(fmt(u[n]['median']) for n in sorted(u))))

    u = scale_points(by_key, 'scale-kthreads', 'stop', 'ukthread')
    v = scale_points(by_key, 'scale-kthreads', 'stop', 'pthread')
    what = 'stop 10,000 parked kthreads <= 1.1x pthread_join of 10,000'
    if 10000 in u and 10000 in v:
        x = u[10000]['median'] / v[10000]['median']
        add(what, x <= 1.1, '%.2fx (%s vs %s ms)' % (
            x, fmt(u[10000]['median'] * 10000 / 1000), fmt(v[10000]['median'] * 10000 / 1000)))
    else:
        add(what, None, '-')


def loglog_slope(points):
    """The least-squares slope of log(cost) against log(N): 0 flat, 1 linear."""
    xs = [math.log10(n) for n, _ in points]
    ys = [math.log10(v) for _, v in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    var = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / var if var else 0.0


def scale_growth(out):
    """For each curve of the scale section, how it grows over its range of N.

    The growth is read from a least-squares line through all its points on
    the log-log scale (less at the mercy of one noisy end point than the
    ratio of the two ends): x per decade of N, and over the whole range.
    """
    res = []
    for g in SCALE_GROUPS:
        for op in SCALE_CURVES[g]:
            pts = sorted((r['n'], r) for r in out if r['group'] == g and r.get('op') == op)
            peer = PEERS[g][0]

            def curve(impl):
                c = []
                for n, r in pts:
                    side = r['ukthread'] if impl == 'ukthread' else r['peers'].get(impl)
                    if side and side.get('median'):
                        c.append((n, side['median']))
                return c

            u, p = curve('ukthread'), curve(peer)
            if len(u) < 2:
                continue
            lo, hi = u[0][0], u[-1][0]
            decades = math.log10(hi / lo)
            us = loglog_slope(u)
            ps = loglog_slope(p) if len(p) >= 2 else None
            ug = 10 ** (us * decades)
            pg = 10 ** (ps * decades) if ps is not None else None
            pd = dict(p)
            res.append({'group': g, 'op': op, 'from': lo, 'to': hi, 'peer': peer,
                        'ukthread_per_decade': 10 ** us,
                        'peer_per_decade': 10 ** ps if ps is not None else None,
                        'ukthread_growth': ug, 'peer_growth': pg,
                        'flat_or_log': 10 ** us <= FLAT_PER_DECADE,
                        'grows_faster_than_peer': pg is not None and ug > 1 and
                        ug > pg * GROWTH_SLACK,
                        'ukthread_from': u[0][1], 'ukthread_to': u[-1][1],
                        'peer_from': pd.get(lo), 'peer_to': pd.get(hi)})
    return res


def growth_sentence(c):
    s = '%s, N=%s..%s: ukthread %s -> %s us, fit x%.2f per decade' % (
        c['op'], fmt_n(c['from']), fmt_n(c['to']), fmt(c['ukthread_from']),
        fmt(c['ukthread_to']), c['ukthread_per_decade'])
    if c['peer_growth'] is not None:
        s += '; %s %s -> %s, x%.2f per decade' % (c['peer'], fmt(c['peer_from']),
                                                   fmt(c['peer_to']), c['peer_per_decade'])
    if c['grows_faster_than_peer']:
        s += ': ukthread\'s curve GROWS FASTER than %s\'s' % c['peer']
    elif c['peer_growth'] is not None:
        s += ': no faster than %s\'s' % c['peer']
    if not c['flat_or_log']:
        s += '; steeper than x%.1f per decade' % FLAT_PER_DECADE
    return s


def print_scale(out, skipped, growth):
    skipped_keys = {(s['group'], s['name'], s['impl']) for s in skipped}
    if not any(r['group'] in SCALE_GROUPS for r in out) and \
            not any(k[0] in SCALE_GROUPS for k in skipped_keys):
        return
    print()
    print('==== Scale: the cost of one operation against N, ukthread beside the peer '
          'in the same run')
    print('("vs peer" is ukthread\'s advantage, > 1: ukthread better; chart: scale.png)')
    for g in SCALE_GROUPS:
        peer = PEERS[g][0]
        rows = [r for r in out if r['group'] == g and 'n' in r]
        names = {r['name'] for r in rows}
        skip = sorted({(k[1], w) for k, w in ((k, s['skipped']) for s in skipped
                                              for k in [(s['group'], s['name'], s['impl'])])
                       if k[0] == g and k[2] == peer and k[1] in names})
        if not rows:
            continue
        head = ['operation', 'N', 'unit', 'ukthread [min..max]', peer, 'vs peer']
        lines = []
        last_op = None
        order = []
        for r in rows:
            if r['op'] not in order:
                order.append(r['op'])
        for op in order:
            for r in sorted((r for r in rows if r['op'] == op), key=lambda r: r['n']):
                u = r['ukthread']
                ucell = '-' if not u else '%s [%s..%s]' % (fmt(u['median']), fmt(u['min']),
                                                            fmt(u['max']))
                pr = r['peers'].get(peer)
                pcell = fmt(pr['median']) if pr else (
                    'skipped' if (g, r['name'], peer) in skipped_keys else '-')
                label = SCALE_OPS.get((g, op), op) if op != last_op else ''
                last_op = op
                lines.append([label, fmt_n(r['n']), r['unit'], ucell, pcell,
                              fmt_ratio(r['vs_best_peer'])])
        widths = [max(len(str(c)) for c in col) for col in zip(head, *lines)]
        print()
        print('== %s' % GROUP_TITLES[g])
        print('  '.join(h.ljust(w) for h, w in zip(head, widths)).rstrip())
        print('  '.join('-' * w for w in widths))
        for cells in lines:
            print('  '.join(str(c).ljust(w) for c, w in zip(cells, widths)).rstrip())
        for c in growth:
            if c['group'] == g:
                print('  ' + growth_sentence(c))
        for name, why in skip:
            print('  %s skipped at %s: %s' % (peer, name, why))
        if g == 'scale-timers':
            print('  (expiry: from the start of the tick the timers may first fire at to '
                  'the last callback; libuv: from the uv_run() that runs them)')
    faster = [c for c in growth if c['grows_faster_than_peer']]
    print()
    if faster:
        print('Curves where ukthread grows faster than the peer: ' +
              '; '.join('%s %s (x%.2f vs x%.2f per decade, N=%s..%s)' % (
                  c['group'][len('scale-'):], c['op'], c['ukthread_per_decade'],
                  c['peer_per_decade'], fmt_n(c['from']), fmt_n(c['to'])) for c in faster))
    else:
        print('No ukthread curve grows faster than its peer\'s (within x%.2f).' % GROWTH_SLACK)


def print_table(out, by_key, skipped, quick):
    skipped_keys = {(s['group'], s['name'], s['impl']) for s in skipped}
    print()
    print('ukthread benchmark%s - one run, one machine; figures are medians over '
          'repetitions' % (' (QUICK: few repetitions, a smoke run)' if quick else ''))
    print('Ratios are ukthread\'s ADVANTAGE: > 1 means ukthread is better '
          '(other/ukthread for times and sizes, ukthread/other for rates).')
    print('"vs limit" is the fraction of what this machine allows (1 = at the limit).')
    groups = []
    for r in out:
        if r['group'] not in groups and r['group'] not in SCALE_GROUPS:
            groups.append(r['group'])
    for g in groups:
        peers = [p for p in PEERS.get(g, [])
                 if any(p in r['peers'] for r in out if r['group'] == g)]
        head = ['measurement', 'unit', 'ukthread [min..max]'] + peers + ['vs best peer', 'vs limit']
        lines = []
        for r in out:
            if r['group'] != g:
                continue
            u = r['ukthread']
            ucell = '-' if not u else '%s [%s..%s]' % (fmt(u['median']), fmt(u['min']),
                                                        fmt(u['max']))
            if u and u.get('p99') is not None:
                ucell += ' p99 %s' % fmt(u['p99'])
            cells = [r['name'], r['unit'], ucell]
            for p in peers:
                pr = r['peers'].get(p)
                if pr:
                    cells.append(fmt(pr['median']))
                else:
                    cells.append('skipped' if (g, r['name'], p) in skipped_keys else '-')
            best = fmt_ratio(r['vs_best_peer'])
            if r['best_peer']:
                best += ' (%s)' % r['best_peer']
            cells += [best, fmt_ratio(r['vs_limit'])]
            lines.append(cells)
        widths = [max(len(str(c)) for c in col) for col in zip(head, *lines)]
        print()
        print('== %s' % GROUP_TITLES.get(g, g))
        print('  '.join(h.ljust(w) for h, w in zip(head, widths)))
        print('  '.join('-' * w for w in widths))
        for cells in lines:
            print('  '.join(str(c).ljust(w) for c, w in zip(cells, widths)))

    lim = [r for r in by_key.values() if r['group'] == 'limits']
    if lim:
        print()
        print('== This machine\'s limits (same run)')
        w = max(len(r['name']) for r in lim)
        for r in lim:
            p99 = '' if r.get('p99') is None else '  p99 %s' % fmt(r['p99'])
            print('%s  %s %s [%s..%s]%s' % (r['name'].ljust(w), fmt(r['median']).rjust(6),
                                           r['unit'], fmt(r['min']), fmt(r['max']), p99))
    if skipped:
        print()
        seen = set()
        for s in skipped:
            k = (s['impl'], s['skipped'])
            if k not in seen:
                seen.add(k)
                print('skipped: %s: %s' % k)


def print_targets(targets):
    print()
    print('== Targets')
    w = max(len(t['target']) for t in targets)
    for t in targets:
        print('%-12s %s  %s' % (t['verdict'], t['target'].ljust(w), t['figure']))


def short_label(r):
    names = {
        ('lifecycle', 'create + start + stop'): 'run+stop',
        ('lifecycle', 'create call alone'): 'create call',
        ('mass', '10k parked: create+park+stop'): '10k: time',
        ('mass', '10k parked: create+park'): '10k: create',
        ('mass', '10k parked: stop all'): '10k: stop',
        ('mass', '10k parked: peak RSS'): '10k: RSS',
        ('worker', 'throughput, 1 producer'): 'tput 1P',
        ('worker', 'throughput, 2 producers'): 'tput 2P',
        ('worker', 'throughput, 4 producers'): 'tput 4P',
        ('worker', 'throughput, 1 producer, same CPU'): 'tput 1P 1 CPU',
        ('worker', 'throughput, 1 producer, cross CPU'): 'tput 1P 2 CPUs',
        ('worker', 'round trip, back to back'): 'RT hot',
        ('worker', 'round trip, back to back, same CPU'): 'RT hot 1 CPU',
        ('worker', 'round trip, back to back, cross CPU'): 'RT hot 2 CPUs',
        ('worker', 'round trip, worker sleeping'): 'RT sleeping',
    }
    return names.get((r['group'], r['name']), r['name'])


def write_chart_data(out, path):
    def num(v):
        return '?' if v is None else '%.4f' % v

    with open(path, 'w') as f:
        f.write('# label vs_best_peer vs_limit\n')
        for r in out:
            if r['group'] in SCALE_GROUPS:     # drawn in scale.png
                continue
            lim = r['vs_limit']
            # Where the limit is the best peer itself (a bare pthread), one bar says it.
            if r['limit'] and r['limit']['impl'] == r['best_peer']:
                lim = None
            if r['vs_best_peer'] is None and lim is None:
                continue
            f.write('"%s" %s %s\n' % (short_label(r), num(r['vs_best_peer']), num(lim)))


def write_scale_data(out, prefix):
    """For scale.gp: PREFIX.<panel>.ukthread and PREFIX.<panel>.peer, one
    block per curve ("title" header, then N median min max), and
    PREFIX.vars with the number of blocks of each."""
    def num(v):
        return '?' if v is None else '%.6g' % v

    counts = {}
    for g in SCALE_GROUPS:
        panel = g[len('scale-'):]
        peer = PEERS[g][0]
        for side in ('ukthread', 'peer'):
            blocks = []
            for op in SCALE_CURVES[g]:
                pts = sorted((r['n'], r) for r in out if r['group'] == g and r.get('op') == op)
                lines = []
                for n, r in pts:
                    m = r['ukthread'] if side == 'ukthread' else r['peers'].get(peer)
                    if m and m.get('median') is not None:
                        lines.append('%d %s %s %s' % (n, num(m['median']), num(m['min']),
                                                      num(m['max'])))
                if lines:
                    title = '%s %s' % ('ukthread' if side == 'ukthread' else peer, op)
                    blocks.append('"%s"\n%s\n' % (title, '\n'.join(lines)))
            with open('%s.%s.%s' % (prefix, panel, side), 'w') as f:
                f.write('\n\n'.join(blocks))
            counts['n_%s_%s' % (panel, side)] = len(blocks)
    with open(prefix + '.vars', 'w') as f:
        for k, v in counts.items():
            f.write('%s = %d\n' % (k, v))


def machine():
    cpu = ''
    try:
        with open('/proc/cpuinfo') as f:
            for line in f:
                if line.startswith('model name'):
                    cpu = line.split(':', 1)[1].strip()
                    break
    except OSError:
        pass
    versions = {}
    for pkg in ('glib-2.0', 'libuv'):
        try:
            versions[pkg] = subprocess.run(['pkg-config', '--modversion', pkg],
                                           capture_output=True, text=True).stdout.strip() or None
        except OSError:
            versions[pkg] = None
    return {'cpus': os.cpu_count(), 'cpu': cpu, 'kernel': platform.release(),
            'libc': ' '.join(platform.libc_ver()), 'peers': versions}


def main():
    args = [a for a in sys.argv[1:] if not a.startswith('--')]
    quick = '--quick' in sys.argv
    if len(args) not in (3, 4):
        sys.exit('usage: report.py RAW.jsonl OUT.json CHART.dat [SCALE.dat] [--quick]')
    raw, out_json, chart = args[:3]
    rows, skipped = load(raw)
    out, by_key = build_rows(rows)
    targets = check_targets(by_key)
    growth = scale_growth(out)
    if growth:
        faster = [c for c in growth if c['grows_faster_than_peer']]
        steep = [c for c in growth if not c['flat_or_log']]
        fig = '; '.join('%s %s x%.2f per decade vs %s x%.2f (%s -> %s us, N=%s..%s)' % (
            c['group'][len('scale-'):], c['op'], c['ukthread_per_decade'], c['peer'],
            c['peer_per_decade'], fmt(c['ukthread_from']), fmt(c['ukthread_to']),
            fmt_n(c['from']), fmt_n(c['to'])) for c in faster)
        if not faster:
            fig = '%d curves; the steepest ukthread curve x%.2f per decade (%s %s)' % ((
                len(growth),) + max((c['ukthread_per_decade'], c['group'][len('scale-'):],
                                     c['op']) for c in growth))
        if steep:
            fig += '; steeper than x%.1f per decade: %s' % (FLAT_PER_DECADE, ', '.join(
                '%s %s' % (c['group'][len('scale-'):], c['op']) for c in steep))
        targets.append({
            'target': 'scale: no ukthread curve grows faster than its peer\'s '
                      '(x%.2f slack)' % GROWTH_SLACK,
            'verdict': 'MISS' if faster else 'PASS', 'figure': fig})
    print_table(out, by_key, skipped, quick)
    print_scale(out, skipped, growth)
    print_targets(targets)
    doc = {
        'generated': time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime()),
        'quick': quick,
        'ratios': 'advantage of ukthread: > 1 is better for ukthread; '
                  'vs_limit is the fraction of the machine limit reached',
        'machine': machine(),
        'rows': out,
        'limits': [r for r in rows if r['group'] == 'limits'],
        'targets': targets,
        'scale_growth': growth,
        'skipped': skipped,
        'raw': rows,
    }
    tmp = out_json + '.tmp'
    with open(tmp, 'w') as f:
        json.dump(doc, f, indent=1)
        f.write('\n')
    os.replace(tmp, out_json)
    write_chart_data(out, chart)
    if len(args) == 4:
        write_scale_data(out, args[3])


if __name__ == '__main__':
    main()
