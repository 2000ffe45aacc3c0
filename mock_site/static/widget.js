// A third party's widget the mock's `needs_elsewhere` fault loads from another origin: it
// draws the activation's « Commencer » button, so the site needs that origin to work.
"use strict";
document.querySelectorAll("[data-widget]").forEach((slot) => {
  const button = document.createElement("button");
  button.type = "submit";
  button.textContent = slot.dataset.widget;
  slot.replaceWith(button);
});
