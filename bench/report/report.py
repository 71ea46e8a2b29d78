#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""report.py - turn the benchmark programs' JSON rows into the table, the
JSON file for tools, and the data of the chart.

Usage: report.py RAW.jsonl OUT.json CHART.dat [--quick]

Every ratio is an advantage: how many times better ukthread does than the
other side, whichever way the unit runs (X/ukthread for times and sizes,
ukthread/X for rates).  So > 1 always means ukthread is better, and
against a machine limit the ratio is the fraction of the limit reached.
The targets are checked in their own words, each with its figure.
"""
import json
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
}

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
}


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
        out.append({
            'group': group, 'name': name, 'unit': r['unit'], 'better': better,
            'ukthread': ukt, 'peers': peers, 'best_peer': best,
            'vs_best_peer': advantage(u, peers[best]['median'], better) if best else None,
            'limit': {'group': lim_key[0], 'name': lim_key[1], 'impl': lim_key[2],
                      'median': lim['median']} if lim else None,
            'vs_limit': advantage(u, lim['median'], better) if lim else None,
        })
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
    return res


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
        if r['group'] not in groups:
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
            lim = r['vs_limit']
            # Where the limit is the best peer itself (a bare pthread), one bar says it.
            if r['limit'] and r['limit']['impl'] == r['best_peer']:
                lim = None
            if r['vs_best_peer'] is None and lim is None:
                continue
            f.write('"%s" %s %s\n' % (short_label(r), num(r['vs_best_peer']), num(lim)))


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
    if len(args) != 3:
        sys.exit('usage: report.py RAW.jsonl OUT.json CHART.dat [--quick]')
    raw, out_json, chart = args
    rows, skipped = load(raw)
    out, by_key = build_rows(rows)
    targets = check_targets(by_key)
    print_table(out, by_key, skipped, quick)
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
        'skipped': skipped,
        'raw': rows,
    }
    tmp = out_json + '.tmp'
    with open(tmp, 'w') as f:
        json.dump(doc, f, indent=1)
        f.write('\n')
    os.replace(tmp, out_json)
    write_chart_data(out, chart)


if __name__ == '__main__':
    main()
