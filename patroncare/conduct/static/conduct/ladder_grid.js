// The ladder entered as a table: "Copy the row above" and "Next offence" at once, without a round trip, and
// each cell showing only the inputs its outcome uses. Without this script the same buttons post the table
// and the server answers with the changed table, so nothing here is needed to enter a ladder.
(function () {
  "use strict";
  var form = document.getElementById("ladder-grid");
  if (!form) return;
  form.classList.add("grid-js");
  var status = form.querySelector("[data-grid-status]");
  var headings = JSON.parse(document.getElementById("grid-headings").textContent);
  var columnsInput = form.querySelector("input[name=columns]");
  var maxColumns = parseInt(form.getAttribute("data-max-columns"), 10);

  function say(text) {
    // Emptied first, so the same sentence said twice is announced twice.
    status.textContent = "";
    window.setTimeout(function () { status.textContent = text; }, 50);
  }

  function showOutcome(select) {
    var cell = select.closest("[data-cell]");
    if (!cell) return;
    // "-or_outcome" is the cell's second option; "-outcome" its own.
    var which = /-or_outcome$/.test(select.name) ? "data-or-outcome" : "data-outcome";
    cell.setAttribute(which, select.value);
  }

  function isOutcome(name) {
    return /-(or_)?outcome$/.test(name || "");
  }

  form.addEventListener("change", function (event) {
    if (isOutcome(event.target.name)) showOutcome(event.target);
  });

  // "Copy the row above": every input of each cell takes the value of the same cell one row up.
  form.addEventListener("click", function (event) {
    var button = event.target.closest(".grid-copy");
    if (!button) return;
    event.preventDefault();
    var from = button.getAttribute("data-copy-from").replace(/^r-/, "c-");
    var to = button.getAttribute("data-copy-to").replace(/^r-/, "c-");
    form.querySelectorAll("[name^='" + from + "-']").forEach(function (source) {
      var target = form.elements.namedItem(to + source.name.slice(from.length));
      if (!target) return;
      target.value = source.value;
      if (isOutcome(target.name)) showOutcome(target);
    });
    say(button.getAttribute("data-copied"));
  });

  // "Next offence": a new last column ("and every later offence"); the old last one becomes one offence.
  var addButton = form.querySelector("[data-grid-add-offence]");
  addButton.addEventListener("click", function (event) {
    event.preventDefault();
    var columns = parseInt(columnsInput.value, 10);
    if (columns >= maxColumns) return;
    var before = headings[columns - 1], after = headings[columns];
    var lastHeadings = form.querySelectorAll("th[data-offence='" + columns + "']");
    lastHeadings.forEach(function (th) {
      var added = th.cloneNode(true);
      th.textContent = before.plain;
      added.textContent = after.last;
      added.setAttribute("data-offence", columns + 1);
      th.insertAdjacentElement("afterend", added);
    });
    form.querySelectorAll("tr[data-row]").forEach(function (tr) {
      var cells = tr.querySelectorAll("td[data-cell]");
      if (!cells.length) return;
      var last = cells[cells.length - 1];
      var added = last.cloneNode(true);
      renumber(added, columns, columns + 1);
      relabel(last, before.last, before.plain);
      relabel(added, before.last, after.last);
      last.insertAdjacentElement("afterend", added);
    });
    form.querySelectorAll("td[colspan]").forEach(function (td) {
      td.setAttribute("colspan", parseInt(td.getAttribute("colspan"), 10) + 1);
    });
    form.querySelectorAll("th[colspan]").forEach(function (th) {
      th.setAttribute("colspan", parseInt(th.getAttribute("colspan"), 10) + 1);
    });
    columnsInput.value = columns + 1;
    if (columns + 1 >= maxColumns) addButton.disabled = true;
    say(after.last);
    var first = form.querySelector("td[data-cell] select[name$='-" + (columns + 1) + "-outcome']");
    if (first) first.focus();
  });

  // The cloned cell is empty and has no errors; its names say its own offence ("c-a-12-4-outcome").
  function renumber(cell, from, to) {
    var pattern = new RegExp("^((?:id_)?c-[am]-\\d+-)" + from + "-");
    function rename(el, attribute) {
      var value = el.getAttribute(attribute);
      if (value) el.setAttribute(attribute, value.split(" ").map(function (part) {
        return part.replace(pattern, "$1" + to + "-");
      }).join(" "));
    }
    cell.setAttribute("data-cell", cell.getAttribute("data-cell").replace(new RegExp("-" + from + "$"), "-" + to));
    cell.setAttribute("data-outcome", "");
    cell.setAttribute("data-or-outcome", "");
    cell.classList.remove("grid-cell--error");
    cell.querySelectorAll(".error-text").forEach(function (el) { el.remove(); });
    cell.querySelectorAll("input, select, label").forEach(function (el) {
      ["id", "name", "for", "aria-describedby"].forEach(function (attribute) { rename(el, attribute); });
      el.removeAttribute("aria-invalid");
      if (el.tagName === "SELECT") el.selectedIndex = isOutcome(el.name) ? 0 : defaultIndex(el);
      else if (el.tagName === "INPUT") el.value = "";
    });
    cell.querySelectorAll("[aria-describedby]").forEach(function (el) {
      var kept = el.getAttribute("aria-describedby").split(" ").filter(function (id) {
        return document.getElementById(id) && !/_error$/.test(id);
      });
      if (kept.length) el.setAttribute("aria-describedby", kept.join(" "));
      else el.removeAttribute("aria-describedby");
    });
  }

  function defaultIndex(select) {
    // Suspensions start in days, the time to ask to lift in years, as a new row does.
    var wanted = /lift_after_unit$/.test(select.name) ? "years" : "days";
    for (var i = 0; i < select.options.length; i++) if (select.options[i].value === wanted) return i;
    return 0;
  }

  function relabel(cell, from, to) {
    cell.querySelectorAll("label").forEach(function (label) {
      label.textContent = label.textContent.replace(from.toLowerCase(), to.toLowerCase());
    });
  }
}());
