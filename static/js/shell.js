// The menu button on narrow screens, and focus on an error summary so screen readers announce it.
document.addEventListener("DOMContentLoaded", function () {
  var toggle = document.querySelector("[data-nav-toggle]");
  if (toggle) {
    var nav = document.getElementById(toggle.getAttribute("aria-controls"));
    document.documentElement.classList.add("js");
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") === "true";
      toggle.setAttribute("aria-expanded", open ? "false" : "true");
      nav.classList.toggle("site-nav--open", !open);
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
        toggle.setAttribute("aria-expanded", "false");
        nav.classList.remove("site-nav--open");
        toggle.focus();
      }
    });
  }
  var summary = document.querySelector("[data-autofocus]");
  if (summary) { summary.focus(); }
});

// A counter under every limited text box: the limit is never enforced by cutting what the person typed.
document.addEventListener("DOMContentLoaded", function () {
  var spanish = (document.documentElement.lang || "").indexOf("es") === 0;
  var format = new Intl.NumberFormat(spanish ? "es" : "en");
  var over = spanish ? "Supera el límite en %n caracteres." : "%n characters over the limit.";
  var near = spanish ? "Quedan %n caracteres." : "%n characters left.";
  document.querySelectorAll("textarea[data-limit]").forEach(function (box, index) {
    var limit = parseInt(box.getAttribute("data-limit"), 10);
    var counter = document.createElement("p");
    counter.className = "field__counter";
    counter.id = (box.id || "text-" + index) + "_counter";
    var spoken = document.createElement("span");
    spoken.className = "visually-hidden";
    spoken.setAttribute("aria-live", "polite");
    var shown = document.createElement("span");
    shown.setAttribute("aria-hidden", "true");
    counter.appendChild(shown);
    counter.appendChild(spoken);
    box.insertAdjacentElement("afterend", counter);
    box.setAttribute("aria-describedby", ((box.getAttribute("aria-describedby") || "") + " " + counter.id).trim());
    var state = "";
    function update() {
      var used = box.value.length;
      shown.textContent = format.format(used) + " / " + format.format(limit);
      var now = used > limit ? "over" : (used > limit * 0.9 ? "near" : "");
      counter.classList.toggle("field__counter--over", now === "over");
      // Speak only when the state changes, not on every key.
      if (now !== state) {
        spoken.textContent = now === "over" ? over.replace("%n", format.format(used - limit))
          : (now === "near" ? near.replace("%n", format.format(limit - used)) : "");
        state = now;
      }
    }
    box.addEventListener("input", update);
    update();
  });
});
