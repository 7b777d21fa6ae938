#!/usr/bin/env python3
"""Soak behind a load balancer: three instances of the packaged application on one database behind
HAProxy (deploy/haproxy/haproxy.cfg), several clients placing 20-line orders for a few minutes, one
instance killed with SIGKILL mid-way and started again. Afterwards it checks in SQL that every order
that got a 201 exists exactly once, that reserved stock equals the open orders, and that the outbox
holds one order.created per order and, per SKU, one stock event per version (none lost, none twice);
and it reports the error rate before, during and after the kill.

  bench/soak.sh [SECONDS] [CLIENTS]       (defaults: 180 s, 8 clients; run by bench/soak.sh)

Only loopback addresses are used; every loop is bounded by the duration."""
import base64, json, os, random, signal, socket, subprocess, sys, threading, time, urllib.error, urllib.parse, urllib.request
import uuid
from http.client import HTTPConnection

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DURATION = int(sys.argv[1]) if len(sys.argv) > 1 else 180
CLIENTS = int(sys.argv[2]) if len(sys.argv) > 2 else 8
SKUS = [f"SOAK-{i:03d}" for i in range(200)]
LINES = 20
DB = "qm_soak_" + time.strftime("%Y%m%d_%H%M%S")
OUT = os.path.join(ROOT, "target", "soak")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Instance:
    """One packaged application process (the same jar the image carries) on its own port."""

    def __init__(self, name, env):
        self.name, self.port, self.env, self.proc = name, free_port(), env, None

    def start(self):
        env = dict(os.environ, **self.env, QUARKUS_HTTP_PORT=str(self.port))
        log = open(os.path.join(OUT, f"{self.name}.log"), "ab")
        self.proc = subprocess.Popen(["java", "-Xmx384m", "-XX:+ExitOnOutOfMemoryError", "-jar",
                                      os.path.join(ROOT, "target/quarkus-app/quarkus-run.jar")],
                                     env=env, stdout=log, stderr=subprocess.STDOUT)
        self.started = time.monotonic()
        return self

    def wait_ready(self, seconds=120):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise SystemExit(f"{self.name} exited; see {OUT}/{self.name}.log")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/q/health/ready", timeout=2) as r:
                    if r.status == 200:
                        return time.monotonic() - self.started
            except Exception:
                pass
            time.sleep(0.1)
        raise SystemExit(f"{self.name} not ready in {seconds} s")

    def rss_mb(self):
        try:
            with open(f"/proc/{self.proc.pid}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        return int(line.split()[1]) / 1024
        except OSError:
            return 0
        return 0


def http(base, method, path, token=None, body=None, headers=None, basic=None, form=None, timeout=30):
    """One request on a fresh connection; returns (status, json or None). Raises on transport errors."""
    host, port = base.split("//")[1].split(":")
    conn = HTTPConnection(host, int(port), timeout=timeout)
    h = dict(headers or {})
    data = None
    if token:
        h["Authorization"] = "Bearer " + token
    if basic:  # (id, secret), form-encoded before Basic as RFC 6749 §2.3.1 asks
        pair = ":".join(urllib.parse.quote(part, safe="") for part in basic)
        h["Authorization"] = "Basic " + base64.b64encode(pair.encode()).decode()
    if form is not None:
        data, h["Content-Type"] = form, "application/x-www-form-urlencoded"
    elif body is not None:
        data, h["Content-Type"] = json.dumps(body), "application/json"
    try:
        conn.request(method, path, body=data, headers=h)
        r = conn.getresponse()
        raw = r.read()
        try:
            return r.status, json.loads(raw) if raw else None
        except ValueError:
            return r.status, None
    finally:
        conn.close()


def expect(result, status, what):
    if result[0] != status:
        raise SystemExit(f"{what}: HTTP {result[0]} {result[1]}")
    return result[1]


def psql(sql):
    r = subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", DB, "-tAF", "|", "-c", sql],
                       capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit("psql: " + r.stderr)
    return r.stdout.strip()


class Client(threading.Thread):
    """A buyer placing 20-line orders in a loop; retries a failed attempt with the same Idempotency-Key,
    as a careful integrator would; records every attempt."""

    def __init__(self, n, base, token, until, log):
        super().__init__(daemon=True)
        self.n, self.base, self.token, self.until, self.log = n, base, token, until, log
        self.rng = random.Random(n)

    def run(self):
        i = 0
        while time.monotonic() < self.until:
            i += 1
            ref = f"SOAK-{self.n}-{i}"
            key = str(uuid.uuid4())
            body = {"externalRef": ref, "lines": [{"sku": s, "quantity": self.rng.randint(1, 5)}
                                                   for s in self.rng.sample(SKUS, LINES)]}
            for attempt in range(1, 6):
                t0 = time.monotonic()
                try:
                    status, answer = http(self.base, "POST", "/v1/orders", self.token, body, {"Idempotency-Key": key})
                except Exception as e:
                    status, answer = type(e).__name__, None
                self.log.append((t0, time.monotonic() - t0, status, ref, attempt,
                                 answer.get("id") if isinstance(answer, dict) and status == 201 else None))
                in_flight = isinstance(answer, dict) and answer.get("code") == "idempotency_key_in_flight"
                if status == 201 or isinstance(status, int) and 400 <= status < 500 and status != 429 and not in_flight:
                    break  # done, or refused for good: a retry would be refused the same way
                time.sleep(0.2 * attempt)


def main():
    os.makedirs(OUT, exist_ok=True)
    if not os.path.exists(os.path.join(ROOT, "target/quarkus-app/quarkus-run.jar")):
        subprocess.run([os.path.join(ROOT, "mvnw"), "-q", "-B", "package", "-DskipTests"], cwd=ROOT, check=True)
    secret = base64.b64encode(os.urandom(24)).decode()
    env = {"QUARKUS_DATASOURCE_JDBC_URL": f"jdbc:postgresql://127.0.0.1:5432/{DB}",
           "QUARKUS_DATASOURCE_JDBC_MAX_SIZE": "16",
           "QUARTERMASTER_TOKENS_ISSUER": "http://soak.quartermaster",
           "QUARTERMASTER_OPERATOR_CLIENT_SECRET": secret,
           "QUARTERMASTER_SECRETS_PEPPER": base64.b64encode(os.urandom(32)).decode(),
           "QUARTERMASTER_CRYPTO_ACTIVE_KEY": "soak",
           "QUARTERMASTER_CRYPTO_KEYS_SOAK": base64.b64encode(os.urandom(32)).decode()}
    apps = [Instance(f"app{i}", env) for i in (1, 2, 3)]
    lb_port = free_port()
    lb = None
    try:
        apps[0].start().wait_ready()  # the first creates and migrates the database
        for a in apps[1:]:
            a.start()
        for a in apps[1:]:
            a.wait_ready()
        lb_env = dict(os.environ, QM_LB_BIND=f"127.0.0.1:{lb_port}",
                      **{f"QM_APP{i}": f"127.0.0.1:{a.port}" for i, a in enumerate(apps, 1)})
        lb = subprocess.Popen(["haproxy", "-db", "-f", os.path.join(ROOT, "deploy/haproxy/haproxy.cfg")],
                              env=lb_env, stdout=open(os.path.join(OUT, "haproxy.log"), "wb"), stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{lb_port}"
        deadline = time.monotonic() + 30
        while True:
            if lb.poll() is not None:
                raise SystemExit("haproxy exited: " + open(os.path.join(OUT, "haproxy.log")).read()[-500:])
            if time.monotonic() > deadline:
                raise SystemExit("haproxy did not pass requests within 30 s")
            try:
                if http(base, "GET", "/q/health/ready")[0] == 200:
                    break
            except Exception:
                pass
            time.sleep(0.2)
        op = expect(http(base, "POST", "/oauth2/token", basic=("operator", secret), form="grant_type=client_credentials"),
                    200, "operator token")["access_token"]
        expect(http(base, "POST", "/v1/products/batch", op, {"products": [
            {"sku": s, "name": s, "unitPrice": "1.00"} for s in SKUS]}), 200, "products")
        expect(http(base, "POST", "/v1/inventory/adjustments", op, {"adjustments": [
            {"sku": s, "delta": 10_000_000, "reason": "restock"} for s in SKUS]}), 200, "stock")
        tokens = []
        for n in range(CLIENTS):
            c = expect(http(base, "POST", "/v1/clients", op, {"name": f"Soak Buyer {n}", "currency": "EUR",
                                                           "creditLimit": "1000000000.00", "rateLimitPerMinute": 100000}),
                       201, "client")
            cred = expect(http(base, "POST", f"/v1/clients/{c['id']}/credentials", op,
                               {"scopes": ["orders:read", "orders:write"]}), 201, "credential")
            tokens.append(expect(http(base, "POST", "/oauth2/token", basic=(cred["clientId"], cred["clientSecret"]),
                                      form="grant_type=client_credentials"), 200, "token")["access_token"])

        print(f"soak: 3 instances behind HAProxy 127.0.0.1:{lb_port}, {CLIENTS} clients, {DURATION} s, "
              f"{LINES}-line orders over {len(SKUS)} SKUs; database {DB}")
        rss_ready = [a.rss_mb() for a in apps]
        log = []
        start = time.monotonic()
        clients = [Client(n, base, t, start + DURATION, log) for n, t in enumerate(tokens)]
        for c in clients:
            c.start()
        victim = apps[1]
        time.sleep(DURATION / 3)  # the benchmark's schedule, not a wait for a condition
        killed_at = time.monotonic()
        os.kill(victim.proc.pid, signal.SIGKILL)
        victim.proc.wait()
        print(f"  t={killed_at - start:5.1f} s  SIGKILL {victim.name} (pid {victim.proc.pid})")
        time.sleep(10)
        victim.start()
        back = victim.wait_ready()
        ready_at = time.monotonic()
        print(f"  t={ready_at - start:5.1f} s  {victim.name} ready again ({back:.1f} s after its start)")
        for c in clients:
            c.join(DURATION + 120)
        elapsed = time.monotonic() - start
        rss_load = [a.rss_mb() for a in apps]

        report(log, start, killed_at, ready_at, elapsed, rss_ready, rss_load, apps)
        ok = check(log)
        print(f"soak: {'PASSED' if ok else 'FAILED'}; logs in {OUT}")
        return 0 if ok else 1
    finally:
        if lb:
            lb.terminate()
            lb.wait()
        for a in apps:
            if a.proc and a.proc.poll() is None:
                a.proc.terminate()
                try:
                    a.proc.wait(60)
                except subprocess.TimeoutExpired:
                    a.proc.kill()
        if os.environ.get("QM_SOAK_KEEP_DB") != "1":
            subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc",
                            f'DROP DATABASE IF EXISTS "{DB}" WITH (FORCE)', "postgres"], capture_output=True)


def report(log, start, killed_at, ready_at, elapsed, rss_ready, rss_load, apps):
    window = (killed_at, ready_at + 5)
    def stats(rows):
        n = len(rows)
        errors = [r for r in rows if r[2] != 201 and r[2] not in (409, 422)]
        return n, len(errors), (100.0 * len(errors) / n if n else 0.0)
    ended = lambda r: r[0] + r[1]  # an attempt counts where it ended: the kill fails those in flight
    before = [r for r in log if ended(r) < window[0]]
    during = [r for r in log if window[0] <= ended(r) < window[1]]
    after = [r for r in log if ended(r) >= window[1]]
    created = {r[3] for r in log if r[2] == 201}
    lat = sorted(r[1] for r in log if r[2] == 201)
    pct = lambda p: 1000 * lat[min(len(lat) - 1, int(p * len(lat)))] if lat else 0
    print(f"  orders created: {len(created)} in {elapsed:.0f} s = {len(created) / elapsed:.1f} orders/s "
          f"({len(created) * LINES / elapsed:.0f} lines/s); latency p50 {pct(0.5):.0f} ms, p95 {pct(0.95):.0f} ms, "
          f"p99 {pct(0.99):.0f} ms")
    for name, rows in (("before the kill", before), ("kill to ready+5 s", during), ("after", after)):
        n, e, rate = stats(rows)
        kinds = {}
        for r in rows:
            if r[2] != 201:
                kinds[str(r[2])] = kinds.get(str(r[2]), 0) + 1
        print(f"  attempts ended {name:18s}: {n:6d}, failed {e:4d} = {rate:6.3f} %  {kinds or ''}")
    retried = sum(1 for r in log if r[4] > 1 and r[2] == 201)
    replays = len([r for r in log if r[2] == 201]) - len(created)
    given_up = len({r[3] for r in log} - created)
    print(f"  orders that needed a retry (same Idempotency-Key): {retried}; "
          f"201 answers beyond one per order (replays): {replays}; orders given up after 5 attempts: {given_up}")
    print(f"  load average at the end: {open('/proc/loadavg').read().split()[:3]}")
    print("  RSS MB at ready: " + ", ".join(f"{a.name} {m:.0f}" for a, m in zip(apps, rss_ready))
          + "; after the soak: " + ", ".join(f"{a.name} {m:.0f}" for a, m in zip(apps, rss_load)))


def check(log):
    ok = True
    def verdict(cond, what):
        nonlocal ok
        print(("  ok   " if cond else "  FAIL ") + what)
        ok = ok and cond
    answered = {}
    for r in log:
        if r[2] == 201:
            answered.setdefault(r[3], set()).add(r[5])
    verdict(all(len(ids) == 1 for ids in answered.values()), "every externalRef answered 201 names one order id")
    refs = "','".join(answered)
    rows = dict(line.split("|") for line in psql(
        f"SELECT external_ref, count(*) FROM orders.orders WHERE external_ref IN ('{refs}') GROUP BY 1").splitlines()) if answered else {}
    verdict(len(rows) == len(answered) and all(v == "1" for v in rows.values()),
            f"every order answered 201 exists exactly once ({len(answered)} orders)")
    ids = "','".join(next(iter(v)) for v in answered.values())
    verdict(psql(f"SELECT count(*) FROM orders.orders WHERE id::text IN ('{ids}')") == str(len(answered)),
            "and under the id its 201 answer gave")
    verdict(psql("SELECT count(*) FROM orders.orders WHERE external_ref NOT IN ('" + refs + "')") == "0",
            "no order exists that no client was answered 201 for (no lost answer left an extra order)")
    verdict(psql("""SELECT count(*) FROM inventory.stock_levels s LEFT JOIN (
                     SELECT i.sku, sum(i.quantity) q FROM orders.order_lines i JOIN orders.orders o ON o.id = i.order_id
                      WHERE o.status IN ('pending', 'processing') GROUP BY i.sku) x ON x.sku = s.sku
                     WHERE s.sku LIKE 'SOAK-%' AND s.reserved <> coalesce(x.q, 0)""") == "0",
            "reserved = the sum of open orders' quantities, for every SKU")
    verdict(psql("""SELECT (SELECT count(*) FROM platform.outbox WHERE type = 'order.created')
                         = (SELECT count(*) FROM orders.orders)
                       AND (SELECT count(DISTINCT subject) FROM platform.outbox WHERE type = 'order.created')
                         = (SELECT count(*) FROM orders.orders)""") == "t",
            "one order.created event per order in the outbox")
    verdict(psql("""SELECT count(*) FROM (
                      SELECT o.subject, count(*) n, count(DISTINCT (o.data->>'version')::bigint) d,
                             max((o.data->>'version')::bigint) - min((o.data->>'version')::bigint) + 1 span,
                             max((o.data->>'version')::bigint) top, max(s.version) current
                        FROM platform.outbox o JOIN inventory.stock_levels s ON s.sku = o.subject
                       WHERE o.type = 'inventory.stock_changed' GROUP BY o.subject) v
                     WHERE n <> d OR n <> span OR top <> current""") == "0",
            "per SKU, one stock event per version with no gap up to the current version")
    verdict(psql("SELECT count(*) = count(DISTINCT id) FROM platform.outbox") == "t", "outbox event ids unique")
    return ok


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # stop what it started, as on Ctrl-C
    sys.exit(main())
