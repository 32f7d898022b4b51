#!/usr/bin/env python3
"""`make bench-pages` (issue 16): every GET page of `jixu serve`, as every demo role.

Builds a demo database (`jixu demo --persons N --users`), starts `jixu serve` on it, signs in as
each demo account, reads the OpenAPI document and calls every GET route that takes no path
parameter — and each route with a path parameter for a few sample ids (persons, records,
employers) — REPS times per role, one request at a time. Prints each route's median and p99 per
role and the status it answered; writes the table to bench/out/pages-<backend>.md.

Environment: JIXU_BENCH_PERSONS (default 1000000), JIXU_BENCH_REPS (default 20),
JIXU_BENCH_BACKEND (sqlite, postgresql or both; default sqlite), JIXU_BENCH_EXPORTS=1 to include
the .xlsx exports (whole-scope downloads, minutes at a million persons), JIXU_BENCH_DB to reuse an
existing SQLite demo file instead of building one (its logins must be the demo's).
Usage: bench/pages/bench_pages.py [BUILD_DIR]
"""
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD = sys.argv[1] if len(sys.argv) > 1 else "build"
JIXU = os.path.join(ROOT, BUILD, "jixu") if not os.path.isabs(BUILD) else os.path.join(BUILD, "jixu")
PERSONS = int(os.environ.get("JIXU_BENCH_PERSONS", "1000000"))
REPS = int(os.environ.get("JIXU_BENCH_REPS", "20"))
BACKENDS = os.environ.get("JIXU_BENCH_BACKEND", "sqlite")
EXPORTS = os.environ.get("JIXU_BENCH_EXPORTS") == "1"
SAMPLE_IDS = 3


def request(base, path, token=None, body=None):
    req = urllib.request.Request(base + path, data=None if body is None else json.dumps(body).encode(),
                                 method="GET" if body is None else "POST")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    if body is not None:
        req.add_header("Content-Type", "application/json")
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(req, timeout=600) as r:
            data = r.read()
            status = r.status
    except urllib.error.HTTPError as e:
        data = e.read()
        status = e.code
    return status, (time.perf_counter() - start) * 1000.0, data


def demo(storage_flags, log):
    cmd = [JIXU] + storage_flags + ["demo", "--persons", str(PERSONS), "--users"]
    print("building the demo:", " ".join(cmd), flush=True)
    start = time.time()
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    print(f"demo built in {time.time() - start:.0f} s", flush=True)
    log.write(out)
    logins = re.findall(r"^\s+(\S+) / (\S+)\s+(\S+)", out, re.M)
    if not logins:
        sys.exit("no demo logins in the demo's output")
    return logins


def serve(storage_flags, work):
    out = open(os.path.join(work, "serve.out"), "w")
    proc = subprocess.Popen([JIXU] + storage_flags + ["serve", "--port", "0"], stdout=out,
                            stderr=subprocess.DEVNULL)
    for _ in range(600):
        text = open(os.path.join(work, "serve.out")).read()
        m = re.search(r"listening.*?(\d+)\s*$", text, re.M)
        if m:
            return proc, "http://127.0.0.1:" + m.group(1)
        time.sleep(0.1)
    proc.kill()
    sys.exit("jixu serve did not start")


def pct(values, p):
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100.0 * (len(s) - 1))))]


def sample_ids(base, token):
    """A few opaque ids per kind, read from the lists the caller can see."""
    ids = {}
    for kind, path in (("person", "/api/v1/persons?page_size=50"),
                       ("record", "/api/v1/records?page_size=50"),
                       ("employer", "/api/v1/employers?page_size=50")):
        status, _, data = request(base, path, token)
        if status != 200:
            continue
        items = json.loads(data).get("items", [])
        step = max(1, len(items) // SAMPLE_IDS)
        ids[kind] = [it["id"] for it in items[::step][:SAMPLE_IDS] if "id" in it]
    return ids


def paths_for(route, ids):
    params = re.findall(r"\{(\w+)\}", route)
    if not params:
        return [route]
    if params != ["id"]:
        return []
    for prefix, kind in (("/api/v1/persons/", "person"), ("/api/v1/records/", "record"),
                         ("/api/v1/employers/", "employer")):
        if route.startswith(prefix):
            return [route.replace("{id}", i) for i in ids.get(kind, [])]
    return []


def bench(backend, storage_flags, work):
    reuse = os.environ.get("JIXU_BENCH_DB") if backend == "sqlite" else None
    if reuse and os.path.exists(reuse + ".logins"):
        # Measure two builds on one database: the logins the demo printed were kept beside it.
        logins = re.findall(r"^\s+(\S+) / (\S+)\s+(\S+)", open(reuse + ".logins").read(), re.M)
    else:
        log = open(reuse + ".logins" if reuse else os.path.join(work, "demo.out"), "w")
        logins = demo(storage_flags, log)
        log.close()
    proc, base = serve(storage_flags, work)
    rows = []
    try:
        _, _, data = request(base, "/api/v1/openapi.json")
        spec = json.loads(data)
        routes = sorted(p for p, ops in spec["paths"].items() if "get" in ops)
        if not EXPORTS:
            routes = [r for r in routes if "/exports/" not in r]
        for username, password, role_name in logins:
            role = f"{role_name}:{username}"
            status, _, data = request(base, "/api/v1/auth/login", body={"username": username, "password": password})
            if status != 200:
                print(f"{username}: login answered {status}", flush=True)
                continue
            token = json.loads(data)["token"]
            ids = sample_ids(base, token)
            for route in routes:
                for path in paths_for(route, ids):
                    # The first call is timed apart: it may build what later calls reuse (a
                    # year's statistics cells); median and p99 are over the REPS calls after it.
                    status, first, _ = request(base, path, token)
                    times, statuses = [], {status: 1}
                    for _ in range(REPS):
                        status, ms, _ = request(base, path, token)
                        statuses[status] = statuses.get(status, 0) + 1
                        times.append(ms)
                    shown = route if path == route else route + " (sample)"
                    rows.append((shown, role, statistics.median(times), pct(times, 99),
                                 ",".join(str(s) for s in sorted(statuses)), first))
                    print(f"{role:24s} {shown:55s} first {first:8.1f} ms  median {rows[-1][2]:8.1f} ms  p99 {rows[-1][3]:8.1f} ms  [{rows[-1][4]}]", flush=True)
    finally:
        proc.terminate()
        proc.wait()
    # Sample-id routes: one row per (route, role) with the worst of the samples.
    merged = {}
    for route, role, med, p99, st, first in rows:
        key = (route, role)
        if key not in merged or p99 > merged[key][3]:
            merged[key] = (route, role, med, p99, st, first)
    os.makedirs(os.path.join(ROOT, "bench", "out"), exist_ok=True)
    out_path = os.path.join(ROOT, "bench", "out", f"pages-{backend}.md")
    with open(out_path, "w") as f:
        f.write(f"# GET pages, {backend}, {PERSONS} demo persons, {REPS} calls per route and role "
                f"({time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores)\n\n")
        f.write("| route | role:user | first call ms | median ms | p99 ms | status |\n"
                "| --- | --- | ---: | ---: | ---: | --- |\n")
        for route, role, med, p99, st, first in sorted(merged.values()):
            f.write(f"| `{route}` | {role} | {first:.1f} | {med:.1f} | {p99:.1f} | {st} |\n")
        slow = sorted(merged.values(), key=lambda r: -r[3])[:12]
        f.write("\nslowest p99:\n\n")
        for route, role, med, p99, st, first in slow:
            f.write(f"- `{route}` as {role}: p99 {p99:.1f} ms (median {med:.1f}, first call {first:.1f})\n")
    print("results:", out_path, flush=True)


def main():
    if not os.path.exists(JIXU):
        sys.exit(f"{JIXU} not built")
    for backend in (["sqlite", "postgresql"] if BACKENDS == "both" else [BACKENDS]):
        work = tempfile.mkdtemp(prefix="jixu-pages-bench.")
        try:
            if backend == "sqlite":
                db = os.environ.get("JIXU_BENCH_DB") or os.path.join(work, "p.db")
                bench(backend, ["--db", db], work)
            else:
                # Its own folder: under root the script hands it to the postgres user, who
                # cannot enter a folder inside `work` (mkdtemp makes it 0700).
                cluster = tempfile.mkdtemp(prefix="jixu-pages-pg.")
                url = subprocess.run([os.path.join(ROOT, "scripts", "pg-test-cluster.sh"), "start", cluster, "--durable"],
                                     check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1]
                try:
                    bench(backend, ["--database-url", url, "--audit-key", os.path.join(work, "audit.key"),
                                    "--audit-checkpoints", os.path.join(work, "checkpoints")], work)
                finally:
                    subprocess.run([os.path.join(ROOT, "scripts", "pg-test-cluster.sh"), "stop", cluster])
        finally:
            subprocess.run(["rm", "-rf", work])


if __name__ == "__main__":
    main()
