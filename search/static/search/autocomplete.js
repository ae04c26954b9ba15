/* Search suggestions as you type: a progressive enhancement of the plain GET form on
   /cari/. Without JavaScript the form works as is. Suggestions are links (titles are
   inserted as text, never as HTML); ArrowDown moves into them, Escape closes them. */
(function () {
  "use strict";
  var input = document.getElementById("search-q");
  if (!input || !window.fetch) { return; }
  var url = input.getAttribute("data-suggest-url");
  var list = document.createElement("ul");
  var status = document.createElement("p");
  var timer = null;
  var last = "";
  list.className = "search-suggestions";
  list.id = "search-suggestions";
  list.hidden = true;
  list.setAttribute("aria-label", input.getAttribute("data-suggest-label") || "");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  input.parentNode.parentNode.appendChild(list);
  input.parentNode.parentNode.appendChild(status);

  function close() { list.hidden = true; list.textContent = ""; }

  function show(items) {
    list.textContent = "";
    items.forEach(function (item) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = item.url;
      a.textContent = item.title + " (" + item.type_label + ")";
      li.appendChild(a);
      list.appendChild(li);
    });
    list.hidden = items.length === 0;
    status.textContent = items.length ?
      items.length + " " + (input.getAttribute("data-suggest-status") || "") : "";
  }

  function ask() {
    var q = input.value.trim();
    if (q.length < 2 || q === last) { if (q.length < 2) { close(); } return; }
    last = q;
    fetch(url + "&q=" + encodeURIComponent(q), { headers: { "Accept": "application/json" } })
      .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
      .then(function (data) { if (input.value.trim() === q) { show(data.suggestions || []); } })
      .catch(close);
  }

  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(ask, 200);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown" && !list.hidden && list.firstChild) {
      event.preventDefault();
      list.firstChild.firstChild.focus();
    } else if (event.key === "Escape") { close(); }
  });
  list.addEventListener("keydown", function (event) {
    var li = document.activeElement && document.activeElement.parentNode;
    if (event.key === "ArrowDown" && li && li.nextSibling) {
      event.preventDefault(); li.nextSibling.firstChild.focus();
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      if (li && li.previousSibling) { li.previousSibling.firstChild.focus(); } else { input.focus(); }
    } else if (event.key === "Escape") { close(); input.focus(); }
  });
}());
