/* The hall's screen (templates/live/screen.html): keeps the page up to date from the server's state.
 *
 * Why short polling with a version, and not WebSockets or Server-Sent Events: the commune's laptop runs
 * whatever the office could set up — `runserver`, gunicorn with sync workers, behind any proxy — with no
 * Redis and no ASGI server. A plain GET every 500 ms works with every one of them, and costs almost nothing:
 * the request names the version it has (`?v=`), and while nothing has changed the server answers 204 from one
 * indexed query. On a LAN a change shows within about 0.5 s (the poll) plus the request, well under 1 s. A
 * held-open connection (SSE, long polling) would tie up one of a few sync workers per screen for hours.
 *
 * A change is applied in place, text by text (only what differs is touched: no flicker, no reload). The
 * countdown runs locally between answers (timer.js), so when the server cannot be reached the screen keeps
 * its last picture with the clock still running, shows a small "Mất kết nối – đang thử lại", and recovers by
 * itself. A link that was renewed (404) says so and stops asking.
 */
(function () {
  "use strict";
  var body = document.body;
  var stateUrl = body.dataset.stateUrl;
  var pollMs = Number(body.dataset.pollMs || 500);
  var timeoutMs = 5000;
  var initial = document.getElementById("screen-state");
  var version = 0;
  var lastNext = null;

  function get(state, path) {
    return path.split(".").reduce(function (value, key) {
      return value === null || value === undefined ? undefined : value[key];
    }, state);
  }

  function setText(el, text) {
    if (el.textContent !== text) el.textContent = text;
  }

  function setAttr(el, name, value) {
    if (el.getAttribute(name) !== value) el.setAttribute(name, value);
  }

  function setTimer(el, elapsed, running, limit, serverNow) {
    var changed = false;
    [["elapsed", String(elapsed)], ["running", running ? "1" : "0"], ["limit", String(limit)],
     ["serverNow", String(serverNow)]].forEach(function (pair) {
      if (el.dataset[pair[0]] !== pair[1]) { el.dataset[pair[0]] = pair[1]; changed = true; }
    });
    return changed;
  }

  function apply(state) {
    version = state.version;
    setAttr(body, "data-status", state.status);
    setAttr(body, "data-item", state.item ? "1" : "0");
    setAttr(body, "data-speaker", state.speaker ? "1" : "0");
    setAttr(body, "data-timer-status", state.speaker ? state.speaker.timer.status : "");
    setAttr(body, "data-next", state.next_speakers.length ? "1" : "0");
    setAttr(body, "data-next-item", state.next_item ? "1" : "0");

    document.querySelectorAll("[data-bind]").forEach(function (el) {
      var value = get(state, el.dataset.bind);
      var text = value === null || value === undefined ? "" : String(value);
      setText(el, text);
      if (el.hasAttribute("data-hide-empty")) el.hidden = text === "";
    });

    var names = state.next_speakers.map(function (s) { return s.name; });
    var key = JSON.stringify(names);
    if (key !== lastNext) {
      var list = document.querySelector("[data-next-list]");
      var items = list.children;
      names.forEach(function (name, i) {
        if (items[i]) { setText(items[i], name); }
        else { var li = document.createElement("li"); li.textContent = name; list.appendChild(li); }
      });
      while (list.children.length > names.length) list.removeChild(list.lastChild);
      lastNext = key;
    }

    var changed = false;
    var item = document.querySelector("[data-item-clock]");
    if (state.item) changed = setTimer(item, state.item.used, state.item.running, 0, state.server_now) || changed;
    var clock = document.querySelector("[data-speaker-clock]");
    if (state.speaker) {
      var t = state.speaker.timer;
      changed = setTimer(clock, t.elapsed, t.running, t.limit, state.server_now) || changed;
    }
    if (changed && window.doithoaiTimers) window.doithoaiTimers.refresh();
  }

  // ------------------------------------------------------------ polling

  var offline = document.querySelector("[data-offline]");
  var gone = document.querySelector("[data-gone]");

  function connected(ok) {
    if (offline.hidden === ok) return;
    offline.hidden = ok;
  }

  function poll() {
    var controller = "AbortController" in window ? new AbortController() : null;
    var timer = controller ? setTimeout(function () { controller.abort(); }, timeoutMs) : null;
    var url = stateUrl + (stateUrl.indexOf("?") < 0 ? "?" : "&") + "v=" + encodeURIComponent(version);
    fetch(url, {
      cache: "no-store",
      credentials: "same-origin",
      headers: { Accept: "application/json" },
      signal: controller ? controller.signal : undefined,
    })
      .then(function (response) {
        if (response.status === 204) return null;
        if (response.status === 404 || response.status === 403) {
          var error = new Error("gone");
          error.gone = true;
          throw error;
        }
        // A signed-in screen whose session ended is sent to the login page: not a state.
        var type = response.headers.get("Content-Type") || "";
        if (!response.ok || type.indexOf("application/json") < 0) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(function (state) {
        if (state) apply(state);
        connected(true);
        schedule();
      })
      .catch(function (error) {
        if (error && error.gone) { gone.hidden = false; return; }
        connected(false);
        schedule();
      })
      .finally(function () { if (timer) clearTimeout(timer); });
  }

  function schedule() { setTimeout(poll, pollMs); }

  // ------------------------------------------------------------ full screen, cursor, sleep

  var button = document.querySelector("[data-fullscreen]");
  var framed = window.self !== window.top; // the preview on the staff page

  function fullscreenChanged() {
    button.hidden = framed || !document.fullscreenEnabled || Boolean(document.fullscreenElement);
  }

  button.addEventListener("click", function () {
    var request = document.documentElement.requestFullscreen;
    if (request) request.call(document.documentElement).catch(function () {});
  });
  document.addEventListener("fullscreenchange", fullscreenChanged);
  fullscreenChanged();

  // The cursor hides once the mouse rests, so nothing sits on the picture; it comes back when moved.
  var idleTimer = null;
  function awake() {
    body.classList.remove("is-idle");
    clearTimeout(idleTimer);
    idleTimer = setTimeout(function () { body.classList.add("is-idle"); }, 2000);
  }
  document.addEventListener("mousemove", awake);
  awake();

  // Keep a laptop's display from going to sleep during the conference, where the browser allows it
  // (a secure context only; on plain http in the hall the power settings decide).
  function keepAwake() {
    if (navigator.wakeLock && document.visibilityState === "visible") {
      navigator.wakeLock.request("screen").catch(function () {});
    }
  }
  document.addEventListener("visibilitychange", keepAwake);
  keepAwake();

  if (initial) apply(JSON.parse(initial.textContent));
  schedule();
})();
