// Accounts view (issue 16 item 4): GET /api/v1/staff/accounts, the account actions (unlock,
// disable, enable, password, role, desks) and the offices' desk rules. Every answer is shown
// in words ("desk.one unlocked"); a reset password is shown once.
'use strict';
(function () {
  const { boot, t, api, el, message, zoneTime } = window.okno;
  const $ = (id) => document.getElementById(id);
  let accounts = [];
  const deskName = (office, id) => {
    const o = boot.offices.find((x) => x.id === office);
    const d = o && o.desks.find((x) => x.id === id);
    return (o && boot.offices.length > 1 ? o.name + ': ' : '') + (d ? d.name : id);
  };
  const current = () => accounts.find((a) => a.login === $('manage-login').value);
  const accountUrl = (login, action) => '/api/v1/staff/accounts/' + encodeURIComponent(login) + '/' + action;

  function stateText(a) {
    const parts = [a.active ? t('staff.accounts.active') : t('staff.accounts.disabled')];
    if (a.locked_until) parts.push(t('staff.accounts.locked', { until: zoneTime(a.locked_until, boot.offices[0].zone) }));
    if (a.must_change_password) parts.push(t('staff.accounts.must_change'));
    return parts.join('; ');
  }

  // One checkbox per desk of every office; `name` tells the two forms apart.
  function deskBoxes(fieldset, name, chosen) {
    const legend = fieldset.querySelector('legend');
    fieldset.replaceChildren(legend);
    for (const o of boot.offices) {
      for (const d of o.desks) {
        const id = name + '-' + o.id + '-' + d.id;
        const checked = chosen.some((c) => c.office === o.id && c.desk === d.id);
        fieldset.append(el('label', { for: id },
          el('input', { type: 'checkbox', id, name, value: o.id + '/' + d.id, checked }), ' ', deskName(o.id, d.id)));
      }
    }
  }
  const chosenDesks = (fieldset) => [...fieldset.querySelectorAll('input:checked')].map((c) => {
    const [office, desk] = c.value.split('/');
    return { office, desk };
  });

  function showManaged() {
    const a = current();
    if (!a) return;
    $('manage-state').textContent = stateText(a);
    $('manage-role').value = a.role;
    $('toggle-active').textContent = a.active ? t('staff.accounts.disable') : t('staff.accounts.enable');
    $('toggle-active').className = a.active ? 'danger' : '';
    $('unlock').disabled = !a.locked_until;
    deskBoxes($('manage-desks'), 'desk', a.desks);
  }

  async function load(select) {
    const r = await api('GET', '/api/v1/staff/accounts');
    if (!r.ok) { message($('accounts-message'), r.message, 'error'); return; }
    accounts = r.data.accounts;
    const keep = select || $('manage-login').value;
    $('accounts').replaceChildren(...accounts.map((a) => el('tr', { 'data-login': a.login },
      el('td', { text: a.login }), el('td', { text: a.display_name }), el('td', { text: t('staff.role.' + a.role) }),
      el('td', { text: a.role === 'receptionist' ? (a.desks.map((d) => deskName(d.office, d.desk)).join(', ') || '—') : t('staff.accounts.any') }),
      el('td', { text: stateText(a) }),
      el('td', {}, el('button', { type: 'button', text: t('staff.accounts.manage_one', { login: a.login }),
        onclick: () => { $('manage-login').value = a.login; showManaged(); $('manage-login').focus(); } })))));
    $('manage-login').replaceChildren(...accounts.map((a) => el('option', { value: a.login, text: a.login + ' — ' + a.display_name })));
    if (keep && accounts.some((a) => a.login === keep)) $('manage-login').value = keep;
    showManaged();
  }

  async function act(method, action, body, done) {
    const a = current();
    if (!a) return;
    const r = await api(method, accountUrl(a.login, action), body);
    if (!r.ok) { message($('manage-result'), r.message, 'error'); return; }
    // The list is brought up to date before the confirmation, so what the confirmation says is
    // already what the table shows.
    await load(a.login);
    message($('manage-result'), done(a, r.data), 'ok');
  }

  $('manage-login').addEventListener('change', () => { message($('manage-result'), ''); showManaged(); });
  $('unlock').addEventListener('click', () => act('POST', 'unlock', {}, (a) => t('staff.accounts.unlocked', { login: a.login })));
  $('toggle-active').addEventListener('click', () => {
    const enable = !current().active;
    act('POST', enable ? 'enable' : 'disable', {}, (a) => t(enable ? 'staff.accounts.enabled' : 'staff.accounts.disabled_done', { login: a.login }));
  });
  $('role-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const role = $('manage-role').value;
    act('PUT', 'role', { role }, (a) => t('staff.accounts.role_changed', { login: a.login, role: t('staff.role.' + role) }));
  });
  $('desks-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    act('PUT', 'desks', { desks: chosenDesks($('manage-desks')) }, (a) => t('staff.accounts.desks_saved', { login: a.login }));
  });
  // The new password is shown once, in the result box, and never again.
  function resetDone(a, data) {
    const box = $('manage-result');
    box.replaceChildren(el('div', { class: 'message ok', role: 'status' },
      el('p', { text: t('staff.accounts.reset_done', { login: a.login }) }),
      data.generated ? el('p', { class: 'code', id: 'shown-password', text: data.password }) : null,
      el('p', { text: t('staff.accounts.reset_once') })));
  }
  async function reset(body) {
    const a = current();
    if (!a) return;
    const r = await api('POST', accountUrl(a.login, 'password'), body);
    if (!r.ok) { message($('manage-result'), r.message, 'error'); return; }
    $('reset-password').value = '';
    resetDone(a, r.data);
    await load(a.login);
    resetDone(a, r.data);
  }
  $('reset-generate').addEventListener('click', () => reset({}));
  $('password-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (!$('reset-password').value) { $('reset-password').focus(); return; }
    reset({ password: $('reset-password').value });
  });

  $('create-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const f = ev.target;
    const r = await api('POST', '/api/v1/staff/accounts', {
      login: f.login.value.trim(), display_name: f.display_name.value.trim(), role: f.role.value,
      password: f.password.value, desks: f.role.value === 'receptionist' ? chosenDesks($('new-desks')) : [],
    });
    if (!r.ok) { message($('create-result'), r.message, 'error'); return; }
    f.reset();
    await load(r.data.login);
    message($('create-result'), t('staff.today.created', { login: r.data.login }), 'ok');
  });

  async function loadRules() {
    const r = await api('GET', '/api/v1/staff/desk-rules');
    if (!r.ok) return;
    const legend = $('rules').querySelector('legend');
    $('rules').replaceChildren(legend, ...r.data.offices.map((rule) => {
      const o = boot.offices.find((x) => x.id === rule.office);
      const id = 'rule-' + rule.office;
      return el('label', { for: id }, el('input', {
        type: 'checkbox', id, checked: rule.any_desk,
        onchange: async (ev) => {
          const any = ev.target.checked;
          const put = await api('PUT', '/api/v1/staff/desk-rules/' + encodeURIComponent(rule.office), { any_desk: any });
          if (!put.ok) { ev.target.checked = !any; message($('rules-result'), put.message, 'error'); return; }
          message($('rules-result'), t(any ? 'staff.accounts.rule_any' : 'staff.accounts.rule_assigned', { office: o ? o.name : rule.office }), 'ok');
        },
      }), ' ', o ? o.name : rule.office);
    }));
  }

  deskBoxes($('new-desks'), 'new-desk', []);
  load();
  loadRules();
})();
