// Forms marked data-once send once: a double click or an impatient second click does not post twice.
// The buttons are disabled just after the submit event, so the clicked button's value is still sent.
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (!form.hasAttribute || !form.hasAttribute("data-once") || event.defaultPrevented) { return; }
  if (form.dataset.sent === "1") { event.preventDefault(); return; }
  form.dataset.sent = "1";
  window.setTimeout(function () {
    form.querySelectorAll("button[type=submit]").forEach(function (button) { button.disabled = true; });
  }, 0);
});
// Coming back to the page (the browser's back button) makes the forms usable again.
window.addEventListener("pageshow", function () {
  document.querySelectorAll("form[data-once]").forEach(function (form) {
    form.dataset.sent = "";
    form.querySelectorAll("button[type=submit]").forEach(function (button) { button.disabled = false; });
  });
});
