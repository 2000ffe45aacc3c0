// The little JavaScript the site needs: cookie panel, account menu, dialogs, links styled
// as buttons, the closure button enabled by its acknowledgement; and, for the mock's
// personalities (data attributes on <body>), the ways a single-page application answers:
//   data-spa       screens fetched and swapped in place, the address pushed (History API),
//                  no load event; notices that go away after a while;
//   data-slow-ms   every submit goes to the server that much later, shown busy the ways
//                  data-busy-style lists: "overlay" (aria-busy, a progress bar, controls
//                  disabled), "spinner" (the button's label replaced by a spinner: no name,
//                  no click), "notice" (« Chargement… » in a status);
//   data-wizard    single-page, and the step's button is one element, relabelled by each
//                  step (the next screen is drawn around it);
//   data-banner-during  the consent banner comes back that many ms after a step is pressed;
//   data-banner-on-press  the consent banner opens as the step's button goes down;
//   data-banner-on-hover  the consent banner opens as the pointer comes over it;
//   data-loader-ms every submit goes that much later, the whole window under a layer with
//                  words of its own (data-loader-words), no role, hidden from assistive
//                  technology (the loader personality);
//   data-confirm-stays    « Confirmer » sends the step and the dialog stays on view, its
//                  buttons live, until the answer (each press sends it again);
//   data-confirm-redrawn  « Confirmer » closes the dialog, and it is drawn again while the
//                  step is on its way;
//   data-attestation (on the attestation link)  the file is the script's to bring:
//                  "navigate", "blob" (fetched, then shown from a blob: address), "tab".
// Every press of a final step's control (its button, its dialog's « Confirmer ») is told
// to the site, which counts them per person: tests read those counts.
// The `components` personality draws each screen inside a web component's open shadow
// root: lookups below reach into shadow roots, and the events that do not cross a shadow
// root's edge (change, submit) are listened for on each root as well.
// Listeners are delegated to the document, so they survive a swapped-in screen.
"use strict";

const NOTICE_LIFETIME_MS = 4000;
const CONFIRM_SEND_DELAY_MS = 300;

function personality() {
  return {
    spa: document.body.dataset.spa === "1",
    slowMs: parseInt(document.body.dataset.slowMs || "0", 10),
    loaderMs: parseInt(document.body.dataset.loaderMs || "0", 10),
  };
}

// The loader personality's layer over the whole window while a step is on its way; it goes
// with the page (a load, or the next screen swapped in).
function showLoader() {
  const layer = document.createElement("div");
  layer.className = "loader-layer";
  layer.setAttribute("aria-hidden", "true");
  layer.innerHTML = '<span class="spinner"></span><p></p>';
  layer.querySelector("p").textContent = document.body.dataset.loaderWords || "Chargement…";
  document.body.appendChild(layer);
}

// A notice with no role at the top of the screen (a snackbar).
function snackbar(text) {
  const main = document.querySelector("main");
  if (!main) return;
  const notice = document.createElement("p");
  notice.className = "snackbar";
  notice.textContent = text;
  main.prepend(notice);
}

// A press of a final step's control, told to the site (it counts them per person).
function tellPress(control) {
  const body = new URLSearchParams({ control });
  navigator.sendBeacon("/telemetrie/appui", body);
}

const PRIMARY = "main button[type=submit], main [data-submit]";

// The document and every open shadow root in it.
function roots() {
  const found = [document];
  for (let i = 0; i < found.length; i++) {
    for (const el of found[i].querySelectorAll("*")) if (el.shadowRoot) found.push(el.shadowRoot);
  }
  return found;
}

function byId(id) {
  for (const root of roots()) {
    const found = root.getElementById(id);
    if (found) return found;
  }
  return null;
}

function deepAll(selector) {
  return roots().flatMap((root) => [...root.querySelectorAll(selector)]);
}

function setBusy(control) {
  const styles = (document.body.dataset.busyStyle || "overlay").split(" ");
  const main = document.querySelector("main");
  if (styles.includes("spinner") && control) {
    // The official app's button: its label gives way to a spinner while its call runs.
    control.innerHTML = '<span class="spinner" aria-hidden="true"></span>';
    control.dataset.running = "1";
  }
  if (styles.includes("notice") && main) {
    const notice = document.createElement("p");
    notice.className = "loading";
    notice.setAttribute("role", "status");
    notice.textContent = "Chargement…";
    main.prepend(notice);
  }
  if (!styles.includes("overlay")) return;
  if (main) main.setAttribute("aria-busy", "true");
  document.querySelectorAll("main button, main input").forEach((each) => { each.disabled = true; });
  const overlay = document.createElement("div");
  overlay.className = "busy";
  overlay.setAttribute("role", "progressbar");
  overlay.setAttribute("aria-label", "Chargement en cours");
  overlay.innerHTML = '<span class="spinner"></span>';
  document.body.appendChild(overlay);
}

function showCookiePanel() {
  const panel = document.getElementById("cookie-panel");
  if (panel) panel.hidden = false;
}

// The consent banner that comes while a step is on its way (a fault): once per screen.
function bannerDuringStep() {
  const delay = parseInt(document.body.dataset.bannerDuring || "0", 10);
  if (delay <= 0) return;
  delete document.body.dataset.bannerDuring;
  setTimeout(showCookiePanel, delay);
}

// The consent banner that opens as a step's button is pressed, or as the pointer comes
// over it (faults), as a consent manager that waits for the first interaction may. On a
// press the release lands on its backdrop, so the click never reaches the button (the
// browser gives it to their common ancestor); on the way over, the press that follows
// goes down on the backdrop.
function openBannerOn(eventType, flag) {
  document.addEventListener(eventType, (event) => {
    if (document.body.dataset[flag] !== "1") return;
    const target = event.target instanceof Element ? event.target : null;
    if (!target || !target.closest(PRIMARY)) return;
    delete document.body.dataset[flag];
    showCookiePanel();
  }, true);
}
openBannerOn("pointerdown", "bannerOnPress");
openBannerOn("pointerover", "bannerOnHover");

// A wizard draws the next screen around the button that was pressed: the same element,
// with the next step's label and attributes.
function keepButton(next) {
  const pressed = document.querySelector(PRIMARY);
  const fresh = next.querySelector(PRIMARY);
  if (!pressed || !fresh || pressed.tagName !== fresh.tagName) return;
  for (const attr of [...pressed.attributes]) pressed.removeAttribute(attr.name);
  for (const attr of [...fresh.attributes]) pressed.setAttribute(attr.name, attr.value);
  pressed.innerHTML = fresh.innerHTML;
  pressed.disabled = fresh.disabled;
  fresh.replaceWith(pressed);
}

// Swap the whole page for the one the server answered, as a single-page app draws its
// next screen; the address follows through the History API.
async function visit(url, init) {
  let response;
  // split: the screens come from the site's back end, a second origin (CORS, same cookie).
  const backend = document.body.dataset.backend;
  const from = new URL(url, window.location.href);
  const target = backend ? backend + from.pathname + from.search : from.href;
  try {
    response = await fetch(target, { credentials: "include", redirect: "follow", ...init });
  } catch (error) {
    window.location.href = url;  // the network failed: let the browser say so
    return;
  }
  const html = await response.text();
  // parseHTMLUnsafe keeps declarative shadow roots (components); DOMParser would not.
  const next = Document.parseHTMLUnsafe
    ? Document.parseHTMLUnsafe(html)
    : new DOMParser().parseFromString(html, "text/html");
  if (document.body.dataset.wizard === "1") keepButton(next);
  document.title = next.title;
  document.body.replaceWith(document.adoptNode(next.body));
  // The address bar stays on the site's own origin, whichever origin answered.
  const answered = new URL(response.url);
  const shown = window.location.origin + answered.pathname + answered.search;
  if (shown !== window.location.href) history.pushState({}, "", shown);
  setUpScreen();
}

function send(form, name, value, control) {
  bannerDuringStep();
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
  const { slowMs, loaderMs } = personality();
  const delay = slowMs + loaderMs;
  if (loaderMs > 0) showLoader();
  if (delay > 0) {
    if (slowMs > 0) setBusy(control);
    setTimeout(go, delay);
  } else {
    if (document.body.dataset.wizard === "1") setBusy(control);
    go();
  }
}

function setUpScreen() {
  const panel = document.getElementById("cookie-panel");
  if (panel) {
    const delay = parseInt(panel.dataset.delay || "0", 10);
    if (delay > 0) setTimeout(showCookiePanel, delay);
  }
  for (const root of roots().slice(1)) {
    if (root.listening) continue;
    root.listening = true;
    root.addEventListener("change", onChange);
    root.addEventListener("submit", onSubmit);
  }
  document.querySelectorAll("dialog[data-open-on-load]").forEach((dialog) => {
    const delay = parseInt(dialog.dataset.delay || "0", 10);
    if (delay > 0) setTimeout(() => dialog.showModal(), delay);
    else if (!dialog.open) dialog.showModal();
  });
  syncClosureButton();
  if (personality().spa) {
    deepAll("[data-transient]").forEach((notice) => {
      setTimeout(() => notice.remove(), NOTICE_LIFETIME_MS);
    });
  }
}

function syncClosureButton() {
  const ack = byId("ack-yes");
  const closeButton = byId("close-button");
  if (!ack || !closeButton) return;
  if (closeButton.tagName === "BUTTON") closeButton.disabled = !ack.checked;
  else closeButton.setAttribute("aria-disabled", String(!ack.checked));
}

function onChange(event) {
  if (event.target.id === "ack-yes") syncClosureButton();
}
document.addEventListener("change", onChange);

document.addEventListener("click", (event) => {
  // The element clicked, inside its shadow root if it is in one.
  const [first] = event.composedPath();
  const target = first instanceof Element ? first : null;
  if (!target) return;

  if (target.closest('[data-cookies="reopen"]')) {
    showCookiePanel();  // « Gérer ses données de navigation »
    return;
  }
  const cookie = target.closest("#cookie-panel [data-cookies]");
  if (cookie) {
    const panel = document.getElementById("cookie-panel");
    if (cookie.dataset.cookies === "settings") {
      panel.querySelector(".cookie-settings").hidden = false;
      return;
    }
    document.cookie = "mes_cookies=" + cookie.dataset.cookies + "; path=/; SameSite=Lax";
    panel.hidden = true;  // hidden, not removed: the site may open it again
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
    if (control.getAttribute("aria-disabled") === "true" || control.disabled || control.dataset.running) {
      event.preventDefault();
      return;
    }
    const form = control.closest("form");
    const name = control.dataset.name || control.name;
    const value = control.dataset.value !== undefined ? control.dataset.value : control.value;
    const dialog = control.dataset.confirm && byId(control.dataset.confirm);
    if (control.dataset.confirm) tellPress(control.dataset.confirm + ":step");
    if (dialog) {
      event.preventDefault();
      const confirmed = () => {
        tellPress(control.dataset.confirm + ":confirm");
        if (document.body.dataset.confirmStays === "1") {
          // The dialog stays on view, its buttons live, until the step's answer; a notice
          // with no role says the request is on its way.
          snackbar("Votre demande est en cours de traitement.");
          send(form, name, value, control);
          return;
        }
        // The dialog closes first and the form goes a moment later, as a single-page
        // application's confirmation may: a closed dialog is not yet the answer.
        dialog.close();
        bannerDuringStep();
        if (document.body.dataset.confirmRedrawn === "1") {
          // Drawn again while the step is on its way: a new dialog, its buttons live.
          setTimeout(() => {
            if (!dialog.isConnected) return;
            const again = dialog.cloneNode(true);
            dialog.replaceWith(again);
            again.querySelector("[data-dialog-confirm]").onclick = confirmed;
            again.showModal();
          }, CONFIRM_SEND_DELAY_MS / 3);
        }
        setTimeout(() => send(form, name, value, control), CONFIRM_SEND_DELAY_MS);
      };
      dialog.querySelector("[data-dialog-confirm]").onclick = confirmed;
      dialog.showModal();
    } else if (control.hasAttribute("data-submit")) {
      event.preventDefault();
      send(form, name, value, control);
    }
    return;
  }

  // « Télécharger l'attestation » taken by the page's script (data-attestation): followed
  // to the file, fetched then shown from a blob: address, or opened in a new tab.
  const attestation = target.closest("a[data-attestation]");
  if (attestation) {
    event.preventDefault();
    showAttestation(attestation.dataset.attestation, attestation.href);
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

async function showAttestation(way, href) {
  if (way === "tab") {
    window.open(href, "_blank");
    return;
  }
  if (way === "blob") {
    const response = await fetch(href, { credentials: "include" });
    const file = await response.blob();
    window.location.href = URL.createObjectURL(file);
    return;
  }
  window.location.href = href;  // "navigate": to the file itself
}

function onSubmit(event) {
  const { spa, slowMs } = personality();
  const submitter = event.submitter;
  if (submitter && submitter.dataset.running) {
    event.preventDefault();  // its call is running: the button takes no click
    return;
  }
  if (!spa && slowMs === 0 && !document.body.dataset.loaderMs && !document.body.dataset.bannerDuring) return;
  event.preventDefault();
  send(event.target, submitter && submitter.name, submitter && submitter.value, submitter);
}
document.addEventListener("submit", onSubmit);

window.addEventListener("popstate", () => window.location.reload());
document.addEventListener("DOMContentLoaded", setUpScreen);
