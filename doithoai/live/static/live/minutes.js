/* Autosave of the minutes (biên bản): nothing typed is lost, and two people never overwrite each other.
 *
 * Each <textarea data-section-key data-revision> inside a form[data-minutes-section] is one section.
 * - Every keystroke goes to localStorage at once (key: conference, user, section) with the revision it was
 *   typed on; the text is sent 1 s after the person stops typing, and at least every 10 s while they type.
 * - The server answers 200 (saved: new revision), 409 (someone saved another text since our revision:
 *   the conflict view shows both, and nothing is overwritten until the person chooses), or 400 (refused).
 *   A dropped network or a server error is retried with a growing delay, and at once when the browser
 *   says it is online again. The local copy is removed only once the server has confirmed that text.
 * - Leaving the page (pagehide, or the tab hidden) sends what is pending with fetch keepalive.
 * - On load, a local copy that differs from the server's text is restored: saved at once if it was typed
 *   on the revision the server still has, otherwise shown in the conflict view.
 * - Every few seconds the page asks which sections others saved; a section not being edited takes the new
 *   text, one being edited is marked (its next save meets the conflict view).
 * Without JavaScript each section's own button posts the form.
 */
(function () {
  "use strict";
  var root = document.querySelector("[data-minutes]");
  if (!root || !root.dataset.saveUrl) return;
  var messagesNode = document.getElementById("minutes-messages");
  var MSG = messagesNode ? JSON.parse(messagesNode.textContent) : {};
  var DEBOUNCE_MS = 1000;
  var MAX_WAIT_MS = 10000;
  var RETRY_MIN_MS = 2000;
  var RETRY_MAX_MS = 30000;
  var pollMs = Number(root.dataset.pollMs || 5000);
  var saveUrl = root.dataset.saveUrl;
  var pollUrl = root.dataset.pollUrl;
  var storePrefix = "doithoai:minutes:" + root.dataset.conference + ":" + root.dataset.user + ":";
  var template = document.getElementById("minutes-conflict-template");
  var overall = root.querySelector("[data-minutes-overall]");
  var banner = root.querySelector("[data-minutes-banner]");
  var sections = {};
  var order = [];
  var lastPoll = root.dataset.serverNow || "";
  var generated = root.dataset.generated || "";
  var lastSavedAt = "";
  var stopped = false;

  function fmt(text, values) {
    return String(text || "").replace(/%\((\w+)\)s/g, function (_m, name) {
      return values[name] == null ? "" : String(values[name]);
    });
  }

  function csrfToken(form) {
    var headers = document.body.getAttribute("hx-headers");
    if (headers) {
      try {
        var token = JSON.parse(headers)["X-CSRFToken"];
        if (token) return token;
      } catch (e) { /* fall through to the form and the cookie */ }
    }
    var input = form && form.querySelector("input[name=csrfmiddlewaretoken]");
    if (input && input.value) return input.value;
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  // ------------------------------------------------------------ the local copy

  function readDraft(key) {
    try {
      var raw = window.localStorage.getItem(storePrefix + key);
      var draft = raw ? JSON.parse(raw) : null;
      return draft && typeof draft.text === "string" ? draft : null;
    } catch (e) { return null; }
  }

  function writeDraft(s) {
    try {
      window.localStorage.setItem(storePrefix + s.key, JSON.stringify({ text: s.el.value, base: s.revision, at: Date.now() }));
    } catch (e) { /* storage full or disabled: the server copy is all there is */ }
  }

  function clearDraft(key) {
    try { window.localStorage.removeItem(storePrefix + key); } catch (e) { /* nothing to clear */ }
  }

  // ------------------------------------------------------------ status

  var RANK = { saved: 0, dirty: 1, saving: 1, error: 2, offline: 3, session: 3, conflict: 4 };

  function setState(s, state, note) {
    s.state = state;
    var text = "";
    var tone = "text-body-secondary";
    if (state === "saved") {
      text = note || (s.at ? fmt(MSG.saved, { time: s.at }) + (s.by ? " (" + s.by + ")" : "") : "");
      tone = note ? "text-primary" : "text-success";
    } else if (state === "dirty" || state === "saving") {
      text = MSG.saving;
    } else if (state === "offline") {
      text = MSG.offline; tone = "text-danger";
    } else if (state === "session") {
      text = MSG.session; tone = "text-danger";
    } else if (state === "error") {
      text = note || ""; tone = "text-danger";
    } else if (state === "conflict") {
      text = MSG.conflict; tone = "text-warning-emphasis";
    }
    if (state === "dirty" && s.remoteNewer) { text = MSG.conflict; tone = "text-warning-emphasis"; }
    s.status.textContent = text;
    s.status.className = "minutes-status small me-auto " + tone;
    s.form.dataset.state = state;
    refreshOverall();
  }

  function refreshOverall() {
    if (!overall) return;
    var worst = "saved";
    order.forEach(function (s) { if (RANK[s.state] > RANK[worst]) worst = s.state; });
    var text;
    if (worst === "conflict") text = MSG.conflict;
    else if (worst === "offline") text = MSG.offline;
    else if (worst === "session") text = MSG.session;
    else if (worst === "error") text = fmt(MSG.refused, { error: "" }).replace(/[:\s]+$/, "");
    else if (worst === "saving" || worst === "dirty") text = MSG.saving;
    else text = lastSavedAt ? fmt(MSG.saved, { time: lastSavedAt }) : MSG.allSaved;
    overall.textContent = text;
    overall.dataset.state = worst;
    overall.className = "minutes-overall small " + (worst === "saved" ? "text-success" : worst === "saving" || worst === "dirty" ? "text-body-secondary" : "text-danger");
  }

  function showBanner(text) {
    if (!banner) return;
    banner.querySelector("[data-minutes-banner-text]").textContent = text;
    banner.hidden = false;
  }

  // ------------------------------------------------------------ saving

  function isDirty(s) { return s.el.value !== s.saved; }

  function schedule(s) {
    if (s.conflict || stopped) return;
    clearTimeout(s.timer);
    if (!s.firstDirty) s.firstDirty = Date.now();
    setState(s, "dirty");
    if (Date.now() - s.firstDirty >= MAX_WAIT_MS) { save(s); return; }
    s.timer = setTimeout(function () { save(s); }, DEBOUNCE_MS);
  }

  function setRevision(s, revision, text) {
    s.revision = revision;
    s.saved = text;
    s.el.dataset.revision = String(revision);
    s.baseInput.value = String(revision);
  }

  function save(s, keepalive) {
    clearTimeout(s.timer);
    s.timer = null;
    if (s.conflict || stopped) return Promise.resolve();
    if (s.inflight) { s.again = true; return s.inflight; }
    var text = s.el.value;
    s.firstDirty = 0;
    if (text === s.saved) {
      clearDraft(s.key);
      if (s.state !== "saved") setState(s, "saved");
      return Promise.resolve();
    }
    clearTimeout(s.retryTimer);
    setState(s, "saving");
    var body = new FormData();
    body.append("csrfmiddlewaretoken", csrfToken(s.form));
    body.append("key", s.key);
    body.append("text", text);
    body.append("base_revision", String(s.revision));
    var request;
    try {
      request = fetch(saveUrl, {
        method: "POST",
        body: body,
        credentials: "same-origin",
        keepalive: !!keepalive,
        headers: { "X-CSRFToken": csrfToken(s.form), "Accept": "application/json", "X-Requested-With": "XMLHttpRequest" },
      });
    } catch (e) {
      request = Promise.reject(e);
    }
    s.inflight = request
      .then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        if (type.indexOf("application/json") === -1) {
          var error = new Error("not json");
          error.session = response.redirected || response.status === 403;
          throw error;
        }
        return response.json().then(function (data) { return { status: response.status, data: data }; });
      })
      .then(function (result) { s.inflight = null; answered(s, text, result); })
      .catch(function (error) { s.inflight = null; failed(s, error); });
    return s.inflight;
  }

  function answered(s, sent, result) {
    var data = result.data || {};
    if (result.status === 200) {
      s.retry = 0;
      s.remoteNewer = false;
      setRevision(s, data.revision, sent);
      s.by = data.by || s.by;
      s.at = data.saved_at_text || s.at;
      if (s.at) lastSavedAt = s.at;
      s.again = false;
      if (s.el.value === sent) {
        clearDraft(s.key);
        setState(s, "saved");
      } else {
        writeDraft(s); // what was typed meanwhile now stands on the new revision
        schedule(s);
      }
      return;
    }
    s.again = false;
    if (result.status === 409 && data.conflict) {
      showConflict(s, data);
      return;
    }
    var errors = data.errors || {};
    var first = "";
    Object.keys(errors).forEach(function (k) { if (!first && errors[k].length) first = errors[k][0]; });
    if (errors.status) { stopped = true; showBanner(MSG.finalised); }
    setState(s, "error", fmt(MSG.refused, { error: first || result.status }));
  }

  function failed(s, error) {
    s.again = false;
    setState(s, error && error.session ? "session" : "offline");
    s.retry = Math.min(Math.max(RETRY_MIN_MS, (s.retry || 0) * 2), RETRY_MAX_MS);
    clearTimeout(s.retryTimer);
    s.retryTimer = setTimeout(function () { save(s); }, s.retry);
  }

  function flushAll(keepalive) {
    return Promise.all(order.map(function (s) {
      if (s.conflict) return Promise.resolve();
      if (isDirty(s) || s.inflight) return save(s, keepalive);
      return Promise.resolve();
    }));
  }

  // ------------------------------------------------------------ conflicts

  function merge(theirs, mine) {
    if (!theirs.trim()) return mine;
    if (!mine.trim() || mine === theirs) return theirs;
    if (mine.indexOf(theirs) !== -1) return mine;
    if (theirs.indexOf(mine) !== -1) return theirs;
    var seen = {};
    theirs.split("\n").forEach(function (line) { seen[line.trim()] = true; });
    var added = mine.split("\n").filter(function (line) { return line.trim() && !seen[line.trim()]; });
    return added.length ? theirs.replace(/\s+$/, "") + "\n" + added.join("\n") : theirs;
  }

  function showConflict(s, data) {
    s.conflict = { text: data.text || "", revision: Number(data.revision || 0), by: data.by || "", at: data.at_text || "" };
    clearTimeout(s.timer);
    clearTimeout(s.retryTimer);
    var slot = s.form.querySelector("[data-conflict-slot]");
    slot.textContent = "";
    if (template) {
      var node = template.content.cloneNode(true);
      node.querySelector("[data-conflict-mine]").textContent = s.el.value;
      node.querySelector("[data-conflict-theirs]").textContent = s.conflict.text;
      node.querySelector("[data-conflict-theirs-label]").textContent = fmt(MSG.theirsLabel, { by: s.conflict.by, time: s.conflict.at });
      node.querySelectorAll("[data-conflict-choice]").forEach(function (button) {
        button.addEventListener("click", function () { resolve(s, button.dataset.conflictChoice); });
      });
      slot.appendChild(node);
    }
    setState(s, "conflict");
  }

  function resolve(s, choice) {
    var c = s.conflict;
    if (!c) return;
    var mine = s.el.value;
    var text = choice === "mine" ? mine : choice === "theirs" ? c.text : merge(c.text, mine);
    s.conflict = null;
    s.remoteNewer = false;
    s.form.querySelector("[data-conflict-slot]").textContent = "";
    setRevision(s, c.revision, c.text);
    s.by = c.by;
    s.at = c.at;
    s.el.value = text;
    if (text === c.text) {
      clearDraft(s.key);
      setState(s, "saved");
    } else {
      writeDraft(s);
      save(s);
    }
    s.el.focus();
  }

  // ------------------------------------------------------------ other people's saves

  function applyRemote(s, remote) {
    if (s.conflict) {
      // The stored text moved on again while the person is choosing: choose against the newest.
      if (remote.revision > s.conflict.revision) showConflict(s, remote);
      return;
    }
    if (remote.revision <= s.revision) return;
    if (!isDirty(s) && !s.inflight) {
      s.el.value = remote.text;
      setRevision(s, remote.revision, remote.text);
      s.by = remote.by;
      s.at = remote.at_text;
      clearDraft(s.key);
      setState(s, "saved", fmt(MSG.updated, { by: remote.by, time: remote.at_text }));
      return;
    }
    s.remoteNewer = true;
    if (s.state === "dirty") setState(s, "dirty");
  }

  function schedulePoll() {
    if (!stopped) setTimeout(poll, pollMs);
  }

  function poll() {
    if (document.hidden) { schedulePoll(); return; }
    fetch(pollUrl + "?sau=" + encodeURIComponent(lastPoll), {
      credentials: "same-origin",
      cache: "no-store",
      headers: { "Accept": "application/json" },
    })
      .then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        return response.ok && type.indexOf("application/json") !== -1 ? response.json() : null;
      })
      .then(function (data) {
        if (!data) return;
        lastPoll = data.now || lastPoll;
        if (data.status && data.status !== "draft") {
          stopped = true;
          showBanner(MSG.finalised);
          return;
        }
        if (data.generated && generated && data.generated !== generated) showBanner(MSG.generated);
        (data.sections || []).forEach(function (remote) {
          var s = sections[remote.key];
          if (s) applyRemote(s, remote);
        });
      })
      .catch(function () { /* offline: the next poll tries again */ })
      .then(schedulePoll);
  }

  // ------------------------------------------------------------ set up

  function setup(form) {
    var el = form.querySelector("textarea[data-section-key]");
    if (!el) return;
    var s = {
      key: el.dataset.sectionKey,
      form: form,
      el: el,
      status: form.querySelector("[data-section-status]"),
      baseInput: form.querySelector("[data-base-revision]"),
      revision: Number(el.dataset.revision || 0),
      saved: el.value,
      by: el.dataset.savedBy || "",
      at: el.dataset.savedAt || "",
      state: "saved",
      timer: null,
      retryTimer: null,
      retry: 0,
      firstDirty: 0,
      inflight: null,
      again: false,
      conflict: null,
      remoteNewer: false,
    };
    sections[s.key] = s;
    order.push(s);
    el.addEventListener("input", function () {
      writeDraft(s);
      if (s.conflict) {
        var mine = s.form.querySelector("[data-conflict-mine]");
        if (mine) mine.textContent = s.el.value;
        return;
      }
      schedule(s);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      save(s);
    });
  }

  function restore(s) {
    var draft = readDraft(s.key);
    if (!draft) return;
    if (draft.text === s.el.value) { clearDraft(s.key); return; }
    var serverText = s.el.value;
    s.el.value = draft.text;
    if (Number(draft.base) === s.revision) {
      save(s);
    } else {
      showConflict(s, { text: serverText, revision: s.revision, by: s.by, at_text: s.at });
    }
  }

  root.querySelectorAll("form[data-minutes-section]").forEach(setup);
  order.forEach(restore);
  refreshOverall();

  window.addEventListener("online", function () {
    order.forEach(function (s) {
      if (s.state === "offline" || s.state === "session" || (isDirty(s) && !s.inflight && !s.conflict)) save(s);
    });
  });
  window.addEventListener("pagehide", function () { flushAll(true); });
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") flushAll(true);
  });

  var reload = root.querySelector("[data-minutes-reload]");
  if (reload) {
    reload.addEventListener("click", function () {
      flushAll(false).then(function () { window.location.reload(); });
    });
  }

  // Finalising takes what is on the server: send what is pending first, and not with a conflict open.
  root.querySelectorAll("form[data-minutes-flush]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (form.dataset.flushed === "1") return;
      event.preventDefault();
      flushAll(false).then(function () {
        var open = order.filter(function (s) { return s.conflict || isDirty(s) || s.state === "offline"; });
        if (open.length) {
          showBanner(open.some(function (s) { return s.conflict; }) ? MSG.pendingConflict : MSG.offline);
          return;
        }
        form.dataset.flushed = "1";
        form.submit();
      });
    });
  });

  schedulePoll();
})();
