"""Greedy grammar-constrained decoding that checks the grammar only when it must.

llama-cpp-python applies a grammar by running it over every one of the vocabulary's 151,000
candidates at every step, which costs the embedded model about a third of its generation speed.
Under greedy decoding that work is almost always wasted: the model's own best token is usually
one the grammar allows, and when it is, it is also the best allowed token. So this sampler takes
the best token, asks the grammar about that one token alone, and runs the grammar over the whole
vocabulary only when it refuses (llama.cpp's own command-line sampler does the same). The tokens
chosen are exactly those of the full grammar sampler; only the time differs.
"""

from __future__ import annotations

import ctypes
from typing import Any

import numpy as np

_TOKEN_DATA = np.dtype([("id", np.int32), ("logit", np.float32), ("p", np.float32)])


class GreedyGrammarSampler:
    """Stands in for llama-cpp-python's sampler chain for one greedy, grammar-bound request."""

    def __init__(self, llama: Any, grammar: Any) -> None:
        import llama_cpp

        self._api = llama_cpp
        self._n_vocab = llama.n_vocab()
        self._grammar = llama_cpp.llama_sampler_init_grammar(
            llama._model.vocab, grammar._grammar.encode("utf-8"), grammar._root.encode("utf-8")
        )
        self._one = np.zeros(1, dtype=_TOKEN_DATA)
        self._all = np.zeros(self._n_vocab, dtype=_TOKEN_DATA)
        self._all["id"] = np.arange(self._n_vocab, dtype=np.int32)

    def _allowed(self, candidates: np.ndarray) -> np.ndarray:
        """The candidates' logits after the grammar has set those it forbids to -inf."""
        array = self._api.llama_token_data_array(
            data=candidates.ctypes.data_as(self._api.llama_token_data_p),
            size=len(candidates),
            selected=-1,
            sorted=False,
        )
        self._api.llama_sampler_apply(self._grammar, ctypes.byref(array))
        return candidates["logit"]

    def sample(self, ctx: Any, idx: int = -1) -> int:
        pointer = self._api.llama_get_logits_ith(ctx.ctx, idx)
        logits = np.ctypeslib.as_array(pointer, shape=(self._n_vocab,))
        token = int(np.argmax(logits))
        self._one["id"], self._one["logit"] = token, logits[token]
        if not np.isfinite(self._allowed(self._one)[0]):
            self._all["logit"] = logits
            token = int(np.argmax(self._allowed(self._all)))
        self._api.llama_sampler_accept(self._grammar, token)
        return token

    def close(self) -> None:
        if self._grammar is not None:
            self._api.llama_sampler_free(self._grammar)
            self._grammar = None

    def __del__(self) -> None:
        self.close()


def greedy_grammar_llama(base: type) -> type:
    """``base`` (llama_cpp.Llama) whose greedy grammar-bound requests use the sampler above;
    any other request (a temperature, a penalty, no grammar) keeps llama-cpp-python's own."""

    class Llama(base):  # type: ignore[misc, valid-type]
        def _init_sampler(self, **options: Any) -> Any:
            plain = (
                options.get("grammar") is not None
                and options.get("temp") == 0.0
                and not options.get("presence_penalty")
                and not options.get("frequency_penalty")
                and options.get("repeat_penalty", 1.0) == 1.0
                and options.get("logits_processor") is None
            )
            if plain:
                return GreedyGrammarSampler(self, options["grammar"])
            return super()._init_sampler(**options)

    return Llama
