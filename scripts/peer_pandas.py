"""The peer a CRESS analyst would otherwise write: pandas + openpyxl read the three tables and
compute the same funder-year totals and indicator sums as `suivi-ess validate`.
Run with Debian's python3 (python3-pandas, python3-openpyxl). Prints one JSON line."""
import json
import sys
import time

import pandas as pd

t0 = time.time()
path = sys.argv[1]


def table(sheet, first_header):
    raw = pd.read_excel(path, sheet_name=sheet, header=None, engine="openpyxl")
    row = raw.index[raw.iloc[:, 0] == first_header][0]
    df = raw.iloc[row + 1 :].copy()
    df.columns = raw.iloc[row]
    return df.dropna(how="all")


eng = table("Engagements", "Code action")
conv = table("Convention", "Financeur")
bil = table("Bilans", "Code action")
eng["cents"] = (pd.to_numeric(eng["Montant (€)"], errors="coerce") * 100).round().astype("Int64")
committed = eng.groupby(["Financeur", "Année"])["cents"].sum()
conv["cents"] = (pd.to_numeric(conv["Montant (€)"], errors="coerce") * 100).round().astype("Int64")
reference = conv.groupby(["Financeur", "Année"])["cents"].sum(min_count=1)
indicators = bil.assign(v=pd.to_numeric(bil["Valeur"], errors="coerce")).groupby(["Indicateur", "Année"])["v"].sum()
print(json.dumps({
    "rows": len(bil),
    "funderYears": int(len(committed)),
    "committedCents": int(committed.sum()),
    "indicatorCells": int(len(indicators)),
    "seconds": round(time.time() - t0, 3),
}))
