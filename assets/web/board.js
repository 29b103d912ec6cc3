// The waiting-room board in a browser (issue 11; docs/board.md "Web board"). Live from the
// office's event stream, resumed from the last event id after any break, so nothing is shown or
// announced twice and no call is missed; a visible reconnecting state while the stream is down
// (what is shown may be stale and looks it). Each call is spoken by the server's audio
// (GET …/announcements/{event_id}.wav: chime, Russian, the visitor's language), one after
// another in an <audio> queue: never overlapping, none dropped. No personal data anywhere.
(() => {
  'use strict';
  const boot = JSON.parse(document.getElementById('board-boot').textContent);
  const $ = (id) => document.getElementById(id);
  const t = (key, vars) => {
    let s = boot.texts[key] ?? key;
    for (const [k, v] of Object.entries(vars || {})) s = s.split('{' + k + '}').join(String(v));
    return s;
  };
  const KINDS = ['ticket.called', 'ticket.recalled', 'ticket.left', 'queue.changed', 'desk.paused',
    'desk.resumed', 'reset'];
  const LANGS = ['ru', 'en', 'hy', 'be', 'kk', 'ky'];

  const state = {
    link: 'connecting', // connecting | live | reconnecting
    linkSince: Date.now(),
    lastId: 0, // the newest event applied: the stream resumes after it
    calls: [], // newest first, each ticket once: {id, ticket, desk, recalls}
    flashUntil: 0,
    services: new Map(boot.services.map((s) => [s.id, { waiting: 0, estimate: 0 }])),
    paused: new Set(),
    hours: boot.hours,
    notices: [],
  };
  // What the board did, for tests and the administrator's console (no personal data).
  const log = { shown: [], queued: [], played: [], links: [] };
  window.oknoBoard = { state, log, boot };

  const inZone = (desk) => boot.zone.length === 0 || boot.zone.includes(desk);
  const deskName = (id) => boot.desks[id] || id;

  // --- Drawing -------------------------------------------------------------------------------

  // A number or desk name is never cut or wrapped: a text wider than its box gets smaller.
  function fit(node) {
    node.style.fontSize = '';
    let size = parseFloat(getComputedStyle(node).fontSize);
    while (node.scrollWidth > node.clientWidth && size > 8) {
      size *= 0.92;
      node.style.fontSize = size + 'px';
    }
  }

  function callNode(call) {
    const p = document.createElement('p');
    p.className = 'call';
    const text = t('board.shown', { ticket: call.ticket, desk: deskName(call.desk) });
    const at = text.indexOf('→');
    if (at < 0) {
      p.textContent = text;
    } else {
      const arrow = document.createElement('span');
      arrow.className = 'arrow';
      arrow.textContent = '→';
      p.append(text.slice(0, at).trim(), arrow, text.slice(at + 1).trim());
    }
    return p;
  }

  function drawCalls() {
    const newest = $('newest');
    newest.replaceChildren();
    const [first, ...rest] = state.calls;
    if (!first) {
      const p = document.createElement('p');
      p.className = 'waiting-text';
      p.textContent = t('board.no_calls');
      newest.append(p);
    } else {
      const p = callNode(first);
      p.dataset.ticket = first.ticket;
      newest.append(p);
      if (first.recalls > 0) {
        const note = document.createElement('p');
        note.className = 'note';
        note.textContent = t('board.recall');
        newest.append(note);
      }
      fit(p);
    }
    const body = $('earlier');
    body.replaceChildren();
    for (const c of rest) {
      const tr = document.createElement('tr');
      const ticket = document.createElement('td');
      ticket.textContent = c.ticket;
      const desk = document.createElement('td');
      desk.textContent = deskName(c.desk);
      if (c.recalls > 0) ticket.className = 'recall';
      tr.append(ticket, desk);
      body.append(tr);
    }
    for (const td of body.querySelectorAll('td')) fit(td);
    // Only whole rows: the earlier calls that do not fit above the notices are left out (the
    // newest are on top), never shown cut in half.
    const bottom = $('newest').closest('section').getBoundingClientRect().bottom;
    for (const tr of [...body.rows].reverse()) {
      if (tr.getBoundingClientRect().bottom <= bottom + 1) break;
      tr.remove();
    }
  }

  function drawQueue() {
    const list = $('services');
    list.replaceChildren();
    for (const s of boot.services) {
      const q = state.services.get(s.id) || { waiting: 0, estimate: 0 };
      const li = document.createElement('li');
      const name = document.createElement('span');
      name.className = 'name';
      name.textContent = s.name;
      const count = document.createElement('span');
      count.className = 'count';
      count.textContent = t('board.service.waiting', { count: q.waiting }) + ' · ' +
        (q.waiting > 0 && q.estimate > 0 ? t('board.service.wait', { minutes: q.estimate }) : t('board.service.no_wait'));
      li.append(name, count);
      list.append(li);
    }
    const paused = $('paused');
    paused.replaceChildren();
    for (const d of [...state.paused].sort()) {
      const li = document.createElement('li');
      li.textContent = t('board.desk_paused', { desk: deskName(d) });
      paused.append(li);
    }
  }

  const hhmm = new Intl.DateTimeFormat(boot.lang, { timeZone: boot.tz, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  // The time shown is the server's, not the TV's (a TV's clock is often wrong by minutes or
  // hours): the offset from the page's own clock, from the page and from every info poll.
  let clockOffset = boot.now_ms - Date.now();
  const serverDate = (pageMs) => new Date(pageMs + clockOffset);

  function drawLink() {
    const p = $('link');
    p.dataset.link = state.link;
    if (state.link === 'connecting') p.textContent = t('board.connecting');
    if (state.link === 'reconnecting') p.textContent = t('board.reconnecting', { time: hhmm.format(serverDate(state.linkSince)) });
    if (state.link === 'live') p.textContent = '';
    document.body.classList.toggle('stale', state.link !== 'live');
  }

  function tick() {
    const shown = serverDate(Date.now());
    $('clock').textContent = hhmm.format(shown);
    $('clock').dateTime = shown.toISOString();
    // The newest call flashes, 400 ms on and 400 ms off, for boot.flash_ms (R-VISIT-10); not
    // while the board is stale.
    const now = Date.now();
    const on = state.link === 'live' && now < state.flashUntil && Math.floor((state.flashUntil - now) / 400) % 2 === 0;
    $('newest').classList.toggle('flash-on', on);
    // Notices in the six languages in turn, eight seconds each.
    const lang = LANGS[Math.floor(now / 8000) % LANGS.length];
    const text = state.notices.map((n) => n[lang] || n.ru).filter(Boolean).join(' · ');
    const notice = $('notice');
    if (notice.textContent !== text) {
      notice.textContent = text;
      notice.lang = lang;
    }
  }

  // --- State ---------------------------------------------------------------------------------

  function setLink(link) {
    if (state.link === link) return;
    // Never connected yet stays "connecting"; a break after being live is "reconnecting".
    if (link === 'reconnecting' && state.link === 'connecting') return;
    state.link = link;
    state.linkSince = Date.now();
    log.links.push({ link, at: state.linkSince });
    drawLink();
  }

  function showCall(id, data, recalls) {
    state.calls = state.calls.filter((c) => c.ticket !== data.number);
    state.calls.unshift({ id, ticket: data.number, desk: data.desk, recalls });
    state.calls.length = Math.min(state.calls.length, 1 + boot.recent);
  }

  function applyEvent(kind, id, data) {
    if (kind === 'reset') {
      // The server could not replay what this board missed: start over from its latest.
      state.lastId = id;
      state.calls = [];
      drawCalls();
      loadQueue(false);
      return;
    }
    if (!(id > state.lastId)) return; // applied already (a replay after a reconnect)
    state.lastId = id;
    if (kind === 'ticket.called' || kind === 'ticket.recalled') {
      if (!inZone(data.desk)) return;
      showCall(id, data, kind === 'ticket.recalled' ? (data.recalls || 1) : 0);
      state.flashUntil = Date.now() + boot.flash_ms;
      drawCalls();
      log.shown.push({ id, ticket: data.number, desk: data.desk, at: Date.now() });
      announce(id);
    } else if (kind === 'queue.changed') {
      for (const s of data.services || []) {
        const q = state.services.get(s.service);
        if (q) q.waiting = s.waiting;
      }
      drawQueue();
      loadQueueSoon();
    } else if (kind === 'desk.paused' || kind === 'desk.resumed') {
      if (!inZone(data.desk)) return;
      if (kind === 'desk.paused') state.paused.add(data.desk); else state.paused.delete(data.desk);
      drawQueue();
    }
  }

  // GET …/queue: waiting and estimates, paused desks, and (first load, reset) the tickets
  // called to the zone's desks now, shown but not announced (they were called before).
  async function loadQueue(first) {
    try {
      const res = await fetch(boot.queue_url, { cache: 'no-store' });
      if (!res.ok) return false;
      const q = await res.json();
      if (first) state.lastId = Math.max(state.lastId, q.latest_event_id || 0);
      for (const s of q.services || []) {
        if (state.services.has(s.service)) state.services.set(s.service, { waiting: s.waiting, estimate: s.estimated_wait_min });
      }
      state.paused = new Set((q.desks || []).filter((d) => d.paused && inZone(d.desk)).map((d) => d.desk));
      for (const d of q.desks || []) {
        if (!d.current || !inZone(d.desk) || state.calls.some((c) => c.ticket === d.current)) continue;
        if (state.calls.length < 1 + boot.recent) state.calls.push({ id: 0, ticket: d.current, desk: d.desk, recalls: 0 });
      }
      drawQueue();
      drawCalls();
      return true;
    } catch (e) {
      return false;
    }
  }
  let queueTimer = null;
  function loadQueueSoon() {
    if (queueTimer) return;
    queueTimer = setTimeout(() => { queueTimer = null; loadQueue(false); }, 1000);
  }

  // Today's hours and the notices (GET /board/{office}/info): every 30 s. A new office day
  // reloads the page (today's texts, a new build of this script).
  async function loadInfo() {
    try {
      const res = await fetch(boot.info_url, { cache: 'no-store' });
      if (!res.ok) return false;
      const info = await res.json();
      if (info.date !== boot.date && state.link === 'live') location.reload();
      clockOffset = info.now_ms - Date.now();
      speaksNow = info.speaks;
      $('hours').textContent = info.hours.join(' · ');
      state.notices = info.notices;
      return true;
    } catch (e) {
      return false;
    }
  }

  // --- The stream ----------------------------------------------------------------------------

  let source = null;
  let failures = 0;
  let lastActivity = Date.now();
  // 250 ms doubling to 5 s, as the native board (board::reconnect_delay).
  const delay = (n) => Math.min(5000, 250 * 2 ** Math.max(0, n - 1));

  function connect() {
    const url = boot.events_url + '?last_event_id=' + state.lastId;
    const s = new EventSource(url);
    source = s;
    s.onopen = () => {
      failures = 0;
      lastActivity = Date.now();
      setLink('live');
      loadQueue(false);
      loadInfo();
    };
    for (const kind of KINDS) {
      s.addEventListener(kind, (e) => {
        lastActivity = Date.now();
        let data = {};
        try { data = JSON.parse(e.data); } catch (err) { return; }
        applyEvent(kind, Number(e.lastEventId), data);
      });
    }
    // Any break (server stopped, network cut, an error answer): close, say so, reconnect with
    // backoff from the last event applied. The browser's own retry would not back off.
    s.onerror = () => {
      if (source !== s) return;
      s.close();
      source = null;
      failures += 1;
      setLink('reconnecting');
      setTimeout(connect, delay(failures));
    };
  }

  // A stream can die without an error (a cut cable, a sleeping NAT): when the server does not
  // answer the info poll the board is not live, whatever the stream says.
  setInterval(async () => {
    const ok = await loadInfo();
    if (!ok && source) source.onerror();
    else if (ok && source && Date.now() - lastActivity > 10 * 60 * 1000) { lastActivity = Date.now(); source.onerror(); }
  }, 30000);
  setInterval(() => { if (state.link === 'live') loadQueue(false); }, 60000);

  // --- Speech --------------------------------------------------------------------------------

  // A browser plays sound only after a user gesture (autoplay policy), unless started with
  // --autoplay-policy=no-user-gesture-required: probe with a silent play; when refused, a
  // one-time button turns the sound on. Until then calls are shown, not queued for later.
  // Quiet hours (?quiet=, office-local) and screen only (?sound=0) are decided by the server,
  // at load and by each info poll (every 30 s), with its own clock.
  const sound = { enabled: false, queue: [], playing: null };
  let speaksNow = boot.speaks;
  function announce(id) {
    if (!boot.sound || !sound.enabled || !speaksNow) return;
    const audio = new Audio(boot.audio_base + id + '.wav');
    audio.volume = boot.volume;
    audio.preload = 'auto'; // fetched now; played when the ones before it have ended
    sound.queue.push({ id, audio });
    log.queued.push(id);
    pump();
  }
  function pump() {
    if (sound.playing || sound.queue.length === 0) return;
    const item = sound.queue.shift();
    sound.playing = item;
    const entry = { id: item.id, start: 0, end: 0 };
    const done = (ok) => {
      if (sound.playing !== item) return;
      entry.end = Date.now();
      entry.ok = ok;
      log.played.push(entry);
      sound.playing = null;
      pump();
    };
    item.audio.onplaying = () => { if (!entry.start) entry.start = Date.now(); };
    item.audio.onended = () => done(true);
    item.audio.onerror = () => done(false); // 404 or a network error: go on with the next
    item.audio.play().catch((e) => {
      if (e && e.name === 'NotAllowedError') {
        sound.enabled = false;
        sound.queue = [];
        sound.playing = null;
        $('sound-on').hidden = false;
      } else {
        done(false);
      }
    });
  }
  function probeSound() {
    if (!boot.sound) return;
    const probe = new Audio(boot.chime_url);
    probe.volume = 0;
    probe.play().then(() => { probe.pause(); sound.enabled = true; })
      .catch(() => { $('sound-on').hidden = false; });
  }
  $('sound-on').addEventListener('click', () => {
    const chime = new Audio(boot.chime_url); // the gesture unlocks the page; the chime says so
    chime.volume = boot.volume;
    chime.play().then(() => { sound.enabled = true; $('sound-on').hidden = true; }).catch(() => {});
  });

  // --- Start ---------------------------------------------------------------------------------

  drawLink();
  drawCalls();
  drawQueue();
  tick();
  setInterval(tick, 200);
  window.addEventListener('resize', drawCalls);
  // The rows that fit depend on the calls' panel's height, which also changes without a resize
  // (the waits and notices beside it filled in, the fonts loaded): redraw whenever it changes.
  let drawnHeight = 0;
  new ResizeObserver(() => {
    const h = Math.round($('newest').closest('section').getBoundingClientRect().height);
    if (h !== drawnHeight) { drawnHeight = h; drawCalls(); }
  }).observe($('newest').closest('section'));
  if (document.fonts) document.fonts.ready.then(drawCalls);
  probeSound();
  (async () => {
    // The latest event id first, with the state as of then; the stream goes on after it.
    while (!(await loadQueue(true))) await new Promise((r) => setTimeout(r, 1000));
    loadInfo();
    connect();
  })();
})();
