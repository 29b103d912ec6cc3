// Staff console: shared helpers for the view scripts (texts, JSON API calls with the CSRF
// token, small DOM builders), then loads the script of the current view. Plain JavaScript.
'use strict';
(function () {
  const boot = JSON.parse(document.getElementById('okno-boot').textContent);
  const csrfMeta = document.querySelector('meta[name="csrf-token"]');
  const csrf = csrfMeta ? csrfMeta.content : '';

  // A catalog text with {name} placeholders filled.
  function t(key, args) {
    let text = boot.texts[key];
    if (text === undefined) return key;
    for (const [k, v] of Object.entries(args || {})) text = text.split('{' + k + '}').join(String(v));
    return text;
  }

  // Calls the JSON API; every state-changing call carries the session's CSRF token.
  async function api(method, url, body) {
    const headers = { 'Accept-Language': boot.lang, 'Accept': 'application/json' };
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
      window.location.assign('/staff/login?expired=1');
    }
    const message = data && data.error ? data.error.message : (res.ok ? '' : t('staff.error.network'));
    return { ok: res.ok, status: res.status, data, message };
  }

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
      if (!live) return;
      source = new EventSource(eventsUrl());
      for (const kind of ['queue.changed', 'ticket.called', 'ticket.recalled', 'ticket.left', 'desk.paused', 'desk.resumed']) {
        source.addEventListener(kind, onChange);
      }
      source.addEventListener('reset', () => (onResume || onChange)());
      source.onopen = () => { byId('live-state').textContent = t('staff.live.on'); };
      source.onerror = () => { byId('live-state').textContent = t('staff.live.lost'); };
    }
    byId('live-toggle').addEventListener('click', () => {
      live = !live;
      byId('live-toggle').setAttribute('aria-pressed', String(!live));
      byId('live-toggle').textContent = live ? t('staff.live.pause') : t('staff.live.resume');
      byId('live-state').textContent = live ? t('staff.live.on') : t('staff.live.off');
      connect();
      if (live && onResume) onResume();
    });
    return connect;
  }

  window.okno = { boot, t, api, el, message, localTime, zoneTime, languageName, liveQueue };

  if (['desk', 'operator', 'today'].includes(boot.view)) {
    const s = document.createElement('script');
    s.src = '/staff/assets/' + boot.view + '.js';
    document.head.append(s);
  }
})();
