/* selon — progressive enhancement only: every page works without this file.
 * Article page: selecting a highlighted statement shows its record in a side panel
 * (the records list below the text is the no-JavaScript version).
 * Timeline page: draws the plot with plotly.js (served from the installed package and
 * fetched only there).
 * Every page: "Copy citation" buttons copy their citation's text (shown in a <details>
 * without JavaScript); a permalink #s-<statement> scrolls to the sentence and marks it.
 * Its own words come from the page (JSON in <body data-strings>, in the page's language).
 * Article data is only ever inserted as text (textContent) or as clones of the server's
 * own escaped markup; never through innerHTML. */
(function () {
  "use strict";

  /* The page's own words, in its language: JSON in the body's data-strings attribute. */
  var strings = {};
  try {
    strings = JSON.parse(document.body.getAttribute("data-strings") || "{}") || {};
  } catch (e) { strings = {}; }
  function t(key, fallback) { return strings[key] || fallback; }

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
      title.textContent = t("statement", "Statement %(id)s").replace("%(id)s", id);
      var button = document.createElement("button");
      button.type = "button";
      button.className = "close";
      button.setAttribute("aria-label", t("close", "Close the record"));
      button.textContent = "×";
      button.addEventListener("click", close);
      head.appendChild(title);
      head.appendChild(button);
      var copy = record.cloneNode(true);
      copy.removeAttribute("id");
      var inner = copy.querySelectorAll("[id]");
      for (var k = 0; k < inner.length; k++) { inner[k].removeAttribute("id"); }
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
    function cite(hash) {
      var m = /^#(rec|s)-(.+)$/.exec(hash);
      if (!m) { return; }
      var id = decodeURIComponent(m[2]);
      show(id);
      if (m[1] !== "s") { return; }
      var old = text.querySelectorAll(".cited");
      for (var i = 0; i < old.length; i++) { old[i].classList.remove("cited"); }
      var parts = text.querySelectorAll("[data-a]");
      var first = null;
      for (var j = 0; j < parts.length; j++) {
        if (parts[j].getAttribute("data-a") === id) {
          parts[j].classList.add("cited");
          if (!first) { first = parts[j]; }
        }
      }
      if (first) { first.scrollIntoView({ block: "center" }); }
    }
    cite(window.location.hash);
    window.addEventListener("hashchange", function () { cite(window.location.hash); });
  }

  function initCitations() {
    var buttons = document.querySelectorAll("button.copy-cite");
    for (var i = 0; i < buttons.length; i++) { buttons[i].hidden = false; }
    document.addEventListener("click", function (event) {
      var button = event.target.closest ? event.target.closest("button.copy-cite") : null;
      if (!button) { return; }
      var source = document.getElementById(button.getAttribute("data-copy"));
      if (!source) { return; }
      var value = source.textContent;
      function done() {
        button.setAttribute("data-label", button.getAttribute("data-label") || button.textContent);
        button.textContent = button.getAttribute("data-done");
        button.classList.add("copied");
      }
      function fallback() {
        var area = document.createElement("textarea");
        area.value = value;
        area.setAttribute("readonly", "");
        area.style.position = "fixed";
        area.style.opacity = "0";
        document.body.appendChild(area);
        area.select();
        try { if (document.execCommand("copy")) { done(); } } catch (e) { /* shown below */ }
        document.body.removeChild(area);
        var details = source.closest ? source.closest("details") : null;
        if (details) { details.open = true; }
      }
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(value).then(done, fallback);
      } else {
        fallback();
      }
    });
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

  function withPlotly(then) {
    /* plotly.js (several MB) is fetched only by a page that draws a chart. */
    if (typeof window.Plotly !== "undefined") { then(); return; }
    var script = document.createElement("script");
    script.src = "/static/vendor/plotly.min.js";
    script.async = true;
    script.addEventListener("load", function () {
      if (typeof window.Plotly !== "undefined") { then(); }
    });
    document.head.appendChild(script);
  }

  function dayAfter(iso, days) {
    var d = new Date(iso + "T00:00:00Z");
    d.setUTCDate(d.getUTCDate() + days);
    return d.toISOString().slice(0, 10);
  }

  function drawTimeline(box, data) {
    var narrow = box.clientWidth < 600;
    var chars = narrow ? 18 : 40;
    var lanes = (data.lanes || []).map(function (l) { return cut(l, chars); });
    function trace(points, name, symbol, color) {
      return {
        type: "scatter", mode: "markers", name: name,
        x: points.map(function (p) { return p.date; }),
        y: points.map(function (p) { return cut(p.lane || p.source, chars); }),
        text: points.map(function (p) {
          var stance = (strings.stances || {})[p.stance] || p.stance;
          return cut(p.source, 40) + " · " + cut(stance, 20) + " · " + cut(p.content, 90) + (p.text ? " · " + cut(p.text, 40) : "");
        }),
        hoverinfo: "x+y+text",
        marker: { symbol: symbol, size: 10, color: color, opacity: 0.8 }
      };
    }
    var xaxis = { type: "date", title: { text: t("date", "date") } };
    if (data.published) {
      /* Opens on the articles' publication dates; events long before or after are a
       * double-click (autoscale) away. */
      xaxis.range = [dayAfter(data.published.first, -2), dayAfter(data.published.last, 2)];
    }
    box.style.height = Math.max(320, 90 + 26 * Math.max(lanes.length, 1)) + "px";
    box.classList.add("ready");
    window.Plotly.newPlot(box, [
      trace(data.statements, t("said", "statement (publication date)"), "circle", "#0b5cad"),
      trace(data.events, t("event", "dated event inside a statement"), "diamond", "#c2410c")
    ], {
      margin: { l: narrow ? 8 : 150, r: 12, t: 12, b: 40 },
      xaxis: xaxis,
      yaxis: { automargin: true, type: "category", categoryorder: "array",
               categoryarray: lanes.slice().reverse(), tickfont: { size: narrow ? 10 : 12 } },
      legend: { orientation: "h", y: -0.12 },
      hovermode: "closest"
    }, { displaylogo: false, responsive: true, modeBarButtonsToRemove: ["toImage", "sendDataToCloud"] });
  }

  function initTimeline(box) {
    if (!window.fetch) { return; }
    window.fetch(box.getAttribute("data-src"), { headers: { "Accept": "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (!data || (!data.statements.length && !data.events.length)) { return; }
        withPlotly(function () { drawTimeline(box, data); });
      })
      .catch(function () { box.classList.remove("ready"); });
  }

  function initGraph(box) {
    /* Zoom buttons over a sources graph: the drawing grows and its box scrolls. */
    var svg = box.querySelector("svg.relay-graph");
    if (!svg) { return; }
    var natural = parseFloat(svg.getAttribute("width")) || 800;
    var scale = 0;  /* 0: fit the box */
    var bar = document.createElement("div");
    bar.className = "zoom " + (box.classList.contains("narrow-only") ? "narrow-only" : "wide-only");
    bar.setAttribute("role", "group");
    bar.setAttribute("aria-label", t("zoom", "Zoom the graph"));
    function button(label, text, fn) {
      var b = document.createElement("button");
      b.type = "button";
      b.textContent = text;
      b.setAttribute("aria-label", label);
      b.addEventListener("click", fn);
      bar.appendChild(b);
    }
    function apply() {
      if (scale === 0) {
        svg.classList.remove("zoomed");
        svg.style.width = "";
      } else {
        svg.classList.add("zoomed");
        svg.style.width = Math.round(natural * scale) + "px";
      }
    }
    function current() { return scale || svg.getBoundingClientRect().width / natural; }
    button(t("zoom_in", "Zoom in"), "+", function () { scale = Math.min(4, current() * 1.25); apply(); });
    button(t("zoom_out", "Zoom out"), "−", function () { scale = Math.max(0.3, current() / 1.25); apply(); });
    button(t("fit", "Fit the width"), t("fit_short", "fit"), function () { scale = 0; apply(); });
    box.parentNode.insertBefore(bar, box);
  }

  ready(function () {
    initCitations();
    var graphs = document.querySelectorAll("figure.graph .graph-scroll");
    for (var i = 0; i < graphs.length; i++) { initGraph(graphs[i]); }
    var panel = document.getElementById("panel");
    if (panel) { initArticle(panel); }
    var plot = document.getElementById("timeline-plot");
    if (plot) { initTimeline(plot); }
  });
}());
