#!/usr/bin/env python3
"""Crash proofs on both backends (issue 15, item 6; docs/security.md#crash-proofs).

Each round starts `jixu serve`, runs concurrent record writes (POST /records, as a person) and a
stream of CSV imports (persons and records, as the admin), and at a random moment while an import
is in flight kills with SIGKILL:

- SQLite: the server (the database is inside it);
- PostgreSQL: the server, the whole PostgreSQL cluster (postmaster and every backend, as a power
  cut would), or both, chosen at random per round. The cluster must run with fsync and synchronous
  commit on (`scripts/pg-test-cluster.sh start DIR --durable`), as a production one does.

Then it starts everything again and checks:

- every write the server acknowledged (201 with an id) is there (GET /records/{id});
- no import is half there: re-sending each batch inserts either none of its rows (it was
  committed) or all of them (it was not), and a batch the server acknowledged inserts none;
- re-import is idempotent: sending it a third time inserts nothing;
- at the end: `PRAGMA integrity_check` (SQLite) or `pg_amcheck` (PostgreSQL) is clean and the
  audit chain verifies (`jixu audit verify`).

--disk-full (SQLite, needs root for a tmpfs mount): the database on a small filesystem, imports
until the disk is full: the answer must be a clear error, nothing of the failed batch is written,
the server keeps answering, and once the filesystem grows the same batch imports.

    tests/stress/crash_stress.py --backend sqlite --rounds 8                  # CI-sized
    tests/stress/crash_stress.py --backend postgres --rounds 200 --seed 7     # the long run

Prints one line per round and a summary (kills, acknowledged writes, batches, missing = 0,
partial = 0); exits 1 on any violation.
"""
import argparse
import csv
import itertools
import http.client
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
PG_CLUSTER = os.path.join(REPO, "scripts", "pg-test-cluster.sh")
WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


AUDIT_FILES = []


def dbargs(db):
    """jixu's storage option for a SQLite file or a PostgreSQL URL (and, for PostgreSQL, the audit
    key, checkpoints and data key inside this run's folder, not ./jixu-*.key of the working
    directory)."""
    if db.startswith("postgresql://"):
        return ["--database-url", db, *AUDIT_FILES]
    return ["--db", db]


def valid_id(region, birth, seq):
    """A GB 11643 resident ID number with its check character."""
    body = f"{region}{birth}{seq:03d}"
    return body + "10X98765432"[sum(int(d) * w for d, w in zip(body, WEIGHTS)) % 11]


class Failure(Exception):
    pass


# --- HTTP ------------------------------------------------------------------------------------------

def call(port, method, path, token=None, body=None, ctype="application/json", timeout=60):
    """One request on a fresh connection: (status, parsed JSON or None). Raises on a cut connection."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        headers = {"Accept": "application/json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        data = None
        if body is not None:
            data = body.encode() if isinstance(body, str) else json.dumps(body).encode()
            headers["Content-Type"] = ctype
        conn.request(method, path, body=data, headers=headers)
        res = conn.getresponse()
        raw = res.read()
        try:
            return res.status, json.loads(raw) if raw else None
        except ValueError:
            return res.status, None
    finally:
        conn.close()


def login(port, user, password):
    status, body = call(port, "POST", "/api/v1/auth/login", body={"username": user, "password": password})
    if status != 200:
        raise Failure(f"sign-in as {user}: HTTP {status} {body}")
    return body["token"]


# --- processes -------------------------------------------------------------------------------------

class Server:
    """`jixu serve` on a free port for one database."""

    def __init__(self, jixu, db, log):
        self.jixu, self.db, self.log = jixu, db, log
        self.proc = None
        self.port = None

    def start(self):
        out = open(self.log, "ab")
        self.proc = subprocess.Popen([self.jixu, *dbargs(self.db), "serve", "--port", "0", "--audit-checkpoint-minutes", "0"],
                                     stdout=subprocess.PIPE, stderr=out, cwd=REPO)
        # The server prints the address it listens on; read lines until the port shows.
        deadline = time.time() + 60
        while time.time() < deadline:
            line = self.proc.stdout.readline().decode(errors="replace")
            if not line:
                break
            for word in line.replace("/", " ").split():
                if word.startswith("127.0.0.1:"):
                    self.port = int(word.split(":")[1])
            if self.port:
                break
        if not self.port:
            raise Failure(f"jixu serve did not start (log: {self.log})")
        threading.Thread(target=self._drain, daemon=True).start()
        for _ in range(200):
            try:
                if call(self.port, "GET", "/healthz")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.05)
        raise Failure("jixu serve did not answer /healthz")

    def _drain(self):
        try:
            for _ in self.proc.stdout:
                pass
        except ValueError:
            pass

    def kill(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


class Postgres:
    """A private durable cluster (scripts/pg-test-cluster.sh) that can be killed and restarted."""

    def __init__(self, folder):
        # A second try in a fresh folder: on a busy machine another cluster may take the port
        # between the script's check and PostgreSQL's bind.
        for attempt in range(2):
            self.dir = f"{folder}{attempt or ''}"
            r = subprocess.run([PG_CLUSTER, "start", self.dir, "--durable"], capture_output=True, text=True)
            if r.returncode == 0:
                self.url = r.stdout.strip()
                return
            subprocess.run([PG_CLUSTER, "stop", self.dir], capture_output=True)
        raise Failure(f"PostgreSQL did not start: {r.stderr.strip()[-1500:]}")

    def kill(self):
        pid = int(subprocess.check_output([PG_CLUSTER, "pid", self.dir], text=True).split()[0])
        pgid = os.getpgid(pid)
        # The postmaster and every backend at once: what a power cut leaves.
        os.killpg(pgid, signal.SIGKILL)
        for _ in range(200):
            try:
                os.kill(pid, 0)
                time.sleep(0.05)
            except ProcessLookupError:
                break
        time.sleep(0.2)

    def restart(self):
        r = subprocess.run([PG_CLUSTER, "restart", self.dir], capture_output=True, text=True)
        if r.returncode != 0:
            raise Failure(f"PostgreSQL did not start again: {r.stderr}")

    def amcheck(self):
        pg_bin = sorted(d for d in os.listdir("/usr/lib/postgresql"))[-1]
        tool = f"/usr/lib/postgresql/{pg_bin}/bin/pg_amcheck"
        cmd = [tool, "--install-missing", "--heapallindexed", self.url]
        r = subprocess.run(cmd, capture_output=True, text=True)
        return r.returncode, (r.stdout + r.stderr).strip()

    def stop(self):
        subprocess.run([PG_CLUSTER, "stop", self.dir], capture_output=True)


# --- workload --------------------------------------------------------------------------------------

class Batch:
    def __init__(self, kind, csv, rows):
        self.kind, self.csv, self.rows = kind, csv, rows
        self.acked = False


def persons_batch(tag, birth, employer, region, n):
    lines = ["id_number,name,employer_code,region_code,field,title_level"]
    for i in range(n):
        lines.append(f"{valid_id(region, birth, i)},压测{tag}-{i},{employer},{region},工程,intermediate")
    return Batch("persons", "\n".join(lines) + "\n", n)


def records_batch(tag, ids, year):
    lines = ["id_number,date,category,form,hours,provider,title,source_id,status"]
    for i, idn in enumerate(ids):
        lines.append(f"{idn},{year}-03-{1 + i % 28:02d},professional,online,2,,压测{tag},stress-{tag}-{i},approved")
    return Batch("records", "\n".join(lines) + "\n", len(ids))


def import_batch(port, token, b):
    return call(port, "POST", f"/api/v1/imports/{b.kind}", token, b.csv, "text/csv", timeout=300)


class Round:
    def __init__(self, n, rng, port, tokens, employer, region, person_ids, year, batch_rows):
        self.n, self.rng, self.port, self.tokens = n, rng, port, tokens
        self.employer, self.region, self.person_ids, self.year = employer, region, person_ids, year
        self.batch_rows = batch_rows
        self.acked = []
        self.batches = []
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.in_flight = threading.Event()
        self.refusals = {}  # HTTP status -> count, of writes not acknowledged

    def writer(self, w):
        for i in itertools.count():
            if self.stop.is_set():
                return
            body = {"date": f"{self.year}-05-01", "category": "public", "form": "seminar", "hours": 1,
                    "title": f"压测写入 r{self.n} w{w} #{i}", "provider_name": "压测"}
            try:
                status, res = call(self.port, "POST", "/api/v1/records", self.tokens["person"], body, timeout=30)
            except OSError:
                return
            with self.lock:
                if status == 201:
                    self.acked.append(res["id"])
                else:
                    self.refusals[status] = self.refusals.get(status, 0) + 1

    def importer(self):
        for k in itertools.count():
            if self.stop.is_set():
                return
            tag = f"R{self.n}B{k}"
            if k % 2 == 0:
                # Each round and batch its own birth date, so every ID number is new.
                day = (self.n * 37 + k) % 9000
                birth = time.strftime("%Y%m%d", time.gmtime(86400 * (365 * 20 + day)))
                b = persons_batch(tag, birth, self.employer, self.region, self.batch_rows)
            else:
                ids = self.rng.sample(self.person_ids, min(self.batch_rows, len(self.person_ids)))
                b = records_batch(tag, ids, self.year)
            with self.lock:
                self.batches.append(b)
            self.in_flight.set()
            try:
                status, res = import_batch(self.port, self.tokens["admin"], b)
            except OSError:
                return
            if status == 200 and res and res.get("committed"):
                b.acked = True
            elif status >= 500:
                return  # the database went away under it (PostgreSQL killed): not acknowledged
            else:
                # A refusal is a finding of its own: every batch is valid.
                raise Failure(f"import {tag} refused: HTTP {status} {res}")


def check_round(port, tokens, rnd):
    """Acknowledged writes present; each batch all-or-nothing; re-import idempotent. Returns counts."""
    missing = []
    ids = list(rnd.acked)

    def get_all(chunk):
        for rid in chunk:
            status, _ = call(port, "GET", f"/api/v1/records/{rid}", tokens["person"])
            if status != 200:
                missing.append((rid, status))

    threads = [threading.Thread(target=get_all, args=(ids[i::4],)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    partial = []
    committed = 0
    for b in rnd.batches:
        status, res = import_batch(port, tokens["admin"], b)
        if status != 200:
            raise Failure(f"re-import of a {b.kind} batch: HTTP {status} {res}")
        inserted = res["inserted"]
        if inserted not in (0, b.rows) or (b.acked and inserted != 0):
            partial.append((b.kind, b.rows, inserted, b.acked))
        if inserted == 0:
            committed += 1
        status, res = import_batch(port, tokens["admin"], b)
        if status != 200 or res["inserted"] != 0:
            partial.append((b.kind, "third import inserted", res and res.get("inserted")))
    return missing, partial, committed


def demo_facts(jixu, db, seed, csv_dir):
    """Loads the demo (with the demo accounts) and returns (passwords, an employer, persons' ID numbers)."""
    out = subprocess.check_output([jixu, *dbargs(db), "demo", "--persons", "300", "--seed", str(seed), "--users"],
                                  text=True, cwd=REPO, stderr=subprocess.STDOUT)
    passwords = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) >= 4 and parts[1] == "/" and parts[0] in ("admin", "person1"):
            passwords[parts[0]] = parts[2]
    subprocess.check_output([jixu, *dbargs(db), "demo", "--persons", "300", "--seed", str(seed), "--csv-dir", csv_dir],
                            cwd=REPO, stderr=subprocess.STDOUT)
    with open(os.path.join(csv_dir, "persons.csv"), encoding="utf-8-sig") as f:
        persons = list(csv.DictReader(f))
    with open(os.path.join(csv_dir, "employers.csv"), encoding="utf-8-sig") as f:
        employers = list(csv.DictReader(f))
    emp = employers[0]
    return passwords, emp["code"], emp["region_code"], [p["id_number"] for p in persons]


def run_rounds(args, jixu, db, work, pg):
    rng = random.Random(args.seed)
    passwords, employer, region, person_ids = demo_facts(jixu, db, args.seed, os.path.join(work, "csv"))
    year = time.gmtime().tm_year
    server = Server(jixu, db, os.path.join(work, "serve.log"))
    totals = {"kills": 0, "acked": 0, "batches": 0, "committed": 0, "missing": 0, "partial": 0, "pg_kills": 0}
    failures = []
    for n in range(args.rounds):
        server.start()
        tokens = {"person": login(server.port, "person1", passwords["person1"]),
                  "admin": login(server.port, "admin", passwords["admin"])}
        rnd = Round(n, rng, server.port, tokens, employer, region, person_ids, year, args.batch_rows)
        errors = []

        def guarded(f, *a):
            try:
                f(*a)
            except Exception as e:  # noqa: BLE001 - reported below
                errors.append(repr(e))

        threads = [threading.Thread(target=guarded, args=(rnd.writer, w)) for w in range(args.writers)]
        threads.append(threading.Thread(target=guarded, args=(rnd.importer,)))
        for t in threads:
            t.start()
        rnd.in_flight.wait(30)
        time.sleep(rng.uniform(0.05, args.max_delay))
        mode = "server"
        if pg:
            mode = rng.choice(["server", "database", "both"])
        if mode in ("server", "both"):
            server.kill()
        if mode in ("database", "both"):
            pg.kill()
            totals["pg_kills"] += 1
        if mode == "database":
            time.sleep(0.5)  # the writers go on against a server whose database is gone
        rnd.stop.set()
        for t in threads:
            t.join(timeout=120)
        totals["kills"] += 1
        if pg and mode in ("database", "both"):
            pg.restart()
        if mode == "database":
            # jixu stayed up while PostgreSQL died and came back: the same process must serve
            # again (its connections are re-opened), within a few seconds.
            deadline = time.time() + 15
            while time.time() < deadline:
                try:
                    if call(server.port, "GET", "/api/v1/auth/me", rnd.tokens["admin"], timeout=5)[0] == 200:
                        break
                except OSError:
                    pass
                time.sleep(0.2)
            else:
                failures.append(f"round {n + 1}: jixu serve did not serve again after PostgreSQL restarted")
            # While the database was gone every write was refused as "retry later", never a 500.
            if set(rnd.refusals) - {503}:
                failures.append(f"round {n + 1}: writes without a database answered {rnd.refusals} (503 expected)")
            server.stop()
        server.start()
        tokens = {"person": login(server.port, "person1", passwords["person1"]),
                  "admin": login(server.port, "admin", passwords["admin"])}
        missing, partial, committed = check_round(server.port, tokens, rnd)
        server.stop()
        totals["acked"] += len(rnd.acked)
        totals["batches"] += len(rnd.batches)
        totals["committed"] += committed
        totals["missing"] += len(missing)
        totals["partial"] += len(partial)
        print(f"round {n + 1}/{args.rounds}: killed {mode:8s} acknowledged writes {len(rnd.acked):5d}, "
              f"import batches {len(rnd.batches)} ({committed} committed before the kill), "
              f"missing {len(missing)}, partial {len(partial)}", flush=True)
        if errors:
            failures.append(f"round {n + 1}: {errors}")
        if missing:
            failures.append(f"round {n + 1}: acknowledged writes lost: {missing[:5]}")
        if partial:
            failures.append(f"round {n + 1}: partial or non-idempotent imports: {partial[:5]}")
    return totals, failures


def integrity(args, jixu, db, pg):
    problems = []
    if pg:
        rc, out = pg.amcheck()
        if rc != 0:
            problems.append(f"pg_amcheck: {out[-2000:]}")
    else:
        con = sqlite3.connect(db)
        res = con.execute("PRAGMA integrity_check").fetchall()
        con.close()
        if res != [("ok",)]:
            problems.append(f"integrity_check: {res[:5]}")
    r = subprocess.run([jixu, *dbargs(db), "audit", "verify"], capture_output=True, text=True, cwd=REPO)
    if r.returncode != 0:
        problems.append(f"audit verify: {r.stdout}{r.stderr}")
    return problems


def disk_full(args, jixu, work):
    """SQLite on a small tmpfs: imports until the disk is full; the error is clear, nothing partial."""
    mnt = os.path.join(work, "small")
    os.makedirs(mnt)
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", mnt], capture_output=True, text=True)
    if r.returncode != 0:
        return [f"disk-full: cannot mount a tmpfs here ({r.stderr.strip()}); run as root"], None
    problems = []
    try:
        db = os.path.join(mnt, "full.db")
        passwords, employer, region, _ = demo_facts(jixu, db, args.seed, os.path.join(work, "csv-full"))
        server = Server(jixu, db, os.path.join(work, "serve-full.log"))
        server.start()
        admin = login(server.port, "admin", passwords["admin"])
        failed = None
        report = None
        for k in range(400):
            birth = time.strftime("%Y%m%d", time.gmtime(86400 * (365 * 15 + k)))
            b = persons_batch(f"F{k}", birth, employer, region, 999)
            status, res = import_batch(server.port, admin, b)
            if status != 200:
                failed, report = b, (status, res)
                break
        if not failed:
            problems.append("disk-full: 24 MB never filled")
            return problems, None
        status, res = report
        msg = (res or {}).get("message_en", "") + " " + (res or {}).get("message_zh", "")
        if status not in (503, 507) or ("disk" not in msg.lower() and "space" not in msg.lower()):
            problems.append(f"disk-full: the answer should name the full disk: HTTP {status} {res}")
        # The server still answers reads.
        if call(server.port, "GET", "/api/v1/auth/me", admin)[0] != 200:
            problems.append("disk-full: the server stopped answering")
        # Space returns: the same batch imports whole (nothing of it was written before).
        subprocess.run(["mount", "-o", "remount,size=256m", mnt], check=True)
        status, res = import_batch(server.port, admin, failed)
        if status != 200 or res.get("inserted") != failed.rows:
            problems.append(f"disk-full: after space returned the batch should import whole: HTTP {status} {res}")
        server.stop()
        con = sqlite3.connect(db)
        if con.execute("PRAGMA integrity_check").fetchall() != [("ok",)]:
            problems.append("disk-full: integrity_check failed")
        con.close()
        return problems, f"disk full after {k} batches of 999 persons: HTTP {report[0]} {msg.strip()}"
    finally:
        subprocess.run(["umount", "-l", mnt], capture_output=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--backend", choices=["sqlite", "postgres"], default="sqlite")
    ap.add_argument("--build", default=os.path.join(REPO, "build"))
    ap.add_argument("--rounds", type=int, default=8)
    ap.add_argument("--seed", type=int, default=2007)
    ap.add_argument("--writers", type=int, default=6)
    ap.add_argument("--batch-rows", type=int, default=400)
    ap.add_argument("--max-delay", type=float, default=1.5, help="latest kill, seconds after the first import started")
    ap.add_argument("--disk-full", action="store_true", help="also the disk-full check (SQLite, root)")
    args = ap.parse_args()
    jixu = os.path.join(args.build, "jixu")
    work = tempfile.mkdtemp(prefix=f"jixu-stress-{args.backend}-")
    os.chmod(work, 0o755)
    pg = None
    started = time.time()
    try:
        if args.backend == "postgres":
            pg = Postgres(os.path.join(work, "pg"))
            db = pg.url
            AUDIT_FILES.extend(["--audit-key", os.path.join(work, "audit.key"),
                                "--audit-checkpoints", os.path.join(work, "audit-checkpoints.jsonl"),
                                "--data-key", os.path.join(work, "data.key")])
        else:
            db = os.path.join(work, "stress.db")
        totals, failures = run_rounds(args, jixu, db, work, pg)
        failures += integrity(args, jixu, db, pg)
        note = None
        if args.disk_full:
            more, note = disk_full(args, jixu, work)
            failures += more
        print(f"{args.backend}: {totals['kills']} kills ({totals['pg_kills']} of PostgreSQL), "
              f"{totals['acked']} acknowledged writes, {totals['batches']} import batches "
              f"({totals['committed']} committed before a kill), missing {totals['missing']}, "
              f"partial {totals['partial']}, integrity {'clean' if not failures else 'see below'}, "
              f"{time.time() - started:.0f} s")
        if note:
            print(note)
        for f in failures:
            print("FAIL:", f, file=sys.stderr)
        return 1 if failures else 0
    finally:
        if pg:
            pg.stop()
        if not os.environ.get("JIXU_STRESS_KEEP"):
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
