// Reports view (issue 16 item 5): GET /api/v1/offices/{id}/report for the chosen period, the
// CSV links (report.csv, plain and ?dialect=excel) and GET /api/v1/staff/audit for the same
// days, every time on the office's clock. A figure over nothing reads "no data", never 100%.
'use strict';
(function () {
  const { boot, t, api, el, message, localTime } = window.okno;
  const $ = (id) => document.getElementById(id);
  for (const o of boot.offices) $('report-office').append(el('option', { value: o.id, text: o.name }));
  $('report-day').value = boot.today;
  $('report-from').value = boot.today;
  $('report-to').value = boot.today;
  const noData = t('staff.reports.no_data');
  const pct = (v) => (v === null || v === undefined) ? noData : Math.round(v * 100) + '%';
  const mins = (v) => (v === null || v === undefined) ? noData : t('staff.minutes', { n: Math.round(v) });
  const avg = (v) => (v === null || v === undefined) ? noData : v.toFixed(1).replace('.', boot.lang === 'en' ? '.' : ',');
  const dmy = (iso) => iso.slice(8, 10) + '.' + iso.slice(5, 7) + '.' + iso.slice(0, 4);
  const stat = (label, value, id) => el('div', { class: 'stat', id }, el('p', { class: 'label', text: label }), el('p', { class: 'value', text: value }));
  const cell = (text) => el('td', { text });

  function query() {
    const p = new URLSearchParams({ period: $('report-period').value });
    if (p.get('period') === 'custom') { p.set('from', $('report-from').value); p.set('to', $('report-to').value); } else p.set('day', $('report-day').value);
    return p;
  }
  function showInputs() {
    const custom = $('report-period').value === 'custom';
    $('report-day-p').hidden = custom;
    $('report-from-p').hidden = !custom;
    $('report-to-p').hidden = !custom;
  }

  async function show() {
    const office = boot.offices.find((o) => o.id === $('report-office').value);
    const base = '/api/v1/offices/' + encodeURIComponent(office.id);
    const q = query();
    const r = await api('GET', base + '/report?' + q);
    if (!r.ok) { message($('report-message'), r.message, 'error'); return; }
    const d = r.data;
    $('csv-plain').href = base + '/report.csv?' + q;
    $('csv-excel').href = base + '/report.csv?' + q + '&dialect=excel';
    $('report-range').textContent = d.from === d.to ? dmy(d.from) : dmy(d.from) + ' – ' + dmy(d.to);
    message($('report-message'), d.empty ? t('staff.reports.empty') : '', 'info');
    const s = d.totals;
    $('totals').replaceChildren(
      stat(t('staff.reports.tickets'), String(s.tickets)), stat(t('staff.today.served'), String(s.served)),
      stat(t('staff.today.no_shows'), String(s.no_shows)), stat(t('staff.today.avg_wait'), mins(s.avg_wait_min)),
      stat(t('staff.today.avg_service'), mins(s.avg_service_min)),
      stat(t('staff.today.within_15'), pct(s.share_called_within_15_min), 'total-within-15'),
      stat(t('staff.today.booked_within_5'), pct(s.share_booked_called_within_5_min)));
    $('days').replaceChildren(...d.days.map((g) => el('tr', {}, el('th', { scope: 'row', text: dmy(g.key) }),
      cell(String(g.tickets)), cell(String(g.served)), cell(String(g.no_shows)), cell(mins(g.avg_wait_min)),
      cell(mins(g.avg_service_min)), cell(pct(g.share_called_within_15_min)), cell(pct(g.share_booked_called_within_5_min)))));
    const none = (cols) => el('tr', {}, el('td', { colspan: String(cols), text: noData }));
    $('desks').replaceChildren(...(d.desks.length ? d.desks.map((g) => el('tr', {}, el('th', { scope: 'row', text: g.name || g.key }),
      cell(String(g.served)), cell(mins(g.avg_service_min)), cell(pct(g.share_called_within_15_min)), cell(pct(g.load)))) : [none(5)]));
    $('employees').replaceChildren(...(d.employees.length ? d.employees.map((g) => el('tr', {},
      el('th', { scope: 'row', text: g.key ? (g.name ? g.name + ' (' + g.key + ')' : g.key) : t('staff.reports.nobody') }),
      cell(String(g.served)), cell(String(g.no_shows)), cell(mins(g.avg_wait_min)), cell(mins(g.avg_service_min)))) : [none(5)]));
    const f = d.feedback;
    $('feedback').replaceChildren(
      stat(t('staff.reports.responses'), String(f.responses)),
      stat(t('staff.reports.got_answer'), f.share_got_answer === null ? noData
        : pct(f.share_got_answer) + ' (' + t('staff.reports.yes_no', { yes: f.got_answer.yes, no: f.got_answer.no }) + ')', 'fb-got-answer'),
      stat(t('staff.reports.satisfied'), f.share_satisfied === null ? noData
        : pct(f.share_satisfied) + ' (' + t('staff.reports.ratings', f.satisfaction) + ')', 'fb-satisfied'));
    $('federal').replaceChildren(...f.federal.map((c) => el('tr', {}, el('th', { scope: 'row', text: t('staff.reports.criterion.' + c.criterion) }),
      cell(String(c.count)), cell(c.average === null ? noData : avg(c.average) + ' / 5'))));
    $('comments').replaceChildren(...(f.comments.length ? f.comments.map((c) => el('tr', {}, el('td', { class: 'when', text: localTime(c.at_local), title: c.at }),
      cell(c.ticket || '—'), cell(c.satisfaction ? t('staff.reports.rating.' + c.satisfaction) : '—'), el('td', { lang: c.language, text: c.comment }))) : [none(4)]));
    const a = await api('GET', '/api/v1/staff/audit?limit=500&office=' + encodeURIComponent(office.id) + '&' + q);
    if (!a.ok) return;
    $('audit').replaceChildren(...(a.data.entries.length ? a.data.entries.map((e) => el('tr', {},
      el('td', { class: 'when', text: localTime(e.at_local), title: e.at }), cell(e.login),
      cell(boot.texts['staff.audit.' + e.action] || e.action), cell(e.target))) : [none(4)]));
  }

  $('report-period').addEventListener('change', showInputs);
  $('report-form').addEventListener('submit', (ev) => { ev.preventDefault(); show(); });
  $('report-office').addEventListener('change', show);
  showInputs();
  show();
})();
