"""NER speed and memory: tokens/s of ``tag_tokens`` and ``find_names`` on one core, peak memory.

    .venv/bin/python benchmarks/bench_ner.py [CONLL_FILE] [--repeat N]

Default input: the ANERcorp test split in ../shared (25k tokens). Reports the cold pass (word
feature cache empty, as for a fresh process on new text) and warm passes separately, and the
peak resident memory of the process (model + caches) via ``resource.getrusage``.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT = ROOT.parent / "shared" / "data" / "anercorp" / "ANERCorp_split_reconstructed_test.txt"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("file", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()

    from rawi.entities import ner
    from rawi.entities.ner_eval import read_conll

    sents = [w for w, _ in read_conll(a.file)]
    n_tok = sum(len(s) for s in sents)
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t = time.perf_counter()
    ner.tag_tokens(["اختبار"])
    load_s = time.perf_counter() - t

    t = time.perf_counter()
    for s in sents:
        ner.tag_tokens(s)
    cold = time.perf_counter() - t
    warm = []
    for _ in range(a.repeat):
        t = time.perf_counter()
        for s in sents:
            ner.tag_tokens(s)
        warm.append(time.perf_counter() - t)
    # features alone (warm cache) vs the CRF decoding
    t = time.perf_counter()
    for s in sents:
        ner.sequence_features(s)
    feat = time.perf_counter() - t
    # find_names on raw text (sentence split + tokenize + tag), one string per sentence
    text = "\n".join(" ".join(s) for s in sents)
    t = time.perf_counter()
    names = ner.find_names(text)
    fn = time.perf_counter() - t
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    res = {"file": str(a.file), "sentences": len(sents), "tokens": n_tok,
           "model_load_s": round(load_s, 3),
           "tag_tokens_cold_tok_s": round(n_tok / cold),
           "tag_tokens_warm_tok_s": round(n_tok / min(warm)),
           "features_only_warm_tok_s": round(n_tok / feat),
           "find_names_tok_s": round(n_tok / fn), "find_names_names": len(names),
           "peak_rss_mb": round(rss / 1024, 1), "rss_before_model_mb": round(rss0 / 1024, 1),
           "model_bytes": (ROOT / "rawi" / "data" / ner.MODEL).stat().st_size}
    for k, v in res.items():
        print(f"{k:>26}: {v}")
    print(json.dumps(res))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
