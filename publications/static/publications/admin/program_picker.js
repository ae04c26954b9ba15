// The outcome editor's program picker: show the search box (hidden without JavaScript)
// and hide the checkboxes whose label does not contain every word typed. Checked boxes
// always stay visible, so a search never hides what the outcome links.
(function () {
  'use strict';

  function normalise(text) {
    return text.toLocaleLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  }

  function setUp(picker) {
    if (picker.dataset.programPickerReady) {
      return;
    }
    picker.dataset.programPickerReady = 'true';
    var search = picker.querySelector('[data-program-picker-search]');
    var empty = picker.querySelector('[data-program-picker-empty]');
    var options = Array.prototype.slice.call(picker.querySelectorAll('input[type=checkbox]'));
    search.closest('[hidden]').hidden = false;
    search.addEventListener('input', function () {
      var words = normalise(search.value).split(/\s+/).filter(Boolean);
      var shown = 0;
      options.forEach(function (input) {
        var row = input.closest('div') || input.parentElement;
        var label = normalise((input.closest('label') || row).textContent);
        var match = input.checked || words.every(function (w) { return label.indexOf(w) !== -1; });
        row.hidden = !match;
        shown += match ? 1 : 0;
      });
      empty.hidden = shown > 0;
    });
  }

  function init() {
    document.querySelectorAll('[data-program-picker]').forEach(setUp);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
