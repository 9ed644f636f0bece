"""Columns as pandas DataFrames when pandas is installed, else as plain ``dict[str, list]``."""

from __future__ import annotations

from typing import Any

try:
    import pandas as _pandas
except ImportError:  # pandas is optional
    _pandas = None


def have_pandas() -> bool:
    """True when pandas can be imported."""
    return _pandas is not None


def frame(columns: dict[str, list[Any]]) -> Any:
    """A DataFrame of ``columns`` (their order kept), or the columns themselves without pandas."""
    if _pandas is None:
        return columns
    return _pandas.DataFrame(columns)
