#!/usr/bin/env python3
"""Evaluate voices on PolNeAR (Newell, Margolin and Ruths, LREC 2018), a corpus of 1,008 US
political news articles with every attribution annotated (source, cue and content spans, brat
standoff files). The data is not in this repository; get it with

    git clone https://github.com/networkdynamics/PolNeAR

and pass the checkout (the directory holding data/): see bench/polnear/README.md.

    python3 bench/polnear/eval.py --polnear PATH [--split dev] [--bin target/release/voices]
                                  [--pkg www/pkg] [--json OUT.json] [--dump OUT.jsonl]

Standard library only. The analyser runs once over the whole split (`voices analyse --jsonl`).

The metric (also in bench/polnear/README.md)
-------------------------------------------
Units. A gold attribution is one brat event (Attribution or Attribution-no-source) of the
article's first annotator (the .ann file whose name sorts first): its content (Content plus
any Content2, every fragment), its source (absent for Attribution-no-source) and its cue. A
system attribution is a group of our quotes sharing the same `source` and `cue` spans (the two
halves of `"A," she said, "B."` are one attribution in PolNeAR); a quote with neither joins
the attribution of the quote before it when both have the same speaker and no line break
separates them (`"A," she said. "B."`), else it is an attribution of its own. Its content is the union of its quotes' spans.

Tokens. A span is compared as the set of word tokens (runs of letters and digits, with inner
apostrophes: "didn't", "Smith's") it touches, so quote marks, punctuation and whitespace at the
edges never decide a match. A span with no word token keeps its punctuation tokens.

Exact match: the same token set. Overlap match: the tokens both share cover at least half of
the gold span's tokens, and the system span has at most twice as many tokens as the gold one
(so one system span covering a whole paragraph does not match every attribution in it).

Matching is one-to-one and greedy, separately for content, source and cue and for each
criterion: among all gold/system pairs meeting the criterion, the pair sharing most tokens is
taken first (ties: the smaller union, then, for sources and cues, the pair whose contents were
matched: several attributions may share one source mention, "X pointed to …, noting that …").
P = matched / system spans, R = matched / gold spans.

Kinds. A gold attribution is direct when every content fragment, trimmed of spaces and final
punctuation, begins and ends with a double quote mark (" “ ” or the archive style ''), or
begins with one and holds no other (a quote running over paragraphs); else indirect/mixed. A system attribution is direct when all its quotes have kind "direct". Source
and cue spans take the kind of their attribution. Matching is done once over all kinds; a
kind's recall counts the gold spans of that kind, its precision the system spans of that kind.

content+source: a content overlap match whose two attributions' sources also match by overlap.

Source -> right entity: of the gold attributions whose source is a name or a nominal (not a
pronoun, "who" or the like) and whose content a system attribution matched (overlap), the
share where that attribution's speaker (a person or an organisation) is the gold source: one
of the entity's mentions shares a content word with the gold source span, or one of its names
or aliases occurs, as whole words and case-insensitively, in the gold source text (or the
reverse: "Smith" for an entity named "Jane Smith"). This measures resolution, the step after
finding; finding is measured by the span rows. The table also gives the share over all such
gold attributions, found or not, which no system can raise above its content recall.

Speed: articles per second of the one CLI run over the split (process start, JSON reading
and writing included); with --pkg (a wasm-pack web build such as www/pkg), also in wasm under
Node, timed in bench/polnear/wasm_speed.mjs.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import time

GET_IT = """\
PolNeAR is not in this repository (its licence and size keep it out). Get it with

    git clone https://github.com/networkdynamics/PolNeAR /path/to/PolNeAR

and run

    make polnear POLNEAR=/path/to/PolNeAR [SPLIT=dev|train]
"""

TOKEN_RE = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]")
DOUBLE_QUOTES = '"“”'
FINAL_PUNCT = " \t\n.,;:!?—–-)"
PRONOUNS = {
    "i", "me", "my", "we", "us", "our", "you", "your", "he", "him", "his", "she", "her",
    "it", "its", "they", "them", "their", "who", "whom", "whose", "which", "that", "this",
    "these", "those", "himself", "herself", "itself", "themselves", "ourselves", "myself",
    "one", "some", "others", "many", "both", "all", "most", "several", "few", "someone",
    "somebody", "everyone", "everybody", "anyone", "nobody", "none", "each", "another",
}
FUNCTION_WORDS = PRONOUNS | {
    "a", "an", "the", "of", "for", "and", "or", "in", "on", "at", "to", "from", "with", "by",
    "mr", "mrs", "ms", "dr", "s",
}


# ---------------------------------------------------------------------------------- gold

# Speech acts: the verbs of communication of Levin (1993, classes 37.1-37.11, "English Verb
# Classes and Alternations"), less those that are not about saying something ("show",
# "demonstrate", "read", "teach"), plus the verbs news writers use for speech online and in
# writing. A gold attribution is a speech attribution when it is direct, or when its cue holds
# one of these verbs (any inflection) or the phrase "according to", "called for/on", "in a
# statement". Thoughts, beliefs, intentions, polls and documents ("she believes", "the poll
# shows") are attributions in PolNeAR but not speech.
SPEECH_VERBS = """
add admit advise affirm agree alert allege announce answer argue articulate ask assert assure
babble bark bellow blurt boast brag brief cable caution charge chat cite claim comment complain
concede conclude confess confide confirm contend convey counter counsel croak cry declare
decry demand deny describe dictate disclose echo e-mail email emphasize emphasise estimate
exclaim explain fax gripe groan growl grumble grunt hint hiss holler insist instruct interview
joke lament lecture lie maintain mention moan mumble murmur mutter narrate note notify object
observe phone plead pledge post preach predict proclaim promise pronounce propose protest quip
quote rant reassure recall recite recount reiterate relate relay remark remind repeat reply
report respond retort reveal roar say scream shout shriek sigh speak speculate state stress
suggest swear talk telephone tell testify text thunder tweet urge vow warn whine whisper wire
wonder write yell
""".split()
IRREGULAR = {"said": "say", "says": "say", "told": "tell", "wrote": "write", "written": "write",
             "spoke": "speak", "spoken": "speak", "swore": "swear", "sworn": "swear",
             "cried": "cry", "cries": "cry", "lay": "lie"}
SPEECH_PHRASES = ("according to", "called for", "called on", "calls for", "calls on",
                  "call for", "call on", "calling for", "calling on", "in a statement")


def lemma_candidates(word):
    w = word.lower()
    yield IRREGULAR.get(w, w)
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("es", ""), ("es", "e"), ("s", ""),
                         ("ed", ""), ("ed", "e"), ("d", ""), ("ing", ""), ("ing", "e")):
        if w.endswith(suffix) and len(w) > len(suffix) + 1:
            stem = w[: -len(suffix)] + repl
            yield stem
            if len(stem) > 2 and stem[-1] == stem[-2]:  # "stopped" -> "stop"
                yield stem[:-1]


SPEECH_LEMMAS = frozenset(SPEECH_VERBS)


def is_speech(text, g):
    """Direct, or a cue that names a speech act (see SPEECH_VERBS)."""
    if g["kind"] == "direct":
        return True
    cue = " ".join(text[a:b] for a, b in g["cue"] or []).lower()
    if any(p in cue for p in SPEECH_PHRASES):
        return True
    return any(lem in SPEECH_LEMMAS for w in re.findall(r"[a-z][a-z-]*", cue)
               for lem in lemma_candidates(w))


def find_articles(root, split):
    base = os.path.join(root, "data", split)
    tdir, adir = os.path.join(base, "text"), os.path.join(base, "attributions")
    if not (os.path.isdir(tdir) and os.path.isdir(adir)):
        sys.exit(f"eval.py: no {split} split at {base} (expected text/ and attributions/)\n\n"
                 + GET_IT)
    anns = sorted(os.listdir(adir))
    out = []
    for f in sorted(os.listdir(tdir)):
        if not f.endswith(".txt"):
            continue
        name = f[:-4]
        pat = re.compile(re.escape(name) + r"_[0-9a-f]+\.ann")
        first = next((a for a in anns if pat.fullmatch(a)), None)
        if first is None:
            print(f"eval.py: no annotation for {name}, skipped", file=sys.stderr)
            continue
        out.append((name, os.path.join(tdir, f), os.path.join(adir, first)))
    if not out:
        sys.exit(f"eval.py: no article in {base}\n\n" + GET_IT)
    return out


def parse_ann(path):
    """Brat standoff: text-bound annotations T and events E. Offsets are code points."""
    spans, events = {}, []
    with open(path, encoding="utf-8", newline="") as fh:
        for line in fh:
            parts = line.rstrip("\r\n").split("\t")
            if len(parts) < 2:
                continue
            if parts[0].startswith("T"):
                typ, _, offs = parts[1].partition(" ")
                frags = []
                for frag in offs.split(";"):
                    a, b = frag.split()
                    frags.append((int(a), int(b)))
                spans[parts[0]] = (typ, frags)
            elif parts[0].startswith("E"):
                roles = {}
                for r in parts[1].split():
                    k, _, v = r.partition(":")
                    roles.setdefault(re.sub(r"\d+$", "", k), []).append(v)
                events.append(roles)
    gold = []
    for roles in events:
        content = [f for t in roles.get("Content", []) if t in spans for f in spans[t][1]]
        if not content:
            continue
        def frags(role):
            fs = [f for t in roles.get(role, []) if t in spans for f in spans[t][1]]
            return sorted(fs) or None
        gold.append({"content": sorted(content), "source": frags("Source"), "cue": frags("Cue")})
    return gold


def gold_kind(text, frags):
    """direct when every fragment is wrapped in double quote marks (see the module doc)."""
    for a, b in frags:
        t = text[a:b].strip().rstrip(FINAL_PUNCT)
        opens = t[:1] in DOUBLE_QUOTES or t.startswith("''")
        closes = t[-1:] in DOUBLE_QUOTES or t.endswith("''")
        inner = sum(t[1:].count(q) for q in DOUBLE_QUOTES)
        # a quote running over paragraphs opens each of them and closes only the last
        if not (len(t) >= 2 and opens and (closes or inner == 0)):
            return "reported"
    return "direct"


# -------------------------------------------------------------------------------- tokens

class Doc:
    def __init__(self, text):
        self.text = text
        self.tokens = [(m.start(), m.end(), bool(re.search(r"\w", m.group())))
                       for m in TOKEN_RE.finditer(text)]
        self.starts = [t[0] for t in self.tokens]
        # UTF-16 offset -> code point index (identity for BMP-only texts)
        if any(ord(c) > 0xFFFF for c in text):
            self.u16 = []
            for i, c in enumerate(text):
                self.u16.append(i)
                if ord(c) > 0xFFFF:
                    self.u16.append(i + 1)  # inside a surrogate pair: round up
            self.u16.append(len(text))
        else:
            self.u16 = None

    def from_u16(self, off):
        if self.u16 is None:
            return off
        return self.u16[min(off, len(self.u16) - 1)]

    def toks(self, frags):
        """Word-token indices touched by the fragments (punctuation tokens if no word)."""
        import bisect
        words, punct = set(), set()
        for a, b in frags:
            if b <= a:
                continue
            i = max(0, bisect.bisect_right(self.starts, a) - 1)
            while i < len(self.tokens) and self.tokens[i][0] < b:
                s, e, w = self.tokens[i]
                if e > a:
                    (words if w else punct).add(i)
                i += 1
        return frozenset(words or punct)

    def words(self, toks):
        return [self.text[self.tokens[i][0]:self.tokens[i][1]] for i in sorted(toks)]


# -------------------------------------------------------------------------------- system

def system_attributions(doc, analysis):
    ents = {}
    for key in ("people", "organisations"):
        for e in analysis.get(key) or []:
            ents[e["id"]] = e
    groups, order = {}, []
    prev, prev_key = None, None
    for q in sorted(analysis.get("quotes") or [], key=lambda q: q["start"]):
        src, cue = q.get("source"), q.get("cue")
        key = (("s", src["start"], src["end"]) if src else None,
               ("c", cue["start"], cue["end"]) if cue else None)
        if key == (None, None):
            gap = doc.text[doc.from_u16(prev["end"]):doc.from_u16(q["start"])] if prev else "\n"
            if prev and prev["speaker"] == q["speaker"] and "\n" not in gap:
                key = prev_key  # the second half of "A," she said, "B."
            else:
                key = ("q", q["id"])
        prev, prev_key = q, key
        if key not in groups:
            groups[key] = []
            order.append(key)
        groups[key].append(q)
    out = []
    span = lambda s: [(doc.from_u16(s["start"]), doc.from_u16(s["end"]))] if s else None
    for key in order:
        qs = groups[key]
        longest = max(qs, key=lambda q: q["end"] - q["start"])
        out.append({
            "content": sorted((doc.from_u16(q["start"]), doc.from_u16(q["end"])) for q in qs),
            "source": span(qs[0].get("source")),
            "cue": span(qs[0].get("cue")),
            "kind": "direct" if all(q["kind"] == "direct" for q in qs) else "reported",
            "speaker": ents.get(longest.get("speaker")),
            "quotes": [q["id"] for q in qs],
        })
    return out


# ------------------------------------------------------------------------------ matching

def exact(g, s, inter):
    return g == s


def overlap(g, s, inter):
    return 2 * inter >= len(g) and len(s) <= 2 * len(g)


def match(gold, system, criterion, paired=frozenset()):
    """One-to-one greedy matching of token sets; returns {gold index: system index}. Among
    equally good candidates, the (gold, system) pairs in `paired` go first."""
    index = {}
    for j, s in enumerate(system):
        for t in s:
            index.setdefault(t, set()).add(j)
    cands = []
    for i, g in enumerate(gold):
        seen = set()
        for t in g:
            seen |= index.get(t, set())
        for j in seen:
            inter = len(g & system[j])
            if criterion(g, system[j], inter):
                cands.append((-inter, len(g | system[j]), (i, j) not in paired, i, j))
    cands.sort()
    pairs, used = {}, set()
    for *_, i, j in cands:
        if i not in pairs and j not in used:
            pairs[i] = j
            used.add(j)
    return pairs


def norm(s):
    s = s.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"').lower()
    s = re.sub(r"'s\b", "", s)
    return " " + " ".join(re.findall(r"\w+", s)) + " "


def right_entity(doc, gold_src_toks, gold_src_text, ent):
    if ent is None:
        return False
    content = {i for i in gold_src_toks
               if doc.text[doc.tokens[i][0]:doc.tokens[i][1]].lower() not in FUNCTION_WORDS}
    for m in ent.get("mentions") or []:
        if content & doc.toks([(doc.from_u16(m["start"]), doc.from_u16(m["end"]))]):
            return True
    g = norm(gold_src_text)
    names = [ent.get("name") or "", ent.get("acronym") or ""] + list(ent.get("aliases") or [])
    for n in names:
        a = norm(n)
        if a.strip() and not set(a.split()) <= FUNCTION_WORDS and (a in g or g in a):
            return True
    return False


# ---------------------------------------------------------------------------------- main

def prf(tp_p, n_sys, tp_r, n_gold):
    p = tp_p / n_sys if n_sys else 0.0
    r = tp_r / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def run_cli(binary, texts, speech_acts=False):
    payload = "".join(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n"
                      for i, t in enumerate(texts)).encode("utf-8")
    t0 = time.perf_counter()
    args = [binary, "analyse", "--jsonl"] + (["--speech-acts"] if speech_acts else [])
    proc = subprocess.run(args, input=payload, capture_output=True)
    elapsed = time.perf_counter() - t0
    if proc.returncode not in (0, 1):
        sys.exit(f"eval.py: {binary} failed ({proc.returncode}): "
                 + proc.stderr.decode("utf-8", "replace")[-2000:])
    results, errors = [{} for _ in texts], 0
    for line in proc.stdout.decode("utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        if "error" in rec and "quotes" not in rec:
            errors += 1
            continue
        results[rec["id"]] = rec
    return results, elapsed, errors, payload


def wasm_speed(pkg, payload, speech_acts=False):
    script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "wasm_speed.mjs")
    if not (pkg and os.path.exists(os.path.join(pkg, "voices.js"))):
        return None
    try:
        args = ["node", script, pkg] + (["--speech-acts"] if speech_acts else [])
        proc = subprocess.run(args, input=payload, capture_output=True,
                              timeout=600)
    except (OSError, subprocess.TimeoutExpired) as e:
        print(f"eval.py: wasm timing skipped ({e})", file=sys.stderr)
        return None
    if proc.returncode != 0:
        print("eval.py: wasm timing failed: " + proc.stderr.decode("utf-8", "replace")[-1000:],
              file=sys.stderr)
        return None
    return json.loads(proc.stdout)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--polnear", default=os.environ.get("POLNEAR", ""),
                    help="PolNeAR checkout (the directory holding data/)")
    ap.add_argument("--split", default="dev", choices=["train", "dev", "test"])
    ap.add_argument("--bin", default="target/release/voices")
    ap.add_argument("--pkg", default="", help="wasm-pack web build to time under Node")
    ap.add_argument("--json", default="", help="write the figures here")
    ap.add_argument("--dump", default="",
                    help="write every gold and system attribution with its match (JSON Lines; "
                         "holds corpus text: keep it out of the repository)")
    ap.add_argument("--check", action="store_true", help="only check that the split is there")
    ap.add_argument("--speech-acts", action="store_true",
                    help="run the analyser with --speech-acts (noun-phrase contents too)")
    args = ap.parse_args()
    if not args.polnear:
        sys.exit("eval.py: no PolNeAR path given (--polnear PATH or POLNEAR=PATH)\n\n" + GET_IT)
    if args.check:
        find_articles(args.polnear, args.split)
        return
    if args.split == "test":
        print("eval.py: the test split is for the final figure only: never tune on it",
              file=sys.stderr)

    arts = find_articles(args.polnear, args.split)
    texts = []
    for _, tpath, _ in arts:
        with open(tpath, encoding="utf-8", newline="") as fh:
            texts.append(fh.read())
    results, elapsed, errors, payload = run_cli(args.bin, texts, args.speech_acts)

    roles = ("content", "source", "cue")
    kinds = ("direct", "reported", "all", "speech")

    def gold_in(k, g):
        return k == "all" or k == g["kind"] or k == "speech" and g["speech"]

    def sys_in(k, a):
        # The analyser reports speech only: every system attribution counts in "speech".
        return k in ("all", "speech", a["kind"])

    counts = {(r, c, k): [0, 0, 0, 0] for r in roles + ("content+source",)
              for c in ("exact", "overlap") for k in kinds}  # tp_sys, n_sys, tp_gold, n_gold
    ent = {k: [0, 0, 0] for k in kinds}  # right, eligible, content found
    n_gold_attr = {k: 0 for k in kinds}
    n_sys_attr = {k: 0 for k in kinds}
    n_quotes = 0
    dump = open(args.dump, "w", encoding="utf-8") if args.dump else None

    for (name, _, apath), text, res in zip(arts, texts, results):
        doc = Doc(text)
        gold = parse_ann(apath)
        for g in gold:
            g["kind"] = gold_kind(text, g["content"])
            g["speech"] = is_speech(text, g)
        sysa = system_attributions(doc, res)
        n_quotes += len(res.get("quotes") or [])
        for k in kinds:
            n_gold_attr[k] += sum(1 for g in gold if gold_in(k, g))
            n_sys_attr[k] += sum(1 for s in sysa if sys_in(k, s))
        pairs = {}
        for role in roles:
            gi = [i for i, g in enumerate(gold) if g[role]]
            si = [j for j, s in enumerate(sysa) if s[role]]
            gt = [doc.toks(gold[i][role]) for i in gi]
            st = [doc.toks(sysa[j][role]) for j in si]
            # Several attributions may share one source ("X pointed to …, noting that …"):
            # a tie goes to the attribution whose content matched.
            local_g, local_s = {i: a for a, i in enumerate(gi)}, {j: b for b, j in enumerate(si)}
            paired = frozenset((local_g[i], local_s[j])
                               for i, j in pairs.get(("content", "overlap"), {}).items()
                               if i in local_g and j in local_s)
            for crit, fn in (("exact", exact), ("overlap", overlap)):
                m = {gi[a]: si[b] for a, b in match(gt, st, fn, paired).items()}
                pairs[(role, crit)] = m
                for k in kinds:
                    c = counts[(role, crit, k)]
                    c[0] += sum(1 for j in m.values() if sys_in(k, sysa[j]))
                    c[1] += sum(1 for j in si if sys_in(k, sysa[j]))
                    c[2] += sum(1 for i in m if gold_in(k, gold[i]))
                    c[3] += sum(1 for i in gi if gold_in(k, gold[i]))
        for crit in ("exact", "overlap"):
            cm = pairs[("content", crit)]
            fn = exact if crit == "exact" else overlap
            both = {}
            for i, j in cm.items():
                gs, ss = gold[i]["source"], sysa[j]["source"]
                if gs and ss:
                    a, b = doc.toks(gs), doc.toks(ss)
                    if fn(a, b, len(a & b)):
                        both[i] = j
            for k in kinds:
                c = counts[("content+source", crit, k)]
                c[0] += sum(1 for j in both.values() if sys_in(k, sysa[j]))
                c[1] += sum(1 for s in sysa if sys_in(k, s))
                c[2] += sum(1 for i in both if gold_in(k, gold[i]))
                c[3] += sum(1 for g in gold if gold_in(k, g))
        cm = pairs[("content", "overlap")]
        for i, g in enumerate(gold):
            g["entity"] = None
            if not g["source"]:
                continue
            stoks = doc.toks(g["source"])
            if all(w.lower() in PRONOUNS for w in doc.words(stoks)):
                continue
            stext = " ".join(text[a:b] for a, b in g["source"])
            j = cm.get(i)
            g["entity"] = j is not None and right_entity(doc, stoks, stext, sysa[j]["speaker"])
            for k in (k for k in kinds if gold_in(k, g)):
                ent[k][1] += 1
                ent[k][2] += j is not None
                ent[k][0] += bool(g["entity"])
        if dump:
            for i, g in enumerate(gold):
                rec = {"article": name, "side": "gold", "kind": g["kind"], "speech": g["speech"],
                       "entity": g["entity"]}
                for role in roles:
                    rec[role] = g[role] and [text[a:b] for a, b in g[role]]
                    rec[role + "_span"] = g[role]
                    for crit in ("exact", "overlap"):
                        j = pairs[(role, crit)].get(i)
                        rec[f"{role}_{crit}"] = j
                dump.write(json.dumps(rec, ensure_ascii=False) + "\n")
            for j, s in enumerate(sysa):
                rec = {"article": name, "side": "system", "index": j, "kind": s["kind"],
                       "speaker": (s["speaker"] or {}).get("name")}
                for role in roles:
                    rec[role] = s[role] and [text[a:b] for a, b in s[role]]
                    rec[role + "_span"] = s[role]
                    for crit in ("exact", "overlap"):
                        rec[f"{role}_{crit}"] = j in pairs[(role, crit)].values()
                dump.write(json.dumps(rec, ensure_ascii=False) + "\n")
    if dump:
        dump.close()

    wasm = wasm_speed(args.pkg, payload, args.speech_acts)

    # ------------------------------------------------------------------------- report
    kname = {"direct": "direct", "reported": "indirect/mixed", "all": "all",
             "speech": "speech"}
    figures = {"split": args.split, "articles": len(arts), "gold_attributions": n_gold_attr,
               "system_attributions": n_sys_attr, "system_quotes": n_quotes,
               "errors": errors, "rows": [], "entity": {}, "speed": {}}
    print(f"PolNeAR {args.split}: {len(arts)} articles, {n_gold_attr['all']} gold attributions "
          f"({n_gold_attr['direct']} direct, {n_gold_attr['reported']} indirect/mixed; "
          f"{n_gold_attr['speech']} speech); "
          f"{n_sys_attr['all']} system attributions from {n_quotes} quotes"
          + (f"; {errors} analysis errors" if errors else ""))
    print()
    print("| spans | kind | gold | system | exact P | exact R | exact F1 "
          "| overlap P | overlap R | overlap F1 |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for role in roles + ("content+source",):
        for k in kinds:
            ex, ov = counts[(role, "exact", k)], counts[(role, "overlap", k)]
            pe, re_, fe = prf(*ex)
            po, ro, fo = prf(*ov)
            print(f"| {role} | {kname[k]} | {ov[3]} | {ov[1]} | {pe:.3f} | {re_:.3f} | {fe:.3f} "
                  f"| {po:.3f} | {ro:.3f} | {fo:.3f} |")
            figures["rows"].append({"spans": role, "kind": k, "gold": ov[3], "system": ov[1],
                                    "exact": [pe, re_, fe], "overlap": [po, ro, fo]})
    print()
    print("| source → right entity | kind | right | found | share of found "
          "| names and nominals | share of all |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for k in kinds:
        right, elig, found = ent[k]
        print(f"| | {kname[k]} | {right} | {found} | {right / found if found else 0:.3f} "
              f"| {elig} | {right / elig if elig else 0:.3f} |")
        figures["entity"][k] = {"right": right, "eligible": elig, "content_found": found}
    print()
    rate = len(arts) / elapsed if elapsed else 0.0
    chars = sum(len(t) for t in texts)
    print(f"Speed, native: {len(arts)} articles ({chars / 1e6:.2f} M characters) in "
          f"{elapsed:.2f} s = {rate:.0f} articles/s (one `voices analyse --jsonl` process, "
          f"start-up and JSON included)")
    figures["speed"]["native"] = {"articles": len(arts), "seconds": elapsed,
                                  "articles_per_s": rate}
    if wasm:
        wr = wasm["articles"] / wasm["seconds"]
        print(f"Speed, wasm ({args.pkg}, Node {wasm['node']}): {wasm['articles']} articles in "
              f"{wasm['seconds']:.2f} s = {wr:.0f} articles/s (analyse() calls after one "
              f"warm-up pass)")
        figures["speed"]["wasm"] = dict(wasm, articles_per_s=wr)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(figures, fh, indent=1)


if __name__ == "__main__":
    main()
