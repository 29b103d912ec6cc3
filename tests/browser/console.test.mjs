// Staff console in headless Chromium (issue 4, must-show 4): sign in, call next, start, finish;
// the operator books for a caller and cancels; a wrong password and a missing CSRF token are
// refused. Runs against a real okno-server; screenshots of each view go to
// docs/screenshots/console/ (OKNO_SCREENSHOTS overrides).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer, STAFF } from './server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const shots = process.env.OKNO_SCREENSHOTS || path.resolve(here, '../../docs/screenshots/console');
// Debian's Chromium, as root, in a closed network (docs/console.md).
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

async function shot(page, name) {
  await page.screenshot({ path: path.join(shots, name), fullPage: true });
}

// Signs in through the form with the keyboard only: type, then Enter.
async function signIn(page, who, lang = 'en') {
  await page.goto(server.url + '/staff/login?lang=' + lang);
  await page.locator('#login').fill(who.login);
  await page.locator('#password').fill(who.password);
  await Promise.all([
    page.waitForURL(/\/staff\/(desk|operator|today)$/),
    page.locator('#password').press('Enter'),
  ]);
}

async function api(method, url, body) {
  const res = await fetch(server.url + url, {
    method, headers: { 'Content-Type': 'application/json', 'X-Kiosk-Key': server.kioskKey }, body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, data: await res.json() };
}

test('R-VISIT-9: a receptionist signs in, calls the next visitor, starts and finishes', async () => {
  // Two visitors at the kiosk; the first speaks Armenian and needs a wheelchair and a
  // sign-language interpreter (R-VISIT-12): the desk must show both up front.
  const first = await api('POST', '/api/v1/offices/demo/tickets',
    { service: 'passport', language: 'hy', needs: ['wheelchair', 'sign_language'] });
  assert.equal(first.status, 201, JSON.stringify(first.data));
  const second = await api('POST', '/api/v1/offices/demo/tickets', { service: 'passport', language: 'ru' });
  assert.equal(second.status, 201);

  const page = await newPage();
  await signIn(page, STAFF.desk);
  assert.match(page.url(), /\/staff\/desk$/);
  const rows = page.locator('#waiting tr');
  await rows.first().waitFor();
  assert.equal(await rows.count(), 2);
  assert.match(await rows.first().innerText(), new RegExp(first.data.number));

  // A third visitor arrives while the page is open: the live stream updates the list.
  const third = await api('POST', '/api/v1/offices/demo/tickets', { service: 'passport', language: 'kk' });
  assert.equal(third.status, 201);
  await page.waitForFunction(() => document.querySelectorAll('#waiting tr').length === 3, null, { timeout: 10000 });
  await shot(page, 'desk-waiting.png');

  // Live updates can be paused (WCAG 2.2.2): while paused a new visitor does not appear; on
  // resume the list catches up.
  await page.locator('#live-toggle').click();
  assert.equal(await page.locator('#live-toggle').getAttribute('aria-pressed'), 'true');
  const fourth = await api('POST', '/api/v1/offices/demo/tickets', { service: 'passport', language: 'ru' });
  assert.equal(fourth.status, 201);
  await page.waitForTimeout(1500);
  assert.equal(await page.locator('#waiting tr').count(), 3, 'paused: the list stays as it was');
  await page.locator('#live-toggle').click();
  assert.equal(await page.locator('#live-toggle').getAttribute('aria-pressed'), 'false');
  await page.waitForFunction(() => document.querySelectorAll('#waiting tr').length === 4, null, { timeout: 10000 });

  // Keyboard: focus "Call next" and press Enter.
  await page.locator('#act-call-next').focus();
  await page.keyboard.press('Enter');
  await page.locator('#current-number').waitFor();
  assert.equal(await page.locator('#current-number').innerText(), first.data.number);
  const current = await page.locator('#current').innerText();
  assert.match(current, /Հայերեն/, 'the visitor language is shown in that language');
  assert.match(current, /wheelchair/i);
  assert.match(current, /sign language/i);
  await shot(page, 'desk.png');

  await page.locator('#act-start').click();
  await page.waitForFunction(() => /being served/.test(document.getElementById('current').innerText));
  await page.locator('#act-finish').click();
  await page.waitForFunction(() => !document.getElementById('current-number'));
  assert.match(await page.locator('#current').innerText(), /Nobody is at the desk/);
  assert.equal(await rows.count(), 3, 'the finished visitor has left the list');

  // The language switch: every label comes from the catalogs (R-VISIT-11).
  await page.locator('header .langs a[hreflang="kk"]').click();
  await page.waitForURL(/lang=kk/);
  assert.equal(await page.locator('h1').innerText(), 'Менің терезем');
  await page.locator('#waiting tr').first().waitFor();
  await shot(page, 'desk-kk.png');
  await page.context().close();
});

test('R-LINE-1, R-VISIT-6: an operator books for a caller with the caller\'s choices and cancels', async () => {
  const page = await newPage();
  await signIn(page, STAFF.line);
  assert.match(page.url(), /\/staff\/operator$/);
  await page.locator('#find-slots').click();
  // A slot on the last day listed (two days ahead): the day-before reminder can still be sent,
  // so it is kept (a reminder that no longer can is dropped, issue 16 item 10).
  const slot = page.locator('#slot-list .day').last().locator('input[type=radio]').first();
  await slot.waitFor();
  await slot.check();
  await page.locator('#op-name').fill('Anna Smirnova');
  await page.locator('#op-phone').fill('+79990001122');
  // Only what the caller asked for (R-LINE-2): SMS, the day-before reminder, large print, English.
  await page.locator('input[name=extra][value=sms]').check();
  await page.locator('input[name=reminder][value="24h"]').check();
  await page.locator('input[name=need][value=large_print]').check();
  await page.locator('#op-language').selectOption('en');
  await page.locator('#op-consent').check();
  await page.locator('#book').click();
  await page.locator('#booked-code').waitFor();
  const code = (await page.locator('#booked-code').innerText()).trim();
  // The directions, ready to read aloud (R-VISIT-5).
  assert.match(await page.locator('#directions-text').innerText(), /Metro/);
  await shot(page, 'operator-booked.png');

  const booked = await api('GET', '/api/v1/bookings/' + code);
  assert.equal(booked.status, 200);
  assert.equal(booked.data.channel, 'operator');
  assert.deepEqual(booked.data.reminders, ['24h']);
  assert.deepEqual(booked.data.notify, { mandatory: null, extra: ['sms'] });
  assert.deepEqual(booked.data.needs, ['large_print']);

  // Find it by the caller's phone and cancel at the caller's request.
  await page.locator('#find-phone').fill('89990001122');
  await page.locator('#find').click();
  const found = page.locator('#find-result article.found');
  await found.waitFor();
  assert.match(await found.innerText(), new RegExp(code));
  page.once('dialog', (d) => d.accept());
  await found.locator('button.danger').click();
  await page.waitForFunction(() => /cancelled/i.test(document.querySelector('#find-result').innerText));
  await shot(page, 'operator-cancelled.png');
  const cancelled = await api('GET', '/api/v1/bookings/' + code);
  assert.equal(cancelled.data.status, 'cancelled');
  await page.context().close();
});

test('a wrong password is refused and does not sign in', async () => {
  const page = await newPage();
  await page.goto(server.url + '/staff/login?lang=ru');
  await shot(page, 'login.png');
  await page.goto(server.url + '/staff/login?lang=en');
  await page.locator('#login').fill(STAFF.desk.login);
  await page.locator('#password').fill('not the password');
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/staff/login') && r.request().method() === 'POST'),
    page.locator('#password').press('Enter'),
  ]);
  assert.equal(response.status(), 401);
  await page.locator('#page-message').waitFor();
  assert.equal(await page.locator('#page-message').getAttribute('role'), 'alert');
  assert.match(await page.locator('#page-message').innerText(), /Wrong login or password/);
  await shot(page, 'login-refused.png');
  await page.goto(server.url + '/staff/desk');
  assert.match(page.url(), /\/staff\/login/, 'still signed out');
  await page.context().close();
});

test('a request without the CSRF token is refused', async () => {
  const page = await newPage();
  // The sign-in form without its token.
  await page.goto(server.url + '/staff/login?lang=en');
  await page.evaluate(() => document.querySelector('input[name=csrf]').remove());
  await page.locator('#login').fill(STAFF.admin.login);
  await page.locator('#password').fill(STAFF.admin.password);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/staff/login') && r.request().method() === 'POST'),
    page.locator('#password').press('Enter'),
  ]);
  assert.equal(response.status(), 403);
  assert.match(await page.locator('#page-message').innerText(), /security code/);
  // Signed in properly, a state-changing call without the token is refused; with it, it works.
  await signIn(page, STAFF.admin);
  const without = await page.evaluate(async () => {
    const r = await fetch('/api/v1/staff/accounts', {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ login: 'csrf.test', display_name: 'CSRF', role: 'receptionist', password: 'long enough 123' }),
    });
    return { status: r.status, body: await r.json() };
  });
  assert.equal(without.status, 403);
  assert.equal(without.body.error.code, 'csrf_failed');
  const withToken = await page.evaluate(async () => {
    const token = document.querySelector('meta[name="csrf-token"]').content;
    const r = await fetch('/api/v1/staff/accounts', {
      method: 'POST', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': token },
      body: JSON.stringify({ login: 'csrf.test', display_name: 'CSRF', role: 'receptionist', password: 'long enough 123' }),
    });
    return r.status;
  });
  assert.equal(withToken, 201);
  await page.context().close();
});

test('the administrator sees today\'s queues, desks, statistics and staff; a receptionist cannot', async () => {
  const page = await newPage();
  await signIn(page, STAFF.admin);
  assert.match(page.url(), /\/staff\/today$/);
  await page.locator('#stats .stat').first().waitFor();
  await page.locator('#desks tr').first().waitFor();
  await page.locator('#accounts tr').first().waitFor();
  await page.locator('#audit tr').first().waitFor();
  assert.match(await page.locator('#accounts').innerText(), /desk\.one/);
  // Staff actions' times on the office's clock (Europe/Moscow, UTC+3 all year since 2014), not
  // UTC: each cell is its entry's UTC instant (the API's `at`, the cell's title) plus 3 hours.
  const cells = await page.locator('#audit tr td.when').evaluateAll((tds) => tds.map((td) => [td.textContent, td.title]));
  assert.ok(cells.length > 0);
  const two = (n) => String(n).padStart(2, '0');
  for (const [text, at] of cells) {
    const m = new Date(Date.parse(at) + 3 * 3600 * 1000);
    const moscow = `${two(m.getUTCDate())}.${two(m.getUTCMonth() + 1)}.${m.getUTCFullYear()} ${two(m.getUTCHours())}:${two(m.getUTCMinutes())}`;
    assert.match(at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.equal(text, moscow, `audit time of ${at}`);
  }
  assert.doesNotMatch(await page.locator('#audit').innerText(), /UTC/);
  await shot(page, 'today.png');
  await page.context().close();

  const desk = await newPage();
  await signIn(desk, STAFF.desk);
  const r = await desk.goto(server.url + '/staff/today');
  assert.equal(r.status(), 403);
  await shot(desk, 'forbidden.png');
  await desk.context().close();
});
