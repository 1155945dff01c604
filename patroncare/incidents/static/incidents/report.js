// Keeps what is typed in the incident report in this browser, so a closed tab or lost connection loses nothing.
// The server keeps a copy too (htmx autosave); whichever exists is restored when the form is opened empty.
(function () {
  "use strict";
  var form = document.getElementById("incident-form");
  if (!form) return;
  var storageKey = form.dataset.draftStorage;
  var skip = { csrfmiddlewaretoken: true, files: true };

  function collect() {
    var data = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || skip[el.name] || el.type === "file") return;
      if ((el.type === "checkbox" || el.type === "radio") && !el.checked) return;
      (data[el.name] = data[el.name] || []).push(el.value);
    });
    return data;
  }

  function apply(data) {
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || skip[el.name] || el.type === "file" || !(el.name in data)) return;
      var values = data[el.name];
      if (el.type === "checkbox" || el.type === "radio") {
        el.checked = values.indexOf(el.value) !== -1;
      } else if (el.name !== "draft_key" || !el.value) {
        el.value = values[0];
      }
    });
  }

  function isEmpty() {
    var narrative = form.elements.namedItem("narrative");
    var summary = form.elements.namedItem("summary");
    return !(narrative && narrative.value) && !(summary && summary.value);
  }

  var server = document.getElementById("server-draft");
  var restored = false;
  if (isEmpty()) {
    if (server) {
      apply(JSON.parse(server.textContent));
      restored = true;
    } else {
      try {
        var saved = window.localStorage.getItem(storageKey);
        if (saved) { apply(JSON.parse(saved)); restored = !isEmpty(); }
      } catch (e) { /* storage unavailable: the server copy still exists */ }
    }
  }
  if (restored) {
    var notice = document.getElementById("restored-notice");
    if (notice) notice.hidden = false;
  }

  function save() {
    try { window.localStorage.setItem(storageKey, JSON.stringify(collect())); } catch (e) { /* full or private */ }
  }
  form.addEventListener("input", save);
  form.addEventListener("change", save);
  form.addEventListener("submit", function () {
    try { window.localStorage.removeItem(storageKey); } catch (e) { /* nothing to remove */ }
  });
})();
