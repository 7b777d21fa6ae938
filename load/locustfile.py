"""A realistic B2B mix against Quartermaster, for Locust (Debian's python3-locust).

Buyers (integration systems of business clients) refresh their token, browse the catalogue, read stock
for the SKUs they care about, place 20-line orders and now and then a 500-line one or a batch, and page
through their orders. A warehouse operator restocks and moves orders on. The catalogue, stock and the
clients are made once at the start through the API, with the operator credential from the environment:

  QM_OPERATOR_SECRET=… locust -f load/locustfile.py --host http://localhost:8080   (load/run.sh does it all)

WebSocket tickers are not part of this profile (bench/stream-latency.sh measures them)."""
import os
import random
import threading
import uuid

import requests
from locust import HttpUser, between, events, task

SKUS = [f"LOAD-{i:04d}" for i in range(int(os.environ.get("QM_LOAD_SKUS", "1000")))]
CLIENTS = int(os.environ.get("QM_LOAD_CLIENTS", "10"))
OPERATOR = (os.environ.get("QM_OPERATOR_ID", "operator"), os.environ.get("QM_OPERATOR_SECRET", ""))
credentials = []
_lock = threading.Lock()
_next = [0]


def token(host, client_id, secret):
    r = requests.post(f"{host}/oauth2/token", auth=(client_id, secret), data={"grant_type": "client_credentials"}, timeout=30)
    r.raise_for_status()
    return r.json()["access_token"]


@events.test_start.add_listener
def make_world(environment, **_):
    """The catalogue (prices, plenty of stock) and the buying clients, each with one credential."""
    host = environment.host
    op = {"Authorization": "Bearer " + token(host, *OPERATOR)}
    for i in range(0, len(SKUS), 1000):
        part = SKUS[i:i + 1000]
        requests.post(f"{host}/v1/products/batch", headers=op, timeout=120, json={"products": [
            {"sku": s, "name": f"Part {s}", "unitPrice": f"{random.randint(100, 9999) / 100:.2f}"} for s in part]}).raise_for_status()
        requests.post(f"{host}/v1/inventory/adjustments", headers=op, timeout=120, json={"adjustments": [
            {"sku": s, "delta": 50_000_000, "reason": "restock"} for s in part]}).raise_for_status()
    for n in range(CLIENTS):
        r = requests.post(f"{host}/v1/clients", headers=op, timeout=30, json={
            "name": f"Load Buyer {n} {uuid.uuid4().hex[:6]}", "currency": "EUR", "creditLimit": "100000000000.00",
            "discountPercent": 5})
        r.raise_for_status()
        r = requests.post(f"{host}/v1/clients/{r.json()['id']}/credentials", headers=op, timeout=30,
                          json={"scopes": ["orders:read", "orders:write", "inventory:read"]})
        r.raise_for_status()
        cred = r.json()
        credentials.append((cred["clientId"], cred["clientSecret"]))


class Buyer(HttpUser):
    """A client's purchasing system."""
    weight = 9
    wait_time = between(0.5, 2.0)

    def on_start(self):
        with _lock:
            self.client_id, self.secret = credentials[_next[0] % len(credentials)]
            _next[0] += 1
        self.refresh_token()
        self.favourites = random.sample(SKUS, 50)

    def auth(self):
        return {"Authorization": "Bearer " + self.token}

    @task(1)
    def refresh_token(self):
        with self.client.post("/oauth2/token", auth=(self.client_id, self.secret),
                              data={"grant_type": "client_credentials"}, name="POST /oauth2/token",
                              catch_response=True) as r:
            if r.status_code == 200:
                self.token = r.json()["access_token"]
            else:
                r.failure(f"token: {r.status_code}")

    @task(10)
    def browse_catalogue(self):
        prefix = random.choice(SKUS)[:7]
        self.client.get(f"/v1/products?limit=50&skuPrefix={prefix}", headers=self.auth(), name="GET /v1/products")

    @task(10)
    def read_stock(self):
        skus = "&".join(f"sku={s}" for s in random.sample(self.favourites, 20))
        self.client.get(f"/v1/inventory?{skus}", headers=self.auth(), name="GET /v1/inventory?sku=×20")

    @task(5)
    def order_20_lines(self):
        self.order(20, "POST /v1/orders (20 lines)")

    @task(1)
    def order_500_lines(self):
        self.order(500, "POST /v1/orders (500 lines)")

    @task(1)
    def batch(self):
        orders = [{"externalRef": f"PO-{uuid.uuid4()}", "lines": self.lines(20)} for _ in range(10)]
        r = self.client.post("/v1/orders/batch", json={"orders": orders}, name="POST /v1/orders/batch (10×20)",
                             headers={**self.auth(), "Idempotency-Key": str(uuid.uuid4())})
        if r.status_code == 202:
            self.client.get(r.headers["Location"], headers=self.auth(), name="GET /v1/order-batches/{id}")

    @task(4)
    def list_orders(self):
        cursor = None
        for _ in range(3):
            path = "/v1/orders?limit=50" + (f"&cursor={cursor}" if cursor else "")
            r = self.client.get(path, headers=self.auth(), name="GET /v1/orders (page)")
            cursor = r.json().get("nextCursor") if r.status_code == 200 else None
            if not cursor:
                break

    def order(self, lines, name):
        self.client.post("/v1/orders", json={"externalRef": f"PO-{uuid.uuid4()}", "lines": self.lines(lines)},
                         headers={**self.auth(), "Idempotency-Key": str(uuid.uuid4())}, name=name)

    def lines(self, n):
        return [{"sku": s, "quantity": random.randint(1, 500)} for s in random.sample(SKUS, n)]


class Warehouse(HttpUser):
    """The operator side: restocks and ships."""
    weight = 1
    wait_time = between(1.0, 3.0)

    def on_start(self):
        r = self.client.post("/oauth2/token", auth=OPERATOR, data={"grant_type": "client_credentials"},
                             name="POST /oauth2/token (operator)")
        self.token = r.json()["access_token"]

    @task(3)
    def restock(self):
        self.client.post("/v1/inventory/adjustments", name="POST /v1/inventory/adjustments (10)",
                         headers={"Authorization": "Bearer " + self.token}, json={"adjustments": [
                             {"sku": s, "delta": random.randint(100, 10_000), "reason": "restock"} for s in random.sample(SKUS, 10)]})

    @task(2)
    def process_orders(self):
        r = self.client.get("/v1/orders?status=pending&limit=20", headers={"Authorization": "Bearer " + self.token},
                            name="GET /v1/orders?status=pending (operator)")
        if r.status_code == 200:
            for o in r.json()["items"][:5]:
                with self.client.post(f"/v1/orders/{o['id']}/status", json={"status": "processing"},
                                      headers={"Authorization": "Bearer " + self.token},
                                      name="POST /v1/orders/{id}/status", catch_response=True) as moved:
                    if moved.status_code == 409 and moved.json().get("code") == "invalid_transition":
                        moved.success()  # another warehouse worker moved it first: the right answer to a race
