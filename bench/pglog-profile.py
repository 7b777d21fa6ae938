"""Groups a PostgreSQL log (log_min_duration_statement = 0) of one database by statement, per order.
Used by bench/order-profile.sh: python3 pglog-profile.py <database> <orders> < log"""
import re
import sys
from collections import OrderedDict

db, orders = sys.argv[1], int(sys.argv[2])
start = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+ UTC \[\d+\] (\S*)@(\S*) (\w+):\s+(.*)$")
entry = re.compile(r"duration: ([\d.]+) ms\s+(parse|bind|execute|statement)( [^:]*)?:\s*(.*)$", re.S)
records, current = [], None
for line in sys.stdin:
    m = start.match(line)
    if m:
        current = [m.group(2), m.group(3), m.group(4)]
        records.append(current)
    elif current is not None and line.startswith("\t"):
        current[2] += " " + line.strip()
stats = OrderedDict()
total = 0.0
trips = 0
for database, level, text in records:
    if database != db or level != "LOG":
        continue
    e = entry.match(text)
    if not e:
        continue
    ms, kind, sql = float(e.group(1)), e.group(2), " ".join(e.group(4).split())
    key = sql[:110]
    s = stats.setdefault(key, [0, 0.0])
    if kind in ("execute", "statement"):
        s[0] += 1
        trips += 1
    s[1] += ms
    total += ms
print(f"{orders} orders; per order: {trips / max(orders, 1):.1f} statements executed, "
      f"{total / max(orders, 1):.2f} ms server time (parse + bind + execute)")
print(" per order | ms/order | statement")
for key, (n, ms) in sorted(stats.items(), key=lambda kv: -kv[1][1]):
    if n / max(orders, 1) >= 0.05:
        print(f"{n / max(orders, 1):10.2f} | {ms / max(orders, 1):8.3f} | {key}")
