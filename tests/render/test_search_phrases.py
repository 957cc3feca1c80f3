"""The search index's phrase test (``render.search._contains``): whole words in order, as the naive scan says."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from plansite.render.search import Synonyms, _contains

WORD = st.sampled_from(["bao", "hiem", "y", "te", "bhyt", "ho", "ngheo", "a", "ab", "b"])


def naive(tokens: list[str], phrase: list[str]) -> bool:
    n = len(phrase)
    return n > 0 and any(tokens[i : i + n] == phrase for i in range(len(tokens) - n + 1))


@given(st.lists(WORD, max_size=12), st.lists(WORD, min_size=1, max_size=3))
def test_contains_is_the_whole_word_scan(tokens: list[str], phrase: list[str]) -> None:
    assert _contains(tokens, phrase) == naive(tokens, phrase)


def test_part_of_a_word_is_not_a_match() -> None:
    assert not _contains(["bao", "hiemx"], ["hiem"]) and not _contains(["ab"], ["a"]) and not _contains(["a"], [])
    syn = Synonyms([("BHYT", ["bảo hiểm y tế"])])
    assert syn.expand(["the", "bhyt"]) == ["the", "bhyt", "bao", "hiem", "y", "te"]
    assert syn.expand(["bao", "hiem", "xa", "hoi"]) == ["bao", "hiem", "xa", "hoi"]
