"""Duplicate scoring is symmetric, stays in [0, 1] and never raises (pytest -m property)."""

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from apps.candidates.matching import Person, classify, email_keys, name_keys, phone_keys, profile_keys, score

pytestmark = pytest.mark.property

# Realistic parts mixed with arbitrary text, so that the interesting branches
# (shared keys, compatible names) are reached as well as the odd input.
name_words = st.sampled_from(
    [
        "John",
        "Jon",
        "Smith",
        "Smyth",
        "Bob",
        "Robert",
        "van",
        "de",
        "J.",
        "García-López",
        "Müller",
        "王",
        "小明",
        "Иван",
    ]
)
names = st.one_of(st.text(max_size=80), st.lists(name_words, max_size=5).map(" ".join))
emails = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["a@x.com", "A.B+c@gmail.com", "ab@googlemail.com", "b@x.com", "@", "a@@b"]),
)
phones = st.one_of(
    st.text(max_size=30),
    st.from_regex(r"\+?[0-9 ()./-]{0,20}", fullmatch=True),
    st.sampled_from(["+491701234567", "0170 1234567", "+491701234576"]),
)
urls = st.one_of(st.text(max_size=40), st.sampled_from(["linkedin.com/in/a", "https://github.com/a", ""]))
places = st.one_of(st.text(max_size=30), st.sampled_from(["Berlin", "Berlin, DE", "Paris"]))
people = st.builds(
    Person,
    full_name=names,
    emails=st.lists(emails, max_size=3).map(tuple),
    phones=st.lists(phones, max_size=3).map(tuple),
    linkedin_url=urls,
    github_url=urls,
    location=places,
    employers=st.lists(st.one_of(st.text(max_size=20), st.just("Acme Inc")), max_size=3).map(tuple),
    schools=st.lists(st.one_of(st.text(max_size=20), st.just("TU Berlin")), max_size=2).map(tuple),
)


@settings(max_examples=300)
@given(people, people)
def test_scoring_is_symmetric_and_in_range(a: Person, b: Person) -> None:
    forward, backward = score(a, b), score(b, a)
    assert forward == backward
    assert 0.0 <= forward.score <= 1.0
    assert classify(forward) in ("same", "possible", None)


@given(people)
def test_a_record_matches_itself_when_it_has_a_key_and_a_name(a: Person) -> None:
    match = score(a, a)
    assert 0.0 <= match.score <= 1.0
    has_key = email_keys(a.emails) or phone_keys(a.phones) or profile_keys(a.linkedin_url, a.github_url)
    if has_key:
        assert match.strong_key
        assert classify(match) == "same"


@given(st.text(), st.lists(st.text(), max_size=4))
def test_keys_never_raise_and_are_sorted_and_distinct(text: str, values: list[str]) -> None:
    for keys in (email_keys(values), phone_keys(values), profile_keys(text, text), name_keys(text)):
        assert list(keys) == sorted(set(keys))
        assert all(isinstance(key, str) and key for key in keys)


@given(names)
def test_name_keys_do_not_depend_on_the_order_of_two_latin_words(name: str) -> None:
    # Names in Chinese, Japanese or Korean are joined as written: their order is the name's.
    words = name.split()
    if len(words) == 2 and name.isascii():
        assert set(name_keys(" ".join(words))) & set(name_keys(" ".join(reversed(words)))) or not name_keys(name)


@given(people, people, st.sampled_from(["a@x.com", "+491701234567"]))
def test_a_shared_email_or_phone_is_always_at_least_possible(a: Person, b: Person, shared: str) -> None:
    # The rehire guard relies on it: whatever the names and the rest, a former employee
    # who reuses an email or a phone is never let through unnoticed.
    if "@" in shared:
        a, b = replace(a, emails=(*a.emails[:2], shared)), replace(b, emails=(shared,))
    else:
        a, b = replace(a, phones=(*a.phones[:2], shared)), replace(b, phones=("0170 1234567",))
    match = score(a, b)
    assert match.strong_key
    assert classify(match) in ("same", "possible")
