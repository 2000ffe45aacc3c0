// The little JavaScript the site needs: cookie panel, account menu, dialogs, links styled
// as buttons, the closure button enabled by its acknowledgement; and, for the mock's
// personalities (data attributes on <body>), the ways a single-page application answers:
//   data-spa       screens fetched and swapped in place, the address pushed (History API),
//                  no load event; notices that go away after a while;
//   data-slow-ms   every submit shows a busy overlay, buttons disabled, and goes to the
//                  server that much later.
// Listeners are delegated to the document, so they survive a swapped-in screen.
"use strict";

const NOTICE_LIFETIME_MS = 4000;
const CONFIRM_SEND_DELAY_MS = 300;

function personality() {
  return {
    spa: document.body.dataset.spa === "1",
    slowMs: parseInt(document.body.dataset.slowMs || "0", 10),
  };
}

function setBusy() {
  const main = document.querySelector("main");
  if (main) main.setAttribute("aria-busy", "true");
  document.querySelectorAll("main button, main input").forEach((control) => { control.disabled = true; });
  const overlay = document.createElement("div");
  overlay.className = "busy";
  overlay.setAttribute("role", "progressbar");
  overlay.setAttribute("aria-label", "Chargement en cours");
  overlay.innerHTML = '<span class="spinner"></span>';
  document.body.appendChild(overlay);
}

// Swap the whole page for the one the server answered, as a single-page app draws its
// next screen; the address follows through the History API.
async function visit(url, init) {
  let response;
  try {
    response = await fetch(url, { credentials: "same-origin", redirect: "follow", ...init });
  } catch (error) {
    window.location.href = url;  // the network failed: let the browser say so
    return;
  }
  const html = await response.text();
  const next = new DOMParser().parseFromString(html, "text/html");
  document.title = next.title;
  document.body.replaceWith(document.adoptNode(next.body));
  if (response.url !== window.location.href) history.pushState({}, "", response.url);
  setUpScreen();
}

function send(form, name, value) {
  // getAttribute: a control named "action" shadows form.action (DOM named properties).
  const target = new URL(form.getAttribute("action") || window.location.href, window.location.href).href;
  const data = new FormData(form);
  if (name) data.append(name, value || "");
  const go = () => {
    if (personality().spa) {
      visit(target, { method: "POST", body: new URLSearchParams(data) });
      return;
    }
    const hidden = document.createElement("form");
    hidden.method = "post";
    hidden.action = target;
    hidden.hidden = true;
    for (const [key, val] of data.entries()) {
      const input = document.createElement("input");
      input.type = "hidden";
      input.name = key;
      input.value = val;
      hidden.appendChild(input);
    }
    document.body.appendChild(hidden);
    hidden.submit();
  };
  const delay = personality().slowMs;
  if (delay > 0) {
    setBusy();
    setTimeout(go, delay);
  } else {
    go();
  }
}

function setUpScreen() {
  const panel = document.getElementById("cookie-panel");
  if (panel) {
    const delay = parseInt(panel.dataset.delay || "0", 10);
    if (delay > 0) setTimeout(() => { panel.hidden = false; }, delay);
  }
  document.querySelectorAll("dialog[data-open-on-load]").forEach((dialog) => {
    const delay = parseInt(dialog.dataset.delay || "0", 10);
    if (delay > 0) setTimeout(() => dialog.showModal(), delay);
    else if (!dialog.open) dialog.showModal();
  });
  syncClosureButton();
  if (personality().spa) {
    document.querySelectorAll("[data-transient]").forEach((notice) => {
      setTimeout(() => notice.remove(), NOTICE_LIFETIME_MS);
    });
  }
}

function syncClosureButton() {
  const ack = document.getElementById("ack-yes");
  const closeButton = document.getElementById("close-button");
  if (!ack || !closeButton) return;
  if (closeButton.tagName === "BUTTON") closeButton.disabled = !ack.checked;
  else closeButton.setAttribute("aria-disabled", String(!ack.checked));
}

document.addEventListener("change", (event) => {
  if (event.target.id === "ack-yes") syncClosureButton();
});

document.addEventListener("click", (event) => {
  const target = event.target instanceof Element ? event.target : null;
  if (!target) return;

  const cookie = target.closest("#cookie-panel [data-cookies]");
  if (cookie) {
    const panel = document.getElementById("cookie-panel");
    if (cookie.dataset.cookies === "settings") {
      panel.querySelector(".cookie-settings").hidden = false;
      return;
    }
    document.cookie = "mes_cookies=" + cookie.dataset.cookies + "; path=/; SameSite=Lax";
    panel.remove();
    return;
  }

  const menuButton = target.closest(".account-button");
  if (menuButton) {
    const menu = document.getElementById(menuButton.getAttribute("aria-controls"));
    const open = menuButton.getAttribute("aria-expanded") === "true";
    menuButton.setAttribute("aria-expanded", String(!open));
    menu.hidden = open;
    return;
  }

  const closer = target.closest("[data-close-dialog]");
  if (closer) {
    closer.closest("dialog").close();
    return;
  }

  // A submit control that asks first: the dialog's « Confirmer » sends the form.
  const control = target.closest("[data-submit], [data-confirm]");
  if (control) {
    if (control.getAttribute("aria-disabled") === "true" || control.disabled) {
      event.preventDefault();
      return;
    }
    const form = control.closest("form");
    const name = control.dataset.name || control.name;
    const value = control.dataset.value !== undefined ? control.dataset.value : control.value;
    const dialog = control.dataset.confirm && document.getElementById(control.dataset.confirm);
    if (dialog) {
      event.preventDefault();
      // The dialog closes first and the form goes a moment later, as a single-page
      // application's confirmation may: a closed dialog is not yet the answer.
      dialog.querySelector("[data-dialog-confirm]").onclick = () => {
        dialog.close();
        setTimeout(() => send(form, name, value), CONFIRM_SEND_DELAY_MS);
      };
      dialog.showModal();
    } else if (control.hasAttribute("data-submit")) {
      event.preventDefault();
      send(form, name, value);
    }
    return;
  }

  // A single-page app follows its own links without a page load (not downloads).
  const link = target.closest("a[href]");
  if (link && personality().spa && !link.hasAttribute("download")) {
    const url = new URL(link.href, window.location.href);
    if (url.origin === window.location.origin && url.hash === "" && !url.pathname.startsWith("/donnees")) {
      event.preventDefault();
      visit(url.href, { method: "GET" });
    }
  }
});

document.addEventListener("submit", (event) => {
  const { spa, slowMs } = personality();
  if (!spa && slowMs === 0) return;
  event.preventDefault();
  const submitter = event.submitter;
  send(event.target, submitter && submitter.name, submitter && submitter.value);
});

window.addEventListener("popstate", () => window.location.reload());
document.addEventListener("DOMContentLoaded", setUpScreen);
