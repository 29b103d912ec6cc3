// The desk page in headless Chromium (issue 16 items 2 and 3, R-VISIT-9): every desk action the
// queue's API has, each confirmed in words in the console's language; a held ticket listed as
// held and brought back; a paused desk without dead buttons; the session living while the page
// is open, the warning before its end, an action kept over an ended session and done after
// signing in again, and a live list that stops (and says so) while signed out. Real okno-server,
// real Chromium; screenshots to docs/screenshots/console/ (OKNO_SCREENSHOTS overrides).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchChromium, newPage as openPage, shot } from './chromium.mjs';
import { startServer, STAFF, ticket } from './server.mjs';

let browser;
const servers = [];

before(async () => {
  browser = await launchChromium();
});

after(async () => {
  if (browser) await browser.close();
  for (const s of servers) await s.stop();
});

async function server(options) {
  const s = await startServer(options);
  servers.push(s);
  return s;
}

const newPage = () => openPage(browser);

async function signIn(srv, page, who, lang) {
  await page.goto(srv.url + '/staff/login?lang=' + lang);
  await page.locator('#login').fill(who.login);
  await page.locator('#password').fill(who.password);
  await Promise.all([page.waitForURL(/\/staff\/desk$/), page.locator('#password').press('Enter')]);
}

// The confirmation the last action left (role=status), once it says `text`.
async function confirmed(page, text) {
  const box = page.locator('#desk-message .message');
  await page.waitForFunction((t) => {
    const m = document.querySelector('#desk-message .message');
    return m && m.textContent === t;
  }, text, { timeout: 30000 });  // generous: the machine is shared
  assert.equal(await box.getAttribute('role'), 'status');
  assert.match(await box.getAttribute('class'), /\bok\b/);
}

// The desk's state as the queue's API has it (the page's own session, so the page's fetch).
function deskState(page, desk) {
  return page.evaluate(async (d) => (await fetch('/api/v1/offices/demo/desks/' + d)).json(), desk);
}

// No visible button of the page is disabled: what cannot be done is not offered.
async function noDeadButtons(page) {
  const dead = await page.evaluate(() => [...document.querySelectorAll('main button')]
    .filter((b) => b.disabled && b.offsetParent !== null).map((b) => b.id || b.textContent));
  assert.deepEqual(dead, []);
}

const visible = (page, id) => page.locator('#' + id).isVisible();

test('issue 16 item 2, R-VISIT-9: every desk action, each confirmed in Russian; held tickets listed as held', async () => {
  const srv = await server();
  const a1 = await ticket(srv, 'passport');
  const a2 = await ticket(srv, 'passport');
  const a3 = await ticket(srv, 'passport');
  const a4 = await ticket(srv, 'passport');
  const page = await newPage();
  await signIn(srv, page, STAFF.desk, 'ru');
  await page.locator('#waiting tr').nth(3).waitFor();
  await noDeadButtons(page);
  // A free desk offers "call next" and the out-of-order call, nothing that needs a visitor.
  assert.equal(await visible(page, 'act-call-next'), true);
  for (const id of ['act-recall', 'act-start', 'act-finish', 'act-hold', 'act-no-show', 'act-cancel-current', 'transfer-form']) {
    assert.equal(await visible(page, id), false, id + ' hidden while nobody is called');
  }
  assert.equal(await visible(page, 'call-form'), true);

  await page.locator('#act-call-next').click();
  await confirmed(page, `${a1} вызван в Окно 1`);
  await page.locator('#act-recall').click();
  await confirmed(page, `${a1} вызван ещё раз в Окно 1`);
  assert.equal(await visible(page, 'act-no-show'), false, 'no-show only after two recalls (queue.toml)');
  assert.equal(await visible(page, 'call-form'), false, 'no out-of-order call while someone is called');

  // Hold: the ticket leaves the desk and the line, and is listed as held.
  await page.locator('#act-hold').click();
  await confirmed(page, `${a1} отложен`);
  const heldRow = page.locator('#held tr', { hasText: a1 });
  await heldRow.waitFor();
  assert.match(await heldRow.innerText(), /отложен/);
  assert.equal(await page.locator('#waiting tr', { hasText: a1 }).count(), 0);
  assert.equal(await page.locator('#held-empty').isVisible(), false);
  let state = await deskState(page, 1);
  assert.deepEqual(state.held.map((t) => [t.number, t.state]), [[a1, 'on_hold']]);
  await shot(page, 'desk-held.png');

  // Back from hold: in line again, with its original arrival (first again).
  await heldRow.locator('button[data-unhold]').click();
  await confirmed(page, `${a1} возвращён в очередь`);
  await page.waitForFunction(() => document.querySelectorAll('#held tr').length === 0);
  assert.match(await page.locator('#waiting tr').first().innerText(), new RegExp(a1));
  assert.equal(await page.locator('#held-empty').isVisible(), true);

  // Out of order, with a reason: the row's "call" fills the number, the reason is required.
  await page.locator('#waiting tr', { hasText: a3 }).locator('button[data-call]').click();
  assert.equal(await page.locator('#call-number').inputValue(), a3);
  await page.locator('#call-reason').fill('Повторный визит по записи руководителя');
  await page.locator('#act-call').click();
  await confirmed(page, `${a3} вызван вне очереди в Окно 1`);
  assert.equal(await page.locator('#current-number').innerText(), a3);
  await page.locator('#act-start').click();
  await confirmed(page, `Приём ${a3} начат`);

  // Transfer to a named desk (Desk 2 also serves passports).
  assert.equal(await visible(page, 'transfer-form'), true);
  await page.locator('#transfer-service').selectOption('passport');
  const deskOptions = await page.locator('#transfer-desk option').allInnerTexts();
  assert.deepEqual(deskOptions, ['Любое окно этой услуги', 'Окно 2'], 'only desks that serve the service, not my own');
  await page.locator('#transfer-desk').selectOption('2');
  await page.locator('#act-transfer').click();
  await confirmed(page, `${a3} передан в Окно 2`);
  state = await deskState(page, 2);
  assert.equal(state.waiting.find((t) => t.number === a3).target_desk, '2');

  await page.locator('#act-call-next').click();
  await confirmed(page, `${a1} вызван в Окно 1`);
  await page.locator('#act-start').click();
  await confirmed(page, `Приём ${a1} начат`);
  await page.locator('#act-finish').click();
  await confirmed(page, `Приём ${a1} закончен`);

  // No-show after the two recalls the queue asks for.
  await page.locator('#act-call-next').click();
  await confirmed(page, `${a2} вызван в Окно 1`);
  await page.locator('#act-recall').click();
  await confirmed(page, `${a2} вызван ещё раз в Окно 1`);
  assert.equal(await visible(page, 'act-no-show'), false);
  await page.locator('#act-recall').click();
  await confirmed(page, `${a2} вызван ещё раз в Окно 1`);
  assert.equal(await visible(page, 'act-no-show'), true);
  await page.locator('#act-no-show').click();
  await confirmed(page, `${a2}: посетитель не пришёл`);

  // Cancel a waiting ticket from its row (after a confirmation question).
  page.once('dialog', (d) => d.accept());
  await page.locator('#waiting tr', { hasText: a4 }).locator('button[data-cancel]').click();
  await confirmed(page, `Талон ${a4} отменён`);
  await page.waitForFunction(() => document.querySelectorAll('#waiting tr').length === 0);

  // Cancel the called ticket.
  const a5 = await ticket(srv, 'passport');
  await page.locator('#waiting tr', { hasText: a5 }).waitFor();
  await page.locator('#act-call-next').click();
  await confirmed(page, `${a5} вызван в Окно 1`);
  page.once('dialog', (d) => d.accept());
  await page.locator('#act-cancel-current').click();
  await confirmed(page, `Талон ${a5} отменён`);
  const tickets = await page.evaluate(async () => (await fetch('/api/v1/offices/demo/tickets')).json());
  const byNumber = Object.fromEntries(tickets.tickets.map((t) => [t.number, t.state]));
  assert.deepEqual(byNumber, { [a1]: 'finished', [a2]: 'no_show', [a3]: 'waiting', [a4]: 'cancelled', [a5]: 'cancelled' });

  // Pause: the page says the desk is paused and offers "resume", no disabled "call next".
  await page.locator('#act-pause').click();
  await confirmed(page, 'Окно 1 на паузе: посетителей к нему не вызывают');
  assert.equal(await visible(page, 'paused-note'), true);
  assert.equal(await visible(page, 'act-call-next'), false);
  assert.equal(await visible(page, 'act-pause'), false);
  assert.equal(await visible(page, 'call-form'), false);
  await noDeadButtons(page);
  await ticket(srv, 'passport');
  await page.locator('#waiting tr').first().waitFor();
  assert.equal(await page.locator('#waiting button[data-call]').count(), 0, 'no "call" on a paused desk');
  await shot(page, 'desk-paused.png');
  await page.locator('#act-resume').click();
  await confirmed(page, 'Окно 1 снова принимает посетителей');
  assert.equal(await visible(page, 'paused-note'), false);
  assert.equal(await visible(page, 'act-call-next'), true);
  await noDeadButtons(page);
  await page.context().close();
});

test('issue 16 item 3: the session lives while the page is open, warns, and an action over an ended session is done after signing in', async () => {
  // Short sessions (20 s unused, 120 s at most) on the server's manual clock: the page checks
  // its session every 5 s and warns 30 s before the end.
  const srv = await server({ extraArgs: ['--staff-session-idle', '20', '--staff-session-max', '120'] });
  const a1 = await ticket(srv, 'passport', 'en');
  const page = await newPage();
  await signIn(srv, page, STAFF.desk, 'en');
  await page.locator('#waiting tr').first().waitFor();
  await page.locator('#act-call-next').click();
  await confirmed(page, `${a1} called to Desk 1`);

  // The page's next check of its session at the server's time `now`.
  const checkedAt = (now) => page.waitForFunction((n) => document.body.dataset.sessionNow === n, now, { timeout: 15000 });

  // A minute and a half without a click, in steps shorter than the idle limit: still signed
  // in. 30 s before the session's end (sign-in + 120 s = 10:02 Moscow) the warning comes.
  let now;
  for (let i = 0; i < 6; ++i) {
    ({ now } = await srv.advance(15));
    await checkedAt(now);
    assert.equal(await page.locator('#session-dialog').count(), 0, now);
    assert.equal(await page.locator('#session-warning').count(), i < 5 ? 0 : 1, now);
  }
  assert.equal(now, '2026-11-30T07:01:30Z');
  assert.equal(await page.locator('#session-warning-text').innerText(),
    'Your session ends at 10:02. Sign in again now so that your work is not interrupted.');
  await shot(page, 'desk-session-warning.png');

  // Right after a check, the session runs out; "start" meets the ended session.
  ({ now } = await srv.advance(5));
  await checkedAt(now);
  await srv.advance(30);
  await page.locator('#act-start').click();
  const dialog = page.locator('#session-dialog');
  await dialog.waitFor();
  assert.match(await dialog.innerText(), /Your session has ended/);
  assert.equal(await page.locator('#session-pending').isVisible(), true);
  assert.match(await page.locator('#live-state').innerText(), /Signed out: the list is not updated/);
  assert.equal(await page.locator('#session-login').inputValue(), STAFF.desk.login);
  await shot(page, 'desk-session-ended.png');
  // A wrong password keeps the dialog open with the server's message.
  await page.locator('#session-password').fill('not the password');
  await page.locator('#session-submit').click();
  await page.locator('#session-error .message').waitFor();
  assert.match(await page.locator('#session-error').innerText(), /Wrong login or password/);
  await page.locator('#session-password').fill(STAFF.desk.password);
  await page.locator('#session-submit').click();
  await confirmed(page, `Service of ${a1} started`);
  assert.equal(await page.locator('#session-dialog').count(), 0);
  assert.match(await page.locator('#current-state').innerText(), /being served/);
  assert.match(await page.locator('#live-state').innerText(), /Live updates on/);
  const state = await deskState(page, 1);
  assert.equal(state.current.state, 'serving');
  assert.equal(await page.locator('#session-warning').count(), 0, 'a new session: no warning');

  // Signed out while nobody clicks: the page notices on its own, stops the live list and says
  // so; a new visitor does not appear until signed in again, then the list catches up.
  await srv.advance(200);
  await dialog.waitFor({ timeout: 15000 });
  assert.equal(await page.locator('#session-pending').isVisible(), false, 'nothing pending');
  assert.match(await page.locator('#live-state').innerText(), /Signed out/);
  assert.equal(await page.evaluate(() => document.body.classList.contains('signed-out')), true);
  const rows = await page.locator('#waiting tr').count();
  const a2 = await ticket(srv, 'passport', 'en');
  await page.waitForTimeout(2000);
  assert.equal(await page.locator('#waiting tr').count(), rows, 'signed out: the list does not pretend to be live');
  await page.locator('#session-password').fill(STAFF.desk.password);
  await page.locator('#session-submit').click();
  await page.locator('#waiting tr', { hasText: a2 }).waitFor({ timeout: 10000 });
  assert.equal(await page.evaluate(() => document.body.classList.contains('signed-out')), false);
  await page.context().close();
});

// A desk signed in on a short session (20 s unused, 120 s at most), a visitor called, and
// 90 s of checks later: the warning "your session ends at 10:02" is up.
async function nearSessionEnd() {
  const srv = await server({ extraArgs: ['--staff-session-idle', '20', '--staff-session-max', '120'] });
  const a1 = await ticket(srv, 'passport', 'en');
  const page = await newPage();
  await signIn(srv, page, STAFF.desk, 'en');
  await page.locator('#act-call-next').click();
  await confirmed(page, `${a1} called to Desk 1`);
  for (let i = 0; i < 6; ++i) {
    const { now } = await srv.advance(15);
    await page.waitForFunction((n) => document.body.dataset.sessionNow === n, now, { timeout: 15000 });
  }
  return { srv, page, a1 };
}

test('issue 16 item 3: "Sign in again" from the warning renews the session in place, nothing lost', async () => {
  const { srv, page, a1 } = await nearSessionEnd();
  await page.locator('#session-renew').click();
  await page.locator('#session-dialog').waitFor();
  assert.equal(await page.locator('#session-pending').isVisible(), false);
  assert.equal(await page.evaluate(() => document.body.classList.contains('signed-out')), false, 'still signed in meanwhile');
  await page.locator('#session-password').fill(STAFF.desk.password);
  await page.locator('#session-submit').click();
  await page.locator('#session-warning').waitFor({ state: 'detached' });
  const me = await page.evaluate(async () => (await fetch('/api/v1/staff/me')).json());
  assert.equal(me.ends_at, '2026-11-30T07:03:30Z', 'a new session: 120 s from the renewal');
  // The page goes on with the new session and its new CSRF token.
  await page.locator('#act-start').click();
  await confirmed(page, `Service of ${a1} started`);
  await page.context().close();
});

test('issue 16 item 3: Escape closes an early renewal and leaves nothing behind; once the session has ended it does not close', async () => {
  const { srv, page, a1 } = await nearSessionEnd();
  // Early renewal, then Escape: the dialog goes away entirely (no hidden second dialog later).
  const dialog = page.locator('#session-dialog');
  await page.locator('#session-renew').click();
  await dialog.waitFor();
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => document.body.classList.contains('signed-out')), false);
  // Renewal opened again; the session ends while it is open: now it is a must, Escape is refused.
  await page.locator('#session-renew').click();
  await dialog.waitFor();
  assert.equal(await dialog.count(), 1);
  await srv.advance(40);
  await page.locator('#session-dialog-h', { hasText: 'Your session has ended' }).waitFor({ timeout: 15000 });
  await page.keyboard.press('Escape');
  await page.waitForTimeout(500);
  assert.equal(await dialog.isVisible(), true, 'Escape does not close the dialog of an ended session');
  await page.locator('#session-password').fill(STAFF.desk.password);
  await page.locator('#session-submit').click();
  await dialog.waitFor({ state: 'detached' });
  await page.locator('#act-start').click();
  await confirmed(page, `Service of ${a1} started`);
  await page.context().close();
});
