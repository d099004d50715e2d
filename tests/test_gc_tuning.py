"""checker.gc_tuning: collections are rarer inside the block and the caller's thresholds
come back afterwards, whatever happens inside."""

from __future__ import annotations

import gc

import pytest

from checker.gc_tuning import ALLOCATIONS, fewer_collections


@pytest.fixture(autouse=True)
def restore_thresholds():
    before = gc.get_threshold()
    yield
    gc.set_threshold(*before)


def test_thresholds_are_raised_inside_and_restored_after():
    gc.set_threshold(700, 10, 10)
    with fewer_collections():
        assert gc.get_threshold()[0] == ALLOCATIONS
        assert gc.isenabled()
    assert gc.get_threshold() == (700, 10, 10)


def test_restored_after_an_error_and_when_nested():
    gc.set_threshold(700, 10, 10)
    with pytest.raises(KeyboardInterrupt), fewer_collections():
        with fewer_collections():
            pass
        assert gc.get_threshold()[0] == ALLOCATIONS
        raise KeyboardInterrupt
    assert gc.get_threshold() == (700, 10, 10)


def test_higher_thresholds_of_the_caller_are_kept():
    gc.set_threshold(ALLOCATIONS * 2, 10, 10)
    with fewer_collections():
        assert gc.get_threshold()[0] == ALLOCATIONS * 2
