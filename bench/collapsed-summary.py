"""Summary of an async-profiler collapsed-stack file taken with `threads` (bench/order-cpu-profile.sh).

Prints the share of CPU samples per thread kind, per library of the deepest frame that names one, for the
request threads what they spend outside the order itself, and the order's own steps (the application
methods OrderPlacement.place calls).
    python3 bench/collapsed-summary.py <file.collapsed>
"""
import collections
import re
import sys

APP = re.compile(r"(orders|inventory|tenancy|platform|integration|audit|operations|graphqlapi)/")
LIBRARIES = [
    ("JIT compilers", "CompileBroker"), ("GC", "G1"), ("OpenTelemetry", "io/opentelemetry"),
    ("Jackson", "com/fasterxml/jackson"), ("pgjdbc", "org/postgresql"), ("Agroal", "io/agroal"),
    ("Narayana", "com/arjuna"), ("tokens (jose4j)", "org/jose4j"), ("tokens (quarkus-oidc)", "io/quarkus/oidc"),
    ("Redis", "io/vertx/redis"), ("Micrometer", "io/micrometer"), ("logging", "org/jboss/logmanager"),
    ("RESTEasy", "org/jboss/resteasy"), ("CDI (Arc)", "io/quarkus/arc"), ("Netty", "io/netty"), ("Vert.x", "io/vertx"),
]
OUTSIDE = [
    ("token checks", ("OidcProvider.verify", "OidcUtils.", "org/jose4j", "OidcCommonUtils", "OidcJwtCallerPrincipal")),
    ("rate limit (Redis)", ("io/vertx/redis", "RateLimiter")),
    ("other event-loop HTTP work (under the Netty codec)", ("io/netty/handler/codec/http",)),
    ("JSON (Jackson)", ("com/fasterxml/jackson",)),
    ("OpenTelemetry", ("io/opentelemetry",)),
]


def thread_kind(root):
    return re.sub(r"\d+", "N", re.sub(r" tid=\d+", "", root.strip("[]")))


def library(frames):
    for frame in reversed(frames):
        for name, pattern in LIBRARIES:
            if pattern in frame:
                return name
        if APP.match(frame):
            return "application: " + frame.split("/")[0]
        if frame.startswith(("java/", "jdk/", "sun/")):
            return "JDK (incl. socket I/O in the kernel)"
    return "other (kernel, VM)"


def share(counter, total, limit=20):
    for key, n in counter.most_common(limit):
        print(f"  {100 * n / total:5.1f} %  {key}")


def main(path):
    stacks = []
    for line in open(path):
        stack, _, n = line.rstrip().rpartition(" ")
        frames = stack.split(";")
        stacks.append((frames, int(n)))
    total = sum(n for _, n in stacks)
    threads, libraries, outside, steps = (collections.Counter() for _ in range(4))
    request_total = place_total = 0
    for frames, n in stacks:
        kind = thread_kind(frames[0])
        threads[kind] += n
        libraries[library(frames[1:])] += n
        if not kind.startswith(("executor-thread", "vert.x-eventloop")):
            continue
        request_total += n
        joined = ";".join(frames)
        if "OrderResource.create" in joined:
            outside["the order request (OrderResource.create)"] += n
        else:
            outside[next((name for name, keys in OUTSIDE if any(k in joined for k in keys)), "the rest (routing, filters, I/O)")] += n
        at = [i for i, f in enumerate(frames) if f.startswith("orders/internal/domain/OrderPlacement.place")]
        if at:
            place_total += n
            called = [f.split("(")[0] for f in frames[at[-1] + 1:]
                      if APP.match(f) and not re.search(r"_ClientProxy|_Subclass|Lambda|_Bean", f)]
            steps[called[0] if called else "OrderPlacement.place itself"] += n
    print(f"{total} samples (1 ms of CPU each)")
    print("by thread:")
    share(threads, total, 8)
    print("by library of the deepest frame that names one:")
    share(libraries, total, 16)
    if request_total:
        print(f"request threads ({100 * request_total / total:.0f} % of all):")
        share(outside, request_total)
    if place_total:
        print(f"OrderPlacement.place ({100 * place_total / total:.0f} % of all), by the step it was in:")
        share(steps, place_total, 12)


if __name__ == "__main__":
    main(sys.argv[1])
