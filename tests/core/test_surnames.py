"""A walk-in's surname written as the list writes surnames (issue 12, second round, point 16)."""

from __future__ import annotations

from facilitator.core.surnames import as_listed, in_capitals, list_writes_capitals


def test_capitals_are_told_with_accents_apostrophes_and_hyphens() -> None:
    assert in_capitals("N'DIAYE") and in_capitals("CISSÉ") and in_capitals("BA-SY")
    assert not in_capitals("Thioune") and not in_capitals("Mbayé")
    assert not in_capitals("") and not in_capitals("—")  # no letter: neither


def test_the_list_writes_capitals_when_most_of_its_surnames_are() -> None:
    assert list_writes_capitals(["NDIAYE", "BA", "CISSÉ", "Thioune"])
    assert not list_writes_capitals(["Ndiaye", "Ba", "CISSÉ"])
    assert not list_writes_capitals(["NDIAYE", "Ba"])  # half is not most
    assert not list_writes_capitals([])  # nobody listed: as typed
    assert list_writes_capitals(["", "—", "SOW"])  # names without letters do not count


def test_the_surname_typed_is_written_as_listed() -> None:
    assert as_listed("Thioune", True) == "THIOUNE"
    assert as_listed("n'diaye", True) == "N'DIAYE"
    assert as_listed("Sèye", True) == "SÈYE"
    assert as_listed("Thioune", False) == "Thioune"
