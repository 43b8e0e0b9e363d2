#!/usr/bin/env python3
"""Summarises `perf script -F comm,period,ip,sym` output of a call-graph profile.

Prints, as % of all samples:
  1. self time by leaf function (what the CPU was executing),
  2. inclusive time of the pipeline stages named on the command line
     (a sample counts for a stage when any frame of its stack contains the text).
Usage: perf script -i perf.data -F comm,period,ip,sym | perf_summary.py [STAGE ...]
"""
import collections
import re
import sys


def read_samples(stream):
    samples, cur = [], None
    for line in stream:
        line = line.rstrip("\n")
        if not line.strip():
            if cur is not None:
                samples.append(cur)
                cur = None
            continue
        if not line.startswith((" ", "\t")):
            cur = []  # sample header (comm, period)
            continue
        parts = line.strip().split(" ", 1)
        sym = parts[1] if len(parts) > 1 else "?"
        cur.append(re.sub(r"\+0x[0-9a-f]+$", "", sym))
    if cur:
        samples.append(cur)
    return samples


def short(sym):
    sym = re.sub(r"\(.*", "", sym)  # drop argument lists
    sym = re.sub(r"std::__cxx11::basic_string<char, std::char_traits<char>, std::allocator<char> >",
                 "std::string", sym)
    if sym.startswith("std::_Hashtable<std::string"):
        return "std::unordered_map<std::string, ...> (hash-table code)"
    if sym.startswith("std::__detail::_Hashtable_base<std::string"):
        return "std::unordered_map<std::string, ...> (key compare)"
    if sym.startswith("std::__detail::_Mod_range_hashing"):
        return "std::unordered_map (bucket modulo)"
    return sym[:100]


def main():
    samples = read_samples(sys.stdin)
    n = len(samples)
    if n == 0:
        print("no samples")
        return
    leaf = collections.Counter(short(s[0]) if s else "?" for s in samples)
    print(f"{n} samples\n\nself time (leaf function):")
    for name, v in leaf.most_common(20):
        print(f"  {100 * v / n:6.2f}%  {name}")
    # innermost project frame: attributes library code (hash tables, memcpy,
    # kernel page faults) to the project function that called it
    owner = collections.Counter()
    for s in samples:
        owner[next((short(f) for f in s if f.startswith("tutela::")), "(outside tutela::)")] += 1
    print("\nby innermost tutela:: function (library and kernel time charged to its caller):")
    for name, v in owner.most_common(15):
        print(f"  {100 * v / n:6.2f}%  {name}")
    if len(sys.argv) > 1:
        print("\ninclusive time of stages:")
        for stage in sys.argv[1:]:
            v = sum(1 for s in samples if any(stage in f for f in s))
            print(f"  {100 * v / n:6.2f}%  {stage}")


if __name__ == "__main__":
    main()
