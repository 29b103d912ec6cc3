// Desk view: the desk's state from GET .../desks/{desk}, actions through POST
// .../desks/{desk}/{action} (the queue's API), refreshed on every live event of the office.
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

  function fillDesks() {
    deskSel.replaceChildren(...office().desks.map((d) => el('option', { value: d.id, text: d.name })));
    if (saved.desk && office().desks.some((d) => d.id === saved.desk)) deskSel.value = saved.desk;
    $('transfer-service').replaceChildren(...office().services.map((s) => el('option', { value: s.id, text: s.name })));
  }
  const base = () => '/api/v1/offices/' + encodeURIComponent(officeSel.value) + '/desks/' + encodeURIComponent(deskSel.value);

  function needsList(needs) {
    if (!needs || !needs.length) return el('p', { class: 'hint', text: t('staff.desk.no_needs') });
    return el('ul', { class: 'needs', 'aria-label': t('staff.desk.needs') }, needs.map((n) => el('li', { text: t('need.' + n) })));
  }

  function renderCurrent(ticket) {
    current = ticket;
    const box = $('current');
    if (!ticket) {
      box.replaceChildren(el('p', { text: t('staff.desk.none') }));
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
    $('act-call-next').disabled = paused || state === 'serving';
    $('act-recall').disabled = state !== 'called';
    $('act-no-show').disabled = state !== 'called';
    $('act-start').disabled = state !== 'called';
    $('act-finish').disabled = state !== 'serving';
    $('act-transfer').disabled = state !== 'serving' && state !== 'called';
    $('act-pause').textContent = paused ? t('staff.action.resume') : t('staff.action.pause');
  }

  function renderWaiting(list) {
    $('waiting').replaceChildren(...list.map((w) => el('tr', {},
      el('td', { class: 'num' }, el('strong', { text: w.number }), w.priority ? el('span', { class: 'badge priority', text: ' ' + t('staff.desk.priority') }) : null),
      el('td', { text: serviceName(w.service) + (w.kind === 'booked' ? ' — ' + t('staff.desk.booked', { time: localTime(w.booked_start).slice(11) }) : '') }),
      el('td', { text: t('staff.minutes', { n: w.waiting_min }) }),
      el('td', { lang: w.language, text: languageName(w.language) }),
      el('td', {}, w.needs.length ? w.needs.map((n) => t('need.' + n)).join(', ') : '—'))));
    $('waiting-empty').hidden = list.length > 0;
  }

  async function refresh() {
    const r = await api('GET', base());
    if (!r.ok) { message($('desk-message'), r.status === 404 ? t('staff.desk.unavailable') : r.message, 'error'); return; }
    paused = r.data.paused;
    renderCurrent(r.data.current && ['called', 'serving'].includes(r.data.current.state) ? r.data.current : null);
    renderWaiting(r.data.waiting);
  }

  async function act(path, body) {
    const r = await api('POST', base() + '/' + path, body || {});
    if (!r.ok) message($('desk-message'), r.message, 'error');
    else message($('desk-message'), '', 'info');
    await refresh();
  }

  for (const b of document.querySelectorAll('[data-action]')) {
    b.addEventListener('click', () => act(b.dataset.action));
  }
  $('act-pause').addEventListener('click', () => act(paused ? 'resume' : 'pause'));
  $('transfer-form').addEventListener('submit', (ev) => { ev.preventDefault(); act('transfer', { service: $('transfer-service').value }); });

  const connect = liveQueue(
    () => '/api/v1/offices/' + encodeURIComponent(officeSel.value) + '/events',
    () => refresh(), () => refresh());

  function choose() {
    window.localStorage.setItem('okno.desk', JSON.stringify({ office: officeSel.value, desk: deskSel.value }));
    connect();
    refresh();
  }
  officeSel.addEventListener('change', () => { fillDesks(); choose(); });
  deskSel.addEventListener('change', choose);
  fillDesks();
  choose();
})();
