// Own password view: POST /api/v1/staff/password, then on to the role's view.
'use strict';
(function () {
  const { t, api, message } = window.okno;
  const $ = (id) => document.getElementById(id);
  $('own-password-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if ($('own-password').value !== $('own-password-again').value) {
      message($('own-password-result'), t('staff.password.mismatch'), 'error');
      $('own-password-again').focus();
      return;
    }
    const r = await api('POST', '/api/v1/staff/password',
      { current_password: $('current-password').value, password: $('own-password').value });
    if (!r.ok) { message($('own-password-result'), r.message, 'error'); return; }
    message($('own-password-result'), t('staff.password.changed'), 'ok');
    window.location.assign($('own-home').getAttribute('href'));
  });
})();
