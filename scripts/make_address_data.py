"""Write app/data/addresses/: the columns of the address data the product needs.

Run once, when the shared copy of the Lithuanian Address Register data changes:
    python scripts/make_address_data.py /path/to/shared/data/addresses
The product itself reads only the files written here.
"""

import csv
import shutil
import sys
from pathlib import Path

TARGET = Path(__file__).resolve().parent.parent / "app/data/addresses"
SETTLEMENT_COLUMNS = [
    "settlement_id",
    "name",
    "type",
    "type_abbr",
    "municipality_short",
    "eldership",
    "address_form",
    "street_count",
]
STREET_COLUMNS = ["street_id", "settlement_id", "full_name"]


def copy_columns(source: Path, target: Path, columns: list[str]) -> int:
    """Copy the chosen columns of a CSV file; return the number of rows."""
    with source.open(encoding="utf-8", newline="") as infile:
        rows = [{c: row[c] for c in columns} for row in csv.DictReader(infile)]
    with target.open("w", encoding="utf-8", newline="") as outfile:
        writer = csv.DictWriter(outfile, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)


def main(source_dir: str) -> None:
    source = Path(source_dir)
    TARGET.mkdir(parents=True, exist_ok=True)
    places = copy_columns(
        source / "settlements.csv", TARGET / "settlements.csv", SETTLEMENT_COLUMNS
    )
    streets = copy_columns(
        source / "streets.csv", TARGET / "streets.csv", STREET_COLUMNS
    )
    shutil.copyfile(source / "SOURCE.md", TARGET / "SOURCE.md")
    print(f"{places} places, {streets} streets written to {TARGET}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/addresses")
