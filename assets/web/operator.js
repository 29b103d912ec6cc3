// Operator view (R-LINE-1): free times -> the caller's own choices -> booking with channel
// "operator"; directions shown to read aloud (R-VISIT-5); find by code or phone, move to another
// free time, cancel (R-VISIT-6). Nothing is pre-ticked: every choice is the caller's (R-LINE-2).
// One Idempotency-Key per filled-in form: a double click or a retry books once (issue 16).
'use strict';
(function () {
  const { boot, t, api, el, message, localTime, languageName } = window.okno;
  const $ = (id) => document.getElementById(id);
  let chosenStart = null;

  // A random key for one booking attempt (crypto.randomUUID needs a secure context; this not).
  function newKey() {
    const bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  }
  // One key per filled-in form: it changes when the form or the chosen time changes, not when a
  // booking succeeds, so a slow second click after the answer still gets that same booking.
  let bookingKey = newKey();

  // "2026-12-01" -> "вторник, 01.12.2026": the slot days with their weekday names.
  const kWeekdays = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
  function dayName(isoDate) {
    const [y, m, d] = isoDate.split('-').map(Number);
    const weekday = kWeekdays[new Date(Date.UTC(y, m - 1, d)).getUTCDay()];
    return t('kiosk.weekday.' + weekday) + ', ' + isoDate.slice(8, 10) + '.' + isoDate.slice(5, 7) + '.' + isoDate.slice(0, 4);
  }

  // Free slots as radio buttons grouped by day (with its weekday); `onChoose(slot)` on a pick.
  function slotList(list, slots, name, onChoose) {
    list.replaceChildren();
    let day = '';
    let group = null;
    for (const s of slots.slice(0, 200)) {
      const d = s.start.slice(0, 10);
      if (d !== day) {
        day = d;
        group = el('div', { class: 'day', role: 'group', 'aria-label': dayName(d) }, el('p', { class: 'day-name', text: dayName(d) }));
        list.append(group);
      }
      const id = name + '-' + s.start.replace(/[^0-9]/g, '');
      const input = el('input', { type: 'radio', name, id, value: s.start });
      input.addEventListener('change', () => onChoose(s));
      group.append(el('label', { for: id, class: 'slot' }, input, ' ' + localTime(s.start).slice(11)));
    }
  }
  const slotsUrl = (office, service, from, to) => '/api/v1/offices/' + encodeURIComponent(office) + '/slots?' +
    new URLSearchParams({ service, from, to });

  const officeSel = $('op-office');
  const serviceSel = $('op-service');
  for (const o of boot.offices) officeSel.append(el('option', { value: o.id, text: o.name }));
  function fillServices() {
    const office = boot.offices.find((o) => o.id === officeSel.value);
    serviceSel.replaceChildren(...(office ? office.services : []).map((s) => el('option', { value: s.id, text: s.name })));
  }
  officeSel.addEventListener('change', fillServices);
  fillServices();
  const langSel = $('op-language');
  for (const l of boot.languages) langSel.append(el('option', { value: l.code, lang: l.code, text: l.name }));

  // Dates default to the server's today and a week on (the server's clock, not the browser's).
  const today = boot.today || new Date().toISOString().slice(0, 10);
  $('op-from').value = today;
  const week = new Date(today + 'T00:00:00Z');
  week.setUTCDate(week.getUTCDate() + 2);  // three days: a short list to read out
  $('op-to').value = week.toISOString().slice(0, 10);

  $('slot-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    // The old list goes before the request: a time picked from it while the new one loads would
    // be dropped when the answer replaces the list, and "Book" would then say no time is chosen.
    const list = $('slot-list');
    list.replaceChildren();
    list.setAttribute('aria-busy', 'true');
    chosenStart = null;
    $('chosen-slot').textContent = '';
    const r = await api('GET', slotsUrl(officeSel.value, serviceSel.value, $('op-from').value, $('op-to').value));
    list.removeAttribute('aria-busy');
    if (!r.ok) { message($('book-result'), r.message, 'error'); return; }
    const slots = r.data.slots.filter((s) => s.free > 0);
    $('slots').hidden = slots.length === 0;
    $('slots-empty').hidden = slots.length !== 0;
    slotList(list, slots, 'slot', (s) => {
      chosenStart = s.start;
      bookingKey = newKey();
      $('chosen-slot').textContent = t('staff.op.chosen', { time: dayName(s.start.slice(0, 10)) + ' ' + localTime(s.start).slice(11) });
    });
    const first = list.querySelector('input');
    if (first) first.focus();
  });

  $('book-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const form = ev.target;
    const result = $('book-result');
    if (!chosenStart) { message(result, t('staff.op.no_slots'), 'error'); return; }
    const checked = (name) => [...form.querySelectorAll('input[name="' + name + '"]:checked')].map((i) => i.value);
    const body = {
      office: officeSel.value,
      service: serviceSel.value,
      start: chosenStart,
      channel: 'operator',
      client: { name: form.name.value.trim() },
      notify: { extra: checked('extra') },
      reminders: checked('reminder'),
      language: langSel.value,
      needs: checked('need'),
      consent: { given: form.consent.checked, version: boot.consent_version },
    };
    if (form.phone.value.trim()) body.client.phone = form.phone.value.trim();
    if (form.email.value.trim()) body.client.email = form.email.value.trim();
    if (checked('mandatory').length) body.notify.mandatory = 'portal';
    // While the request runs the button is off and a second submit does nothing; the key makes
    // a repeat of the same form (a retry, a second tab) get the same booking back.
    const button = $('book');
    if (button.disabled) return;
    button.disabled = true;
    try {
      const r = await api('POST', '/api/v1/staff/bookings', body, { 'Idempotency-Key': bookingKey });
      if (!r.ok) { message(result, r.message, 'error'); return; }
      showBooked(result, r.data);
    } finally {
      button.disabled = false;
    }
  });

  for (const kind of ['input', 'change']) $('book-form').addEventListener(kind, () => { bookingKey = newKey(); });

  // What the operator reads to the caller: code, time, address, how to get there.
  function showBooked(target, b) {
    const d = b.directions || {};
    target.replaceChildren(el('div', { class: 'booked card-inner', tabindex: '-1', id: 'booked' },
      el('p', { class: 'message ok', role: 'status', text: t('staff.op.booked') }),
      el('dl', {},
        el('dt', { text: t('staff.op.code') }), el('dd', { class: 'code', id: 'booked-code', text: b.code }),
        el('dt', { text: t('staff.op.when') }), el('dd', { text: localTime(b.start) + ' — ' + b.service_name }),
        el('dt', { text: t('staff.op.where') }), el('dd', { text: b.office_name + ', ' + (d.address || '') })),
      el('section', { class: 'read-aloud', 'aria-label': t('staff.op.read_aloud'), lang: b.language },
        el('h3', { text: t('staff.op.read_aloud') }),
        el('p', { id: 'directions-text', text: [d.transit, d.entrance, d.floor].filter(Boolean).join(' ') }))));
    $('booked').focus();
  }

  $('find-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const code = $('find-code').value.trim();
    const phone = $('find-phone').value.trim();
    const q = code ? 'code=' + encodeURIComponent(code) : 'phone=' + encodeURIComponent(phone);
    const out = $('find-result');
    const r = await api('GET', '/api/v1/staff/bookings?' + q);
    if (!r.ok) { message(out, r.message, 'error'); return; }
    if (!r.data.bookings.length) { message(out, t('staff.op.not_found'), 'info'); return; }
    out.replaceChildren(...r.data.bookings.map(bookingCard));
  });

  // The service in the operator's language (the booking's own texts are in the caller's).
  function serviceName(b) {
    const office = boot.offices.find((o) => o.id === b.office);
    const s = office && office.services.find((x) => x.id === b.service);
    return s ? s.name : b.service_name;
  }

  function bookingCard(b) {
    // The status in the operator's language (status_text is in the caller's).
    const status = el('dd', { class: 'status', text: t('booking.status.' + b.status) });
    const when = el('dd', { class: 'when', text: localTime(b.start) + ' — ' + serviceName(b) });
    const card = el('article', { class: 'found', 'aria-label': b.code },
      el('dl', {},
        el('dt', { text: t('staff.op.code') }), el('dd', { class: 'code', text: b.code }),
        el('dt', { text: t('staff.op.when') }), when,
        el('dt', { text: t('staff.op.name') }), el('dd', { text: b.client.name }),
        el('dt', { text: t('staff.op.visitor_language') }), el('dd', { text: languageName(b.language) }),
        el('dt', { text: t('staff.op.status') }), status));
    if (b.status === 'booked') {
      const note = el('div', { 'aria-live': 'polite' });
      const button = el('button', { type: 'button', class: 'danger', text: t('staff.op.cancel') });
      button.addEventListener('click', async () => {
        if (!window.confirm(t('staff.op.cancel_confirm', { code: b.code }))) return;
        const r = await api('POST', '/api/v1/staff/bookings/' + encodeURIComponent(b.code) + '/cancel', {});
        if (!r.ok) { message(note, r.message, 'error'); return; }
        status.textContent = t('booking.status.' + r.data.status);
        button.remove();
        move.remove();
        message(note, t('staff.op.cancelled', { code: b.code }), 'ok');
      });
      const move = rescheduleBox(b, when, note);
      card.append(move, button, note);
    }
    return card;
  }

  // Moving a caller's booking: free times of its service from a date, pick one, move (the
  // staff route, channel "operator", in the audit log).
  function rescheduleBox(b, when, note) {
    const id = 'move-' + b.code.replace(/[^0-9A-Z]/g, '');
    const from = el('input', { type: 'date', id: id + '-from', value: b.start.slice(0, 10) });
    const list = el('div', { class: 'slots', id: id + '-slots' });
    const go = el('button', { type: 'button', class: 'primary', id: id + '-go', hidden: true, text: t('staff.op.reschedule_to') });
    let target = null;
    const show = el('button', { type: 'button', id: id + '-show', text: t('staff.op.reschedule_show') });
    show.addEventListener('click', async () => {
      const to = new Date(from.value + 'T00:00:00Z');
      to.setUTCDate(to.getUTCDate() + 2);
      const r = await api('GET', slotsUrl(b.office, b.service, from.value, to.toISOString().slice(0, 10)));
      if (!r.ok) { message(note, r.message, 'error'); return; }
      const slots = r.data.slots.filter((s) => s.free > 0 && s.start !== b.start);
      target = null;
      go.hidden = true;
      if (!slots.length) { list.replaceChildren(); message(note, t('staff.op.no_slots'), 'info'); return; }
      message(note, '', 'info');
      slotList(list, slots, id, (s) => { target = s.start; go.hidden = false; });
    });
    go.addEventListener('click', async () => {
      if (!target || go.disabled) return;
      go.disabled = true;
      try {
        const r = await api('POST', '/api/v1/staff/bookings/' + encodeURIComponent(b.code) + '/reschedule', { start: target });
        if (!r.ok) { message(note, r.message, 'error'); return; }
        b.start = r.data.start;
        when.textContent = localTime(r.data.start) + ' — ' + serviceName(b);
        list.replaceChildren();
        go.hidden = true;
        message(note, t('staff.op.rescheduled', { code: b.code, time: dayName(r.data.start.slice(0, 10)) + ' ' + localTime(r.data.start).slice(11) }), 'ok');
      } finally {
        go.disabled = false;
      }
    });
    return el('details', { class: 'move', id },
      el('summary', { text: t('staff.op.reschedule') }),
      el('p', { class: 'row' }, el('label', { for: id + '-from', text: t('staff.op.reschedule_from') }), from, show),
      list, go);
  }

  // The office's facts and the hotline, from the configuration (never from catalog texts).
  function showFacts() {
    const office = boot.offices.find((o) => o.id === officeSel.value);
    const box = $('facts');
    if (!office) { box.replaceChildren(); return; }
    const hours = el('ul', { class: 'hours' }, ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => {
      const h = office.hours[d];
      const text = !h ? t('staff.op.closed')
        : h.open.replace('-', '–') + (h.breaks.length ? ', ' + t('staff.op.break', { time: h.breaks.join(', ').replace(/-/g, '–') }) : '');
      return el('li', { 'data-day': d }, el('span', { class: 'weekday', text: t('kiosk.weekday.' + d) + ': ' }), text);
    }));
    box.replaceChildren(
      el('dt', { text: t('staff.op.hotline') }), el('dd', { id: 'fact-hotline', text: t('staff.op.hotline_value') }),
      el('dt', { text: t('staff.op.office') }), el('dd', { id: 'fact-office', text: office.full_name }),
      el('dt', { text: t('staff.op.where') }), el('dd', { id: 'fact-address', text: office.address }),
      el('dt', { text: t('staff.op.email') }), el('dd', { id: 'fact-email' }, el('a', { href: 'mailto:' + office.email, text: office.email })),
      el('dt', { text: t('staff.op.hours') }), el('dd', { id: 'fact-hours' }, hours));
  }
  officeSel.addEventListener('change', showFacts);
  showFacts();
})();
