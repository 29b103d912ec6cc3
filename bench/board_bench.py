#!/usr/bin/env python3
"""The native board's cost (issue 11 item 5, docs/performance.md "Board").

Starts a real okno-server (fake clock, staff token, limits off) and okno-kiosk --board at
1920x1080 (SDL's offscreen driver: Mesa llvmpipe renders every frame on the CPU, as a TV box
without a GPU would; the dummy audio driver plays the announcements in real time), then reads the
board's CPU time and memory from /proc:

  1. idle: connected, nothing happens, for --idle seconds;
  2. a busy day replayed: a call every 10 s for 8 hours (2,880 calls at two desks), time
     compressed --compress times, the board "screen only" (in compressed time 2,880 spoken calls
     could not be played: each takes ~5 s); CPU per real second = measured / compress;
  3. speech: --speech-calls calls at the real pace (one every 10 s), spoken, to add the cost of
     synthesis and playing per call.

Usage: python3 bench/board_bench.py [--build build/dev] [--compress 20] [--idle 60]
"""
import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TICK = os.sysconf("SC_CLK_TCK")
TOKEN = "board-bench-token"


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK  # utime + stime


def memory_mb(pid, field):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field):
                return int(line.split()[1]) / 1024
    return 0.0


def post(base, path, body=None, headers=None):
    req = urllib.request.Request(base + path, data=json.dumps(body or {}).encode(), method="POST")
    req.add_header("Content-Type", "application/json")
    for k, v in (headers or {}).items():
        req.add_header(k, v)
    with urllib.request.urlopen(req, timeout=10) as r:
        return json.loads(r.read() or b"{}")


def measure(pid, seconds):
    c0, t0 = cpu_seconds(pid), time.monotonic()
    time.sleep(seconds)
    return (cpu_seconds(pid) - c0) / (time.monotonic() - t0) * 100


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default=os.path.join(ROOT, "build/dev"))
    ap.add_argument("--compress", type=float, default=20)
    ap.add_argument("--idle", type=float, default=60)
    ap.add_argument("--speech-calls", type=int, default=12)
    ap.add_argument("--calls", type=int, default=2880)
    a = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="okno-board-bench-")
    queue_toml = os.path.join(tmp, "queue.toml")
    with open(queue_toml, "w") as f:
        f.write(f'[queue]\nstaff_token = "{TOKEN}"\n')
    # The office's kiosk: walk-in tickets on the kiosk channel need a registered kiosk's key.
    server_bin = os.path.join(a.build, "booking-server/okno-server")
    added = subprocess.run([server_bin, "--db", os.path.join(tmp, "okno.db"), "kiosk", "add",
                            "bench-kiosk"], capture_output=True, text=True, check=True)
    kiosk = {"X-Kiosk-Key": added.stdout.strip().split("\n")[-1]}
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [server_bin, "--host", "127.0.0.1", "--port",
         str(port), "--db", os.path.join(tmp, "okno.db"), "--log-level", "warn", "--fake-now",
         "2026-11-30T06:00:00Z", "--test-clock-api", "--queue-config", queue_toml, "--limits",
         os.path.join(ROOT, "tests/data/limits-off.toml")],
        stdout=subprocess.PIPE, text=True)
    server.stdout.readline()  # "okno-server listening on …"
    staff = {"Authorization": f"Bearer {TOKEN}"}

    def board(extra):
        env = dict(os.environ, SDL_VIDEODRIVER="offscreen", SDL_AUDIODRIVER="dummy")
        return subprocess.Popen(
            [os.path.join(a.build, "kiosk/okno-kiosk"), "--board", "--server", base, "--office",
             "demo", "--windowed", "--size", "1920x1080"] + extra, env=env)

    desks = ["1", "2"]
    called = {d: False for d in desks}

    def call(desk):
        if called[desk]:
            post(base, f"/api/v1/offices/demo/desks/{desk}/start", headers=staff)
            post(base, f"/api/v1/offices/demo/desks/{desk}/finish", headers=staff)
        post(base, f"/api/v1/offices/demo/tickets",
             {"service": "passport", "language": "en"}, headers=kiosk)
        post(base, f"/api/v1/offices/demo/desks/{desk}/call-next", headers=staff)
        called[desk] = True

    rows = []
    try:
        b = board(["--screen-only"])
        time.sleep(8)  # started, fonts built, connected
        rows.append(("idle, connected, %.0f s (screen only)" % a.idle, measure(b.pid, a.idle)))
        interval = 10.0 / a.compress
        c0, t0 = cpu_seconds(b.pid), time.monotonic()
        for i in range(a.calls):
            due = t0 + i * interval
            time.sleep(max(0.0, due - time.monotonic()))
            call(desks[i % 2])
        wall = time.monotonic() - t0
        busy = (cpu_seconds(b.pid) - c0) / wall * 100
        rows.append((f"busy day replayed: {a.calls} calls in {wall:.0f} s ({a.compress:g}x), "
                     "CPU of the compressed run", busy))
        rows.append(("… the same per real second (÷ %g)" % a.compress, busy / a.compress))
        rss_day, hwm_day = memory_mb(b.pid, "VmRSS:"), memory_mb(b.pid, "VmHWM:")
        b.send_signal(signal.SIGTERM)
        b.wait(timeout=10)

        s = board([])
        time.sleep(8)
        c0, t0 = cpu_seconds(s.pid), time.monotonic()
        for i in range(a.speech_calls):
            time.sleep(max(0.0, t0 + i * 10 - time.monotonic()))
            call(desks[i % 2])
        time.sleep(max(0.0, t0 + a.speech_calls * 10 - time.monotonic()))
        speech = (cpu_seconds(s.pid) - c0) / (time.monotonic() - t0) * 100
        rows.append((f"real pace with speech: {a.speech_calls} calls, one every 10 s, each "
                     "chimed and spoken in ru + en", speech))
        hwm_speech = memory_mb(s.pid, "VmHWM:")
        s.send_signal(signal.SIGTERM)
        s.wait(timeout=10)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=10)
    print(f"machine: {os.cpu_count()} CPUs; load average "
          f"{' '.join(open('/proc/loadavg').read().split()[:3])}")
    print("| measure | CPU, % of one core |\n|---|---|")
    for what, v in rows:
        print(f"| {what} | {v:.2f} % |")
    print(f"| resident memory after the busy day | {rss_day:.1f} MB (peak {hwm_day:.1f} MB) |")
    print(f"| peak resident memory with speech | {hwm_speech:.1f} MB |")


if __name__ == "__main__":
    sys.exit(main())
