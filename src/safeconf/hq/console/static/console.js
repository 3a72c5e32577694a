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

// auth
// Passkey ceremonies: a button with data-passkey="get" (sign in) or "create" (register)
// fetches options from data-options, runs the browser's WebAuthn dialog, and posts the
// answer to data-verify; the server answers {redirect} or {error}.
(() => {
  const toBytes = (text) => {
    const b64 = text.replace(/-/g, "+").replace(/_/g, "/");
    const raw = atob(b64 + "=".repeat((4 - (b64.length % 4)) % 4));
    return Uint8Array.from(raw, (c) => c.charCodeAt(0));
  };
  const toText = (buffer) => {
    if (!buffer) return null;
    const raw = String.fromCharCode(...new Uint8Array(buffer));
    return btoa(raw).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  };
  const csrf = () => {
    const input = document.querySelector('input[name="csrf"]');
    return input ? input.value : "";
  };
  const send = async (url, body) => {
    const response = await fetch(url, {
      method: "POST", credentials: "same-origin", body: JSON.stringify(body || {}),
      headers: {"Content-Type": "application/json", "X-CSRF-Token": csrf(),
                "X-Form-Page": window.location.pathname},
    });
    if (response.redirected || !(response.headers.get("Content-Type") || "")
        .startsWith("application/json")) {
      window.location.assign(response.url);  // e.g. asked to confirm who one is first
      return null;
    }
    const answer = await response.json();
    if (!response.ok) throw new Error(answer.error || "This did not work; try again.");
    return answer;
  };
  const creationOptions = (o) => ({...o, challenge: toBytes(o.challenge),
    user: {...o.user, id: toBytes(o.user.id)},
    excludeCredentials: (o.excludeCredentials || []).map((c) => ({...c, id: toBytes(c.id)}))});
  const requestOptions = (o) => ({...o, challenge: toBytes(o.challenge),
    allowCredentials: (o.allowCredentials || []).map((c) => ({...c, id: toBytes(c.id)}))});
  const asJSON = (cred) => {
    const r = cred.response;
    const response = {clientDataJSON: toText(r.clientDataJSON)};
    if (r.attestationObject) {
      response.attestationObject = toText(r.attestationObject);
      response.transports = r.getTransports ? r.getTransports() : [];
    } else {
      response.authenticatorData = toText(r.authenticatorData);
      response.signature = toText(r.signature);
      response.userHandle = toText(r.userHandle);
    }
    return {id: cred.id, rawId: toText(cred.rawId), type: cred.type, response,
            clientExtensionResults: cred.getClientExtensionResults(),
            authenticatorAttachment: cred.authenticatorAttachment || undefined};
  };
  const run = async (button) => {
    const problem = document.getElementById(button.getAttribute("aria-describedby"));
    if (problem) { problem.hidden = true; problem.textContent = ""; }
    button.disabled = true;
    try {
      if (!window.PublicKeyCredential) throw new Error("This browser has no passkeys; use a code.");
      const given = await send(button.dataset.options);
      if (!given) return;
      const create = button.dataset.passkey === "create";
      const cred = create
        ? await navigator.credentials.create({publicKey: creationOptions(given.publicKey)})
        : await navigator.credentials.get({publicKey: requestOptions(given.publicKey)});
      const labelInput = button.dataset.labelInput
        ? document.getElementById(button.dataset.labelInput) : null;
      const done = await send(button.dataset.verify, {credential: asJSON(cred),
        next: button.dataset.next || "/", label: labelInput ? labelInput.value : ""});
      if (done && done.redirect) window.location.assign(done.redirect);
    } catch (error) {
      if (problem) {
        problem.textContent = error && error.name === "NotAllowedError"
          ? "The passkey dialog was closed or timed out. Press the button to try again."
          : (error && error.message) || "This did not work; try again.";
        problem.hidden = false;
      }
    } finally {
      button.disabled = false;
    }
  };
  document.addEventListener("click", (event) => {
    const button = event.target instanceof Element
      ? event.target.closest("button[data-passkey]") : null;
    if (button) run(button);
  });
})();
