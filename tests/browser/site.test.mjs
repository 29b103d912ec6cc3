// The public site (issue 12, docs/site.md) in Debian's headless Chromium against a real
// okno-server: a full booking in Russian, English and Armenian with JavaScript on and off, a
// form error kept in the page's language, a booking by keyboard alone, moving and cancelling from
// the link of the e-mail the test SMTP server (tests/support/smtp_sink.py) received, rating the
// visit from the closing message's link after a real check-in and desk visit, axe (WCAG 2.1
// A/AA) on every page in all six languages and in the large-print and high-contrast views, and
// screenshots at phone and desktop widths into docs/screenshots/site/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { CHROMIUM_ARGS } from './chromium.mjs';
import { startServer } from './server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const SHOTS = process.env.OKNO_SCREENSHOTS ? path.join(process.env.OKNO_SCREENSHOTS, 'site')
  : path.resolve(here, '../../docs/screenshots/site');
const LANGS = ['ru', 'en', 'hy', 'be', 'kk', 'ky'];
const TEXTS = Object.fromEntries(LANGS.map((l) =>
  [l, JSON.parse(readFileSync(path.resolve(here, `../../locales/${l}.json`), 'utf8'))]));
const TOKEN = 'site-browser-token';
const STAFF = { Authorization: 'Bearer ' + TOKEN, 'X-Staff-Actor': 'reception.anna' };

let browser;
let srv;
let smtp;
let mailDir;
const dirs = [];

// A free loopback port (the SMTP sink needs one named).
const freePort = () => new Promise((resolve) => {
  const s = net.createServer().listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
});

// The loopback SMTP server; resolves with its port once it accepts connections.
async function startSmtp(dir) {
  const port = await freePort();
  const proc = spawn('/usr/bin/python3', [path.resolve(here, '../support/smtp_sink.py'), '--port', String(port), '--dir', dir],
    { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: proc.stdout });
    lines.on('line', (line) => {
      const m = line.match(/^ready (\d+)/);
      if (m) resolve({ proc, port: Number(m[1]) });
    });
    proc.once('exit', (code) => reject(new Error('smtp_sink exited with ' + code)));
  });
}

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  const dir = mkdtempSync(path.join(tmpdir(), 'okno-site-'));
  dirs.push(dir);
  mailDir = path.join(dir, 'mail');
  mkdirSync(mailDir);
  smtp = await startSmtp(mailDir);
  writeFileSync(path.join(dir, 'notify.toml'), `[notify]\npoll_ms = 50\n[email]\nurl = "smtp://127.0.0.1:${smtp.port}"\n`
    + 'starttls = false\nfrom = "okno@example.ru"\nverify_tls = false\n');
  writeFileSync(path.join(dir, 'queue.toml'), `[queue]\nstaff_token = "${TOKEN}"\n`);
  srv = await startServer({ fakeNow: '2026-11-30T07:00:00Z', extraArgs: ['--notify-config', path.join(dir, 'notify.toml'),
    '--queue-config', path.join(dir, 'queue.toml'), '--limits', path.resolve(here, '../data/limits-off.toml')] });
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
});

after(async () => {
  if (browser) await browser.close();
  if (srv) await srv.stop();
  if (smtp) smtp.proc.kill('SIGTERM');
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function newPage({ js = true, width = 1280, height = 900, lang = 'ru' } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, javaScriptEnabled: js, locale: lang });
  const page = await context.newPage();
  page.on('pageerror', (e) => { throw e; });
  return page;
}

// @axe-core/playwright (the axe-core engine through its Playwright binding): WCAG 2.1 A and AA.
async function axeViolations(page) {
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return r.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target.join(' ')) }));
}

let shotCount = 0;
async function shots(page, name) {
  shotCount += 1;
  await page.screenshot({ path: path.join(SHOTS, `${name}-desktop.png`), fullPage: true });
  const size = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: path.join(SHOTS, `${name}-phone.png`), fullPage: true });
  await page.setViewportSize(size);
}

// The messages the SMTP server received, as [{to, subject, text}] (Python's email module
// decodes the MIME parts).
function mails() {
  const files = readdirSync(mailDir).filter((f) => f.endsWith('.eml')).map((f) => path.join(mailDir, f));
  if (files.length === 0) return [];
  const py = 'import email,email.policy,json,sys\nout=[]\nfor f in sys.argv[1:]:\n m=email.message_from_binary_file(open(f,"rb"),policy=email.policy.default)\n'
    + ' text=""\n for p in m.walk():\n  if p.get_content_type()=="text/plain": text+=p.get_content()\n'
    + ' out.append({"to":m["To"],"subject":str(m["Subject"]),"text":text})\nprint(json.dumps(out))';
  const r = spawnSync('/usr/bin/python3', ['-c', py, ...files], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

async function mailWith(to, pattern, timeout = 15000) {
  const until = Date.now() + timeout;
  for (;;) {
    const found = mails().find((m) => m.to.includes(to) && pattern.test(m.text));
    if (found) return found.text.match(pattern)[0];
    if (Date.now() > until) throw new Error(`no mail to ${to} matching ${pattern}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// A message link opened on this server.
const local = (link) => srv.url + new URL(link).pathname + new URL(link).search;

// Books through the pages by clicks (the first service, the first time of `day` or the first
// day); answers the booking page's URL and its code.
async function bookByClicks(page, lang, { email = 'client@example.org', day, name = 'Анна Смирнова' } = {}) {
  await page.goto(srv.url + '/book?lang=' + lang);
  assert.equal(await page.getAttribute('html', 'lang'), lang);
  await page.locator('section.service a.button').first().click();
  if (day) await page.locator(`ul.days a[href*="day=${day}"]`).click();
  await page.locator('ul.times a').first().click();
  await page.fill('#name', name);
  await page.fill('#phone', '+7 999 123-45-67');
  await page.fill('#email', email);
  await page.check('#channel-email');
  await page.locator('form button[type=submit]').first().click();
  await page.check('#consent');
  await page.locator('form button[type=submit]').first().click();
  await page.waitForSelector('.code-block .code');
  return { url: page.url(), code: (await page.locator('.code-block .code').innerText()).trim() };
}

test('R-VISIT-1, R-VISIT-2, R-VISIT-11: a full booking in ru, en and hy, with JavaScript on and off', async () => {
  for (const lang of ['ru', 'en', 'hy']) {
    for (const js of [true, false]) {
      const page = await newPage({ js, lang });
      await page.goto(srv.url + '/book/demo/passport?lang=' + lang);
      // Days named in the page's language (the demo office works Saturdays: offered too).
      const days = await page.locator('ul.days a').allInnerTexts();
      assert.ok(days.some((d) => d.includes(TEXTS[lang]['kiosk.weekday.sat'])), lang + ': a Saturday is offered: ' + days);
      assert.ok(!days.some((d) => d.includes(TEXTS[lang]['kiosk.weekday.sun'])), lang + ': no Sunday');
      const { code } = await bookByClicks(page, lang, { email: `book-${lang}-${js}@example.org` });
      assert.match(code, /^[A-Z0-9]{5}-[A-Z0-9]{5}$/);
      assert.equal(await page.getAttribute('html', 'lang'), lang);
      assert.equal((await page.locator('.notice.success h1').innerText()).trim(), TEXTS[lang]['site.manage.booked']);
      assert.equal(await page.locator('img.qr').count(), 1);
      assert.equal(await page.locator('a[href$="calendar.ics"]').count(), 1);
      assert.equal(await page.locator('figure.plan svg').count(), 1, 'the floor plan (R-VISIT-5)');
      await page.context().close();
    }
  }
});

test('R-CHAN-3: a form error keeps what was typed and says which field and why, in the page\'s language', async () => {
  for (const lang of ['ru', 'en']) {
    const page = await newPage({ js: false });
    await page.goto(srv.url + '/book/demo/consultation?lang=' + lang);
    await page.locator('ul.times a').first().click();
    await page.fill('#name', 'Пётр Иванов');
    await page.fill('#phone', '12');
    await page.check('#channel-sms');
    await page.locator('form button[type=submit]').first().click();
    assert.equal(await page.inputValue('#name'), 'Пётр Иванов');
    assert.equal(await page.inputValue('#phone'), '12');
    assert.equal(await page.getAttribute('#phone', 'aria-invalid'), 'true');
    assert.equal((await page.locator('#phone-error').innerText()).trim(), TEXTS[lang]['error.invalid_phone']);
    assert.equal(await page.isChecked('#channel-sms'), true);
    if (lang === 'en') await shots(page, 'details-error-en');
    await page.context().close();
  }
});

test('WCAG 2.1.1: a booking by keyboard alone', async () => {
  const page = await newPage({ lang: 'en' });
  await page.goto(srv.url + '/book/demo?lang=en');
  // Tab until the focus is on an element that matches, then act with the keyboard.
  const focusOn = async (selector) => {
    for (let i = 0; i < 300; i++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate((s) => document.activeElement && document.activeElement.matches(s), selector)) return;
    }
    throw new Error('never focused: ' + selector);
  };
  await focusOn('section.service a.button');
  await page.keyboard.press('Enter');
  await page.waitForSelector('ul.times a');
  await focusOn('ul.times a');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#name');
  await focusOn('#name');
  await page.keyboard.type('Keyboard User');
  await focusOn('#phone');
  await page.keyboard.type('+79991112233');
  await focusOn('#channel-sms');
  await page.keyboard.press('Space');
  await focusOn('form button[type=submit]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#consent');
  await focusOn('#consent');
  await page.keyboard.press('Space');
  await focusOn('form button[type=submit]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.code-block .code');
  assert.equal((await page.locator('.notice.success h1').innerText()).trim(), TEXTS.en['site.manage.booked']);
  await page.context().close();
});

test('R-VISIT-6, R-CHAN-1: move and cancel from the link in the e-mail', async () => {
  const page = await newPage({ lang: 'ru' });
  const { code } = await bookByClicks(page, 'ru', { email: 'manage@example.org', day: '2026-12-02' });
  await page.context().close();
  const link = await mailWith('manage@example.org', new RegExp(`https://okno\\.example\\.ru/booking/${code}\\?t=[A-Za-z0-9_-]+&lang=ru`));
  const mailPage = await newPage({ lang: 'ru' });
  await mailPage.goto(local(link));
  assert.equal((await mailPage.locator('.code-block .code').innerText()).trim(), code);
  await shots(mailPage, 'booking-ru');
  await mailPage.locator(`a[href*="/booking/${code}/move"]`).click();
  await shots(mailPage, 'move-ru');
  await mailPage.locator('ul.days a[href*="day=2026-12-03"]').click();
  const newTime = (await mailPage.locator('ul.times a').nth(2).innerText()).trim();
  await mailPage.locator('ul.times a').nth(2).click();
  await mailPage.locator('form button[type=submit]').click();
  assert.equal((await mailPage.locator('.notice.success p').innerText()).trim(), TEXTS.ru['site.manage.moved']);
  assert.ok((await mailPage.locator('dl.summary').first().innerText()).includes('03.12.2026, ' + newTime));
  await mailPage.locator(`a[href*="/booking/${code}/cancel"]`).click();
  await shots(mailPage, 'cancel-ru');
  await mailPage.locator('form button[type=submit]').click();
  assert.ok((await mailPage.locator('main').innerText()).includes(TEXTS.ru['site.manage.cancelled']));
  // The messages of the move and the cancellation reached the mailbox too.
  await mailWith('manage@example.org', /03\.12\.2026|3 декабря/);
  await mailPage.context().close();
});

test('R-VISIT-13, R-CHAN-4, R-FB-1: the visit rated from the closing message\'s link, once', async () => {
  const page = await newPage({ lang: 'en' });
  const { code } = await bookByClicks(page, 'en', { email: 'rate@example.org' });
  // The visitor checks in at the kiosk when the time comes, a desk serves them.
  let checkin;
  for (let i = 0; i < 12; i++) {  // the check-in opens a while before the booked time
    checkin = await fetch(srv.url + '/api/v1/offices/demo/checkin', { method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Kiosk-Key': srv.kioskKey }, body: JSON.stringify({ code }) });
    if (checkin.status !== 422) break;
    await srv.advance(15 * 60);
  }
  assert.equal(checkin.status, 200, await checkin.text());
  for (const action of ['call-next', 'start', 'finish']) {
    const r = await fetch(srv.url + `/api/v1/offices/demo/desks/1/${action}`, { method: 'POST', headers: STAFF });
    assert.equal(r.status, 200, action + ': ' + await r.text());
  }
  const link = await mailWith('rate@example.org', new RegExp(`https://okno\\.example\\.ru/survey/${code}\\?t=[A-Za-z0-9_-]+&lang=en`));
  // The survey page (and its federal five) has no WCAG 2.1 A/AA violation in any language.
  for (const lang of LANGS) {
    await page.goto(local(link).replace(/lang=en$/, 'lang=' + lang));
    assert.equal(await page.getAttribute('html', 'lang'), lang);
    assert.deepEqual(await axeViolations(page), [], 'axe: survey in ' + lang);
  }
  await page.goto(local(link));
  await shots(page, 'survey-en');
  await page.check('#got_answer-yes');
  await page.check('#satisfaction-partly');
  await page.fill('#comment', 'Quick and polite.');
  for (const c of ['time', 'waiting', 'staff', 'comfort', 'information']) await page.check(`#federal_${c}-5`);
  await page.locator('form button[type=submit]').click();
  assert.equal((await page.locator('.notice.success h1').innerText()).trim(), TEXTS.en['kiosk.feedback.thanks']);
  await page.goto(local(link));
  await page.check('#got_answer-no');
  await page.check('#satisfaction-satisfied');
  await page.locator('form button[type=submit]').click();
  assert.ok((await page.locator('main').innerText()).includes(TEXTS.en['error.feedback_given']));
  assert.deepEqual(await axeViolations(page), [], 'axe: a refusal page');
  await page.context().close();
});

test('WCAG 2.1 A/AA (axe): every page in the six languages, and in the large-print and high-contrast views', async () => {
  const setup = await newPage({ lang: 'ru' });
  const { url, code } = await bookByClicks(setup, 'ru', { email: 'axe@example.org', day: '2026-12-04' });
  const secret = new URL(url).searchParams.get('t');
  await setup.context().close();
  const pages = {
    book: '/book/demo', times: '/book/demo/passport', booking: `/booking/${code}?t=${secret}`,
    cancel: `/booking/${code}/cancel?t=${secret}`, move: `/booking/${code}/move?t=${secret}`,
    notify: `/booking/${code}/notify?t=${secret}`, find: '/booking', offices: '/offices', office: '/offices/demo',
    refusal: '/booking/AAAAA-AAAAA?t=AAAAAAAAAAAAAAAAAAAA',
  };
  for (const lang of LANGS) {
    const page = await newPage({ lang });
    for (const [name, p] of Object.entries(pages)) {
      const res = await page.goto(srv.url + p + (p.includes('?') ? '&' : '?') + 'lang=' + lang);
      assert.equal(res.status(), name === 'refusal' ? 404 : 200, name);
      assert.equal(await page.getAttribute('html', 'lang'), lang);
      assert.deepEqual(await axeViolations(page), [], `axe: ${name} in ${lang}`);
      if (lang === 'ru' || (lang === 'hy' && name === 'times')) await shots(page, `${name}-${lang}`);
    }
    // The steps reached by forms: the details (also with an error) and the consent.
    await page.goto(srv.url + '/book/demo/passport?lang=' + lang);
    await page.locator('ul.times a').first().click();
    assert.deepEqual(await axeViolations(page), [], 'axe: details in ' + lang);
    if (lang === 'ru') await shots(page, 'details-ru');
    await page.fill('#name', 'Тест');
    await page.fill('#email', 'wrong');
    await page.check('#channel-email');
    await page.locator('form button[type=submit]').first().click();
    assert.equal(await page.getAttribute('#email', 'aria-invalid'), 'true');
    assert.deepEqual(await axeViolations(page), [], 'axe: details with an error in ' + lang);
    await page.fill('#email', 'axe-' + lang + '@example.org');
    await page.locator('form button[type=submit]').first().click();
    await page.waitForSelector('#consent');
    assert.deepEqual(await axeViolations(page), [], 'axe: consent in ' + lang);
    if (lang === 'ru') await shots(page, 'consent-ru');
    await page.context().close();
  }
  // The views: large print and high contrast, switched by the header's links.
  const page = await newPage({ lang: 'ru' });
  await page.goto(srv.url + '/book/demo/passport?lang=ru');
  await page.locator('header .views a').nth(0).click();
  assert.match(await page.getAttribute('body', 'class'), /large/);
  assert.deepEqual(await axeViolations(page), [], 'axe: large print');
  await shots(page, 'times-ru-large');
  await page.locator('header .views a').nth(1).click();
  assert.match(await page.getAttribute('body', 'class'), /contrast/);
  for (const p of Object.values(pages)) {
    await page.goto(srv.url + p + (p.includes('?') ? '&' : '?') + 'lang=ru');
    assert.deepEqual(await axeViolations(page), [], 'axe: large print and high contrast: ' + p);
  }
  await shots(page, 'office-ru-large-contrast');
  // Text scaled up (WCAG 1.4.4/1.4.10): large print at 320 px wide, nothing wider than the window.
  await page.setViewportSize({ width: 320, height: 700 });
  for (const p of Object.values(pages)) {
    await page.goto(srv.url + p + (p.includes('?') ? '&' : '?') + 'lang=ru');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `no horizontal scrolling at 320 px with large print: ${p}: ${overflow}`);
  }
  await page.context().close();
});
