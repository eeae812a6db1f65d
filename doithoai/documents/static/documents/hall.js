// The rules on the hall's screen, one article at a time: → / Space / PageDown / a click go on, ← / PageUp go
// back, Home goes to the title. Without scripts every article is on the page, one under the other. Both
// pages have a full-screen button.
(function () {
  "use strict";
  var button = document.querySelector("[data-fullscreen]");
  if (button && document.documentElement.requestFullscreen) {
    button.hidden = false;
    button.addEventListener("click", function (event) {
      event.stopPropagation();
      document.documentElement.requestFullscreen();
    });
    document.addEventListener("fullscreenchange", function () { button.hidden = !!document.fullscreenElement; });
  }
  var slides = Array.prototype.slice.call(document.querySelectorAll("[data-slide]"));
  if (slides.length < 2) return;
  var count = document.querySelector("[data-count]");
  var current = 0;
  document.body.classList.add("hall-paged");
  function show(index) {
    current = Math.max(0, Math.min(slides.length - 1, index));
    slides.forEach(function (slide, i) { slide.classList.toggle("is-current", i === current); });
    if (count) {
      count.hidden = current === 0;
      count.textContent = count.getAttribute("data-label") + " " + current + "/" + (slides.length - 1);
    }
  }
  document.addEventListener("keydown", function (event) {
    if (["ArrowRight", "ArrowDown", "PageDown", " ", "Enter"].indexOf(event.key) >= 0) { show(current + 1); event.preventDefault(); }
    else if (["ArrowLeft", "ArrowUp", "PageUp", "Backspace"].indexOf(event.key) >= 0) { show(current - 1); event.preventDefault(); }
    else if (event.key === "Home") { show(0); }
    else if (event.key === "End") { show(slides.length - 1); }
  });
  document.addEventListener("click", function (event) { show(event.clientX < window.innerWidth / 4 ? current - 1 : current + 1); });
  show(0);
})();
