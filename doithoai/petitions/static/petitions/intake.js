// The paper-form page (petitions/intake/paper_entry.html): typed from a stack of forms with the keyboard only.
//
// - A combobox (ARIA 1.2: input + listbox) finds a village or a sector typed without diacritics:
//   "na po" finds "Thôn Nà Pò", "giao thong" finds "Xây dựng – giao thông – hạ tầng". ↓/↑ move,
//   Enter chooses, Tab chooses the highlighted option and moves on, Escape closes. The options are the
//   JSON embedded in the page; the server reads the typed text the same way when the script is absent.
// - Ctrl+Enter (⌘+Enter) saves from anywhere in the form; a plain Enter in a one-line box does not send a
//   half-typed form.
// - A double click sends the form once; complaints and denunciations show a warning.
(function () {
  "use strict";

  var MAX_SHOWN = 50;

  // As lib/text.py fold(): lowercase, without diacritics, đ → d, spaces collapsed.
  function fold(text) {
    return (text || "")
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[đĐ]/g, "d")
      .toLowerCase()
      .replace(/\s+/g, " ")
      .trim();
  }

  // Options whose names hold every word typed; an exact name (with or without "Thôn") first.
  function find(options, text) {
    var typed = fold(text);
    if (!typed) { return options.slice(0, MAX_SHOWN); }
    var words = typed.split(" ");
    var exact = [];
    var others = [];
    options.forEach(function (option) {
      var keys = option.keys;
      var all = words.every(function (word) {
        return keys.some(function (key) { return key.indexOf(word) !== -1; });
      });
      if (!all) { return; }
      (keys.indexOf(typed) !== -1 ? exact : others).push(option);
    });
    return exact.concat(others).slice(0, MAX_SHOWN);
  }

  function Combobox(root) {
    var source = document.getElementById(root.getAttribute("data-options"));
    this.options = source ? JSON.parse(source.textContent) : [];
    this.root = root;
    this.input = root.querySelector("[data-combobox-input]");
    this.value = root.querySelector("[data-combobox-value]");
    this.list = root.querySelector("[role=listbox]");
    this.status = root.querySelector("[data-combobox-status]");
    this.shown = [];
    this.active = -1;
    this.bind();
  }

  Combobox.prototype.bind = function () {
    var self = this;
    self.input.addEventListener("input", function () {
      self.value.value = "";
      self.open(find(self.options, self.input.value), true);
    });
    self.input.addEventListener("keydown", function (event) { self.key(event); });
    self.input.addEventListener("blur", function () {
      // A name typed whole that names one option is taken as chosen.
      if (!self.value.value) {
        var found = find(self.options, self.input.value);
        if (self.input.value.trim() && found.length === 1) { self.choose(found[0], true); }
      }
      self.close();
    });
    self.list.addEventListener("mousedown", function (event) { event.preventDefault(); });
    self.list.addEventListener("click", function (event) {
      var item = event.target.closest("[role=option]");
      if (item) { self.choose(self.shown[Number(item.getAttribute("data-index"))]); }
    });
  };

  Combobox.prototype.isOpen = function () { return !this.list.hidden; };

  Combobox.prototype.open = function (found, highlightFirst) {
    var self = this;
    self.shown = found;
    self.list.textContent = "";
    found.forEach(function (option, index) {
      var item = document.createElement("li");
      item.className = "list-group-item list-group-item-action";
      item.id = self.list.id + "-" + index;
      item.setAttribute("role", "option");
      item.setAttribute("aria-selected", "false");
      item.setAttribute("data-index", String(index));
      item.textContent = option.label;
      self.list.appendChild(item);
    });
    self.list.hidden = found.length === 0;
    self.input.setAttribute("aria-expanded", found.length ? "true" : "false");
    // The words come translated from the page (data-count-text, data-none-text).
    self.status.textContent = found.length
      ? (self.root.getAttribute("data-count-text") || "{n}").replace("{n}", String(found.length))
      : self.root.getAttribute("data-none-text") || "";
    self.highlight(highlightFirst && found.length ? 0 : -1);
  };

  Combobox.prototype.close = function () {
    this.list.hidden = true;
    this.input.setAttribute("aria-expanded", "false");
    this.input.removeAttribute("aria-activedescendant");
    this.active = -1;
  };

  Combobox.prototype.highlight = function (index) {
    var items = this.list.querySelectorAll("[role=option]");
    this.active = index;
    items.forEach(function (item, i) {
      var on = i === index;
      item.classList.toggle("active", on);
      item.setAttribute("aria-selected", on ? "true" : "false");
    });
    if (index >= 0 && items[index]) {
      this.input.setAttribute("aria-activedescendant", items[index].id);
      items[index].scrollIntoView({ block: "nearest" });
    } else {
      this.input.removeAttribute("aria-activedescendant");
    }
  };

  Combobox.prototype.choose = function (option, quiet) {
    if (!option) { return; }
    this.input.value = option.label;
    this.value.value = String(option.id);
    this.close();
    this.input.classList.remove("is-invalid");
    if (!quiet) { this.status.textContent = option.label; }
  };

  Combobox.prototype.key = function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey && event.key !== "ArrowDown") { return; }
    var count = this.shown.length;
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        if (!this.isOpen()) { this.open(find(this.options, this.value.value ? "" : this.input.value), true); return; }
        this.highlight(count ? (this.active + 1) % count : -1);
        break;
      case "ArrowUp":
        event.preventDefault();
        if (!this.isOpen()) { this.open(find(this.options, this.value.value ? "" : this.input.value), false); }
        this.highlight(count ? (this.active <= 0 ? count - 1 : this.active - 1) : -1);
        break;
      case "Enter":
        // Never sends the form: Enter here chooses.
        event.preventDefault();
        if (this.isOpen() && this.active >= 0) { this.choose(this.shown[this.active]); }
        break;
      case "Tab":
        if (this.isOpen() && this.active >= 0) { this.choose(this.shown[this.active]); }
        break;
      case "Escape":
        if (this.isOpen()) { event.preventDefault(); this.close(); }
        break;
      default:
        break;
    }
  };

  function paperForm(form) {
    form.querySelectorAll("[data-combobox]").forEach(function (root) { root.combobox = new Combobox(root); });

    form.addEventListener("keydown", function (event) {
      if (event.key !== "Enter") { return; }
      if (event.ctrlKey || event.metaKey) {
        event.preventDefault();
        if (form.requestSubmit) { form.requestSubmit(); } else { form.submit(); }
        return;
      }
      var target = event.target;
      if (target.tagName === "INPUT" && target.type !== "submit" && target.type !== "button" && target.type !== "checkbox") {
        event.preventDefault();
      }
    });

    form.addEventListener("submit", function (event) {
      if (form.dataset.sent === "1") { event.preventDefault(); return; }
      form.dataset.sent = "1";
      window.setTimeout(function () {
        form.querySelectorAll("button[type=submit]").forEach(function (button) { button.disabled = true; });
      }, 0);
    });
    window.addEventListener("pageshow", function () {
      form.dataset.sent = "";
      form.querySelectorAll("button[type=submit]").forEach(function (button) { button.disabled = false; });
    });

    var kinds = (form.getAttribute("data-redirected-kinds") || "").split(",");
    var kind = form.querySelector("select[name=kind]");
    var warning = form.querySelector("[data-redirect-warning]");
    if (kind && warning) {
      var update = function () { warning.hidden = kinds.indexOf(kind.value) === -1; };
      kind.addEventListener("change", update);
      update();
    }

    var focused = form.querySelector("[autofocus]");
    if (focused && document.activeElement !== focused) { focused.focus(); }
  }

  document.querySelectorAll("form[data-paper-form]").forEach(paperForm);
})();
