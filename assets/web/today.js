// Today view: GET .../queue (queues, desks), GET .../stats (the day's figures, administrators
// only), staff accounts and the audit log (times in the office's zone); refreshed on the
// office's live events.
'use strict';
(function () {
  const { boot, t, api, el, message, zoneTime, liveQueue } = window.okno;
  const $ = (id) => document.getElementById(id);
  const officeSel = $('today-office');
  for (const o of boot.offices) officeSel.append(el('option', { value: o.id, text: o.name }));
  const office = () => boot.offices.find((o) => o.id === officeSel.value);
  const serviceName = (id) => { const s = office().services.find((x) => x.id === id); return s ? s.name : id; };
  const deskName = (id) => { const d = office().desks.find((x) => x.id === id); return d ? d.name : id; };
  const base = () => '/api/v1/offices/' + encodeURIComponent(officeSel.value);
  const pct = (v) => (v === null || v === undefined) ? '—' : Math.round(v <= 1 ? v * 100 : v) + '%';
  const mins = (v) => (v === null || v === undefined) ? '—' : t('staff.minutes', { n: Math.round(v) });

  function stat(label, value) {
    return el('div', { class: 'stat' }, el('p', { class: 'label', text: label }), el('p', { class: 'value', text: value }));
  }

  async function refresh() {
    const [q, s] = await Promise.all([api('GET', base() + '/queue'), api('GET', base() + '/stats')]);
    if (!q.ok || !s.ok) { message($('today-message'), (q.ok ? s : q).message || t('staff.desk.unavailable'), 'error'); return; }
    message($('today-message'), '', 'info');
    const st = s.data;
    const o = st.office;
    $('stats').replaceChildren(
      stat(t('staff.today.waiting'), String(o.waiting)),
      stat(t('staff.today.served'), String(o.served)),
      stat(t('staff.today.avg_wait'), mins(o.avg_wait_min)),
      stat(t('staff.today.avg_service'), mins(o.avg_service_min)),
      // Over nothing decided yet the share is no data, never 100% (issue 16 item 5).
      stat(t('staff.today.within_15'), o.decided_15 ? pct(o.share_called_within_15_min) : t('staff.reports.no_data')),
      stat(t('staff.today.booked_within_5'), o.booked_decided ? pct(o.share_booked_called_within_5_min) : t('staff.reports.no_data')),
      stat(t('staff.today.no_shows'), String(o.no_shows)));
    const byService = Object.fromEntries(st.services.map((g) => [g.key, g]));
    $('queues').replaceChildren(...q.data.services.map((sv) => {
      const g = byService[sv.service] || {};
      return el('tr', {}, el('th', { scope: 'row', text: serviceName(sv.service) }), el('td', { text: String(sv.waiting) }),
        el('td', { text: mins(g.avg_wait_min) }), el('td', { text: String(g.served || 0) }), el('td', { text: g.decided_15 ? pct(g.share_called_within_15_min) : t('staff.reports.no_data') }));
    }));
    const byDesk = Object.fromEntries(st.desks.map((g) => [g.key, g]));
    $('desks').replaceChildren(...q.data.desks.map((d) => el('tr', {},
      el('th', { scope: 'row', text: deskName(d.desk) }),
      el('td', { text: d.paused ? t('staff.desk.paused') : t('staff.today.open') }),
      el('td', { text: d.current || '—' }),
      el('td', { text: String((byDesk[d.desk] || {}).served || 0) }))));
    $('csv').href = base() + '/stats.csv';
  }

  async function loadAccounts() {
    const r = await api('GET', '/api/v1/staff/accounts');
    if (!r.ok) return;
    $('accounts').replaceChildren(...r.data.accounts.map((a) => el('tr', {},
      el('td', { text: a.login }), el('td', { text: a.display_name }), el('td', { text: t('staff.role.' + a.role) }))));
  }

  async function loadAudit() {
    const r = await api('GET', '/api/v1/staff/audit?limit=15');
    if (!r.ok) return;
    $('audit').replaceChildren(...r.data.entries.map((e) => el('tr', {},
      el('td', { class: 'when', text: zoneTime(e.at, office().zone), title: e.at }), el('td', { text: e.login }),
      el('td', { text: boot.texts['staff.audit.' + e.action] || e.action }), el('td', { text: e.target }))));
  }

  const connect = liveQueue(() => base() + '/events', () => { refresh(); loadAudit(); });
  officeSel.addEventListener('change', () => { connect(); refresh(); loadAudit(); });
  connect();
  refresh();
  loadAccounts();
  loadAudit();
})();
