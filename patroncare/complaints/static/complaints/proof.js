/* The proof of work the public form asks for when many messages came from one address (ALTCHA, v1).
   Find the number n for which SHA-256(salt + n) is the challenge, and send it with the form. A patron who
   presses "Send" before it is found waits a moment; the form goes as soon as it is. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-proof-challenge]");
  if (!form || !window.crypto || !window.crypto.subtle) { return; }
  var task = JSON.parse(form.getAttribute("data-proof-challenge"));
  var field = form.querySelector("input[name=proof]");
  var status = document.getElementById("proof-status");
  var encoder = new TextEncoder();
  var solved = false;
  var waiting = false;

  function hex(buffer) {
    return Array.prototype.map.call(new Uint8Array(buffer), function (byte) {
      return byte.toString(16).padStart(2, "0");
    }).join("");
  }

  async function solve() {
    for (var n = 0; n <= task.maxnumber; n += 1) {
      var digest = await window.crypto.subtle.digest("SHA-256", encoder.encode(task.salt + n));
      if (hex(digest) === task.challenge) { return n; }
    }
    return null;
  }

  form.addEventListener("submit", function (event) {
    if (solved) { return; }
    event.preventDefault();
    waiting = true;
    status.textContent = status.getAttribute("data-working");
  });

  solve().then(function (number) {
    if (number === null) { return; }
    field.value = window.btoa(JSON.stringify({
      algorithm: task.algorithm, challenge: task.challenge, number: number,
      salt: task.salt, signature: task.signature
    }));
    solved = true;
    status.textContent = status.getAttribute("data-done");
    if (waiting) { form.requestSubmit(); }
  });
}());
