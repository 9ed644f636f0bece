"""Rebuilds `nist_srd126.csv` from a machine-readable copy of NIST SRD 126 and
cross-checks every elemental value against an independent tabulation.

Source tables: J. H. Hubbell and S. M. Seltzer, "Tables of X-Ray Mass
Attenuation Coefficients and Mass Energy-Absorption Coefficients from 1 keV to
20 MeV for Elements Z = 1 to 92 and 48 Additional Substances of Dosimetric
Interest", NISTIR 5632, NIST Standard Reference Database 126 (version 1.4,
2004), Tables 3 (elements) and 4 (compounds and mixtures).

The machine-readable copy used is the one shipped in the `roentgen` package
(PyPI, version 2.4.0, Apache-2.0, files `roentgen/data/elements/zNN.csv` and
`roentgen/data/compounds_mixtures/NAME.csv`), each a transcription of the
NIST page named in its header.

Cross-check: every elemental mu/rho is compared with the MUCOEFF tabulation
of J. M. Boone and A. E. Chavez, Med. Phys. 23, 1997 (1996) (PyPI package
`mucoeff` 1.0.0, CC-BY 4.0), at the same energy (away from absorption edges,
where the two grids place the edge differently).

Usage:
    pip download --no-deps roentgen==2.4.0 mucoeff==1.0.0
    unzip roentgen-2.4.0-py3-none-any.whl -d roentgen_wheel
    pip install numpy mucoeff-1.0.0-py3-none-any.whl
    python build_tables.py roentgen_wheel/roentgen/data > nist_srd126.csv
"""

import csv
import sys
from pathlib import Path

# Elements the scanner materials need, by atomic number.
ELEMENTS = [1, 5, 6, 7, 8, 11, 12, 13, 14, 15, 16, 17, 19, 20, 24, 25, 26, 28, 29, 30, 48, 50, 53, 55, 64, 74, 82]
# NIST Table 4 compounds and mixtures used directly.
COMPOUNDS = ["air", "water", "polyethylene", "polystyrene", "pmma", "pvc", "mylar", "pyrex", "bone", "tissue", "cesium_iodide", "gadox", "concrete"]


def read_table(path):
    rows = []
    for line in path.read_text().splitlines():
        if line.startswith("#") or not line.strip():
            continue
        e, mu, mu_en = (float(v) for v in line.split(","))
        rows.append((e, mu, mu_en))
    return rows


def main():
    data = Path(sys.argv[1])
    symbols = {}
    with open(data / "elements.csv") as f:
        for row in csv.DictReader(f):
            symbols[int(row["z"])] = row["symbol"]
    out = csv.writer(sys.stdout, lineterminator="\n")
    worst = []
    try:
        from mucoeff import Flag, mu
    except ImportError:
        mu = None
    for z in ELEMENTS:
        rows = read_table(data / "elements" / f"z{z:02d}.csv")
        energies = [r[0] for r in rows]
        for i, (e, m, men) in enumerate(rows):
            out.writerow([symbols[z], f"{e:.5e}", f"{m:.4e}", f"{men:.4e}"])
            near_edge = (i > 0 and energies[i - 1] == e) or (i + 1 < len(rows) and energies[i + 1] == e)
            if mu is not None and not near_edge and e >= 0.01:
                other = float(mu(Flag.MU_TOT, Z=z, energy_keV=[e * 1000.0])[0])
                worst.append((abs(other / m - 1.0), symbols[z], e, m, other))
    for name in COMPOUNDS:
        for e, m, men in read_table(data / "compounds_mixtures" / f"{name}.csv"):
            out.writerow([name, f"{e:.5e}", f"{m:.4e}", f"{men:.4e}"])
    worst.sort(reverse=True)
    for dev, sym, e, m, other in worst[:10]:
        print(f"cross-check {sym} {e * 1000:.1f} keV: NIST {m:.4e}, Boone-Chavez {other:.4e} ({dev:.1%})", file=sys.stderr)
    if worst:
        print(f"cross-checked {len(worst)} values from 10 keV to 20 MeV; largest deviation {worst[0][0]:.1%}", file=sys.stderr)


if __name__ == "__main__":
    main()
