"""Hostile values shared by the tests that throw them at the public API."""

from __future__ import annotations


class SlyStr(str):
    """A str that refuses to be hashed or compared."""

    __slots__ = ()

    def __hash__(self) -> int:
        raise RuntimeError("no hashing")

    def __eq__(self, other: object) -> bool:
        raise RuntimeError("no comparing")
