// The administrator's accounts and reports pages in headless Chromium (issue 16 items 4 and 5):
// create a receptionist with a desk, change the role, disable and enable, reset the password
// (shown once) and the user's forced change at the next sign-in, the office's desk rule; the
// reports of a known day (exact figures, feedback with comments, the audit log on Moscow's
// clock), "no data" for an empty day, the Excel CSV's bytes. Screenshots: accounts.png,
// reports.png, reports-empty.png in docs/screenshots/console/ (OKNO_SCREENSHOTS overrides).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer, STAFF } from './server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const shots = process.env.OKNO_SCREENSHOTS || path.resolve(here, '../../docs/screenshots/console');
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic'];

let server;
let browser;

before(async () => {
  mkdirSync(shots, { recursive: true });
  server = await startServer();
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true,
  });
});

after(async () => {
  if (browser) await browser.close();
  if (server) await server.stop();
});

async function newPage() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
  const page = await context.newPage();
  page.on('pageerror', (e) => { throw e; });
  return page;
}

async function signIn(page, login, password, lang = 'en') {
  await page.goto(server.url + '/staff/login?lang=' + lang);
  await page.locator('#login').fill(login);
  await page.locator('#password').fill(password);
  await Promise.all([page.waitForURL(/\/staff\/[a-z]+$/), page.locator('#password').press('Enter')]);
}

// A JSON call from the page, with its session and CSRF token.
async function call(page, method, url, body) {
  return page.evaluate(async ([m, u, b]) => {
    const token = document.querySelector('meta[name="csrf-token"]').content;
    const r = await fetch(u, {
      method: m, headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': token },
      body: b === null ? undefined : JSON.stringify(b),
    });
    return { status: r.status, data: await r.json() };
  }, [method, url, body === undefined ? null : body]);
}

async function advance(seconds) {
  const r = await fetch(server.url + '/api/v1/_test/clock', {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ advance_s: seconds }),
  });
  assert.equal(r.status, 200);
}

test('R-HIST-1: the administrator creates, changes, disables and resets an account; the user must choose a password', async () => {
  const page = await newPage();
  await signIn(page, STAFF.admin.login, STAFF.admin.password);
  await page.goto(server.url + '/staff/accounts');
  await page.locator('#accounts tr').first().waitFor();
  // Create a receptionist for desk 1 with the keyboard-operable form.
  await page.locator('#new-login').fill('anna');
  await page.locator('#new-name').fill('Anna Ivanova');
  await page.locator('#new-role').selectOption('receptionist');
  await page.locator('#new-desk-demo-1').check();
  await page.locator('#new-password').fill('anna password 1');
  await page.locator('#create-form button[type=submit]').click();
  await page.locator('#create-result .message.ok').waitFor();
  const row = page.locator('#accounts tr[data-login="anna"]');
  await row.waitFor();
  assert.match(await row.innerText(), /Anna Ivanova/);
  assert.match(await row.innerText(), /Window 1|Окно 1|1/);
  assert.equal(await page.locator('#manage-login').inputValue(), 'anna');
  // Role change.
  await page.locator('#manage-role').selectOption('operator');
  await page.locator('#role-form button[type=submit]').click();
  await page.locator('#manage-result .message.ok').waitFor();
  assert.match(await page.locator('#manage-result').innerText(), /anna/);
  assert.match(await row.innerText(), /Consultation|operator/i);
  // Disable, then enable again.
  await page.locator('#toggle-active').click();
  await page.waitForFunction(() => /disabled/.test(document.querySelector('#accounts tr[data-login="anna"]').textContent));
  await page.locator('#toggle-active').click();
  await page.waitForFunction(() => /active/.test(document.querySelector('#accounts tr[data-login="anna"]').textContent));
  // Reset: a generated password, shown once.
  await page.locator('#reset-generate').click();
  const shown = page.locator('#shown-password');
  await shown.waitFor();
  const password = (await shown.innerText()).trim();
  assert.match(password, /^[2-9a-z]{4}(-[2-9a-z]{4}){3}$/);
  await page.waitForFunction(() => /must change/.test(document.querySelector('#accounts tr[data-login="anna"]').textContent));
  // The office's desk rule.
  await page.locator('#rule-demo').check();
  await page.locator('#rules-result .message.ok').waitFor();
  const rules = await call(page, 'GET', '/api/v1/staff/desk-rules');
  assert.equal(rules.data.offices[0].any_desk, true);
  await page.locator('#rule-demo').uncheck();
  await page.waitForFunction(() => /only at their assigned/.test(document.querySelector('#rules-result').textContent));
  await page.screenshot({ path: path.join(shots, 'accounts.png'), fullPage: true });
  const audit = await call(page, 'GET', '/api/v1/staff/audit?limit=50');
  const actions = audit.data.entries.filter((e) => e.target === 'account:anna').map((e) => e.action);
  for (const a of ['staff.create', 'staff.role', 'staff.disable', 'staff.enable', 'staff.password_reset']) {
    assert.ok(actions.includes(a), a + ' in ' + actions);
  }
  await page.context().close();

  // Anna signs in with the given password and must choose her own before anything else.
  const anna = await newPage();
  await signIn(anna, 'anna', password);
  assert.match(anna.url(), /\/staff\/password$/);
  const r = await anna.goto(server.url + '/staff/operator');
  assert.match(anna.url(), /\/staff\/password$/, 'other views wait: ' + r.status());
  await anna.locator('#current-password').fill(password);
  await anna.locator('#own-password').fill('anna own password 1');
  await anna.locator('#own-password-again').fill('anna own password 2');
  await anna.locator('#own-password-form button[type=submit]').click();
  await anna.locator('#own-password-result .message.error').waitFor();
  await anna.locator('#own-password-again').fill('anna own password 1');
  await Promise.all([anna.waitForURL(/\/staff\/operator$/), anna.locator('#own-password-form button[type=submit]').click()]);
  await anna.context().close();
});

test('R-VISIT-13, R-FB-1: the reports of a known day, its feedback and audit log; an empty day reads "no data"', async () => {
  const page = await newPage();
  await signIn(page, STAFF.admin.login, STAFF.admin.password);
  // A known day (Monday 30.11.2026 from 10:00 Moscow): two served tickets (4 and 20 minutes'
  // wait, 10 and 6 minutes' service), one waiting; two feedback answers.
  // Tickets come from the office's registered kiosk (its key, docs/security.md).
  const issue = async () => (await (await fetch(server.url + '/api/v1/offices/demo/tickets', {
    method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Kiosk-Key': server.kioskKey },
    body: JSON.stringify({ service: 'passport' }),
  })).json()).number;
  const desk = async (id, action) => assert.equal((await call(page, 'POST', `/api/v1/offices/demo/desks/${id}/${action}`, {})).status, 200, action);
  const first = await issue();
  await advance(240); await desk(1, 'call-next'); await desk(1, 'start'); await advance(600); await desk(1, 'finish');
  const second = await issue();
  await advance(1200); await desk(2, 'call-next'); await desk(2, 'start'); await advance(360); await desk(2, 'finish');
  await issue();
  await advance(60);
  for (const [ticket, answer, satisfaction, federal, comment] of [
    [first, true, 'satisfied', { waiting: 5, staff: 4 }, 'Thank you; very "quick"'],
    [second, false, 'not_satisfied', { waiting: 1 }, 'Too long a wait'],
  ]) {
    const f = await call(page, 'POST', '/api/v1/feedback', { office: 'demo', ticket, got_answer: answer, satisfaction, federal, comment });
    assert.equal(f.status, 201, JSON.stringify(f.data));
  }
  await page.goto(server.url + '/staff/reports');
  await page.locator('#totals .stat').first().waitFor();
  const totals = await page.locator('#totals').innerText();
  assert.match(totals, /Tickets\s*3/);
  assert.match(totals, /Served\s*2/);
  assert.match(await page.locator('#total-within-15').innerText(), /50%/);
  assert.match(await page.locator('#desks').innerText(), /1/);
  assert.match(await page.locator('#employees').innerText(), /admin/);
  assert.match(await page.locator('#fb-got-answer').innerText(), /50%/);
  assert.match(await page.locator('#federal').innerText(), /3[.,]0 \/ 5/);
  assert.match(await page.locator('#comments').innerText(), /Thank you; very "quick"/);
  // The audit log of the day on Moscow's clock: the first ticket's call at 10:04.
  await page.locator('#audit tr td.when').first().waitFor();
  const when = await page.locator('#audit tr td.when').evaluateAll((tds) => tds.map((td) => [td.textContent, td.title]));
  for (const [text, at] of when) {
    const m = new Date(Date.parse(at) + 3 * 3600 * 1000);
    const two = (n) => String(n).padStart(2, '0');
    assert.equal(text, `${two(m.getUTCDate())}.${two(m.getUTCMonth() + 1)}.${m.getUTCFullYear()} ${two(m.getUTCHours())}:${two(m.getUTCMinutes())}`);
  }
  // The Excel CSV: BOM, semicolons.
  const href = await page.locator('#csv-excel').getAttribute('href');
  assert.match(href, /dialect=excel/);
  const bytes = await page.evaluate(async (u) => Array.from(new Uint8Array(await (await fetch(u)).arrayBuffer()).slice(0, 15)), href);
  assert.deepEqual(bytes.slice(0, 3), [0xef, 0xbb, 0xbf]);
  assert.equal(String.fromCharCode(...bytes.slice(3)), 'section;key;');
  await page.screenshot({ path: path.join(shots, 'reports.png'), fullPage: true });

  // The week holds the same; the next day has nothing: "no data", never 100%.
  await page.locator('#report-period').selectOption('week');
  await page.locator('#report-form button[type=submit]').click();
  await page.waitForFunction(() => /30\.11\.2026 – 06\.12\.2026/.test(document.querySelector('#report-range').textContent));
  assert.match(await page.locator('#totals').innerText(), /Tickets\s*3/);
  await page.locator('#report-period').selectOption('day');
  await page.locator('#report-day').fill('2026-12-01');
  await page.locator('#report-form button[type=submit]').click();
  await page.waitForFunction(() => document.querySelector('#report-range').textContent === '01.12.2026');
  assert.match(await page.locator('#total-within-15').innerText(), /no data/);
  assert.doesNotMatch(await page.locator('#totals').innerText(), /100%/);
  assert.match(await page.locator('#report-message').innerText(), /No tickets and no feedback/);
  await page.screenshot({ path: path.join(shots, 'reports-empty.png'), fullPage: true });
  await page.context().close();

  // Reports are the administrator's.
  const deskPage = await newPage();
  await signIn(deskPage, STAFF.desk.login, STAFF.desk.password);
  assert.equal((await deskPage.goto(server.url + '/staff/reports')).status(), 403);
  await deskPage.context().close();
});
