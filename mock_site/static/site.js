// The little JavaScript the real site needs: cookie panel, account menu, dialogs,
// links styled as buttons, and the closure button enabled by its acknowledgement.
"use strict";

function submitWith(form, name, value) {
  if (name) {
    const hidden = document.createElement("input");
    hidden.type = "hidden";
    hidden.name = name;
    hidden.value = value || "";
    form.appendChild(hidden);
  }
  form.submit();
}

document.addEventListener("DOMContentLoaded", () => {
  const panel = document.getElementById("cookie-panel");
  if (panel) {
    const delay = parseInt(panel.dataset.delay || "0", 10);
    if (delay > 0) setTimeout(() => { panel.hidden = false; }, delay);
    panel.addEventListener("click", (event) => {
      const choice = event.target.closest("[data-cookies]");
      if (!choice) return;
      if (choice.dataset.cookies === "settings") {
        panel.querySelector(".cookie-settings").hidden = false;
        return;
      }
      document.cookie = "mes_cookies=" + choice.dataset.cookies + "; path=/; SameSite=Lax";
      panel.remove();
    });
  }

  const menuButton = document.querySelector(".account-button");
  if (menuButton) {
    const menu = document.getElementById(menuButton.getAttribute("aria-controls"));
    menuButton.addEventListener("click", () => {
      const open = menuButton.getAttribute("aria-expanded") === "true";
      menuButton.setAttribute("aria-expanded", String(!open));
      menu.hidden = open;
    });
  }

  document.querySelectorAll("dialog[data-open-on-load]").forEach((dialog) => dialog.showModal());
  document.querySelectorAll("[data-close-dialog]").forEach((button) => {
    button.addEventListener("click", () => button.closest("dialog").close());
  });

  // A submit control that asks first: the dialog's « Confirmer » sends the form.
  document.querySelectorAll("[data-submit], [data-confirm]").forEach((control) => {
    control.addEventListener("click", (event) => {
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
        dialog.querySelector("[data-dialog-confirm]").onclick = () => {
          dialog.close();
          submitWith(form, name, value);
        };
        dialog.showModal();
      } else if (control.hasAttribute("data-submit")) {
        event.preventDefault();
        submitWith(form, name, value);
      }
    });
  });

  const ack = document.getElementById("ack-yes");
  const closeButton = document.getElementById("close-button");
  if (ack && closeButton) {
    const sync = () => {
      if (closeButton.tagName === "BUTTON") closeButton.disabled = !ack.checked;
      else closeButton.setAttribute("aria-disabled", String(!ack.checked));
    };
    ack.addEventListener("change", sync);
    sync();
  }
});
