#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""compare.py - one benchmark run against the range of earlier ones.

Usage: compare.py BASELINE.json [BASELINE.json ...] NEW.json

Every file is what bench/run writes to bench/results/latest.json (or
quick.json).  For every figure the reports hold - ukthread's and each
peer's median, the two ratios (vs best peer, vs limit) of every row, and
each machine limit - it prints the smallest and largest value over the
baseline runs, the new value, and whether the new one is inside that
range; then each target's verdicts.  The last line is always
`compare: K of N inside the baseline range` (N: the figures found in the
new run and in at least one baseline).  It is a report, not a test: it
always exits 0.
"""
import json
import os
import sys

sys.dont_write_bytecode = True      # importing report.py leaves no __pycache__
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from report import GROUP_TITLES, fmt, fmt_ratio  # noqa: E402


def figures(doc):
    """The figures of one run: {(section, measurement, what): (unit, value)}."""
    out = {}
    for r in doc.get('rows', []):
        sec, name, unit = r['group'], r['name'], r['unit']
        sides = [('ukthread', r.get('ukthread'))] + list(r.get('peers', {}).items())
        for impl, row in sides:
            if row and row.get('median') is not None:
                out[(sec, name, impl)] = (unit, row['median'])
        for what, key in (('vs best peer', 'vs_best_peer'), ('vs limit', 'vs_limit')):
            if r.get(key) is not None:
                out[(sec, name, what)] = ('x', r[key])
    for r in doc.get('limits', []):
        if r.get('median') is not None:
            out[('limits', r['name'], r['impl'])] = (r['unit'], r['median'])
    return out


def show(unit, v):
    return fmt_ratio(v) if unit == 'x' else fmt(v)


def load(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError) as e:
        print('compare: %s: %s' % (path, e))
        return None


def main():
    paths = sys.argv[1:]
    if len(paths) < 2:
        print('usage: compare.py BASELINE.json [BASELINE.json ...] NEW.json')
        print('compare: 0 of 0 inside the baseline range')
        return
    docs = [(p, load(p)) for p in paths]
    new_path, new = docs[-1]
    bases = [(p, d) for p, d in docs[:-1] if d is not None]
    if new is None or not bases:
        print('compare: 0 of 0 inside the baseline range')
        return

    def kind(d):
        return 'quick' if d.get('quick') else 'full'

    print('new:      %s (%s, %s run)' % (new_path, new.get('generated', '?'), kind(new)))
    for p, d in bases:
        print('baseline: %s (%s, %s run)' % (p, d.get('generated', '?'), kind(d)))
    if any(kind(d) != kind(new) for _, d in bases):
        print('note: quick and full runs mixed; a quick run has fewer repetitions')

    new_f = figures(new)
    base_f = [figures(d) for _, d in bases]
    keys = list(new_f)
    for f in base_f:
        keys += [k for k in f if k not in new_f and k not in keys]

    inside = total = 0
    missing = []
    lines = {}
    for key in keys:
        vals = [f[key][1] for f in base_f if key in f]
        if key not in new_f or not vals:
            missing.append((key, 'not in the new run' if key not in new_f
                            else 'in no baseline run'))
            continue
        unit, v = new_f[key]
        lo, hi = min(vals), max(vals)
        total += 1
        if lo <= v <= hi:
            inside += 1
            verdict = 'inside'
        else:
            verdict = 'OUTSIDE (%s)' % ('above' if v > hi else 'below')
        lines.setdefault(key[0], []).append(
            [key[1], key[2], 'ratio' if unit == 'x' else unit,
             '%s..%s' % (show(unit, lo), show(unit, hi)) + ('' if len(vals) == len(bases)
                                                         else ' (%d runs)' % len(vals)),
             show(unit, v), verdict])

    head = ['measurement', 'figure', 'unit', 'baseline min..max', 'new', '']
    for sec, rows in lines.items():
        widths = [max(len(c) for c in col) for col in zip(head, *rows)]
        print()
        print('== %s' % (GROUP_TITLES.get(sec) or
                         ("This machine's limits" if sec == 'limits' else sec)))
        print('  '.join(h.ljust(w) for h, w in zip(head, widths)).rstrip())
        for cells in rows:
            print('  '.join(c.ljust(w) for c, w in zip(cells, widths)).rstrip())

    targets = {}
    for _, d in bases:
        for t in d.get('targets', []):
            targets.setdefault(t['target'], []).append(t['verdict'])
    new_t = {t['target']: t for t in new.get('targets', [])}
    if new_t or targets:
        print()
        print('== Targets (new verdict; the baseline runs\' verdicts)')
        w = max(len(t) for t in list(new_t) + list(targets))
        for name in list(new_t) + [t for t in targets if t not in new_t]:
            nt = new_t.get(name)
            verdicts = targets.get(name, [])
            counts = ', '.join('%s %d' % (v, verdicts.count(v))
                               for v in sorted(set(verdicts))) or 'not in any baseline'
            print('%-12s %s  %s  [baseline: %s]' % (nt['verdict'] if nt else 'ABSENT',
                                                   name.ljust(w),
                                                   nt['figure'] if nt else '-', counts))
    if missing:
        print()
        for (sec, name, what), why in missing:
            print('not compared: %s / %s / %s: %s' % (sec, name, what, why))
    print()
    print('compare: %d of %d inside the baseline range' % (inside, total))


if __name__ == '__main__':
    main()
