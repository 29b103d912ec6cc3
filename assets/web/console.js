// Staff console: shared helpers for the view scripts (texts, JSON API calls with the CSRF
// token, small DOM builders), then loads the script of the current view. Plain JavaScript.
'use strict';
(function () {
  const boot = JSON.parse(document.getElementById('okno-boot').textContent);
  const csrfMeta = document.querySelector('meta[name="csrf-token"]');
  let csrf = csrfMeta ? csrfMeta.content : '';

  // A catalog text with {name} placeholders filled.
  function t(key, args) {
    let text = boot.texts[key];
    if (text === undefined) return key;
    for (const [k, v] of Object.entries(args || {})) text = text.split('{' + k + '}').join(String(v));
    return text;
  }

  // Calls the JSON API; every state-changing call carries the session's CSRF token. A call
  // that meets an ended session (401) is kept: the page asks to sign in again (signInAgain)
  // and then makes the same call once more, so the receptionist's "finish" is not lost
  // (issue 16 item 3). `extra` adds headers (Idempotency-Key).
  async function api(method, url, body, extra) {
    const headers = { 'Accept-Language': boot.lang, 'Accept': 'application/json', ...(extra || {}) };
    if (method !== 'GET') headers['X-CSRF-Token'] = csrf;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let res;
    try {
      res = await fetch(url, {
        method, headers, credentials: 'same-origin',
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (e) {
      return { ok: false, status: 0, data: null, message: t('staff.error.network') };
    }
    let data = null;
    try { data = await res.json(); } catch (e) { data = null; }
    if (res.status === 401) {
      if (!boot.me) { window.location.assign('/staff/login?expired=1'); return { ok: false, status: 401, data, message: '' }; }
      if (await signInAgain(method !== 'GET')) return api(method, url, body, extra);
      return { ok: false, status: 401, data, message: t('staff.session.other_user') };
    }
    const message = data && data.error ? data.error.message : (res.ok ? '' : t('staff.error.network'));
    return { ok: res.ok, status: res.status, data, message };
  }

  // ---- The session while a page is open (issue 16 item 3) ----
  // The page uses its session every `heartbeat_s` (GET /api/v1/staff/me), so it lives through
  // the working day while the page is open (sliding expiry on the server), up to its fixed end
  // (`ends_at`, sign-in + the longest session). From `warn_s` before that end a banner offers to
  // sign in again at once. When the session has ended the page says so, stops its live list
  // (a list that updates while signed out would pretend to be signed in) and opens the sign-in
  // dialog; a call that met the ended session is made after signing in.
  const session = boot.session || { heartbeat_s: 60, warn_s: 600 };
  let signedOut = false;
  let waiting = null;  // the open dialog's promise: every kept call waits for the same sign-in
  const signedOutHooks = [];
  const signedInHooks = [];

  function setCsrf(token) {
    csrf = token;
    if (csrfMeta) csrfMeta.content = token;
    for (const f of document.querySelectorAll('form.logout input[name="csrf"]')) f.value = token;
  }

  function markSignedOut() {
    if (signedOut) return;
    signedOut = true;
    document.body.classList.add('signed-out');
    for (const hook of signedOutHooks) hook();
  }

  function markSignedIn() {
    signedOut = false;
    document.body.classList.remove('signed-out');
    const warning = document.getElementById('session-warning');
    if (warning) warning.remove();
    for (const hook of signedInHooks) hook();
  }

  // Opens the sign-in dialog; resolves true once the same account has signed in again (the
  // page then goes on), false when it was closed. Another account signing in reloads the page:
  // what the first one left pending is not done in someone else's name.
  function signInAgain(pending, renewing) {
    if (!renewing) markSignedOut();
    if (waiting) {
      if (pending) waiting.pending();
      if (!renewing) waiting.ended();  // a renewal open when the session ends: now a must
      return waiting.promise;
    }
    let mustSignIn = !renewing;
    let resolve;
    const promise = new Promise((r) => { resolve = r; });
    const note = el('p', { id: 'session-pending', class: 'hint', hidden: !pending, text: t('staff.session.pending') });
    const errorBox = el('div', { id: 'session-error', 'aria-live': 'assertive' });
    const login = el('input', { id: 'session-login', type: 'text', autocomplete: 'username', required: true, value: boot.me.login });
    const password = el('input', { id: 'session-password', type: 'password', autocomplete: 'current-password', required: true });
    const form = el('form', { id: 'session-form', method: 'dialog' },
      el('p', {}, el('label', { for: 'session-login', text: t('staff.login.login') }), login),
      el('p', {}, el('label', { for: 'session-password', text: t('staff.login.password') }), password),
      el('p', {}, el('button', { type: 'submit', class: 'primary', id: 'session-submit', text: t('staff.login.submit') })));
    const dialog = el('dialog', { id: 'session-dialog', 'aria-labelledby': 'session-dialog-h' },
      el('h2', { id: 'session-dialog-h', text: renewing ? t('staff.session.sign_in_again') : t('staff.session.ended') }),
      note, errorBox, form);
    // Escape closes an early renewal only; once the session has ended the page cannot go on
    // without one (and a kept action would be lost), so Escape does nothing.
    dialog.addEventListener('cancel', (ev) => { if (mustSignIn) ev.preventDefault(); });
    dialog.addEventListener('close', () => {
      dialog.remove();  // a closed renewal leaves nothing behind (no second #session-dialog later)
      if (waiting && waiting.promise === promise) { waiting = null; resolve(false); }
    });
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      let res;
      try {
        res = await fetch('/api/v1/staff/login', {
          method: 'POST', credentials: 'same-origin',
          headers: { 'Content-Type': 'application/json', 'Accept-Language': boot.lang },
          body: JSON.stringify({ login: login.value.trim(), password: password.value }),
        });
      } catch (e) {
        message(errorBox, t('staff.error.network'), 'error');
        return;
      }
      const data = await res.json().catch(() => null);
      if (!res.ok) {
        message(errorBox, data && data.error ? data.error.message : t('staff.error.network'), 'error');
        password.value = '';
        password.focus();
        return;
      }
      if (data.login !== boot.me.login) { window.location.reload(); return; }
      setCsrf(data.csrf_token);
      waiting = null;
      dialog.close();
      dialog.remove();
      markSignedIn();
      resolve(true);
    });
    const heading = dialog.querySelector('#session-dialog-h');
    waiting = {
      promise,
      pending: () => { note.hidden = false; },
      ended: () => { mustSignIn = true; heading.textContent = t('staff.session.ended'); },
    };
    document.body.append(dialog);
    dialog.showModal();
    (boot.me.login ? password : login).focus();
    return promise;
  }

  // The banner before the session's fixed end, with the time on the office's clock.
  function warnEnding(endsAt) {
    let box = document.getElementById('session-warning');
    const text = t('staff.session.warning', { time: zoneTime(endsAt, officeZone()).slice(11) });
    if (!box) {
      box = el('div', { id: 'session-warning', class: 'message warning', role: 'alert' },
        el('p', { id: 'session-warning-text' }),
        el('p', {}, el('button', { type: 'button', id: 'session-renew', text: t('staff.session.sign_in_again'),
          onclick: () => signInAgain(false, true) })));
      document.getElementById('main').prepend(box);
    }
    box.querySelector('#session-warning-text').textContent = text;
  }
  const officeZone = () => (boot.offices[0] || {}).zone || 'UTC';

  async function heartbeat() {
    if (signedOut || !boot.me) return;
    let res;
    try {
      res = await fetch('/api/v1/staff/me', { credentials: 'same-origin', headers: { 'Accept': 'application/json' } });
    } catch (e) {
      return;  // the network is down: the live list says so; try again on the next beat
    }
    if (res.status === 401) { signInAgain(false); return; }
    const me = await res.json().catch(() => null);
    if (!me || !res.ok) return;
    document.body.dataset.sessionNow = me.now;  // the server's time of the last check (tests wait for it)
    const left = (Date.parse(me.ends_at) - Date.parse(me.now)) / 1000;
    const box = document.getElementById('session-warning');
    if (left <= session.warn_s) warnEnding(me.ends_at);
    else if (box) box.remove();
  }
  if (boot.me) window.setInterval(heartbeat, session.heartbeat_s * 1000);

  // el('p', {class: 'x', text: 'hi'}, child...) — text only, never HTML from data.
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'text') node.textContent = v;
      else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
      else if (v === true) node.setAttribute(k, '');
      else node.setAttribute(k, v);
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined) continue;
      node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return node;
  }

  function message(target, text, kind) {
    target.replaceChildren();
    if (!text) return;
    target.append(el('p', { class: 'message ' + (kind || 'info'), role: kind === 'error' ? 'alert' : 'status', text }));
  }

  // "2026-12-01T09:00:00+03:00" -> "01.12.2026 09:00": the office's own wall-clock time.
  function localTime(iso) {
    if (!iso || iso.length < 16) return iso || '';
    return iso.slice(8, 10) + '.' + iso.slice(5, 7) + '.' + iso.slice(0, 4) + ' ' + iso.slice(11, 16);
  }

  // An instant ("2026-12-01T06:05:00Z", as the API stores it: UTC) -> "01.12.2026 09:05" in the
  // office's IANA zone (`zone`, e.g. "Europe/Moscow"): staff read their office's clock, not UTC.
  function zoneTime(iso, zone) {
    const when = new Date(iso);
    if (!iso || Number.isNaN(when.getTime())) return iso || '';
    const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', {
      timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    }).formatToParts(when).map((p) => [p.type, p.value]));
    return parts.day + '.' + parts.month + '.' + parts.year + ' ' + parts.hour + ':' + parts.minute;
  }

  function languageName(code) {
    const l = boot.languages.find((x) => x.code === code);
    return l ? l.name : code;
  }

  // A page's live view of the office's queue: an EventSource that calls onChange on every
  // change, and the switch #live-toggle / #live-state that pauses it (auto-updating content can
  // be paused: GOST R 52872-2019 / WCAG 2.2.2). Returns connect(): call it when the office
  // changes. onResume runs when the switch turns live updates back on.
  // The office's event stream (docs/queue.md). `onChange` on each event; `onResume` when live
  // updates are switched back on. `event: reset` means the server could not replay what this
  // page missed (its last event is older than the events kept, or from another database): the
  // whole state is reloaded, as on resume, and the stream goes on from the reset's id.
  function liveQueue(eventsUrl, onChange, onResume) {
    const byId = (id) => document.getElementById(id);
    let source = null;
    let live = true;
    function connect() {
      if (source) source.close();
      source = null;
      if (!live || signedOut) return;
      source = new EventSource(eventsUrl());
      for (const kind of ['queue.changed', 'ticket.called', 'ticket.recalled', 'ticket.left', 'desk.paused', 'desk.resumed']) {
        source.addEventListener(kind, onChange);
      }
      source.addEventListener('reset', () => (onResume || onChange)());
      source.onopen = () => { byId('live-state').textContent = t('staff.live.on'); };
      source.onerror = () => { byId('live-state').textContent = t('staff.live.lost'); };
    }
    // Signed out, the list is not updated, and says so; signed in again, it reloads and goes on.
    signedOutHooks.push(() => {
      if (source) source.close();
      source = null;
      byId('live-state').textContent = t('staff.session.live_off');
    });
    signedInHooks.push(() => {
      byId('live-state').textContent = live ? t('staff.live.on') : t('staff.live.off');
      connect();
      if (live) (onResume || onChange)();
    });
    byId('live-toggle').addEventListener('click', () => {
      live = !live;
      byId('live-toggle').setAttribute('aria-pressed', String(!live));
      byId('live-toggle').textContent = live ? t('staff.live.pause') : t('staff.live.resume');
      byId('live-state').textContent = signedOut ? t('staff.session.live_off') : live ? t('staff.live.on') : t('staff.live.off');
      connect();
      if (live && onResume && !signedOut) onResume();
    });
    return connect;
  }

  window.okno = { boot, t, api, el, message, localTime, zoneTime, languageName, liveQueue };

  if (['desk', 'operator', 'today', 'accounts', 'reports', 'password'].includes(boot.view)) {
    const s = document.createElement('script');
    s.src = '/staff/assets/' + boot.view + '.js';
    document.head.append(s);
  }
})();
