"""Helpers shared by the tests: the verified facts, data copies, expected analyses."""
