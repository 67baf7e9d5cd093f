"""Graphs and queries for oracle.py. Each revision: (id, down_revisions, depends_on, branch_labels)."""

GRAPHS = {
    "linear": [
        ("1a2b3c", [], [], []),
        ("2b3c4d", ["1a2b3c"], [], []),
        ("3c4d5e", ["2b3c4d"], [], []),
        ("4d5e6f", ["3c4d5e"], [], []),
        ("5e6f7a", ["4d5e6f"], [], []),
    ],
    "short": [
        ("001", [], [], []),
        ("002", ["001"], [], []),
        ("0030", ["002"], [], []),
    ],
    "prefix": [
        ("abcd1111", [], [], []),
        ("abcd2222", ["abcd1111"], [], []),
        ("abce3333", ["abcd2222"], [], []),
        ("abcd4444", ["abce3333"], [], []),
    ],
    "branched": [
        ("b0a0", [], [], []),
        ("b1a1", ["b0a0"], [], []),
        ("c2aa", ["b1a1"], [], ["cbr"]),
        ("d2bb", ["b1a1"], [], ["dbr"]),
        ("c3aa", ["c2aa"], [], []),
        ("d3bb", ["d2bb"], [], []),
    ],
    "merged": [
        ("b0a0", [], [], []),
        ("b1a1", ["b0a0"], [], []),
        ("c2aa", ["b1a1"], [], ["cbr"]),
        ("d2bb", ["b1a1"], [], ["dbr"]),
        ("c3aa", ["c2aa"], [], []),
        ("d3bb", ["d2bb"], [], []),
        ("e4cd", ["c3aa", "d3bb"], [], []),
        ("e5ff", ["e4cd"], [], []),
    ],
    "multibase": [
        ("x1aa", [], [], ["xbr"]),
        ("x2aa", ["x1aa"], [], []),
        ("x3aa", ["x2aa"], [], []),
        ("y1bb", [], [], ["ybr"]),
        ("y2bb", ["y1bb"], [], []),
        ("y3bb", ["y2bb"], [], []),
    ],
    "deps": [
        ("aa01", [], [], ["a"]),
        ("aa02", ["aa01"], [], []),
        ("aa03", ["aa02"], [], []),
        ("bb01", [], [], ["b"]),
        ("bb02", ["bb01"], ["aa02"], []),
        ("bb03", ["bb02"], [], []),
        ("cc01", [], ["b"], ["c"]),
        ("cc02", ["cc01"], [], []),
    ],
    "effective": [
        ("dd01", [], [], []),
        ("dd02", ["dd01"], [], []),
        ("ee01", [], ["dd02"], []),
        ("ee02", ["ee01"], [], []),
    ],
    "labelline": [
        ("lbl1", [], [], []),
        ("lbl2", ["lbl1"], [], ["mid"]),
        ("lbl3", ["lbl2"], [], []),
        ("lbl4", ["lbl3"], [], []),
    ],
    "twobranch": [
        ("a000", [], [], []),
        ("b000", ["a000"], [], []),
        ("c000", ["b000"], [], ["left"]),
        ("d000", ["c000"], [], []),
        ("e000", ["b000"], [], ["right"]),
        ("f000", ["e000"], [], []),
        ("g000", ["d000", "f000"], [], []),
        ("h000", ["b000"], [], ["side"]),
        ("i000", ["h000"], [], []),
    ],
    # Three bases; the middle of one line depends on another line, and a
    # merge joins two lines whose bases differ (Alembic's cross-dependency tests).
    "crossdep": [
        ("base1aa", [], [], ["b_1"]),
        ("a1aaaa", ["base1aa"], [], []),
        ("b1aaaa", ["a1aaaa"], [], []),
        ("base2bb", [], [], ["b_2"]),
        ("a2bbbb", ["base2bb"], [], []),
        ("b2bbbb", ["a2bbbb"], ["b_1"], []),
        ("c2bbbb", ["b2bbbb"], [], []),
        ("base3cc", [], [], ["b_3"]),
        ("a3cccc", ["base3cc"], ["a1aaaa"], []),
        ("b3cccc", ["a3cccc"], [], []),
        ("m4dddd", ["b1aaaa", "b3cccc"], [], []),
    ],
    # Diamond with a dependency on the merge's parent from a side branch.
    "mergedeps": [
        ("r0r0", [], [], []),
        ("p1p1", ["r0r0"], [], []),
        ("q1q1", ["r0r0"], [], []),
        ("m2m2", ["p1p1", "q1q1"], [], []),
        ("s1s1", [], ["p1p1"], ["side"]),
        ("s2s2", ["s1s1"], ["q1q1"], []),
        ("t3t3", ["m2m2"], ["s2s2"], []),
    ],
    "cycle": [
        ("aaaa", [], [], []),
        ("bbbb", ["aaaa", "dddd"], [], []),
        ("cccc", ["bbbb"], [], []),
        ("dddd", ["cccc"], [], []),
        ("eeee", ["aaaa"], [], []),
    ],
    "allcycle": [
        ("aaaa", ["cccc"], [], []),
        ("bbbb", ["aaaa"], [], []),
        ("cccc", ["bbbb"], [], []),
    ],
    "depcycle": [
        ("aaaa", [], [], []),
        ("bbbb", ["aaaa"], ["cccc"], []),
        ("cccc", ["aaaa"], ["bbbb"], []),
        ("dddd", ["aaaa"], [], []),
    ],
    "labelid": [
        ("aaaa", [], [], []),
        ("bbbb", ["aaaa"], [], ["aaaa"]),
    ],
}

Q = []


def add(graph, *q):
    Q.append((graph, list(q)))


# identifiers
for g, idents in {
    "linear": ["1a2b3c", "1a2b", "1a2", "1a", "3c4d5e", "3c4", "zzzz", "zz", "head", "heads", "base",
               "-1", "-2", "-5", "-6", "+1", "1a2b3c+2", "2b3c+1", "5e6f7a-2", "5e6f7a+1", "1a2b3c-1",
               "heads@head", "head@head", "1a2b3c@head", "5e6f7a@-1", "base+1", "base-1", "current"],
    "short": ["001", "00", "002", "003", "0030", "003", "0", "head", "-1", "001+1"],
    "prefix": ["abcd", "abcd1", "abcd2222", "abce", "abc", "abcd4", "abcd@head"],
    "branched": ["head", "heads", "cbr", "dbr", "cbr@head", "dbr@head", "cbr@heads", "cbr@base",
                 "cbr@c3aa", "cbr@d3bb", "dbr@d3", "cbr@-1", "dbr@-2", "-1", "c2aa@head", "b1a1@head",
                 "nope@head", "c3aa+1", "b1a1+1", "cbr@b1a1+1", "cbr@c2", "b0a0+1", "b0a0@head",
                 "heads@cbr"],
    "merged": ["head", "heads", "cbr@head", "dbr@head", "e4cd-1", "-1", "-3", "cbr@-1", "c3aa+1", "cbr",
               "cbr@e5ff", "b1a1+2"],
    "multibase": ["heads", "head", "xbr@head", "ybr@head", "xbr@base", "xbr@+1", "xbr@-1", "ybr@x2aa",
                  "x1aa@head", "-1", "xbr@heads", "base+1"],
    "deps": ["heads", "head", "a@head", "b@head", "c@head", "c", "bb02", "cc01@head", "c@-1", "b@heads"],
    "effective": ["heads", "head", "dd02", "dd02@head", "-1"],
    "labelline": ["mid", "mid@head", "mid@base", "lbl1@head", "mid@-1", "mid@lbl1", "mid@+1"],
    "twobranch": ["heads", "head", "left@head", "right@head", "side@head", "g000-1", "i000-3", "left@heads",
                  "side@c000", "b000+1", "left@b000+1", "d000+1"],
}.items():
    for i in idents:
        add(g, "get", i)
        add(g, "resolve", [i])

for g in ("crossdep", "mergedeps"):
    for i in ["heads", "head", "base", "b_1@head", "b_2@head", "b_3@head", "side@head", "side@-1", "-1",
              "m4dd", "b2bbbb-1", "b_2@-2", "a3cccc+1", "b_3@base", "m2m2-1", "r0r0+1", "side@base"]:
        add(g, "get", i)
        add(g, "resolve", [i])
    for lo, up in [("", ""), ("", "heads"), ("b_1@base", "b_1@head"), ("b_2@base", "b_2@head"), ("-1", ""),
                   ("a1aaaa", "heads"), ("p1p1", "t3t3"), ("", "s2s2"), ("", "m4dddd"), ("base2bb", "c2bbbb")]:
        add(g, "walk", lo, up)

for cur, tgt in [([], "heads"), ([], "b_2@head"), ([], "c2bbbb"), (["a1aaaa"], "b2bbbb"), (["b1aaaa"], "m4dddd"),
                 (["b1aaaa", "a2bbbb"], "heads"), (["base3cc"], "b_3@+1"), (["a2bbbb"], "b_2@+1"), ([], "m4dddd"),
                 (["c2bbbb"], "heads"), (["m4dddd"], "heads"), (["base1aa", "base2bb", "base3cc"], "heads")]:
    add("crossdep", "upgrade", cur, tgt)
for cur, tgt in [(["m4dddd", "c2bbbb"], "base"), (["m4dddd", "c2bbbb"], "a1aaaa"), (["m4dddd", "c2bbbb"], "b_2@base"),
                 (["m4dddd", "c2bbbb"], "b_1@base"), (["m4dddd", "c2bbbb"], "b_3@-1"), (["m4dddd", "c2bbbb"], "base1aa"),
                 (["c2bbbb"], "a2bbbb"), (["c2bbbb", "b1aaaa"], "base1aa"), (["m4dddd", "c2bbbb"], "-1"),
                 (["m4dddd", "c2bbbb"], "b3cccc")]:
    add("crossdep", "downgrade", cur, tgt)
for cur, tgt in [([], "heads"), ([], "t3t3"), (["p1p1"], "m2m2"), (["m2m2"], "t3t3"), (["s1s1"], "t3t3"),
                 (["p1p1", "q1q1"], "heads"), (["m2m2", "s2s2"], "heads"), ([], "side@head"), (["q1q1"], "s2s2")]:
    add("mergedeps", "upgrade", cur, tgt)
for cur, tgt in [(["t3t3"], "base"), (["t3t3"], "m2m2"), (["t3t3"], "p1p1"), (["t3t3"], "side@base"),
                 (["t3t3"], "s1s1"), (["t3t3"], "r0r0"), (["t3t3"], "-1"), (["m2m2", "s2s2"], "q1q1"),
                 (["t3t3"], "q1q1")]:
    add("mergedeps", "downgrade", cur, tgt)
for g, cur, tgts in [("crossdep", [], ["heads"]), ("crossdep", ["b1aaaa"], ["c2bbbb"]), ("crossdep", ["m4dddd", "c2bbbb"], ["a1aaaa"]),
                     ("crossdep", ["c2bbbb"], ["base2bb"]), ("mergedeps", ["t3t3"], ["m2m2"]), ("mergedeps", ["m2m2"], ["s2s2"]),
                     ("mergedeps", ["p1p1", "q1q1"], ["m2m2"]), ("mergedeps", [], ["side@head"])]:
    add(g, "stamp", cur, tgts, False)
for g, rows in [("crossdep", ["m4dddd", "c2bbbb"]), ("crossdep", ["c2bbbb"]), ("crossdep", ["b3cccc"]),
                ("mergedeps", ["t3t3"]), ("mergedeps", ["s2s2"]), ("mergedeps", ["m2m2", "s2s2"])]:
    add(g, "current", rows)

add("branched", "resolve", ["c3aa", "d3bb"])
add("branched", "resolve", ["heads", "b1a1"])
add("merged", "resolve", ["cbr@-1", "dbr@-1"])

# history walks
for g, walks in {
    "linear": [("", ""), ("2b3c4d", ""), ("", "3c4d5e"), ("2b3c4d", "4d5e6f"), ("4d5e6f", "2b3c4d"),
               ("-2", ""), ("", "-2"), ("base", "head"), ("1a2b3c", "1a2b3c"), ("-1", "head"), ("+1", ""),
               ("", "+2"), ("-9", ""), ("", "zzzz"), ("3c4d5e", "+1"), ("2b3c4d+1", "")],
    "branched": [("", ""), ("cbr@base", "cbr@head"), ("", "cbr@head"), ("c2aa", "d3bb"), ("b1a1", "heads"),
                 ("", "head"), ("cbr@b1a1", "heads"), ("-1", ""), ("b1a1", ""), ("d2bb", "")],
    "merged": [("", ""), ("c2aa", "e5ff"), ("d3bb", "heads"), ("", "e4cd"), ("b1a1", "e4cd"), ("-2", "")],
    "multibase": [("", ""), ("xbr@base", "xbr@head"), ("x1aa", "y3bb"), ("ybr@y1bb", "heads"), ("", "head")],
    "deps": [("", ""), ("", "bb03"), ("aa02", "heads"), ("", "c@head"), ("b@base", "b@head")],
    "effective": [("", ""), ("", "ee02")],
    "twobranch": [("", ""), ("b000", "g000"), ("", "side@head"), ("c000", "heads"), ("left@base", "left@head")],
    "labelline": [("", ""), ("mid@base", "mid@head")],
    "short": [("", ""), ("001", "0030")],
}.items():
    for lo, up in walks:
        add(g, "walk", lo, up)

# upgrades: (current rows, target)
for g, ups in {
    "linear": [([], "head"), ([], "heads"), ([], "3c4d5e"), (["2b3c4d"], "head"), (["5e6f7a"], "head"),
               (["4d5e6f"], "2b3c4d"), ([], "+2"), (["2b3c4d"], "+2"), (["2b3c4d"], "+9"), (["2b3c4d"], "-1"),
               ([], "base"), (["5e6f7a"], "base"), (["2b3c4d"], "3c4d5e+1"), (["2b3c4d"], "zzzz"),
               (["zzzz"], "head"), (["2b3c4d", "4d5e6f"], "head"), (["2b3c4d"], "4d5e6f-1"), (["3c4d5e"], "+0"),
               (["2b3c4d"], "1a2b3c@head")],
    "branched": [([], "heads"), ([], "head"), ([], "cbr@head"), ([], "dbr@head"), (["c2aa"], "heads"),
                 (["c3aa"], "dbr@head"), (["c3aa"], "heads"), (["b1a1"], "cbr@+1"), (["b1a1"], "+1"),
                 (["c3aa"], "dbr@+1"), (["c3aa", "d2bb"], "heads"), (["c3aa", "d2bb"], "dbr@+1"), ([], "cbr@+2"),
                 (["c2aa"], "cbr@head"), (["c3aa", "d3bb"], "heads"), (["d3bb"], "c2aa"), ([], "c3aa")],
    "merged": [([], "head"), (["c3aa"], "head"), (["c3aa", "d3bb"], "head"), (["c2aa", "d2bb"], "e4cd"),
               (["c3aa", "d2bb"], "head"), (["b1a1"], "heads"), (["c3aa", "d3bb"], "+1"), (["e4cd"], "+1"),
               (["d3bb"], "cbr@head"), (["c3aa"], "dbr@head"), ([], "dbr@+3")],
    "multibase": [([], "heads"), ([], "xbr@head"), (["x2aa"], "ybr@head"), (["x2aa"], "heads"),
                  (["x3aa"], "ybr@+1"), (["x3aa", "y1bb"], "heads"), ([], "head"), (["x1aa"], "+1"),
                  (["x1aa", "y1bb"], "+1"), (["x1aa", "y1bb"], "xbr@+1")],
    "deps": [([], "heads"), ([], "bb03"), ([], "b@head"), ([], "c@head"), (["aa02"], "b@head"),
             (["aa01"], "bb02"), (["aa03"], "heads"), (["bb02"], "heads"), (["aa03", "bb03"], "heads"),
             (["cc02"], "heads"), ([], "cc01")],
    "effective": [([], "heads"), ([], "ee02"), (["dd01"], "ee01"), (["dd02"], "heads"), ([], "dd02")],
    "twobranch": [([], "heads"), ([], "g000"), (["d000"], "g000"), (["d000", "f000"], "heads"),
                  (["i000"], "heads"), (["b000"], "left@head"), (["g000"], "side@head"), (["d000"], "right@+1")],
    "labelline": [([], "mid@head"), (["lbl1"], "mid@+1"), ([], "mid@+2")],
}.items():
    for cur, tgt in ups:
        add(g, "upgrade", cur, tgt)

# downgrades
for g, downs in {
    "linear": [(["5e6f7a"], "base"), (["5e6f7a"], "3c4d5e"), (["5e6f7a"], "-1"), (["5e6f7a"], "-2"),
               (["5e6f7a"], "-5"), (["5e6f7a"], "-6"), (["5e6f7a"], "5e6f7a"), (["3c4d5e"], "5e6f7a"),
               (["3c4d5e"], "+1"), ([], "base"), ([], "-1"), (["5e6f7a"], "head"), (["4d5e6f"], "1a2b3c"),
               (["5e6f7a"], "4d5e6f-1"), (["5e6f7a"], "1a2b3c+1"), (["5e6f7a"], "zzzz"), (["3c4d5e"], "base-1")],
    "branched": [(["c3aa", "d3bb"], "base"), (["c3aa", "d3bb"], "b1a1"), (["c3aa", "d3bb"], "cbr@base"),
                 (["c3aa", "d3bb"], "dbr@-1"), (["c3aa", "d3bb"], "-1"), (["c3aa", "d3bb"], "c2aa"),
                 (["c3aa", "d3bb"], "cbr@b1a1"), (["c3aa"], "b0a0"), (["c3aa", "d3bb"], "dbr@-3"),
                 (["d3bb", "c3aa"], "-1"), (["c3aa", "d3bb"], "cbr@-2"), (["c3aa", "d3bb"], "heads")],
    "merged": [(["e5ff"], "base"), (["e5ff"], "-1"), (["e5ff"], "-2"), (["e4cd"], "-1"), (["e5ff"], "c3aa"),
               (["e5ff"], "d2bb"), (["e5ff"], "b1a1"), (["e5ff"], "cbr@base"), (["e5ff"], "cbr@-2"),
               (["e4cd"], "c3aa"), (["e5ff"], "dbr@d2bb")],
    "multibase": [(["x3aa", "y3bb"], "base"), (["x3aa", "y3bb"], "xbr@base"), (["x3aa", "y3bb"], "ybr@-1"),
                  (["x3aa", "y3bb"], "x1aa"), (["x3aa", "y3bb"], "-1"), (["x3aa", "y3bb"], "xbr@-2"),
                  (["x3aa"], "ybr@base")],
    "deps": [(["aa03", "bb03", "cc02"], "base"), (["aa03", "bb03", "cc02"], "aa01"),
             (["aa03", "bb03", "cc02"], "a@base"), (["aa03", "bb03", "cc02"], "b@base"),
             (["aa03", "bb03", "cc02"], "bb01"), (["aa03", "cc02"], "c@-1"), (["bb03"], "aa02"),
             (["aa03", "bb03"], "b@-1")],
    "effective": [(["ee02"], "base"), (["ee02"], "dd01"), (["ee02"], "ee01"), (["ee02"], "-1"), (["ee02", "dd02"], "dd01")],
    "twobranch": [(["g000", "i000"], "base"), (["g000", "i000"], "b000"), (["g000", "i000"], "left@base"),
                  (["g000", "i000"], "side@-1"), (["g000", "i000"], "d000"), (["g000", "i000"], "-1"),
                  (["g000"], "-1"), (["i000", "g000"], "-1"), (["g000", "i000"], "left@c000")],
    "labelline": [(["lbl4"], "mid@base"), (["lbl4"], "mid@-1"), (["lbl4"], "mid@lbl2")],
}.items():
    for cur, tgt in downs:
        add(g, "downgrade", cur, tgt)

# stamps: (rows, targets, purge)
for g, stamps in {
    "linear": [([], ["head"], False), (["2b3c4d"], ["head"], False), (["5e6f7a"], ["base"], False),
               (["5e6f7a"], ["2b3c4d"], False), (["5e6f7a"], ["5e6f7a"], False), (["zzzz"], ["head"], True),
               (["zzzz"], ["head"], False), ([], ["base"], False), (["3c4d5e"], ["heads"], False),
               (["3c4d5e"], ["-1"], False)],
    "branched": [([], ["heads"], False), ([], ["head"], False), (["c3aa"], ["d3bb"], False),
                 (["c3aa", "d3bb"], ["b1a1"], False), (["c3aa", "d3bb"], ["base"], False),
                 (["c3aa"], ["cbr@head"], False), (["c2aa"], ["c3aa", "d2bb"], False), (["b1a1"], ["heads"], False),
                 (["c3aa", "d3bb"], ["cbr@base"], False), (["c3aa", "d3bb"], ["c2aa"], False)],
    "merged": [(["c3aa", "d3bb"], ["e4cd"], False), (["e5ff"], ["c3aa", "d3bb"], False), (["e5ff"], ["c2aa"], False),
               ([], ["e4cd"], False), (["c3aa"], ["head"], False)],
    "multibase": [([], ["xbr@head", "ybr@head"], False), (["x3aa"], ["ybr@head"], False),
                  (["x3aa", "y3bb"], ["xbr@base"], False), (["x3aa", "y3bb"], ["x1aa"], False)],
    "deps": [([], ["heads"], False), (["aa03"], ["bb02"], False), (["bb03"], ["aa01"], False),
             (["aa03", "bb03", "cc02"], ["base"], False), (["cc02"], ["c@base"], False)],
    "effective": [([], ["ee02"], False), (["dd02"], ["ee02"], False), (["ee02"], ["dd01"], False)],
}.items():
    for cur, tgts, purge in stamps:
        add(g, "stamp", cur, tgts, purge)

# current
for g, rows in {
    "linear": [[], ["3c4d5e"], ["2b3c4d", "4d5e6f"], ["zzzz"]],
    "branched": [["c3aa", "d3bb"], ["c2aa", "b1a1"], ["b1a1"]],
    "merged": [["e4cd"], ["c3aa", "d3bb"]],
    "deps": [["bb03"], ["cc02"], ["aa01", "bb03"]],
    "effective": [["ee02"], ["ee01", "dd01"]],
}.items():
    for r in rows:
        add(g, "current", r)

QUERIES = Q
