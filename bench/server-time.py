#!/usr/bin/env python3
"""Sums the server's own time per statement from a PostgreSQL log written with log_min_duration_statement = 0.

Usage: bench/server-time.py LOG... [--match TEXT]...

The server logs a duration for each step of a statement: `parse`, `bind` (which plans it, for a statement with
parameters) and `execute` for the extended protocol, `statement` for a simple query. This prints the total of all
steps, the twelve statement texts that took longest, and a table by group and step. A statement whose text contains
one of the --match strings (default: pg_depend) is in the group "match"; other statements on system catalogs in
"catalog"; the rest in "other". Multi-line statements are read whole. Works on the default log_line_prefix and on
any prefix that ends before "LOG:  duration:". Used in docs/benchmarks.md ("What the checks cost at scale").
"""
import collections
import re
import sys

STEP = re.compile(r'LOG:  duration: ([0-9.]+) ms  (parse|bind|execute|statement)(?: [^:]*)?: ?(.*)')
CATALOG = re.compile(r'\bpg_(class|proc|type|constraint|index|attribute|namespace|depend|stat\w*|locks)\b')


def main(argv):
    logs, matches = [], []
    it = iter(argv)
    for a in it:
        if a == '--match':
            m = next(it, None)
            if not m:
                sys.exit('server-time.py: --match needs a text\n\n' + __doc__)
            matches.append(m)
        else:
            logs.append(a)
    if not logs:
        sys.exit(__doc__)
    matches = matches or ['pg_depend']
    total, count, by_step = collections.Counter(), collections.Counter(), collections.Counter()

    def record(entry):
        ms, step, text = entry
        text = ' '.join(text.split())
        if any(m in text for m in matches):
            group = 'match'
        elif CATALOG.search(text):
            group = 'catalog'
        else:
            group = 'other'
        key = (group, text[:80])
        total[key] += ms
        count[key] += 1
        by_step[(group, step)] += ms

    for path in logs:
        entry = None
        try:
            f = open(path, errors='replace')
        except OSError as e:
            sys.exit(f'server-time.py: cannot read {path}: {e.strerror}')
        with f:
            for line in f:
                m = STEP.search(line)
                if m:
                    if entry:
                        record(entry)
                    entry = [float(m.group(1)), m.group(2), m.group(3)]
                elif entry and line[:1] in ('\t', ' '):
                    entry[2] += ' ' + line.strip()
                else:
                    if entry:
                        record(entry)
                    entry = None
        if entry:
            record(entry)
    if not count:
        sys.exit('server-time.py: no statement durations in ' + ', '.join(logs)
                 + ': was the server running with log_min_duration_statement = 0?')
    print(f'all steps of all statements: {sum(total.values()):.0f} ms in {sum(count.values())} steps')
    for (group, text), ms in total.most_common(12):
        print(f'{ms:9.1f} ms {count[(group, text)]:7d} steps  {group}: {text}')
    print()
    print('| group | parse | bind | execute | statement | all |')
    print('|---|---|---|---|---|---|')
    for group in ('match', 'catalog', 'other'):
        cells = [by_step[(group, s)] for s in ('parse', 'bind', 'execute', 'statement')]
        print(f'| {group} | ' + ' | '.join(f'{c:.0f} ms' for c in cells) + f' | {sum(cells):.0f} ms |')


if __name__ == '__main__':
    main(sys.argv[1:])
