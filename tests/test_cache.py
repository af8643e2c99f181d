"""The start-up cache: built resources read back by later processes, never stale, never an error."""
from __future__ import annotations

import os
import time
from dataclasses import FrozenInstanceError, dataclass

import pytest

from accord import cache


@dataclass(frozen=True, slots=True)
class Entry:
    kind: str
    key: str
    weight: int = 0


class Builds:
    """A build function that counts its calls."""

    def __init__(self, value=None) -> None:
        self.calls = 0
        self.value = value if value is not None else {"names": [Entry("country", "JPN", 2)], "n": 1}

    def __call__(self):
        self.calls += 1
        return self.value


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.SETTING, str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_built_once_then_read_back_as_a_new_equal_object(folder):
    build = Builds()
    first = cache.load("thing", build)
    second = cache.load("thing", build)
    assert build.calls == 1
    assert second == first and second is not first
    entry = second["names"][0]
    assert entry == Entry("country", "JPN", 2)
    with pytest.raises(FrozenInstanceError):
        entry.key = "CHN"  # a frozen dataclass stays frozen when read back
    assert [p.name for p in folder.iterdir()] == [f"thing-{cache.key()}.pickle"]  # no temporary file left


def test_stale_when_the_code_or_data_digest_or_a_dependency_changes(folder, monkeypatch):
    build = Builds()
    cache.load("thing", build, depends=("model 3.8.0",))
    cache.load("thing", build, depends=("model 3.8.1",))
    assert build.calls == 2
    monkeypatch.setattr(cache, "coder_digest", lambda: "another coder")  # a data file or the code changed
    cache.load("thing", build, depends=("model 3.8.1",))
    assert build.calls == 3


def test_a_damaged_file_is_built_again_and_replaced(folder):
    build = Builds()
    cache.load("thing", build)
    (path,) = folder.iterdir()
    path.write_bytes(b"not a pickle")
    assert cache.load("thing", build) == build.value
    assert build.calls == 2
    assert cache.load("thing", build) == build.value and build.calls == 2


def test_an_unwritable_folder_is_no_error(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(cache.SETTING, str(blocker / "cache"))
    build = Builds()
    assert cache.load("thing", build) == build.value
    assert cache.load("thing", build) == build.value and build.calls == 2


def test_off_keeps_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.SETTING, "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    build = Builds()
    cache.load("thing", build)
    cache.load("thing", build)
    assert build.calls == 2 and not any(tmp_path.iterdir())


def test_the_default_folder_is_the_user_cache_dir(monkeypatch, tmp_path):
    monkeypatch.delenv(cache.SETTING, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.folder() == tmp_path / "accord"


def test_files_of_another_key_go_once_a_week_old(folder, monkeypatch):
    build = Builds()
    cache.load("thing", build, depends=("old",))
    (old,) = folder.iterdir()
    cache.load("thing", build, depends=("recent",))
    assert old.exists()  # another installed version may still use it
    week_ago = time.time() - cache.KEEP_OTHERS - 60
    os.utime(old, (week_ago, week_ago))
    cache.load("thing", build, depends=("new",))
    assert not old.exists() and len(list(folder.iterdir())) == 2


def test_cached_resources_code_as_freshly_built_ones(pipeline, folder, monkeypatch):
    """The name matcher's phrases, the dictionary and the gazetteer read back from the cache find the same
    actors and places as ones built from the data files."""
    from accord.actors.dictionary import load_builtin
    from accord.actors.matcher import MentionFinder
    from accord.geo import Gazetteer

    text = ("Philippine President Ferdinand Marcos Jr. met Japanese Foreign Minister Yoko Kamikawa in Manila, "
            "and Chinese coast guard ships fired water cannon near Second Thomas Shoal, police in Tripoli said.")
    doc = pipeline.nlp(text)
    with monkeypatch.context() as off:
        off.setenv(cache.SETTING, "off")
        fresh = MentionFinder(pipeline.nlp, load_builtin())
    expected = [(m.text, m.actor.code, m.how) for m in fresh.find(doc, None)]
    assert len(expected) >= 5
    for _ in range(2):  # built and stored, then read back
        dictionary = cache.load("actor-dictionary", load_builtin)
        finder = MentionFinder(pipeline.nlp, dictionary)
        assert [(m.text, m.actor.code, m.how) for m in finder.find(doc, None)] == expected
    assert {p.name.split("-")[0] for p in folder.iterdir()} == {"actor", "name"}
    gazetteer = cache.load("gazetteer", Gazetteer)
    again = cache.load("gazetteer", Gazetteer)
    for name in ("Tripoli", "Manila", "Second Thomas Shoal", "Hawaii", "Africa"):
        assert again.resolve(name, {"LBN"}) == gazetteer.resolve(name, {"LBN"})
    assert again.fips("SYR") == "SY"
