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
