// Starts a real okno-server for the browser tests: a fresh database with three staff accounts
// made through the server's own command line, a manual clock, any free port. The binary comes
// from OKNO_SERVER_BINARY (CMake passes it).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import readline from 'node:readline';

export const STAFF = {
  admin: { login: 'admin', role: 'administrator', password: 'admin password 1' },
  desk: { login: 'desk.one', role: 'receptionist', password: 'desk password 1' },
  line: { login: 'line.one', role: 'operator', password: 'line password 1' },
};

export async function startServer({ fakeNow = '2026-11-30T07:00:00Z' } = {}) {
  const binary = process.env.OKNO_SERVER_BINARY;
  if (!binary) throw new Error('set OKNO_SERVER_BINARY to the okno-server binary');
  const dir = mkdtempSync(path.join(tmpdir(), 'okno-browser-'));
  const db = path.join(dir, 'okno.db');
  for (const s of Object.values(STAFF)) {
    const r = spawnSync(binary, ['--db', db, '--create-staff', s.login, '--role', s.role,
      '--display-name', 'Test ' + s.role], { env: { ...process.env, OKNO_STAFF_PASSWORD: s.password }, encoding: 'utf8' });
    if (r.status !== 0) throw new Error('create-staff failed: ' + r.stderr);
  }
  const child = spawn(binary, ['--host', '127.0.0.1', '--port', '0', '--db', db, '--fake-now', fakeNow,
    '--test-clock-api', '--log-level', 'warn'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout });
    const timer = setTimeout(() => reject(new Error('okno-server did not start')), 20000);
    lines.once('line', (line) => {
      clearTimeout(timer);
      const m = line.match(/(http:\/\/[^ ]+?)\/?$/);
      if (m) resolve(m[1]); else reject(new Error('unexpected first line: ' + line));
    });
    child.once('exit', (code) => reject(new Error('okno-server exited with ' + code)));
  });
  return {
    url,
    db,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => { child.once('exit', r); setTimeout(r, 3000); });
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
