"""A learned sentence detector and typer: the probability that a sentence reports an event of each type.

It sits beside the trigger rules and proposes what their word lists miss (paraphrases, headline verbs,
colloquial posts). Features are hashed character n-grams (all languages) and word n-grams (English),
so it needs no vocabulary file and reads traditional Chinese after conversion like the rules do. The
weights are one linear model per type, trained here by `make model` (tools/train_detector.py) from the
sentences in training/ and shipped in the package as `model/detector.npz`; see docs/MODEL.md.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import HashingVectorizer

from undeleted.errors import ConfigError

MODEL_FILE = "detector.npz"
CHAR_FEATURES = 2**19
WORD_FEATURES = 2**18
DIGITS = re.compile(r"\d")
CLAUSE_BREAK = re.compile(r"[,，;；、]\s*")
MIN_CLAUSE = 16  # characters: a shorter clause says too little to be read alone


def normalise(text: str) -> str:
    """What the features see: lower case, digits as 0 (numbers and dates generalise), hashtags kept."""
    return DIGITS.sub("0", text.lower())


def vectorizers() -> tuple[HashingVectorizer, HashingVectorizer]:
    """Character 1–4-grams within word boundaries (Chinese and English) and English word 1–2-grams."""
    chars = HashingVectorizer(
        analyzer="char_wb",
        ngram_range=(1, 4),
        n_features=CHAR_FEATURES,
        alternate_sign=False,
        norm="l2",
        preprocessor=normalise,
    )
    words = HashingVectorizer(
        analyzer="word",
        ngram_range=(1, 2),
        n_features=WORD_FEATURES,
        alternate_sign=False,
        norm="l2",
        preprocessor=normalise,
        token_pattern=r"(?u)\b[a-z][a-z']+\b",
    )
    return chars, words


def featurize(texts: list[str]) -> sparse.csr_matrix:
    chars, words = vectorizers()
    return sparse.hstack([chars.transform(texts), words.transform(texts)], format="csr")


@dataclass(frozen=True)
class Detector:
    """Linear weights per event type over hashed features, with a decision threshold per type."""

    types: tuple[str, ...]
    weights: sparse.csr_matrix  # features × types
    bias: np.ndarray  # types
    thresholds: np.ndarray  # types: probability at or above which a sentence reports the type
    languages: tuple[str, ...]  # languages it was trained on

    def probabilities(self, texts: list[str]) -> np.ndarray:
        """One row per text, one column per type (in `types` order)."""
        if not texts:
            return np.zeros((0, len(self.types)))
        scores = (featurize(texts) @ self.weights).toarray() + self.bias
        return 1.0 / (1.0 + np.exp(-scores))

    def clausal_probabilities(self, texts: list[str]) -> np.ndarray:
        """Per text, the highest probability of each type over the whole text and its clauses read alone
        (a long sentence dilutes the words of the clause that tells the act)."""
        pieces: list[str] = []
        owners: list[int] = []
        for index, text in enumerate(texts):
            clauses = [part for part in CLAUSE_BREAK.split(text) if len(part.strip()) >= MIN_CLAUSE]
            parts = [text] + [clause for clause in clauses if clause.strip() != text.strip()]
            pieces.extend(parts)
            owners.extend([index] * len(parts))
        result = np.zeros((len(texts), len(self.types)))
        for owner, row in zip(owners, self.probabilities(pieces)):
            result[owner] = np.maximum(result[owner], row)
        return result

    def detect(self, texts: list[str], margin: float = 0.0, clauses: bool = False) -> list[dict[str, float]]:
        """Per text, the types at or above their threshold (raised by `margin`) with their probability;
        `clauses`: each clause is read alone too (`clausal_probabilities`)."""
        found = []
        rows = self.clausal_probabilities(texts) if clauses else self.probabilities(texts)
        for row in rows:
            found.append(
                {
                    kind: float(p)
                    for kind, p, cut in zip(self.types, row, self.thresholds)
                    if p >= min(0.95, cut + margin)
                }
            )
        return found

    def save(self, path: Path, card: dict[str, object]) -> None:
        weights = self.weights.tocoo()
        np.savez_compressed(
            path,
            rows=weights.row.astype(np.int32),
            cols=weights.col.astype(np.int8),
            values=weights.data.astype(np.float16),
            bias=self.bias.astype(np.float32),
            thresholds=self.thresholds.astype(np.float32),
            meta=np.frombuffer(
                json.dumps(
                    {"types": self.types, "languages": self.languages, **card},
                    ensure_ascii=False,
                    sort_keys=True,
                ).encode(),
                dtype=np.uint8,
            ),
        )

    @classmethod
    def load(cls, path: Path | None = None) -> Detector:
        """The shipped model (or the one at `path`); a missing or corrupt file is a ConfigError naming
        it and the command that rebuilds it."""
        source = path or Path(str(resources.files("undeleted.extract") / "model" / MODEL_FILE))
        try:
            with np.load(source, allow_pickle=False) as stored:
                meta = json.loads(bytes(stored["meta"]).decode())
                types = tuple(meta["types"])
                weights = sparse.coo_matrix(
                    (stored["values"].astype(np.float32), (stored["rows"], stored["cols"].astype(np.int32))),
                    shape=(CHAR_FEATURES + WORD_FEATURES, len(types)),
                ).tocsr()
                bias, thresholds = stored["bias"], stored["thresholds"]
        except FileNotFoundError:
            raise ConfigError(
                f"{source}: the event detector model is missing; build it with `make model`"
            ) from None
        except Exception as error:  # any way a model file can be broken: truncated, not a zip, wrong arrays
            raise ConfigError(
                f"{source}: the event detector model cannot be read ({error.__class__.__name__}); "
                f"rebuild it with `make model`"
            ) from None
        if bias.shape != (len(types),) or thresholds.shape != (len(types),):
            raise ConfigError(
                f"{source}: the event detector model is inconsistent; rebuild it with `make model`"
            )
        return cls(types, weights, bias, thresholds, tuple(meta.get("languages", ())))
