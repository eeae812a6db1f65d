/* Countdown clocks of the live room, shared by the secretary's pages and the hall's screen.
 *
 * An element with data-timer shows a clock computed from the server's figures, so that every browser
 * shows the same time whatever its own clock says:
 *   data-elapsed      seconds used when the server answered
 *   data-running      "1" while the clock runs
 *   data-limit        seconds allowed (0: count up, no limit)
 *   data-server-now   the server's time (ms since epoch) when it answered
 * It shows the time left ("04:12"), or the overtime ("+00:37") with the class "is-overtime" and
 * data-overtime="1". After changing these attributes (a new state), call doithoaiTimers.refresh().
 * Nothing here talks to the server.
 */
(function () {
  "use strict";
  var offsets = new WeakMap(); // element -> (server clock − local clock) when its figures were set

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  function format(seconds) {
    var s = Math.abs(Math.floor(seconds));
    var h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
    return (h ? h + ":" + pad(m) : pad(m)) + ":" + pad(r);
  }

  function stamp(el) {
    var serverNow = Number(el.dataset.serverNow || 0);
    offsets.set(el, { offset: serverNow ? serverNow - Date.now() : 0, at: serverNow || Date.now(),
      key: [el.dataset.elapsed, el.dataset.running, el.dataset.limit, el.dataset.serverNow].join("|") });
  }

  function used(el) {
    var info = offsets.get(el);
    var key = [el.dataset.elapsed, el.dataset.running, el.dataset.limit, el.dataset.serverNow].join("|");
    if (!info || info.key !== key) { stamp(el); info = offsets.get(el); }
    var elapsed = Number(el.dataset.elapsed || 0);
    if (el.dataset.running !== "1") return elapsed;
    var serverNowNow = Date.now() + info.offset;
    return elapsed + Math.max(0, (serverNowNow - info.at) / 1000);
  }

  function render(el) {
    var limit = Number(el.dataset.limit || 0);
    var spent = used(el);
    var over = limit > 0 && spent > limit;
    var text = limit > 0 ? (over ? "+" + format(spent - limit) : format(limit - spent)) : format(spent);
    if (el.textContent !== text) el.textContent = text;
    el.classList.toggle("is-overtime", over);
    el.dataset.overtime = over ? "1" : "0";
    var warnAt = Number(el.dataset.warn || 60);
    el.classList.toggle("is-ending", !over && limit > 0 && limit - spent <= warnAt);
  }

  function refresh() {
    document.querySelectorAll("[data-timer]").forEach(render);
  }

  window.doithoaiTimers = { refresh: refresh, format: format };
  document.addEventListener("DOMContentLoaded", refresh);
  document.addEventListener("htmx:afterSettle", refresh);
  setInterval(refresh, 250);
})();
