// Desk view: the desk's state from GET .../desks/{desk}, actions through POST
// .../desks/{desk}/{action} and .../tickets/{number}/{cancel|unhold} (the queue's API, docs/queue.md),
// refreshed on every live event of the office. Each action says what it did ("A015 transferred
// to Desk 3"); a button is shown only when its action is possible now (issue 16 item 2).
'use strict';
(function () {
  const { boot, t, api, el, message, localTime, languageName, liveQueue } = window.okno;
  const $ = (id) => document.getElementById(id);
  const officeSel = $('desk-office');
  const deskSel = $('desk-id');
  let paused = false;
  let current = null;

  for (const o of boot.offices) officeSel.append(el('option', { value: o.id, text: o.name }));
  const saved = JSON.parse(window.localStorage.getItem('okno.desk') || '{}');
  if (saved.office && boot.offices.some((o) => o.id === saved.office)) officeSel.value = saved.office;
  const office = () => boot.offices.find((o) => o.id === officeSel.value);
  const serviceName = (id) => { const s = (office() || { services: [] }).services.find((x) => x.id === id); return s ? s.name : id; };
  const deskName = (id) => { const d = (office() || { desks: [] }).desks.find((x) => x.id === id); return d ? d.name : id; };

  function fillDesks() {
    deskSel.replaceChildren(...office().desks.map((d) => el('option', { value: d.id, text: d.name })));
    if (saved.desk && office().desks.some((d) => d.id === saved.desk)) deskSel.value = saved.desk;
    $('transfer-service').replaceChildren(...office().services.map((s) => el('option', { value: s.id, text: s.name })));
    fillTransferDesks();
  }
  // A transfer goes to any desk of the chosen service, or to one named desk that serves it.
  function fillTransferDesks() {
    const service = $('transfer-service').value;
    const desks = office().desks.filter((d) => d.id !== deskSel.value && d.services.includes(service));
    $('transfer-desk').replaceChildren(el('option', { value: '', text: t('staff.desk.any_desk') }),
      ...desks.map((d) => el('option', { value: d.id, text: d.name })));
  }
  const base = () => '/api/v1/offices/' + encodeURIComponent(officeSel.value) + '/desks/' + encodeURIComponent(deskSel.value);
  const ticketUrl = (number, what) => '/api/v1/offices/' + encodeURIComponent(officeSel.value) + '/tickets/' + encodeURIComponent(number) + '/' + what;

  function needsList(needs) {
    if (!needs || !needs.length) return el('p', { class: 'hint', text: t('staff.desk.no_needs') });
    return el('ul', { class: 'needs', 'aria-label': t('staff.desk.needs') }, needs.map((n) => el('li', { text: t('need.' + n) })));
  }

  // Shows or hides a control: what cannot be done now is not offered (no disabled buttons).
  const show = (id, yes) => { $(id).hidden = !yes; };

  function renderCurrent(ticket) {
    current = ticket;
    const box = $('current');
    if (!ticket) {
      box.replaceChildren(el('p', { text: paused ? t('staff.desk.paused_note') : t('staff.desk.none') }));
    } else {
      box.replaceChildren(el('div', { class: 'ticket-now' },
        el('p', { class: 'ticket-number', id: 'current-number', text: ticket.number }),
        el('div', {},
          el('p', {}, el('span', { class: 'badge lang', lang: ticket.language, text: t('staff.desk.language') + ': ' + languageName(ticket.language) }),
            ticket.priority ? el('span', { class: 'badge priority', text: ' ' + t('staff.desk.priority') }) : null),
          needsList(ticket.needs),
          el('p', { text: serviceName(ticket.service) + ' — ' + (ticket.kind === 'booked'
            ? t('staff.desk.booked', { time: localTime(ticket.booked_start).slice(11) })
            : t('staff.desk.walk_in')) }),
          el('p', { id: 'current-state', text: t('staff.desk.state') + ': ' + t('staff.state.' + ticket.state) }))));
    }
    const state = ticket ? ticket.state : null;
    show('act-call-next', !paused && state !== 'serving');
    show('act-recall', state === 'called');
    show('act-start', state === 'called');
    show('act-hold', state === 'called');
    // No-show only once the queue allows it (after its recalls), never a button it refuses.
    show('act-no-show', state === 'called' && ticket.recalls >= (boot.recalls_before_no_show || 0));
    show('act-cancel-current', state === 'called');
    show('act-finish', state === 'serving');
    show('transfer-form', state === 'serving' || state === 'called');
    show('pause-row', !paused);
    show('paused-note', paused);
    show('call-form', !paused && !state);
  }

  // The buttons of a row in the waiting list or the list on hold.
  function rowActions(w, held) {
    const buttons = [];
    if (held) {
      buttons.push(el('button', { type: 'button', class: 'small', 'data-unhold': w.number, text: t('staff.action.unhold'),
        onclick: () => act(ticketUrl(w.number, 'unhold'), {}, (o) => t('staff.desk.done.unhold', { number: o.ticket.number })) }));
    }
    if (!paused && !current) {
      buttons.push(el('button', { type: 'button', class: 'small', 'data-call': w.number, text: t('staff.action.call_short'),
        onclick: () => { $('call-number').value = w.number; $('call-reason').focus(); } }));
    }
    buttons.push(el('button', { type: 'button', class: 'small danger', 'data-cancel': w.number, text: t('staff.action.cancel'),
      onclick: () => cancelTicket(w.number) }));
    return el('td', { class: 'row-actions' }, buttons);
  }

  function renderWaiting(list) {
    $('waiting').replaceChildren(...list.map((w) => el('tr', {},
      el('td', { class: 'num' }, el('strong', { text: w.number }), w.priority ? el('span', { class: 'badge priority', text: ' ' + t('staff.desk.priority') }) : null),
      el('td', { text: serviceName(w.service) + (w.kind === 'booked' ? ' — ' + t('staff.desk.booked', { time: localTime(w.booked_start).slice(11) }) : '') }),
      el('td', { text: t('staff.minutes', { n: w.waiting_min }) }),
      el('td', { lang: w.language, text: languageName(w.language) }),
      el('td', {}, w.needs.length ? w.needs.map((n) => t('need.' + n)).join(', ') : '—'),
      rowActions(w, false))));
    $('waiting-empty').hidden = list.length > 0;
  }

  // Tickets on hold stay listed as held (with their wait so far) until brought back or cancelled.
  function renderHeld(list) {
    $('held').replaceChildren(...list.map((w) => el('tr', { 'data-state': w.state },
      el('td', { class: 'num' }, el('strong', { text: w.number }), el('span', { class: 'badge held', text: ' ' + t('staff.state.on_hold') })),
      el('td', { text: serviceName(w.service) }),
      el('td', { text: t('staff.minutes', { n: w.waiting_min }) }),
      rowActions(w, true))));
    $('held-empty').hidden = list.length > 0;
  }

  // Refreshes overlap (a live event and an action's own refresh); an answer older than one
  // already shown is dropped, so a slow early answer never paints a stale desk over a newer one.
  let refreshAsked = 0;
  let refreshShown = 0;
  async function refresh() {
    const asked = ++refreshAsked;
    const r = await api('GET', base());
    if (asked < refreshShown) return;
    refreshShown = asked;
    if (!r.ok) {
      if (r.status !== 401) message($('desk-message'), r.status === 404 ? t('staff.desk.unavailable') : r.message, 'error');
      return;
    }
    paused = r.data.paused;
    renderCurrent(r.data.current && ['called', 'serving'].includes(r.data.current.state) ? r.data.current : null);
    renderWaiting(r.data.waiting);
    renderHeld(r.data.held || []);
  }

  // Runs one action; `done(outcome)` words what happened, shown as the action's confirmation.
  let busy = false;
  async function act(url, body, done) {
    if (busy) return;  // one action at a time: a double click does not act twice
    busy = true;
    message($('desk-message'), '', 'info');  // the last confirmation goes: this one is about to come
    try {
      const r = await api('POST', url, body || {});
      // The desk is redrawn first, so the confirmation never stands over the state before it.
      await refresh();
      if (!r.ok) message($('desk-message'), r.message, 'error');
      else message($('desk-message'), done(r.data), 'ok');
    } finally {
      busy = false;
    }
  }
  const num = (o) => (o.ticket ? o.ticket.number : '');
  const words = {
    'call-next': (o) => (!o.ticket ? t('staff.desk.waiting_empty')
      : t(o.repeat ? 'staff.desk.done.recall' : 'staff.desk.done.call', { number: num(o), desk: deskName(deskSel.value) })),
    recall: (o) => t('staff.desk.done.recall', { number: num(o), desk: deskName(deskSel.value) }),
    start: (o) => t('staff.desk.done.start', { number: num(o) }),
    finish: (o) => t('staff.desk.done.finish', { number: num(o) }),
    hold: (o) => t('staff.desk.done.hold', { number: num(o) }),
    'no-show': (o) => t('staff.desk.done.no_show', { number: num(o) }),
  };

  for (const b of document.querySelectorAll('[data-action]')) {
    b.addEventListener('click', () => act(base() + '/' + b.dataset.action, {}, words[b.dataset.action]));
  }
  function cancelTicket(number) {
    if (!window.confirm(t('staff.desk.cancel_confirm', { number }))) return;
    act(ticketUrl(number, 'cancel'), {}, () => t('staff.desk.done.cancel', { number }));
  }
  $('act-cancel-current').addEventListener('click', () => { if (current) cancelTicket(current.number); });
  const pauseWords = (o) => t(o.paused ? 'staff.desk.done.pause' : 'staff.desk.done.resume', { desk: deskName(deskSel.value) });
  $('act-pause').addEventListener('click', () => act(base() + '/pause', {}, pauseWords));
  $('act-resume').addEventListener('click', () => act(base() + '/resume', {}, pauseWords));
  $('transfer-service').addEventListener('change', fillTransferDesks);
  $('transfer-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const service = $('transfer-service').value;
    const desk = $('transfer-desk').value;
    const number = current ? current.number : '';
    act(base() + '/transfer', desk ? { service, desk } : { service }, () => (desk
      ? t('staff.desk.done.transfer_desk', { number, desk: deskName(desk) })
      : t('staff.desk.done.transfer_service', { number, service: serviceName(service) })));
  });
  // Out of order, always with a reason (it is logged as call_out_of_order, docs/queue.md).
  $('call-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const ticket = $('call-number').value.trim().toUpperCase();
    act(base() + '/call', { ticket, reason: $('call-reason').value.trim() }, (o) => {
      $('call-number').value = '';
      $('call-reason').value = '';
      return t('staff.desk.done.call_out_of_order', { number: num(o) || ticket, desk: deskName(deskSel.value) });
    });
  });

  const connect = liveQueue(
    () => '/api/v1/offices/' + encodeURIComponent(officeSel.value) + '/events',
    () => refresh(), () => refresh());

  function choose() {
    window.localStorage.setItem('okno.desk', JSON.stringify({ office: officeSel.value, desk: deskSel.value }));
    fillTransferDesks();
    connect();
    refresh();
  }
  officeSel.addEventListener('change', () => { fillDesks(); choose(); });
  deskSel.addEventListener('change', choose);
  fillDesks();
  choose();
})();
