/* Draws every chart of a page from its data, with the locally served Chart.js (no CDN).
 *
 * A chart is <canvas data-chart-source="ID" role="img" aria-label="…"> and a <script type="application/json"
 * id="ID"> holding {type: "bar"|"doughnut"|"line", horizontal: bool, stacked: bool, percent: bool, labels: […],
 * datasets: [{label, data: […], links: […], color}]}. Clicking a bar, slice or point opens datasets[d].links[i]:
 * the filtered list behind that figure. Each chart also has a table with the same figures and links beside it,
 * for the keyboard, screen readers and browsers without JavaScript.
 */
(function () {
  "use strict";
  var PALETTE = ["#0d6efd", "#198754", "#fd7e14", "#6f42c1", "#dc3545", "#20c997", "#ffc107", "#6c757d",
                 "#0dcaf0", "#d63384", "#6610f2", "#adb5bd"];

  function draw(canvas) {
    if (canvas.dataset.chartDrawn) { return; }
    var source = document.getElementById(canvas.dataset.chartSource);
    if (!source || typeof Chart === "undefined") { return; }
    var spec = JSON.parse(source.textContent);
    var many = spec.type === "doughnut" || spec.datasets.length === 1 && spec.colorEach;
    var datasets = spec.datasets.map(function (set, index) {
      var color = set.color || PALETTE[index % PALETTE.length];
      return {
        label: set.label,
        data: set.data,
        backgroundColor: many ? spec.labels.map(function (_, i) { return set.colors ? set.colors[i] : PALETTE[i % PALETTE.length]; }) : color,
        borderColor: spec.type === "line" ? color : (spec.type === "doughnut" ? "#fff" : color),
        borderWidth: spec.type === "line" ? 2 : 1,
        tension: 0.2,
        fill: false
      };
    });
    var options = {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      indexAxis: spec.horizontal ? "y" : "x",
      plugins: {
        legend: { display: spec.type === "doughnut" || spec.datasets.length > 1, position: "bottom" },
        tooltip: spec.percent ? { callbacks: { label: function (ctx) {
          var v = ctx.parsed && typeof ctx.parsed === "object" ? (spec.horizontal ? ctx.parsed.x : ctx.parsed.y) : ctx.parsed;
          return ctx.dataset.label + ": " + (v === null ? "—" : String(v).replace(".", ",") + "%");
        } } } : {}
      },
      onHover: function (event, elements) {
        var hit = elements.length && link(spec, elements[0]);
        event.native.target.style.cursor = hit ? "pointer" : "default";
      },
      onClick: function (event, elements) {
        var target = elements.length && link(spec, elements[0]);
        if (target) { window.location.assign(target); }
      }
    };
    if (spec.type !== "doughnut") {
      var valueAxis = { beginAtZero: true, stacked: !!spec.stacked, ticks: { precision: 0 } };
      if (spec.percent) { valueAxis.max = 100; }
      options.scales = spec.horizontal
        ? { x: valueAxis, y: { stacked: !!spec.stacked, ticks: { autoSkip: false } } }
        : { y: valueAxis, x: { stacked: !!spec.stacked } };
    }
    new Chart(canvas, { type: spec.type, data: { labels: spec.labels, datasets: datasets }, options: options });
    canvas.dataset.chartDrawn = "1";
  }

  function link(spec, element) {
    var set = spec.datasets[element.datasetIndex];
    return set && set.links ? set.links[element.index] : null;
  }

  function drawAll(root) {
    (root || document).querySelectorAll("canvas[data-chart-source]").forEach(draw);
  }

  // A period form: typing a date means a custom range, so the period's kind follows (else the dates are ignored).
  document.addEventListener("change", function (event) {
    var input = event.target;
    if (!input.form || (input.name !== "tu_ngay" && input.name !== "den_ngay") || !input.value) { return; }
    var kind = input.form.querySelector("select[name=ky]");
    if (kind) { kind.value = "tuy-chon"; }
  });

  document.addEventListener("DOMContentLoaded", function () { drawAll(document); });
  // A part of the page replaced by htmx (a new period) brings its own charts.
  document.addEventListener("htmx:afterSettle", function (event) { drawAll(event.target); });
})();
