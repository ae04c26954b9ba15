/* Serambi: small progressive enhancements. Every page works without this file. */
(function () {
  "use strict";

  // Error summary: move focus to it so screen readers announce the problems and
  // keyboard users start there (GOV.UK pattern).
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
    // A link in the summary focuses its field and scrolls the field's label (or
    // legend) into view, not only the input, so the question stays visible.
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      if (!link) { return; }
      var input = document.getElementById(link.getAttribute("href").slice(1));
      if (!input) { return; }
      event.preventDefault();
      var legend = input.closest("fieldset") && input.closest("fieldset").querySelector("legend");
      var label = legend || document.querySelector("label[for='" + input.id + "']") || input;
      label.scrollIntoView();
      input.focus({ preventScroll: true });
    });
  }
})();

// The folding header menu (phones): without JavaScript "Menu" is a link to #menu that
// shows the menu through :target (includes/header.html). Here it becomes a button that
// says whether the menu is open (aria-expanded) and keeps the address unchanged.
(function () {
  "use strict";
  var header = document.querySelector("[data-menu]");
  var link = header && header.querySelector("[data-menu-toggle]");
  if (!link) { return; }
  var controlled = [];
  ["site-header-tools", "primary-nav"].forEach(function (id) {
    if (document.getElementById(id)) { controlled.push(id); }
  });
  var button = document.createElement("button");
  button.type = "button";
  button.className = link.className;
  button.textContent = link.textContent;
  button.setAttribute("aria-controls", controlled.join(" "));
  function set(open) {
    header.classList.toggle("site-header--open", open);
    button.setAttribute("aria-expanded", open ? "true" : "false");
  }
  set(window.location.hash === "#menu");
  button.addEventListener("click", function () {
    set(button.getAttribute("aria-expanded") !== "true");
  });
  header.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
      set(false);
      button.focus();
    }
  });
  link.replaceWith(button);
  document.documentElement.classList.add("js-menu");
})();
