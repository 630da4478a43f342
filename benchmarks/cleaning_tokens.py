"""Tokens the model reads per seed before and after cleaning, counted by the embedded model's
own tokenizer (only its vocabulary is loaded).

    python benchmarks/cleaning_tokens.py [FIXTURES_DIR]
"""

from __future__ import annotations

import sys
from pathlib import Path

from llama_cpp import Llama

from form4 import Settings
from form4.extractor import model_file
from form4.extractor.cleaning import clean_text
from form4.extractor.source import read_source


def main(folder: Path) -> None:
    vocab = Llama(model_path=str(model_file.model_path(Settings())), vocab_only=True, verbose=False)

    def count(text: str) -> int:
        return len(vocab.tokenize(text.encode(), add_bos=False))

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
