#!/usr/bin/env python3
"""Proves the OCI image runs, without a container engine: unpacks its layers into a root filesystem,
starts the image's entrypoint as its user in a chroot on a read-only root (its own mount namespace,
tmpfs /tmp, host network) against the local PostgreSQL and Redis, waits for /q/health/ready, places an
order, submits a batch, sends SIGTERM while requests are in flight, and checks a clean shutdown within
the grace period; then starts it again and checks the batch finishes with every order placed once.

  deploy/image/prove-image.py [target/image/quartermaster-oci.tar]

Needs root (chroot, mounts), python3, psql. Exits non-zero with the reason when a check fails."""
import base64, json, os, shutil, signal, socket, subprocess, sys, tarfile, tempfile, threading, time
import urllib.error, urllib.parse, urllib.request, uuid

GRACE_SECONDS = 30  # terminationGracePeriodSeconds in deploy/kubernetes
STARTED = []  # every instance started, killed if the proof stops early


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--inner":
        return inner(sys.argv[2], json.loads(sys.argv[3]))
    image = sys.argv[1] if len(sys.argv) > 1 else "target/image/quartermaster-oci.tar"
    work = tempfile.mkdtemp(prefix="qm-image-")
    db = "qm_image_" + uuid.uuid4().hex[:10]
    try:
        root, config = unpack(image, os.path.join(work, "rootfs"))
        prove(root, config, db, work)
        print("image proof: PASSED")
    finally:
        for p in STARTED:
            if p.poll() is None:
                p.kill()
                p.wait()
        psql("postgres", f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
        if os.path.exists(os.path.join(work, "app.log")):
            os.makedirs("target", exist_ok=True)
            shutil.copy(os.path.join(work, "app.log"), "target/image-proof.log")
        shutil.rmtree(work, ignore_errors=True)


def unpack(image, root):
    """Applies the image's layers in order (OCI layout inside the archive), whiteouts included."""
    blobs = tempfile.mkdtemp(dir=os.path.dirname(root))
    with tarfile.open(image) as t:
        t.extractall(blobs)
    def blob(digest):
        return os.path.join(blobs, "blobs", *digest.split(":"))
    index = json.load(open(os.path.join(blobs, "index.json")))
    manifest = json.load(open(blob(index["manifests"][0]["digest"])))
    config = json.load(open(blob(manifest["config"]["digest"])))["config"]
    os.makedirs(root)
    for layer in manifest["layers"]:
        with tarfile.open(blob(layer["digest"])) as t:
            members = []
            for m in t.getmembers():
                name = os.path.basename(m.name)
                if name.startswith(".wh."):
                    target = os.path.join(root, os.path.dirname(m.name), name[4:])
                    shutil.rmtree(target, ignore_errors=True) if os.path.isdir(target) else (
                        os.path.lexists(target) and os.remove(target))
                elif not m.isdev():
                    members.append(m)
            t.extractall(root, members=members, numeric_owner=True)
    shutil.rmtree(blobs)
    for f in ("etc/hosts", "etc/resolv.conf", "etc/hostname"):  # mount points, as a runtime makes them
        if not os.path.lexists(os.path.join(root, f)):
            open(os.path.join(root, f), "w").close()
    print(f"unpacked {len(manifest['layers'])} layers; entrypoint {config['Entrypoint'][:2]}..., user {config.get('User')}")
    return root, config


def inner(root, spec):
    """In a private mount namespace: read-only root, tmpfs /tmp and /dev, /proc; then chroot and exec."""
    def mount(*args):
        subprocess.run(["mount", *args], check=True)
    mount("--bind", root, root)
    mount("-o", "remount,bind,ro", root)
    mount("-t", "proc", "proc", f"{root}/proc")
    mount("-t", "tmpfs", "-o", "mode=1777,size=256m", "tmpfs", f"{root}/tmp")
    mount("-t", "tmpfs", "-o", "mode=755,size=1m", "tmpfs", f"{root}/dev")
    for name, minor in (("null", 3), ("zero", 5), ("random", 8), ("urandom", 9)):
        os.mknod(f"{root}/dev/{name}", 0o20666, os.makedev(1, minor))
        os.chmod(f"{root}/dev/{name}", 0o666)
    if os.path.isdir(f"{root}/sys"):
        subprocess.run(["mount", "--rbind", "-o", "ro", "/sys", f"{root}/sys"], check=False)
    # what a container runtime provides: the host's name resolution files (the network is the host's)
    for f in ("/etc/hosts", "/etc/resolv.conf", "/etc/hostname"):
        if os.path.exists(f) and os.path.exists(root + f):
            subprocess.run(["mount", "--bind", "-o", "ro", f, root + f], check=True)
    os.chroot(root)
    os.chdir(spec["cwd"])
    os.setgroups([])
    os.setgid(spec["gid"])
    os.setuid(spec["uid"])
    os.execvpe(spec["argv"][0], spec["argv"], spec["env"])


def start(root, config, port, db, secrets, log):
    env = dict(e.split("=", 1) for e in config.get("Env", []))
    env.update({
        "QUARKUS_HTTP_PORT": str(port),
        "QUARKUS_DATASOURCE_JDBC_URL": f"jdbc:postgresql://127.0.0.1:5432/{db}",
        "QUARKUS_REDIS_HOSTS": "redis://127.0.0.1:6379",
        "QUARTERMASTER_TOKENS_ISSUER": "http://quartermaster.image-proof",
        **secrets,
    })
    user = (config.get("User") or "0").split(":")
    spec = {"argv": config["Entrypoint"] + (config.get("Cmd") or []), "env": env,
            "cwd": config.get("WorkingDir") or "/", "uid": int(user[0]), "gid": int(user[1]) if len(user) > 1 else 0}
    proc = subprocess.Popen(["unshare", "--mount", "--propagation", "private", sys.executable,
                             os.path.abspath(__file__), "--inner", root, json.dumps(spec)],
                            stdout=log, stderr=subprocess.STDOUT)
    STARTED.append(proc)
    return proc


def prove(root, config, db, work):
    port = free_port()
    secret = base64.b64encode(os.urandom(24)).decode()
    secrets = {"QUARTERMASTER_OPERATOR_CLIENT_SECRET": secret,
               "QUARTERMASTER_SECRETS_PEPPER": base64.b64encode(os.urandom(32)).decode(),
               "QUARTERMASTER_CRYPTO_ACTIVE_KEY": "k1",
               "QUARTERMASTER_CRYPTO_KEYS_K1": base64.b64encode(os.urandom(32)).decode()}
    base = f"http://127.0.0.1:{port}"
    log_path = os.path.join(work, "app.log")
    log = open(log_path, "ab")
    t0 = time.monotonic()
    app = start(root, config, port, db, secrets, log)
    wait_ready(base, app, log_path)
    print(f"ready after {time.monotonic() - t0:.1f} s (first start: creates and migrates the database)")
    check(os.stat(f"/proc/{app.pid}").st_uid == 185 or config.get("User") != "185", "the JVM runs as uid 185")

    op = token(base, "operator", secret)
    skus = [f"IMG-{i}" for i in range(20)]
    call(base, "POST", "/v1/products/batch", op, {"products": [{"sku": s, "name": s, "unitPrice": "1.00"} for s in skus]}, 200)
    call(base, "POST", "/v1/inventory/adjustments", op,
         {"adjustments": [{"sku": s, "delta": 1_000_000, "reason": "restock"} for s in skus]}, 200)
    client = call(base, "POST", "/v1/clients", op, {"name": "Image Proof", "currency": "EUR", "creditLimit": "100000000.00"}, 201)
    cred = call(base, "POST", f"/v1/clients/{client['id']}/credentials", op, {"scopes": ["orders:read", "orders:write"]}, 201)
    buyer = token(base, cred["clientId"], cred["clientSecret"])
    order = call(base, "POST", "/v1/orders", buyer, {"externalRef": "IMG-PO-1", "lines": [{"sku": s, "quantity": 2} for s in skus]}, 201)
    print(f"order {order['id']} placed: {order['lineCount']} lines, total {order['total']}")
    batch = call(base, "POST", "/v1/orders/batch", buyer, {"orders": [
        {"externalRef": f"IMG-B-{i}", "lines": [{"sku": s, "quantity": 1} for s in skus]} for i in range(300)]}, 202,
        {"Idempotency-Key": str(uuid.uuid4())})

    # requests in flight while SIGTERM arrives: each must end in 201 or a clean refusal, never a cut
    results, stop = [], threading.Event()
    def orders(n):
        i = 0
        while not stop.is_set():
            i += 1
            results.append(try_order(base, buyer, f"IMG-T{n}-{i}", skus))
            if results[-1][0] == "refused":
                return  # the listener is closed: this client has seen the end
    threads = [threading.Thread(target=orders, args=(n,)) for n in range(4)]
    [t.start() for t in threads]
    time.sleep(1.0)  # let the clients get going (a benchmark pause, not a test wait)
    t_term = time.monotonic()
    app.send_signal(signal.SIGTERM)
    try:
        code = app.wait(timeout=GRACE_SECONDS)
    except subprocess.TimeoutExpired:
        app.kill()
        fail(f"did not stop within {GRACE_SECONDS} s of SIGTERM")
    stopped = time.monotonic() - t_term
    stop.set()
    [t.join() for t in threads]
    log.flush()
    created = [r for r in results if r[0] == 201]
    closed = [r for r in results if r[0] not in (201, 503, "refused")]
    # a connection closed without an answer is fine only if the server never started on the request:
    # an order that exists although its client got no answer would be an in-flight request cut short
    cut = [r for r in closed if scalar(db, f"SELECT count(*) FROM orders.orders WHERE external_ref = '{r[1]}'") != "0"]
    print(f"SIGTERM: exited with {code} after {stopped:.1f} s; clients sending throughout got "
          f"{len(created)} x 201, {sum(r[0] == 503 for r in results)} x 503, {len(closed)} connections closed unanswered "
          f"as the listener shut, then refused connections")
    check(code in (0, 143), f"exit status {code} is a clean exit (143 = the JVM's answer to SIGTERM)")
    check(not cut, f"no request the server had started was cut: every unanswered one left no order {cut[:3]}")
    missing = [r[1] for r in created if scalar(db, f"SELECT count(*) FROM orders.orders WHERE external_ref = '{r[1]}'") != "1"]
    check(not missing, f"every 201 order exists exactly once (missing: {missing[:3]})")
    lines = open(log_path, encoding="utf-8", errors="replace").read().splitlines()
    check(any('"Quartermaster' in l or "stopped in" in l for l in lines), "Quarkus logged its stop")
    bad = [l for l in lines if any(f'"level":"{v}' in l for v in ("WARN", "ERROR", "SEVERE", "FATAL"))]
    check(not bad, "no warning or error in the log from start to stop: " + "\n".join(bad[:3]))
    check(scalar(db, "SELECT count(*) FROM orders.batch_items WHERE attempts > 0") == "0",
          "the shutdown cost no batch item an attempt")
    check(scalar("postgres", f"SELECT count(*) FROM pg_stat_activity WHERE datname = '{db}' AND pid <> pg_backend_pid()") == "0",
          "every database connection of the instance was closed")
    check(scalar(db, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'") == "0", "no advisory lock left")

    # the batch survives: a second start finishes it, every order exactly once
    app = start(root, config, port, db, secrets, log)
    wait_ready(base, app, log_path)
    deadline = time.monotonic() + 180
    while True:
        status = call(base, "GET", f"/v1/order-batches/{batch['batchId']}", buyer, None, 200)
        if status["status"] == "completed" or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    check(status["status"] == "completed" and status["accepted"] == 300, f"the batch completed after the restart: {status['status']} {status.get('accepted')}")
    check(scalar(db, "SELECT count(*) = count(DISTINCT external_ref) FROM orders.orders") == "t", "no order placed twice")
    app.send_signal(signal.SIGTERM)
    check(app.wait(timeout=GRACE_SECONDS) in (0, 143), "the second instance stopped cleanly too")
    print(f"batch of 300 completed across the restart; log: {log_path}")


def try_order(base, token_, ref, skus):
    body = {"externalRef": ref, "lines": [{"sku": s, "quantity": 1} for s in skus]}
    try:
        call(base, "POST", "/v1/orders", token_, body, 201)
        return (201, ref)
    except urllib.error.HTTPError as e:
        return (e.code, ref)
    except (ConnectionRefusedError, urllib.error.URLError) as e:
        reason = getattr(e, "reason", e)
        return ("refused" if isinstance(reason, ConnectionRefusedError) else repr(reason), ref)
    except Exception as e:  # reset, empty reply: a request cut mid-way
        return (repr(e), ref)


def call(base, method, path, token_, body, expect, headers=None):
    req = urllib.request.Request(base + path, method=method, data=None if body is None else json.dumps(body).encode())
    req.add_header("Authorization", "Bearer " + token_)
    req.add_header("Content-Type", "application/json")
    for k, v in (headers or {}).items():
        req.add_header(k, v)
    with urllib.request.urlopen(req, timeout=60) as r:
        if r.status != expect:
            fail(f"{method} {path}: {r.status}, expected {expect}")
        return json.loads(r.read() or b"null")


def token(base, client_id, secret):
    req = urllib.request.Request(base + "/oauth2/token", data=b"grant_type=client_credentials", method="POST")
    # RFC 6749 §2.3.1: the client id and secret are form-encoded before they go into Basic
    pair = urllib.parse.quote(client_id, safe="") + ":" + urllib.parse.quote(secret, safe="")
    req.add_header("Authorization", "Basic " + base64.b64encode(pair.encode()).decode())
    req.add_header("Content-Type", "application/x-www-form-urlencoded")
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return json.loads(r.read())["access_token"]
    except urllib.error.HTTPError as e:
        fail(f"token for {client_id}: HTTP {e.code} {e.read()[:300]!r}")


def wait_ready(base, app, log_path, seconds=120):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if app.poll() is not None:
            fail(f"the instance exited with {app.returncode}; see {log_path}:\n" + open(log_path).read()[-3000:])
        try:
            with urllib.request.urlopen(base + "/q/health/ready", timeout=2) as r:
                if r.status == 200:
                    return
        except Exception:
            pass
        time.sleep(0.2)
    fail("not ready in time")


def psql(db, sql):
    return subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", db, "-tAc", sql],
                          capture_output=True, text=True, check=False).stdout.strip()


def scalar(db, sql):
    return psql(db, sql)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def check(ok, what):
    print(("  ok  " if ok else "  FAIL ") + what)
    if not ok:
        fail(what)


def fail(why):
    raise SystemExit("image proof FAILED: " + why)


if __name__ == "__main__":
    main()
