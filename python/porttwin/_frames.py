"""Columns as pandas DataFrames when pandas is installed, else as plain ``dict[str, list]``.

The extension hands numeric columns over as ``(type code, bytes)`` (the type codes of the
``array`` module), so numpy reads them in place; text columns are lists of ``str``.
"""

from __future__ import annotations

import array
from typing import Any

try:
    import numpy as _numpy
    import pandas as _pandas
except ImportError:  # pandas is optional
    _numpy = None
    _pandas = None


def have_pandas() -> bool:
    """True when pandas can be imported."""
    return _pandas is not None


def _column(values: Any) -> Any:
    if not isinstance(values, tuple):
        return values
    code, data = values
    if _numpy is not None:
        return _numpy.frombuffer(data, dtype=_numpy.dtype(code))
    return array.array(code, data).tolist()


def frame(columns: dict[str, Any]) -> Any:
    """A DataFrame of ``columns`` (their order kept; pandas copies the values, so they are
    writable), or ``dict[str, list]`` without pandas."""
    plain = {name: _column(values) for name, values in columns.items()}
    if _pandas is None:
        return plain
    return _pandas.DataFrame(plain)
