// The operator page in headless Chromium (issue 16 items 1 and 6, R-LINE-1, R-VISIT-6): a
// double click books once and shows that booking, and so does a retry after a lost answer (the
// form's Idempotency-Key), the server keeping one booking; weekday names on the slot days; a
// found booking's status in the operator's language; moving a caller's booking; the hotline and
// the office's facts from the configuration. Real okno-server, real Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium, newPage as openPage, shot } from './chromium.mjs';
import { startServer, STAFF } from './server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
let browser;
let srv;

before(async () => {
  srv = await startServer();
  browser = await launchChromium();
});

after(async () => {
  if (browser) await browser.close();
  if (srv) await srv.stop();
});

const newPage = () => openPage(browser, { height: 1000 });

async function signIn(server, page, lang) {
  await page.goto(server.url + '/staff/login?lang=' + lang);
  await page.locator('#login').fill(STAFF.line.login);
  await page.locator('#password').fill(STAFF.line.password);
  await Promise.all([page.waitForURL(/\/staff\/operator$/), page.locator('#password').press('Enter')]);
}

// Fills the booking form for a caller on the first free slot.
async function fillForm(page, { name, phone, language }) {
  await page.locator('#find-slots').click();
  const slot = page.locator('#slot-list input[type=radio]').first();
  await slot.waitFor();
  await slot.check();
  await page.locator('#op-name').fill(name);
  await page.locator('#op-phone').fill(phone);
  if (language) await page.locator('#op-language').selectOption(language);
  await page.locator('#op-consent').check();
}

// The caller's live bookings as the server has them (the operator's own session).
function bookingsOf(page, phone) {
  return page.evaluate(async (p) => (await (await fetch('/api/v1/staff/bookings?phone=' + encodeURIComponent(p))).json()).bookings, phone);
}

test('issue 16 item 1: a double click on "Book" books once and shows that one booking', async () => {
  const page = await newPage();
  await signIn(srv, page, 'en');
  await fillForm(page, { name: 'Olga Double', phone: '+79990003344' });
  const posts = [];
  page.on('request', (r) => { if (r.method() === 'POST' && r.url().endsWith('/api/v1/staff/bookings')) posts.push(r); });
  await page.locator('#book').dblclick();
  await page.locator('#booked-code').waitFor();
  assert.equal(posts.length, 1, 'the button is off while its request runs');
  assert.equal(await page.locator('#book-result .message.error').count(), 0, 'no 409 over the success');
  assert.equal(await page.locator('#booked').count(), 1);
  const code = (await page.locator('#booked-code').innerText()).trim();
  const kept = await bookingsOf(page, '+79990003344');
  assert.deepEqual(kept.map((b) => b.code), [code], 'the server keeps one booking');
  assert.match(posts[0].headers()['idempotency-key'], /^[0-9a-f]{32}$/);
  // A slow double click: the second comes after the answer; the form is the same, so is the key.
  const [slow] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/staff/bookings') && r.request().method() === 'POST'),
    page.locator('#book').click(),
  ]);
  assert.equal(slow.status(), 201);
  assert.equal(slow.headers()['idempotent-replayed'], 'true');
  assert.equal((await page.locator('#booked-code').innerText()).trim(), code);
  assert.deepEqual((await bookingsOf(page, '+79990003344')).map((b) => b.code), [code]);
  await page.context().close();
});

test('issue 16 item 1: the answer is lost, "Book" again gets the same booking (one key per form)', async () => {
  const page = await newPage();
  await signIn(srv, page, 'en');
  await fillForm(page, { name: 'Pavel Retry', phone: '+79990005566' });
  // The first request reaches the server and books; its answer never reaches the page.
  let first = null;
  await page.route('**/api/v1/staff/bookings', async (route) => {
    const response = await route.fetch();
    first = { status: response.status(), body: await response.json(), key: route.request().headers()['idempotency-key'] };
    await route.abort('connectionreset');
  });
  await page.locator('#book').click();
  await page.locator('#book-result .message.error').waitFor();
  assert.equal(first.status, 201);
  await page.unrouteAll();
  // The operator presses "Book" again: the same form, the same key, the booking made first.
  const [again] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/staff/bookings') && r.request().method() === 'POST'),
    page.locator('#book').click(),
  ]);
  assert.equal(again.status(), 201);
  assert.equal(again.headers()['idempotent-replayed'], 'true');
  assert.equal(again.request().headers()['idempotency-key'], first.key);
  await page.locator('#booked-code').waitFor();
  assert.equal((await page.locator('#booked-code').innerText()).trim(), first.body.code);
  const kept = await bookingsOf(page, '+79990005566');
  assert.deepEqual(kept.map((b) => b.code), [first.body.code]);
  // The next caller's booking is a new one: a new key.
  await fillForm(page, { name: 'Pavel Retry', phone: '+79990005566' });
  const [next] = await Promise.all([
    page.waitForRequest((r) => r.url().endsWith('/api/v1/staff/bookings') && r.method() === 'POST'),
    page.locator('#book').click(),
  ]);
  assert.notEqual(next.headers()['idempotency-key'], first.key);
  await page.context().close();
});

test('issue 16 item 6: weekday names on the slot days, in the operator\'s language', async () => {
  const page = await newPage();
  await signIn(srv, page, 'en');
  await page.locator('#find-slots').click();
  await page.locator('#slot-list .day-name').first().waitFor();
  // 30 November 2026 is a Monday (the server's clock: 10:00 in Moscow).
  assert.deepEqual(await page.locator('#slot-list .day-name').allInnerTexts(),
    ['Monday, 30.11.2026', 'Tuesday, 01.12.2026', 'Wednesday, 02.12.2026']);
  await page.locator('#slot-list input[type=radio]').nth(3).check();
  assert.match(await page.locator('#chosen-slot').innerText(), /^Chosen: Monday, 30\.11\.2026 \d\d:\d\d$/);
  await shot(page, 'operator-slots.png');
  await page.goto(srv.url + '/staff/operator?lang=kk');
  await page.locator('#find-slots').click();
  await page.locator('#slot-list .day-name').first().waitFor();
  assert.deepEqual(await page.locator('#slot-list .day-name').allInnerTexts(),
    ['дүйсенбі, 30.11.2026', 'сейсенбі, 01.12.2026', 'сәрсенбі, 02.12.2026']);
  await page.context().close();
});

test('issue 16 item 6, R-VISIT-6: a found booking\'s status in the operator\'s language; reschedule for a caller', async () => {
  const page = await newPage();
  await signIn(srv, page, 'en');
  // The caller speaks Armenian: the booking's own texts are in Armenian, the operator's in English.
  await fillForm(page, { name: 'Aram Petrosyan', phone: '+79990007788', language: 'hy' });
  await page.locator('#book').click();
  await page.locator('#booked-code').waitFor();
  const code = (await page.locator('#booked-code').innerText()).trim();
  const before = await (await fetch(srv.url + '/api/v1/bookings/' + code)).json();
  assert.equal(before.language, 'hy');

  await page.locator('#find-code').fill(code);
  await page.locator('#find').click();
  const card = page.locator('#find-result article.found');
  await card.waitFor();
  const status = card.locator('dd.status');
  assert.equal(await status.innerText(), 'Booked');
  assert.match(await card.locator('dd.when').innerText(), /— Passport: handing in documents$/, 'the service in English too');
  assert.notEqual(before.status_text, 'Booked', 'the API\'s status_text is the caller\'s language');

  // Move it: free times of its service from its day, pick the third, move.
  await card.locator('details.move summary').click();
  await card.locator('button[id$="-show"]').click();
  const choices = card.locator('.slots input[type=radio]');
  await choices.nth(2).waitFor();
  assert.match(await card.locator('.slots .day-name').first().innerText(), /^(Monday|Tuesday|Wednesday), /);
  const target = await choices.nth(2).getAttribute('value');
  assert.notEqual(target, before.start);
  await choices.nth(2).check();
  await card.locator('button[id$="-go"]').click();
  await page.waitForFunction(() => /is moved to/.test(document.querySelector('#find-result').innerText));
  const moved = await (await fetch(srv.url + '/api/v1/bookings/' + code)).json();
  assert.equal(moved.start, target);
  assert.equal(moved.version, 2);
  const note = await card.locator('.message.ok').innerText();
  assert.equal(note, `Booking ${code} is moved to ${await dayAndTime(target)}.`);
  assert.match(await card.locator('dd.when').innerText(), new RegExp(target.slice(11, 16)));
  const history = await (await fetch(srv.url + '/api/v1/bookings/' + code + '/history')).json();
  assert.deepEqual(history.events.map((e) => [e.kind, e.channel]), [['booked', 'operator'], ['rescheduled', 'operator']]);
  await shot(page, 'operator-rescheduled.png');

  // Cancelled: the status follows, in English.
  page.once('dialog', (d) => d.accept());
  await card.locator('button.danger').click();
  await page.waitForFunction(() => document.querySelector('#find-result dd.status').textContent === 'Cancelled');
  assert.equal(await card.locator('details.move').count(), 0, 'a cancelled booking cannot be moved');
  await page.context().close();

  async function dayAndTime(iso) {
    const names = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
    const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
    return `${names[new Date(Date.UTC(y, m - 1, d)).getUTCDay()]}, ${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)} ${iso.slice(11, 16)}`;
  }
});

test('issue 16 item 6, R-LINE-1: the hotline and the office\'s facts come from the configuration', async () => {
  // The same offices file with another hotline: every text that names the line follows it.
  const dir = mkdtempSync(path.join(tmpdir(), 'okno-hotline-'));
  const offices = path.join(dir, 'offices.toml');
  const demo = readFileSync(path.resolve(here, '../../assets/offices/demo.toml'), 'utf8');
  assert.match(demo, /phone = "\+7 111 111 1111"/);
  writeFileSync(offices, demo.replace('phone = "+7 111 111 1111"', 'phone = "8 800 222-33-44"')
    .replace('hours = "8:00–18:00"', 'hours = "7:00–21:00"'));
  const other = await startServer({ extraArgs: ['--offices', offices] });
  try {
    const page = await newPage();
    await signIn(other, page, 'en');
    assert.equal(await page.locator('#fact-hotline').innerText(), '8 800 222-33-44 (7:00–21:00 on working days)');
    assert.match(await page.locator('.rule').innerText(), /^The line works 7:00–21:00 on working days\./);
    assert.equal(await page.locator('#fact-address').innerText(), '1 Tverskaya St, 2nd floor, Moscow');
    assert.equal(await page.locator('#fact-email').innerText(), 'tverskaya@okno.example');
    const hours = await page.locator('#fact-hours li').allInnerTexts();
    assert.equal(hours[0], 'Monday: 09:00–18:00, break 13:00–13:45');
    assert.equal(hours[2], 'Wednesday: 09:00–20:00, break 13:00–13:45');
    assert.equal(hours[6], 'Sunday: closed');
    assert.doesNotMatch(await page.locator('body').innerText(), /111 111 1111|8:00–18:00/);
    await shot(page, 'operator-facts.png');
    // The sign-in page's hint and the API's error messages name the same line.
    await page.context().close();
    const login = await (await fetch(other.url + '/staff/login?lang=ru')).text();
    assert.match(login, /8 800 222-33-44/);
    const err = await (await fetch(other.url + '/api/v1/offices/nowhere?lang=ru')).json();
    assert.match(err.error.message, /8 800 222-33-44 \(7:00–21:00 в рабочие дни\)/);
  } finally {
    await other.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
