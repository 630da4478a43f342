"""Tokens the model reads per seed before and after cleaning, counted by the embedded model's
own tokenizer (llama-server's /tokenize route, on loopback, behind a key drawn here).

    python benchmarks/cleaning_tokens.py [FIXTURES_DIR]
"""

from __future__ import annotations

import json
import secrets
import sys
import urllib.request
from pathlib import Path

import xllamacpp

from form4 import Settings
from form4.extractor.model import model_file
from form4.extractor.text.cleaning import clean_text
from form4.extractor.text.source import read_source


def main(folder: Path) -> None:
    params = xllamacpp.CommonParams()
    params.model.path = str(model_file.model_path(Settings()))
    params.warmup = False
    params.verbosity = -1
    key = secrets.token_urlsafe(32)
    params.api_keys = [key]
    server = xllamacpp.Server(params)

    def count(text: str) -> int:
        request = urllib.request.Request(
            f"{server.listening_address}/tokenize",
            data=json.dumps({"content": text}).encode(),
            headers={"Content-Type": "application/json", "Authorization": f"Bearer {key}"},
        )
        with urllib.request.urlopen(request) as answer:
            return len(json.load(answer)["tokens"])

    total_raw = total_clean = 0
    print(f"{'input':<28} {'raw':>6} {'cleaned':>8} {'saved':>7}")
    for path in sorted(folder.glob("*.txt")) + sorted(folder.glob("*.pdf")):
        raw = read_source(path)
        raw_tokens, clean_tokens = count(raw), count(clean_text(raw))
        total_raw += raw_tokens
        total_clean += clean_tokens
        saved = 1 - clean_tokens / raw_tokens
        print(f"{path.name:<28} {raw_tokens:>6} {clean_tokens:>8} {saved:>7.1%}")
    print(f"{'total':<28} {total_raw:>6} {total_clean:>8} {1 - total_clean / total_raw:>7.1%}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("tests/fixtures/seeds"))
