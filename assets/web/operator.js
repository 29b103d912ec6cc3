// Operator view (R-LINE-1): free times -> the caller's own choices -> booking with channel
// "operator"; directions shown to read aloud (R-VISIT-5); find by code or phone and cancel
// (R-VISIT-6). Nothing is pre-ticked: every choice is the caller's (R-LINE-2).
'use strict';
(function () {
  const { boot, t, api, el, message, localTime, languageName } = window.okno;
  const $ = (id) => document.getElementById(id);
  let chosenStart = null;

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
    const q = new URLSearchParams({ service: serviceSel.value, from: $('op-from').value, to: $('op-to').value });
    const r = await api('GET', '/api/v1/offices/' + encodeURIComponent(officeSel.value) + '/slots?' + q);
    const list = $('slot-list');
    list.replaceChildren();
    chosenStart = null;
    $('chosen-slot').textContent = '';
    if (!r.ok) { message($('book-result'), r.message, 'error'); return; }
    const slots = r.data.slots.filter((s) => s.free > 0);
    $('slots').hidden = slots.length === 0;
    $('slots-empty').hidden = slots.length !== 0;
    let day = '';
    let group = null;
    for (const s of slots.slice(0, 200)) {
      const d = localTime(s.start).slice(0, 10);
      if (d !== day) {
        day = d;
        group = el('div', { class: 'day', role: 'group', 'aria-label': d }, el('p', { class: 'day-name', text: d }));
        list.append(group);
      }
      const id = 'slot-' + s.start.replace(/[^0-9]/g, '');
      const input = el('input', { type: 'radio', name: 'slot', id, value: s.start });
      input.addEventListener('change', () => {
        chosenStart = s.start;
        $('chosen-slot').textContent = t('staff.op.chosen', { time: localTime(s.start) });
      });
      group.append(el('label', { for: id, class: 'slot' }, input, ' ' + localTime(s.start).slice(11)));
    }
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
    const r = await api('POST', '/api/v1/staff/bookings', body);
    if (!r.ok) { message(result, r.message, 'error'); return; }
    showBooked(result, r.data);
  });

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

  function bookingCard(b) {
    const status = el('dd', { class: 'status', text: b.status_text });
    const card = el('article', { class: 'found', 'aria-label': b.code },
      el('dl', {},
        el('dt', { text: t('staff.op.code') }), el('dd', { class: 'code', text: b.code }),
        el('dt', { text: t('staff.op.when') }), el('dd', { text: localTime(b.start) + ' — ' + b.service_name }),
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
        status.textContent = r.data.status_text;
        button.remove();
        message(note, t('staff.op.cancelled', { code: b.code }), 'ok');
      });
      card.append(button, note);
    }
    return card;
  }
})();
