// The warning before a login ends (WCAG 2.2.1 Timing Adjustable): shown a few minutes
// before the session's end, with a button that extends the login without leaving the
// page. The end and the lead time come from the page (accounts/_session_warning.html).
(function () {
  "use strict";
  var box = document.getElementById("session-warning");
  if (!box) return;
  var status = document.querySelector("[data-session-status]");
  var timeSlot = box.querySelector("[data-session-time]");
  var form = box.querySelector("form");
  var button = form.querySelector("button");
  var warnBefore = Number(box.getAttribute("data-warn-before")) * 1000;
  var timer = null;
  var locale = document.documentElement.lang === "en" ? "en-GB" : "sv-SE";

  function say(text) {
    if (status) status.textContent = text;
  }

  function show(expiresAt) {
    timeSlot.textContent = new Date(expiresAt).toLocaleTimeString(locale, {
      hour: "2-digit",
      minute: "2-digit",
    });
    box.hidden = false;
    button.focus();
  }

  function schedule(expiresAt) {
    if (timer) clearTimeout(timer);
    var delay = Math.max(0, expiresAt - warnBefore - Date.now());
    timer = setTimeout(function () {
      show(expiresAt);
    }, delay);
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var request = new XMLHttpRequest();
    request.open("POST", box.getAttribute("data-extend-url"));
    request.setRequestHeader("Accept", "application/json");
    request.onload = function () {
      if (request.status === 200) {
        var answer = JSON.parse(request.responseText);
        box.hidden = true;
        say(status.getAttribute("data-extended-text"));
        schedule(answer.expires_at * 1000);
      } else {
        say(status.getAttribute("data-failed-text"));
      }
    };
    request.onerror = function () {
      say(status.getAttribute("data-failed-text"));
    };
    request.send(new FormData(form));
  });

  schedule(Number(box.getAttribute("data-expires-at")) * 1000);
})();
