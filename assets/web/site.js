// The public site's only script (site.html): it improves, never replaces, the plain forms.
// A form's button is disabled once pressed, so a double click sends one request (the server
// also books once per form: its idempotency key); the error summary, when there is one, gets
// the focus so a screen reader reads it first.
"use strict";
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (form.dataset.sent === "1") {
    event.preventDefault();
    return;
  }
  form.dataset.sent = "1";
  for (const button of form.querySelectorAll("button[type=submit]")) {
    button.setAttribute("aria-disabled", "true");
    button.classList.add("busy");
  }
});
window.addEventListener("pageshow", () => {
  // Back to a page from the history: its forms may be sent again.
  for (const form of document.forms) delete form.dataset.sent;
  for (const b of document.querySelectorAll("button.busy")) {
    b.removeAttribute("aria-disabled");
    b.classList.remove("busy");
  }
  const summary = document.getElementById("error-summary");
  if (summary) summary.focus();
});
