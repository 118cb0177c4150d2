"""A synthetic ACLED-format table, written at test time.

The project must never carry ACLED rows, and a committed file with ACLED's
header looks like one to the checks that guard against that.  So the three
invented records live here, in code, and :func:`acled_csv` writes them to a
temporary file with the real export's column order.  Every value is invented;
only place names and town coordinates are real.
"""

import atexit
import csv
import shutil
import tempfile
from functools import lru_cache
from pathlib import Path

ACLED_COLUMNS = ['id', 'iso', 'event_id_cnty', 'event_date', 'year', 'time_precision', 'event_type', 'sub_event_type', 'actor1', 'assoc_actor_1', 'inter1', 'actor2', 'assoc_actor_2', 'inter2', 'interaction', 'region', 'country', 'admin1', 'admin2', 'admin3', 'location', 'latitude', 'longitude', 'source_scale', 'notes', 'fatalities', 'timestamp', 'geo_precision', 'source', 'civilian_targeting', 'disorder_type', 'tags', 'actor_dyad']

ACLED_ROWS = [['900001', '804', 'UKRSYN001', '2024-03-03', '2024', '1', 'Explosions/Remote violence', 'Shelling/artillery/missile attack', 'Synthetic Actor A', '', '8', 'Civilians (Synthetic)', '', '7', '78', 'Europe', 'Ukraine', 'Kharkiv', 'Kupianskyi', 'Kupianska', 'Kupiansk', '49.7100', '37.6158', 'National', 'On 3 March 2024, Russian forces shelled Kupiansk (Kharkiv). [synthetic test record]', '2', '1709683200', '1', 'Synthetic Wire', 'Civilian targeting', 'Political violence', '', 'Synthetic Actor A-Civilians'], ['900002', '760', 'SYRSYN002', '2024-03-04', '2024', '1', 'Battles', 'Armed clash', 'Synthetic Actor B', '', '2', 'Synthetic Actor C', '', '2', '22', 'Middle East', 'Syria', 'Aleppo', 'Al Bab', 'Al Bab', 'Al Bab', '36.3705', '37.5157', 'Subnational', 'Clashes near al-Bab, Syria. [synthetic test record]', '3', '1709769600', '2', 'Synthetic Monitor', '', 'Political violence', '', 'Synthetic Actor B-Synthetic Actor C'], ['900003', '760', 'SYRSYN003', '2024-03-05', '2024', '2', 'Strategic developments', 'Looting/property destruction', 'Synthetic Actor D', '', '3', '', '', '0', '30', 'Middle East', 'Syria', 'Idlib', 'Idlib', 'Idlib', 'Idlib', '', '', 'Local partner', 'Shops were looted in Idlib city. [synthetic test record]', '0', '1709856000', '1', 'Synthetic Partner', '', 'Strategic developments', '', 'Synthetic Actor D']]


@lru_cache(maxsize=1)
def acled_csv() -> Path:
    """The synthetic ACLED table as a CSV file (made once per test session)."""
    folder = tempfile.mkdtemp(prefix="geomap-synthetic-")
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    path = Path(folder) / "acled_synthetic.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(ACLED_COLUMNS)
        writer.writerows(ACLED_ROWS)
    return path
