"""Sweeps from Python: a spec file or a dict in the spec's shape."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Mapping, Union

from . import _porttwin
from ._frames import frame
from ._ron import quote, to_ron

Spec = Union[str, "os.PathLike[str]", Mapping[str, Any]]


class SweepResult:
    """The runs of a sweep and their statistics (as ``runs.csv``, ``summary.csv`` and
    ``paired.csv`` of ``porttwin sweep``).

    - ``runs``: one row per run, by variant then replication: ``variant``, ``replication``,
      ``seed``, ``status``, each factor's value (a number where it is one, else its RON text),
      each KPI, ``digest``, ``error``;
    - ``estimates``: per variant and KPI, ``n``, ``mean``, ``sd`` and the 95% t-interval
      (``ci95_low``, ``ci95_high``, ``half_width``);
    - ``paired``: each variant minus the baseline, replication by replication (common random
      numbers): ``mean_difference``, ``sd_difference``, the 95% interval and ``significant``;
    - ``kpis``, ``factors``, ``baseline``, ``name``.

    Tables are pandas DataFrames when pandas is installed, else ``dict[str, list]`` columns.
    """

    __slots__ = ("name", "kpis", "factors", "baseline", "runs", "estimates", "paired")

    def __init__(self, raw: dict[str, Any]) -> None:
        self.name: str = raw["name"]
        self.kpis: list[str] = raw["kpis"]
        self.factors: list[str] = raw["factors"]
        self.baseline: str = raw["baseline"]
        runs = raw["runs"]
        for factor in self.factors:
            runs[factor] = [number(v) for v in runs[factor]]
        self.runs: Any = frame(runs)
        self.estimates: Any = frame(raw["estimates"])
        self.paired: Any = frame(raw["paired"])

    def __repr__(self) -> str:
        return f"<porttwin.SweepResult {self.name}: {len(self.kpis)} KPIs, baseline {self.baseline}>"


def number(text: Any) -> Any:
    """A text as a number where it is one (``"30"`` → 30, a factor's RON text, a CSV cell), else as written."""
    if not isinstance(text, str):
        return text
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    return text


def spec_text(spec: Mapping[str, Any]) -> tuple[str, Any]:
    """The RON text of a spec given as a dict, and its base if that is a loaded Scenario."""
    known = {"name", "base", "seed", "replications", "factors", "variants", "kpis", "baseline", "precision"}
    unknown = set(spec) - known
    if unknown:
        raise ValueError(f"unknown sweep spec keys {sorted(unknown)}; the keys are {sorted(known)}")
    base = spec.get("base")
    if base is None:
        raise ValueError("a sweep spec needs `base`: a scenario file or a loaded Scenario")
    scenario = base._native if hasattr(base, "_native") else None
    base_path = str(scenario.path) if scenario is not None else os.fspath(base)
    fields = [f"name: {quote(str(spec.get('name', 'sweep')))}", f"base: {quote(base_path)}"]
    for key in ("seed", "replications"):
        if key in spec:
            fields.append(f"{key}: {to_ron(spec[key])}")
    if "factors" in spec:
        factors = ", ".join(f"{quote(path)}: {to_ron(list(values))}" for path, values in spec["factors"].items())
        fields.append(f"factors: {{{factors}}}")
    if "variants" in spec:
        variants = []
        for variant in spec["variants"]:
            settings = ", ".join(f"{quote(p)}: {to_ron(v)}" for p, v in variant.get("set", {}).items())
            variants.append(f"(name: {quote(str(variant['name']))}, set: {{{settings}}})")
        fields.append(f"variants: [{', '.join(variants)}]")
    if "kpis" in spec:
        fields.append(f"kpis: [{', '.join(quote(k) for k in spec['kpis'])}]")
    if "baseline" in spec:
        fields.append(f"baseline: {quote(str(spec['baseline']))}")
    if "precision" in spec:
        p = spec["precision"]
        fields.append(
            f"precision: (kpi: {quote(p['kpi'])}, half_width: {to_ron(float(p['half_width']))}, "
            f"max_replications: {to_ron(int(p['max_replications']))})"
        )
    return "Sweep(\n    " + ",\n    ".join(fields) + ",\n)\n", scenario


def sweep(spec: Spec, workers: int | None = None, out: "str | os.PathLike[str] | None" = None) -> SweepResult:
    """Runs a sweep: ``spec`` is a sweep spec file (docs/sweeps.md) or a dict of the same keys
    (``name``, ``base`` — a file or a loaded Scenario —, ``seed``, ``replications``, ``factors``
    or ``variants``, ``kpis``, ``baseline``, ``precision``; values as Python values or RON text).

    Runs go on ``workers`` threads (default: the hardware threads) with the GIL released; results
    equal ``porttwin sweep``'s whatever the count. With ``out`` the sweep also writes its folder
    as ``porttwin sweep --out`` does (required for a ``precision`` target)."""
    workers = workers or os.cpu_count() or 1
    out_path = None if out is None else Path(out)
    if isinstance(spec, Mapping):
        text, base = spec_text(spec)
        raw = _porttwin.sweep(text=text, file="sweep spec", dir=Path.cwd(), base=base, workers=workers, out=out_path)
    else:
        raw = _porttwin.sweep(path=Path(spec), workers=workers, out=out_path)
    return SweepResult(raw)
