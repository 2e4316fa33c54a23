"""Regression tests named after the bugs users reported (see README.md in this folder)."""
