"""Corpus throughput, `make bench-corpus` (README, Benchmarks): articles per second and per core
on a synthetic corpus built from the test fixtures (examples/make_corpus.py), for

  - the release CLI, `voices analyse --jsonl` (with --threads 1 and 2 when the CLI has that
    flag, else as it is), on the first --small articles and on all of them, with its peak RSS
    (its VmHWM, sampled) at both sizes;
  - voices.analyse_many in Python at 1 and 2 threads (the texts in memory, results as dicts);
  - examples/dask_corpus.py and examples/spark_corpus.py end to end (a fresh interpreter,
    cluster or JVM start, the analysis, Parquet out, shutdown), with the pipeline's own figure
    for the work alone and the rest reported as startup;
  - spaCy's small English model, nlp.pipe (bench/corpus/spacy_bench.py, in its own venv), on
    the first --spacy-articles articles: the reference a researcher would otherwise use.

Prints a Markdown table and merges its figures into target/bench.json under "corpus" (the rest
of that file is bench/bench.mjs's). Run it with the Python that has voices, Dask and PySpark
installed (target/pyenv):

    python bench/corpus/run.py [--articles 10000] [--small 1000] [--spacy-articles 1000]
        [--cli target/release/voices] [--spacy-python target/bench-pyenv/bin/python]
        [--skip dask spark spacy] [--repeat 3]

Every timing but the pipelines' and spaCy's is the fastest of --repeat runs (on a shared
machine other processes only ever add time). Figures, not tests: nothing here fails on a target.
"""

import argparse
import datetime
import json
import os
import platform
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "examples"))

import make_corpus  # noqa: E402

TARGETS = {"native_per_core": 2000, "vs_spacy": 10, "rss_growth": 1.25}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--small", type=int, default=1000,
                        help="the smaller CLI run, for peak memory at two sizes")
    parser.add_argument("--spacy-articles", type=int, default=1000)
    parser.add_argument("--shards", type=int, default=8)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--cli", default=str(ROOT / "target/release/voices"))
    parser.add_argument("--spacy-python", default=str(ROOT / "target/bench-pyenv/bin/python"))
    parser.add_argument("--work", default=str(ROOT / "target/bench/corpus"))
    parser.add_argument("--json", default=str(ROOT / "target/bench.json"))
    parser.add_argument("--skip", nargs="*", default=[], choices=["cli", "python", "dask", "spark", "spacy"])
    args = parser.parse_args()

    work = Path(args.work)
    corpus = prepare(work, args.articles, args.small, args.shards)
    say(f"{args.articles:,} articles, {corpus['megabytes']:.1f} MB, in {work}")

    rows = []
    extra = {"load_before": os.getloadavg()}
    spacy_rows = []
    if "spacy" not in args.skip:  # first: the slowest, and the one most likely to be missing
        extra["spacy"], spacy_rows = spacy(args.spacy_python, corpus["all"], args.spacy_articles)
    if "cli" not in args.skip:
        extra["cli"], cli_rows = cli(args.cli, corpus, args.repeat)
        rows += cli_rows
    if "python" not in args.skip:
        rows += python(args.articles, args.repeat)
    for engine in ("dask", "spark"):
        if engine not in args.skip:
            rows += pipeline(engine, corpus, work)
    rows += spacy_rows
    extra["load_after"] = os.getloadavg()

    reference = next((r for r in rows if r.get("reference")), None)
    for r in rows:
        r["per_core"] = r["articles_per_s"] / r["threads"]
    for r in rows:
        if reference:
            r["vs_spacy"] = r["per_core"] / reference["per_core"]

    targets = check_targets(rows, extra.get("cli"))
    report = {
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "machine": machine(),
        "articles": args.articles,
        "megabytes": corpus["megabytes"],
        "spacy_articles": args.spacy_articles if "spacy" not in args.skip else None,
        "rows": rows,
        "targets": targets,
        **extra,
    }
    merge_json(Path(args.json), report)
    print(markdown(rows, targets, report))
    print(f"\nwrote the \"corpus\" key of {args.json}")


def say(message):
    print(f"bench-corpus: {message}", file=sys.stderr, flush=True)


# The corpus ---------------------------------------------------------------------------------


def prepare(work, articles, small, shards):
    """Shards for the pipelines, and the same articles in one file (all.jsonl) and their first
    `small` (small.jsonl) for the CLI. Rewritten only when the count changes."""
    stamp = work / "corpus.json"
    info = json.loads(stamp.read_text()) if stamp.exists() else {}
    wanted = {"articles": articles, "small": small, "shards": shards, "maker": _maker_hash()}
    if {k: info.get(k) for k in wanted} != wanted:
        say(f"writing the synthetic corpus ({articles:,} articles, {shards} shards)")
        shard_dir = work / "shards"
        if shard_dir.exists():
            for old in shard_dir.glob("*.jsonl"):
                old.unlink()
        make_corpus.write(shard_dir, articles, shards)
        megabytes = 0
        with open(work / "all.jsonl", "wb") as every, open(work / "small.jsonl", "wb") as first:
            for n, (identifier, text) in enumerate(make_corpus.articles(articles)):
                line = json.dumps({"id": identifier, "text": text}, ensure_ascii=False).encode() + b"\n"
                every.write(line)
                if n < small:
                    first.write(line)
                megabytes += len(text.encode())
        info = {**wanted, "megabytes": megabytes / 1e6}
        stamp.write_text(json.dumps(info))
    return {
        **info,
        "all": work / "all.jsonl",
        "small_file": work / "small.jsonl",
        "shards_glob": str(work / "shards" / "*.jsonl"),
    }


def _maker_hash():
    import hashlib

    return hashlib.sha256((ROOT / "examples/make_corpus.py").read_bytes()).hexdigest()[:16]


# Engines ------------------------------------------------------------------------------------


def row(engine, threads, articles, seconds, **more):
    return {"engine": engine, "threads": threads, "articles": articles, "seconds": seconds,
            "articles_per_s": articles / seconds, **more}


def run_child(argv, stdout, stderr):
    """Exit code, wall seconds and CPU seconds of one child process."""
    started = time.perf_counter()
    child = subprocess.Popen(argv, stdout=stdout, stderr=stderr, stdin=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    return child.returncode, wall, usage.ru_utime + usage.ru_stime


def peak_rss(argv, stdout, stderr):
    """Peak RSS (bytes) of one child process: its VmHWM, read every 2 ms until it exits (the
    high-water mark only rises, so the last reading is the peak but for the final 2 ms).
    Not getrusage's ru_maxrss: that keeps the RSS of the process that forked the child, here
    this Python process, across exec (a 200 MB bytearray here made the CLI '209 MB')."""
    child = subprocess.Popen(argv, stdout=stdout, stderr=stderr, stdin=subprocess.DEVNULL)
    peak = 0
    while child.poll() is None:
        try:
            with open(f"/proc/{child.pid}/status") as f:
                for line in f:
                    if line.startswith("VmHWM:"):
                        peak = max(peak, int(line.split()[1]) * 1024)
                        break
        except OSError:
            break
        time.sleep(0.002)
    return child.wait(), peak


def cli(binary, corpus, repeat):
    if not os.access(binary, os.X_OK):
        sys.exit(f"bench-corpus: no CLI at {binary} (cargo build --release)")
    help_text = subprocess.run([binary, "analyse", "--help"], capture_output=True, text=True).stdout
    has_threads = "--threads" in help_text
    thread_counts = [1, 2] if has_threads else [None]
    say("CLI: " + ("--threads 1 and 2" if has_threads else "no --threads flag, run as it is"))
    out_path = Path(corpus["all"]).parent / "cli-out.jsonl"
    err_path = Path(corpus["all"]).parent / "cli-err.txt"
    rows, runs = [], []
    for threads in thread_counts:
        for name, path, count in (("small", corpus["small_file"], corpus["small"]),
                                  ("all", corpus["all"], corpus["articles"])):
            argv = [binary, "analyse", "--jsonl", str(path)]
            if threads:
                argv[3:3] = ["--threads", str(threads)]
            best = None
            for _ in range(repeat):
                with open(out_path, "wb") as out, open(err_path, "wb") as err:
                    code, wall, cpu = run_child(argv, out, err)
                if code != 0:
                    sys.exit(f"bench-corpus: {' '.join(argv)} exited {code}: {err_path.read_text()[-500:]}")
                lines = sum(1 for _ in open(out_path, "rb"))
                if lines != count:
                    sys.exit(f"bench-corpus: the CLI wrote {lines} lines for {count} articles")
                if best is None or wall < best["seconds"]:
                    best = {"seconds": wall, "cpu_seconds": cpu}
            # Memory in a run of its own: the sampling would cost the timed runs a little.
            with open(out_path, "wb") as out, open(err_path, "wb") as err:
                _, best["peak_rss_bytes"] = peak_rss(argv, out, err)
            runs.append({"threads": threads, "corpus": name, "articles": count, **best})
            say(f"CLI threads {threads or '-'} on {count:,}: {best['seconds']:.2f} s, "
                f"peak RSS {best['peak_rss_bytes'] / 1e6:.1f} MB")
            label = f"CLI --jsonl{' --threads ' + str(threads) if threads else ''}"
            rows.append(row(label, threads or 1, count, best["seconds"],
                            cpu_seconds=best["cpu_seconds"], peak_rss_bytes=best["peak_rss_bytes"],
                            native=True))
    return {"has_threads_flag": has_threads, "runs": runs}, rows


def python(articles, repeat):
    import voices

    texts = [text for _, text in make_corpus.articles(articles)]
    voices.analyse_many(texts[:200])  # warm up
    rows = []
    for threads in (1, 2):
        best = None
        for _ in range(repeat):
            cpu0 = resource.getrusage(resource.RUSAGE_SELF)
            started = time.perf_counter()
            results = voices.analyse_many(texts, threads=threads)
            wall = time.perf_counter() - started
            cpu1 = resource.getrusage(resource.RUSAGE_SELF)
            assert len(results) == len(texts)
            del results
            cpu = (cpu1.ru_utime + cpu1.ru_stime) - (cpu0.ru_utime + cpu0.ru_stime)
            if best is None or wall < best[0]:
                best = (wall, cpu)
        say(f"analyse_many threads {threads}: {best[0]:.2f} s")
        rows.append(row("Python analyse_many", threads, articles, best[0], cpu_seconds=best[1]))
    return rows


def pipeline(engine, corpus, work):
    """One run of the example, as a user runs it: a fresh interpreter, wall time to its exit.
    The example prints the time of its own pipeline (after the cluster or session is up and
    before it is stopped); the rest is startup and shutdown."""
    script = ROOT / "examples" / f"{engine}_corpus.py"
    out_dir = work / f"out-{engine}"
    err_path = work / f"{engine}-err.txt"
    argv = [sys.executable, str(script), corpus["shards_glob"], str(out_dir)]
    say(f"{engine}: {script.name} on {corpus['articles']:,} articles in {corpus['shards']} shards")
    with open(err_path, "wb") as err:
        code, wall, _ = run_child(argv, subprocess.DEVNULL, err)
    log = err_path.read_text(errors="replace")
    if code != 0:
        sys.exit(f"bench-corpus: {engine} exited {code}: {log[-1500:]}")
    match = re.search(r"_corpus: wrote .* in ([0-9.]+) s", log)
    work_s = float(match.group(1)) if match else None
    name = {"dask": "Dask", "spark": "Spark"}[engine]
    setup = ("LocalCluster, 2 worker processes" if engine == "dask" else "local[2]")
    say(f"{engine}: {wall:.1f} s end to end, {work_s} s the pipeline")
    rows = [row(f"{name} end to end ({setup})", 2, corpus["articles"], wall,
                pipeline_seconds=work_s, startup_seconds=wall - work_s if work_s else None)]
    if work_s:
        rows.append(row(f"{name}, the pipeline alone (startup excluded)", 2, corpus["articles"],
                        work_s))
    return rows


def spacy(python_bin, corpus_file, articles):
    if not os.access(python_bin, os.X_OK):
        sys.exit(f"bench-corpus: no bench venv Python at {python_bin} (scripts/setup.sh bench-corpus)")
    say(f"spaCy: nlp.pipe on the first {articles:,} articles, n_process 1 then 2 "
        "(about two minutes)")
    done = subprocess.run(
        [python_bin, str(ROOT / "bench/corpus/spacy_bench.py"), str(corpus_file),
         "--articles", str(articles)],
        stdout=subprocess.PIPE, text=True, check=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    name = f"spaCy en_core_web_sm {result['model_version']} nlp.pipe"
    rows = []
    for run in result["runs"]:
        seconds = run["parse_seconds"] if run["n_process"] == 1 else run["wall_seconds"]
        rows.append(row(f"{name} (parser + NER)", run["n_process"], run["articles"], seconds,
                        tokens=run["tokens"], reference=run["n_process"] == 1,
                        cpu_seconds=run.get("parse_cpu_seconds")))
        if run["n_process"] == 1:
            rows.append(row(f"{name} + textacy direct_quotations", 1, run["articles"],
                            run["parse_seconds"] + run["quotes_seconds"],
                            quotes=run["quotes"], gave_up=run["quote_extraction_gave_up"]))
    return result, rows


# Report -------------------------------------------------------------------------------------


def check_targets(rows, cli_info):
    targets = []
    native = [r for r in rows if r.get("native") and r["threads"] == 1]
    if native:
        best = max(native, key=lambda r: r["articles"])  # the full corpus
        targets.append({
            "target": "native articles/s per core (CLI, 1 thread, full corpus)",
            "value": round(best["per_core"]), "limit": f"≥ {TARGETS['native_per_core']:,}",
            "met": best["per_core"] >= TARGETS["native_per_core"],
        })
        if "vs_spacy" in best:
            targets.append({
                "target": "native per core ÷ spaCy small per core",
                "value": round(best["vs_spacy"], 1), "limit": f"≥ {TARGETS['vs_spacy']}×",
                "met": best["vs_spacy"] >= TARGETS["vs_spacy"],
            })
        reference = next((r for r in rows if r.get("reference")), None)
        if reference and reference.get("cpu_seconds") and best.get("cpu_seconds"):
            # Articles per CPU second: what each process got of a busy machine, not the wall.
            ratio = (best["articles"] / best["cpu_seconds"]) / (
                reference["articles"] / reference["cpu_seconds"])
            targets.append({
                "target": "the same, in articles per CPU second "
                          f"({best['articles'] / best['cpu_seconds']:,.0f} ÷ "
                          f"{reference['articles'] / reference['cpu_seconds']:,.1f})",
                "value": round(ratio, 1), "limit": f"≥ {TARGETS['vs_spacy']}×",
                "met": ratio >= TARGETS["vs_spacy"],
            })
    if cli_info:
        for threads in sorted({r["threads"] for r in cli_info["runs"]}, key=lambda t: t or 0):
            by = {r["corpus"]: r for r in cli_info["runs"] if r["threads"] == threads}
            small, full = by["small"], by["all"]
            growth = full["peak_rss_bytes"] / small["peak_rss_bytes"]
            targets.append({
                "target": f"CLI peak RSS, {full['articles']:,} ÷ {small['articles']:,} articles"
                          + (f" (--threads {threads})" if threads else ""),
                "value": f"{full['peak_rss_bytes'] / 1e6:.1f} MB ÷ {small['peak_rss_bytes'] / 1e6:.1f} MB"
                         f" = {growth:.2f}×",
                "limit": f"flat (≤ {TARGETS['rss_growth']}×)",
                "met": growth <= TARGETS["rss_growth"],
            })
    return targets


def fmt_int(x):
    return f"{x:,.0f}"


def markdown(rows, targets, report):
    lines = [
        f"Corpus: {report['articles']:,} synthetic articles ({report['megabytes']:.1f} MB, "
        "examples/make_corpus.py)"
        + (f"; spaCy on the first {report['spacy_articles']:,} of them" if report["spacy_articles"] else "")
        + f". {report['machine']['cpus']} cores ({report['machine']['cpu']}).",
        "",
        "| engine | threads | articles | seconds | articles/s | articles/s/core | ratio vs spaCy |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        ratio = "–"
        if "vs_spacy" in r:
            ratio = f"{r['vs_spacy']:,.0f}×" if r["vs_spacy"] >= 10 else f"{r['vs_spacy']:.1f}×"
        if r.get("reference"):
            ratio = "1× (reference)"
        seconds = f"{r['seconds']:.2f}"
        if r.get("startup_seconds") is not None:
            seconds += f" ({r['pipeline_seconds']:.1f} pipeline + {r['startup_seconds']:.1f} startup)"
        lines.append(f"| {r['engine']} | {r['threads']} | {r['articles']:,} | {seconds} | "
                     f"{fmt_int(r['articles_per_s'])} | {fmt_int(r['per_core'])} | {ratio} |")
    notes = []
    spacy_info = report.get("spacy")
    if spacy_info:
        one = next(r for r in spacy_info["runs"] if r["n_process"] == 1)
        notes.append(
            f"spaCy {spacy_info['spacy']}, model package {spacy_info['model']} "
            f"{spacy_info['model_version']} (pipeline {', '.join(spacy_info['pipeline'])}), "
            f"batch_size {spacy_info['batch_size']}, on the first {one['articles']:,} articles "
            f"({one['tokens'] / one['articles']:.0f} tokens each); model load "
            f"{spacy_info['load_seconds']:.1f} s, not counted. textacy {spacy_info['textacy']} "
            f"direct_quotations found {one['quotes']:,} quotes and gave up on "
            f"{one['quote_extraction_gave_up']:,} articles (an odd number of quotation marks).")
    cli_info = report.get("cli")
    if cli_info and not cli_info["has_threads_flag"]:
        notes.append("The CLI has no --threads flag yet: it ran as it is (one thread).")
    notes.append("Ratio vs spaCy: articles/s/core ÷ spaCy's at one process, parser + NER. "
                 f"Load average {report['load_before'][0]:.2f} before, "
                 f"{report['load_after'][0]:.2f} after.")
    lines += [""] + [f"- {note}" for note in notes]
    if targets:
        lines += ["", "| target | measured | limit | met |", "|---|---:|---:|---:|"]
        for t in targets:
            value = f"{t['value']:,}" if isinstance(t["value"], (int, float)) else t["value"]
            lines.append(f"| {t['target']} | {value} | {t['limit']} | {'yes' if t['met'] else '**no**'} |")
    return "\n".join(lines)


def machine():
    cpu = platform.processor() or ""
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"cpus": os.cpu_count(), "cpu": cpu, "python": platform.python_version(),
            "platform": platform.platform()}


def merge_json(path, report):
    """Adds or replaces the "corpus" key; every other key (bench/bench.mjs's) stays."""
    data = {}
    if path.exists():
        try:
            data = json.loads(path.read_text())
        except ValueError:
            say(f"{path} is not JSON: rewriting it")
        if not isinstance(data, dict):
            data = {}
    data["corpus"] = report
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    tmp.replace(path)


if __name__ == "__main__":
    main()
