/* The overview's charts, drawn with Chart.js from the figures the page holds in
   #overview-data (json_script: no inline script, CSP). Each bar opens the list of the
   cases it counts; the tables under the charts give the same figures to everyone. */
(function () {
  "use strict";

  var BLUE = "#0d6efd";
  var RED = "#dc3545";
  var LABEL_LENGTH = 28;
  var BAR = 32;

  function shorten(text) {
    return text.length > LABEL_LENGTH ? text.slice(0, LABEL_LENGTH - 1) + "…" : text;
  }

  function datasets(rows, labels) {
    var split = rows.some(function (row) { return row.overdue > 0; });
    if (!split) {
      return [{ label: labels.open, data: rows.map(function (row) { return row.count; }), backgroundColor: BLUE, maxBarThickness: BAR }];
    }
    return [
      { label: labels.in_time, data: rows.map(function (row) { return row.count - row.overdue; }), backgroundColor: BLUE, maxBarThickness: BAR },
      { label: labels.overdue, data: rows.map(function (row) { return row.overdue; }), backgroundColor: RED, maxBarThickness: BAR }
    ];
  }

  function bars(id, rows, labels, horizontal) {
    var canvas = document.getElementById(id);
    if (!canvas || !rows.length) {
      return;
    }
    var valueAxis = { stacked: true, beginAtZero: true, ticks: { precision: 0 } };
    var labelAxis = {
      stacked: true,
      ticks: {
        autoSkip: false,
        callback: function (value) { return shorten(this.getLabelForValue(value)); }
      }
    };
    new Chart(canvas, {
      type: "bar",
      data: { labels: rows.map(function (row) { return row.label; }), datasets: datasets(rows, labels) },
      options: {
        indexAxis: horizontal ? "y" : "x",
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: horizontal ? { x: valueAxis, y: labelAxis } : { x: labelAxis, y: valueAxis },
        plugins: { legend: { position: "bottom" } },
        onClick: function (event, elements) {
          if (elements.length) {
            window.location.assign(rows[elements[0].index].url);
          }
        },
        onHover: function (event, elements) {
          event.native.target.style.cursor = elements.length ? "pointer" : "default";
        }
      }
    });
  }

  function draw() {
    var source = document.getElementById("overview-data");
    if (!source || typeof window.Chart === "undefined") {
      return;
    }
    var data = JSON.parse(source.textContent);
    bars("chart-units", data.units, data.labels, true);
    bars("chart-ages", data.ages, data.labels, false);
    bars("chart-categories", data.categories, data.labels, true);
    bars("chart-localities", data.localities, data.labels, true);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
