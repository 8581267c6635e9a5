/* selon — progressive enhancement only: every page works without this file.
 * Article page: selecting a highlighted statement shows its record in a side panel
 * (the records list below the text is the no-JavaScript version).
 * Timeline page: draws the plot with plotly.js, served from the installed package.
 * Article data is only ever inserted as text (textContent) or as clones of the server's
 * own escaped markup; never through innerHTML. */
(function () {
  "use strict";

  function ready(fn) {
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", fn);
    } else {
      fn();
    }
  }

  function initArticle(panel) {
    var text = document.querySelector(".text");
    var reader = document.querySelector(".reader");
    if (!text || !reader) { return; }

    function clear() {
      var active = document.querySelectorAll(".text .active");
      for (var i = 0; i < active.length; i++) { active[i].classList.remove("active"); }
    }

    function close() {
      clear();
      panel.hidden = true;
      panel.replaceChildren();
      reader.classList.remove("has-panel");
    }

    function show(id) {
      var record = document.getElementById("rec-" + id);
      if (!record) { return; }
      clear();
      var parts = text.querySelectorAll("[data-a]");
      for (var i = 0; i < parts.length; i++) {
        if (parts[i].getAttribute("data-a") === id) { parts[i].classList.add("active"); }
      }
      var head = document.createElement("div");
      head.className = "panel-head";
      var title = document.createElement("h2");
      title.textContent = "Statement " + id;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "close";
      button.setAttribute("aria-label", "Close the record");
      button.textContent = "×";
      button.addEventListener("click", close);
      head.appendChild(title);
      head.appendChild(button);
      var copy = record.cloneNode(true);
      copy.removeAttribute("id");
      var forms = copy.querySelectorAll("details.correct");  // correct it in the list only
      for (var f = 0; f < forms.length; f++) { forms[f].remove(); }
      var list = document.createElement("ul");
      list.className = "panel-record";
      list.appendChild(copy);
      panel.replaceChildren(head, list);
      panel.hidden = false;
      reader.classList.add("has-panel");
    }

    text.addEventListener("click", function (event) {
      var link = event.target.closest ? event.target.closest("a[data-a]") : null;
      if (!link) { return; }
      event.preventDefault();
      show(link.getAttribute("data-a"));
    });
    text.addEventListener("focusin", function (event) {
      var link = event.target.closest ? event.target.closest("a[data-a]") : null;
      if (link) { show(link.getAttribute("data-a")); }
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && !panel.hidden) { close(); }
    });
    var m = /^#rec-(.+)$/.exec(window.location.hash);
    if (m) { show(decodeURIComponent(m[1])); }
  }

  function plain(value) {
    /* plotly reads a little HTML in labels: hand it none. */
    return String(value == null ? "" : value).replace(/[<>&]/g, function (c) {
      return { "<": "‹", ">": "›", "&": "+" }[c];
    });
  }

  function cut(value, n) {
    var s = plain(value);
    return s.length > n ? s.slice(0, n - 1) + "…" : s;
  }

  function initTimeline(box, retried) {
    if (typeof window.Plotly === "undefined" && !retried) {
      window.addEventListener("load", function () { initTimeline(box, true); });
      return;
    }
    if (typeof window.Plotly === "undefined" || !window.fetch) { return; }
    window.fetch(box.getAttribute("data-src"), { headers: { "Accept": "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (!data || (!data.statements.length && !data.events.length)) { return; }
        function trace(points, name, symbol, color) {
          return {
            type: "scatter", mode: "markers", name: name,
            x: points.map(function (p) { return p.date; }),
            y: points.map(function (p) { return cut(p.source, 40); }),
            text: points.map(function (p) {
              return cut(p.stance, 20) + " · " + cut(p.content, 90) + (p.text ? " · " + cut(p.text, 40) : "");
            }),
            hoverinfo: "x+y+text",
            marker: { symbol: symbol, size: 10, color: color, opacity: 0.8 }
          };
        }
        var traces = [
          trace(data.statements, "statement (publication date)", "circle", "#0b5cad"),
          trace(data.events, "dated event inside a statement", "diamond", "#c2410c")
        ];
        box.classList.add("ready");
        window.Plotly.newPlot(box, traces, {
          margin: { l: 150, r: 20, t: 20, b: 40 },
          xaxis: { type: "date", title: { text: "date" } },
          yaxis: { automargin: true },
          legend: { orientation: "h", y: -0.2 },
          hovermode: "closest"
        }, { displaylogo: false, responsive: true, modeBarButtonsToRemove: ["toImage", "sendDataToCloud"] });
      })
      .catch(function () { box.classList.remove("ready"); });
  }

  ready(function () {
    var panel = document.getElementById("panel");
    if (panel) { initArticle(panel); }
    var plot = document.getElementById("timeline-plot");
    if (plot) { initTimeline(plot, false); }
  });
}());
