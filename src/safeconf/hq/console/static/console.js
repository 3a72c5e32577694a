// safeconf HQ console: small progressive enhancement only. Every form works without it,
// except passkey sign-in, which needs the browser's WebAuthn API.
"use strict";

// A form marked data-confirm="…" asks before it is sent.
document.addEventListener("submit", (event) => {
  const form = event.target;
  const question = form instanceof HTMLFormElement ? form.dataset.confirm : undefined;
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});
