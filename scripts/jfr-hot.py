#!/usr/bin/env python3
"""Summarizes the CPU samples of a Java Flight Recording: the share of samples per thread, the
hottest frames by self time, and the hottest frames by inclusive time whose names match a pattern.

  jfr print --events jdk.ExecutionSample --stack-depth 80 run.jfr > run.txt
  scripts/jfr-hot.py run.txt ['io.rtgraph|beam|flink']
"""
import collections
import re
import sys

FRAME = re.compile(r'\s+([\w$.<>/]+)\(')
TASK_SUFFIX = re.compile(r'\(\d+/\d+\)#\d+')  # Flink's "(1/2)#0": fold the subtasks together


def main(path, pattern):
    by_thread, by_self, by_inclusive = collections.Counter(), collections.Counter(), collections.Counter()
    samples = 0
    stack, thread = None, None
    for line in open(path, errors='replace'):
        if line.startswith('jdk.ExecutionSample'):
            stack, thread = [], '?'
        elif stack is None:
            continue
        elif 'sampledThread' in line:
            name = re.search(r'"(.*?)"', line)
            thread = TASK_SUFFIX.sub('', name.group(1))[:90] if name else '?'
        elif line.strip() == '}':
            if stack:
                samples += 1
                by_thread[thread] += 1
                by_self[stack[0]] += 1
                for frame in set(stack):
                    by_inclusive[frame] += 1
            stack = None
        else:
            frame = FRAME.match(line)
            if frame:
                stack.append(frame.group(1))
    if samples == 0:
        sys.exit('no jdk.ExecutionSample events in ' + path)
    share = lambda count: f'{count * 100 / samples:5.1f}%'
    print('samples', samples)
    print('== threads')
    for name, count in by_thread.most_common(12):
        print(share(count), name)
    print('== self time')
    for name, count in by_self.most_common(40):
        print(share(count), name)
    print('== inclusive time, frames matching', pattern)
    matching = [(name, count) for name, count in by_inclusive.most_common() if re.search(pattern, name)]
    for name, count in matching[:70]:
        print(share(count), name)


if __name__ == '__main__':
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else r'io\.rtgraph|beam|flink|kafka')
