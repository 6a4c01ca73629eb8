/* An alert's daily chart, drawn with Chart.js from the figures the page holds in
   #alert-data (json_script: no inline script, CSP): the reports each day as bars, darker
   within the alert's window, and the number expected as a line. The table under the
   chart gives the same figures to everyone. */
(function () {
  "use strict";

  var OUTSIDE = "#9ec5fe";
  var INSIDE = "#dc3545";
  var EXPECTED = "#212529";

  function draw() {
    var source = document.getElementById("alert-data");
    var canvas = document.getElementById("chart-series");
    if (!source || !canvas || typeof window.Chart === "undefined") {
      return;
    }
    var data = JSON.parse(source.textContent);
    var days = data.days;
    new Chart(canvas, {
      data: {
        labels: days.map(function (day) { return day.label; }),
        datasets: [
          {
            type: "line",
            label: data.labels.expected,
            data: days.map(function (day) { return day.expected; }),
            borderColor: EXPECTED,
            borderWidth: 2,
            borderDash: [6, 4],
            pointRadius: 0,
            tension: 0.2,
            order: 0
          },
          {
            type: "bar",
            label: data.labels.observed,
            data: days.map(function (day) { return day.observed; }),
            backgroundColor: days.map(function (day) { return day.in_window ? INSIDE : OUTSIDE; }),
            order: 1
          }
        ]
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        interaction: { mode: "index", intersect: false },
        scales: {
          x: { ticks: { autoSkip: true, maxRotation: 0 } },
          y: { beginAtZero: true, ticks: { precision: 0 } }
        },
        plugins: {
          legend: {
            position: "bottom",
            labels: {
              generateLabels: function (chart) {
                var labels = Chart.defaults.plugins.legend.labels.generateLabels(chart);
                labels.forEach(function (label) {
                  if (label.text === data.labels.observed) {
                    label.fillStyle = OUTSIDE;
                  }
                });
                labels.push({ text: data.labels.window, fillStyle: INSIDE, strokeStyle: INSIDE, lineWidth: 0, hidden: false, datasetIndex: -1 });
                return labels;
              }
            },
            onClick: function () {}
          }
        }
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
