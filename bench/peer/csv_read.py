"""Python's readers on the import bench's CSV, for peer.python.csv.100k.*: the csv module (every
record as a list of strings) and, when installed, pandas.read_csv (a DataFrame). Each reads the file
from disk into memory only: no checks, no storage. Prints JSON. Usage: csv_read.py <file.csv>"""
import csv
import json
import sys
import time

path = sys.argv[1]
out = {"python": sys.version.split()[0]}

started = time.perf_counter()
with open(path, newline="", encoding="utf-8") as f:
    records = list(csv.reader(f))
out["csvMs"] = (time.perf_counter() - started) * 1000
out["records"] = len(records) - 1
del records

try:
    import pandas
except ImportError:
    out["pandas"] = None
else:
    out["pandas"] = pandas.__version__
    started = time.perf_counter()
    frame = pandas.read_csv(path, dtype=str, keep_default_na=False)
    out["pandasMs"] = (time.perf_counter() - started) * 1000
    out["pandasRecords"] = len(frame)

print(json.dumps(out))
