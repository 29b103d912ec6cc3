// Starts a real okno-server for the browser tests: a fresh database with three staff accounts
// and a kiosk device (kioskKey) made through the server's own command line, a manual clock, any free port;
// halt() and resume() stop it and start it again on the same port and database (a restart). The binary comes
// from OKNO_SERVER_BINARY (CMake passes it).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import assert from 'node:assert/strict';

export const STAFF = {
  admin: { login: 'admin', role: 'administrator', password: 'admin password 1' },
  // A receptionist works only the desks assigned to them (issue 16 item 4): all of demo's here.
  desk: { login: 'desk.one', role: 'receptionist', password: 'desk password 1', desks: 'demo/1,demo/2,demo/3' },
  line: { login: 'line.one', role: 'operator', password: 'line password 1' },
};

// `extraArgs` go to okno-server as they are (e.g. short staff sessions: --staff-session-idle).
export async function startServer({ fakeNow = '2026-11-30T07:00:00Z', extraArgs = [] } = {}) {
  const binary = process.env.OKNO_SERVER_BINARY;
  if (!binary) throw new Error('set OKNO_SERVER_BINARY to the okno-server binary');
  const dir = mkdtempSync(path.join(tmpdir(), 'okno-browser-'));
  const db = path.join(dir, 'okno.db');
  for (const s of Object.values(STAFF)) {
    const r = spawnSync(binary, ['--db', db, '--create-staff', s.login, '--role', s.role,
      '--display-name', 'Test ' + s.role, ...(s.desks ? ['--desks', s.desks] : [])], { env: { ...process.env, OKNO_STAFF_PASSWORD: s.password }, encoding: 'utf8' });
    if (r.status !== 0) throw new Error('create-staff failed: ' + r.stderr);
  }
  // The office's kiosk (walk-in tickets on the kiosk channel need a registered kiosk's key).
  const kiosk = spawnSync(binary, ['--db', db, 'kiosk', 'add', 'browser-kiosk'], { encoding: 'utf8' });
  if (kiosk.status !== 0) throw new Error('kiosk add failed: ' + kiosk.stderr);
  const kioskKey = kiosk.stdout.trim().split('\n').pop();
  // One okno-server process on the database; `port` 0 the first time, then the same port again.
  const run = (port) => {
    const proc = spawn(binary, ['--host', '127.0.0.1', '--port', String(port), '--db', db, '--fake-now', fakeNow,
      '--test-clock-api', '--log-level', 'warn', ...extraArgs], { stdio: ['ignore', 'pipe', 'inherit'] });
    const started = new Promise((resolve, reject) => {
      const lines = readline.createInterface({ input: proc.stdout });
      const timer = setTimeout(() => reject(new Error('okno-server did not start')), 20000);
      lines.once('line', (line) => {
        clearTimeout(timer);
        const m = line.match(/(http:\/\/[^ ]+?)\/?$/);
        if (m) resolve(m[1]); else reject(new Error('unexpected first line: ' + line));
      });
      proc.once('exit', (code) => reject(new Error('okno-server exited with ' + code)));
    });
    return { proc, started };
  };
  const stopChild = async (proc) => {
    if (proc.exitCode === null && proc.signalCode === null) {
      proc.kill('SIGTERM');
      await new Promise((r) => { proc.once('exit', r); setTimeout(r, 3000); });
    }
  };
  let { proc: child, started } = run(0);
  const url = await started;
  const port = Number(new URL(url).port);
  // Moves the server's manual clock (POST /api/v1/_test/clock); answers the new time.
  async function advance(seconds) {
    const res = await fetch(url + '/api/v1/_test/clock', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ advance_s: seconds }),
    });
    if (res.status !== 200) throw new Error('clock: ' + res.status + ' ' + await res.text());
    return res.json();
  }
  return {
    url,
    db,
    dir,
    kioskKey,
    advance,
    // Stops the server (SIGTERM) and leaves it stopped: a board sees the stream end.
    async halt() {
      await stopChild(child);
    },
    // Starts it again on the same port and database (after halt(), or stops it first).
    async resume() {
      await stopChild(child);
      ({ proc: child, started } = run(port));
      await started;
    },
    async stop() {
      await stopChild(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// A walk-in ticket from the server's test kiosk (its device key); the ticket's number.
export async function ticket(srv, service, language = 'ru') {
  const res = await fetch(srv.url + '/api/v1/offices/demo/tickets', {
    method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Kiosk-Key': srv.kioskKey }, body: JSON.stringify({ service, language }),
  });
  const body = await res.json();
  assert.equal(res.status, 201, JSON.stringify(body));
  return body.number;
}
