/* The dashboard's charts, drawn with Chart.js from the figures the page holds in
   #dashboard-data (json_script: no inline script, CSP). Each chart is a stacked bar
   chart of the table under it; a bar opens the list it counts when there is one. */
(function () {
  "use strict";

  var LABEL_LENGTH = 28;
  var BAR = 28;
  var ROW_HEIGHT = 30;
  var MIN_HEIGHT = 160;

  function shorten(text) {
    return text.length > LABEL_LENGTH ? text.slice(0, LABEL_LENGTH - 1) + "…" : text;
  }

  function bars(id, chart) {
    var canvas = document.getElementById(id);
    if (!canvas || !chart || !chart.labels.length) {
      return;
    }
    // One row per bar: a province's hundred communes get a tall chart, not squeezed bars.
    canvas.parentNode.style.height = Math.max(MIN_HEIGHT, 60 + chart.labels.length * ROW_HEIGHT) + "px";
    var urls = chart.urls || [];
    new Chart(canvas, {
      type: "bar",
      data: {
        labels: chart.labels,
        datasets: chart.datasets.map(function (set) {
          return { label: set.label, data: set.data, backgroundColor: set.backgroundColor, maxBarThickness: BAR };
        })
      },
      options: {
        indexAxis: "y",
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: {
          x: { stacked: true, beginAtZero: true, ticks: { precision: 0 } },
          y: {
            stacked: true,
            ticks: {
              autoSkip: false,
              callback: function (value) { return shorten(this.getLabelForValue(value)); }
            }
          }
        },
        plugins: { legend: { position: "bottom" } },
        onClick: function (event, elements) {
          if (elements.length && urls[elements[0].index]) {
            window.location.assign(urls[elements[0].index]);
          }
        },
        onHover: function (event, elements) {
          var link = elements.length && urls[elements[0].index];
          event.native.target.style.cursor = link ? "pointer" : "default";
        }
      }
    });
  }

  function draw() {
    var source = document.getElementById("dashboard-data");
    if (!source || typeof window.Chart === "undefined") {
      return;
    }
    var data = JSON.parse(source.textContent);
    bars("chart-tasks", data.tasks);
    bars("chart-categories", data.categories);
    bars("chart-localities", data.localities);
    bars("chart-awards", data.awards);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
