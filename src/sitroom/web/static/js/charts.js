// sitroom charts: a timeline per PLOVER type (uPlot), a world map (d3-geo + world-atlas) and
// an actor network (cytoscape). Data comes from /api/; every element links to the list of
// events behind it. Text from the data only ever goes into textContent or attributes.
"use strict";

var Sitroom = (function () {
  var TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
    "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE",
    "ASSAULT"];
  // Blues and greens for cooperation, oranges and reds for conflict (PLOVER's quad order).
  var COLORS = ["#1f4e79", "#2e75b6", "#5b9bd5", "#9dc3e6", "#2f7d32", "#66bb6a", "#a5d6a7",
    "#f9a825", "#ef6c00", "#e65100", "#bf360c", "#ad1457", "#6a1b9a", "#8d6e63", "#c62828",
    "#7f0000"];

  function color(type) {
    var i = TYPES.indexOf(type);
    return i < 0 ? "#555" : COLORS[i];
  }

  function getJSON(url) {
    return fetch(url, { headers: { Accept: "application/json" } }).then(function (r) {
      if (!r.ok) { throw new Error(url + ": HTTP " + r.status); }
      return r.json();
    });
  }

  function join(base, params) {
    var url = new URL(base, window.location.origin);
    Object.keys(params).forEach(function (k) {
      if (params[k] === null || params[k] === undefined || params[k] === "") {
        url.searchParams.delete(k);
      } else {
        url.searchParams.set(k, params[k]);
      }
    });
    return url.pathname + url.search;
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function failed(node, err) {
    node.dataset.rendered = "error";
    node.appendChild(el("p", { "class": "error" }, "Could not load: " + err.message));
  }

  function periodEnd(start, interval) {
    var d = new Date(start + "T00:00:00Z");
    if (interval === "month") { d.setUTCMonth(d.getUTCMonth() + 1); d.setUTCDate(0); }
    else if (interval === "week") { d.setUTCDate(d.getUTCDate() + 6); }
    return d.toISOString().slice(0, 10);
  }

  // -- timeline ------------------------------------------------------------------------------
  function timeline(node, note) {
    var api = node.dataset.api;
    var interval = new URL(api, window.location.origin).searchParams.get("interval") || "month";
    return getJSON(api).then(function (data) {
      var rows = data.items;
      if (!rows.length) {
        node.dataset.rendered = "empty";
        node.appendChild(el("p", { "class": "empty" }, "No dated events match."));
        return;
      }
      var periods = Array.from(new Set(rows.map(function (r) { return r.period; }))).sort();
      var types = TYPES.filter(function (t) { return rows.some(function (r) { return r.event === t; }); });
      var index = {};
      periods.forEach(function (p, i) { index[p] = i; });
      var series = types.map(function () { return periods.map(function () { return 0; }); });
      var totals = {};
      rows.forEach(function (r) {
        series[types.indexOf(r.event)][index[r.period]] = r.count;
        totals[r.event] = (totals[r.event] || 0) + r.count;
      });
      var xs = periods.map(function (p) { return Date.parse(p + "T00:00:00Z") / 1000; });
      var opts = {
        width: Math.max(320, node.clientWidth || 800),
        height: 260,
        cursor: { focus: { prox: 24 } },
        legend: { show: false },
        scales: { x: { time: true } },
        series: [{ label: interval }].concat(types.map(function (t) {
          return { label: t, stroke: color(t), width: 2, points: { show: true, size: 6, fill: color(t) } };
        })),
        axes: [{}, { label: "events" }],
      };
      var plot = new uPlot(opts, [xs].concat(series), node);
      node.uplot = plot;  // for scripted clicks (tests, bench)
      plot.over.addEventListener("click", function () {
        var i = plot.cursor.idx;
        if (i === null || i === undefined) { return; }
        var best = null;
        var bestDistance = Infinity;
        types.forEach(function (t, s) {
          if (!plot.series[s + 1].show || !series[s][i]) { return; }
          var distance = Math.abs(plot.valToPos(series[s][i], "y") - plot.cursor.top);
          if (distance < bestDistance) { bestDistance = distance; best = t; }
        });
        var params = { since: periods[i], until: periodEnd(periods[i], interval) };
        if (best) { params.type = best; }
        window.location.assign(join(node.dataset.list, params));
      });
      if (note) {
        note.textContent = "";
        types.forEach(function (t) {
          var link = el("a", { href: join(node.dataset.list, { type: t }), "class": "type-total" });
          link.appendChild(el("span", { "class": "swatch t-" + t }));
          link.appendChild(document.createTextNode(t + " " + totals[t]));
          note.appendChild(link);
          note.appendChild(document.createTextNode(" "));
        });
      }
      node.dataset.rendered = String(rows.length);
    }).catch(function (err) { failed(node, err); });
  }

  // -- map -------------------------------------------------------------------------------------
  function map(node) {
    return Promise.all([
      getJSON(node.dataset.shapes), getJSON(node.dataset.codes), getJSON(node.dataset.api),
    ]).then(function (loaded) {
      var topo = loaded[0];
      var alpha3 = {};
      loaded[1].forEach(function (row) { alpha3[row[2]] = row[1]; });
      var counts = {};
      var max = 0;
      loaded[2].items.forEach(function (r) { counts[r.code] = r.count; max = Math.max(max, r.count); });
      var width = Math.max(320, node.clientWidth || 600);
      var height = Math.round(width * 0.52);
      var countries = topojson.feature(topo, topo.objects.countries);
      var projection = d3.geoNaturalEarth1().fitSize([width, height], countries);
      var path = d3.geoPath(projection);
      var NS = "http://www.w3.org/2000/svg";
      var svg = document.createElementNS(NS, "svg");
      svg.setAttribute("viewBox", "0 0 " + width + " " + height);
      svg.setAttribute("class", "world");
      var shaded = 0;
      countries.features.forEach(function (f) {
        var code = alpha3[String(f.id).padStart(3, "0")];
        var n = code ? counts[code] || 0 : 0;
        var shape = document.createElementNS(NS, "path");
        shape.setAttribute("d", path(f) || "");
        var title = document.createElementNS(NS, "title");
        title.textContent = (f.properties && f.properties.name || code || "?") + ": " + n + " events";
        shape.appendChild(title);
        if (!n) {
          shape.setAttribute("class", "country");
          svg.appendChild(shape);
          return;
        }
        var level = Math.max(1, Math.ceil(5 * Math.log(1 + n) / Math.log(1 + max)));
        shape.setAttribute("class", "country has-events level-" + level);
        var link = document.createElementNS(NS, "a");
        link.setAttribute("href", join(node.dataset.list, { country: code }));
        link.setAttribute("data-country", code);
        link.appendChild(shape);
        svg.appendChild(link);
        shaded += 1;
      });
      node.appendChild(svg);
      node.dataset.rendered = String(shaded);
    }).catch(function (err) { failed(node, err); });
  }

  // -- network ---------------------------------------------------------------------------------
  function network(node, list) {
    return getJSON(node.dataset.api).then(function (data) {
      var dyads = data.items;
      if (!dyads.length) {
        node.dataset.rendered = "empty";
        node.appendChild(el("p", { "class": "empty" }, "No dyads between known actors."));
        return;
      }
      var nodes = {};
      var edges = [];
      dyads.forEach(function (d, i) {
        [[d.actor_id, d.actor, d.actor_code], [d.recipient_id, d.recipient, d.recipient_code]].forEach(function (a) {
          nodes[a[0]] = nodes[a[0]] || { data: { id: a[0], label: a[1], code: a[2] || "", weight: 0 } };
          nodes[a[0]].data.weight += d.count;
        });
        var top = Object.keys(d.types).sort(function (a, b) { return d.types[b] - d.types[a]; })[0];
        edges.push({ data: { id: "d" + i, source: d.actor_id, target: d.recipient_id, count: d.count, type: top, color: color(top) } });
      });
      var cy = cytoscape({
        container: node,
        elements: Object.values(nodes).concat(edges),
        style: [
          { selector: "node", style: { label: "data(label)", "font-size": 10, "background-color": "#34495e", width: "mapData(weight, 1, 40, 10, 40)", height: "mapData(weight, 1, 40, 10, 40)", color: "#222" } },
          { selector: "edge", style: { width: "mapData(count, 1, 20, 1, 8)", "line-color": "data(color)", "target-arrow-color": "data(color)", "target-arrow-shape": "triangle", "curve-style": "bezier", opacity: 0.8 } },
        ],
        layout: { name: "cose", animate: false, randomize: false },
        wheelSensitivity: 0.3,
      });
      cy.on("tap", "node", function (e) { window.location.assign("/actors/" + encodeURIComponent(e.target.id())); });
      cy.on("tap", "edge", function (e) {
        var d = e.target.data();
        window.location.assign(join("/events", { actor_id: d.source, recipient_id: d.target }));
      });
      if (list) {
        dyads.slice(0, 10).forEach(function (d) {
          var item = el("li");
          var link = el("a", { href: join("/events", { actor_id: d.actor_id, recipient_id: d.recipient_id }), "class": "dyad" },
            d.actor + " → " + d.recipient);
          item.appendChild(link);
          item.appendChild(document.createTextNode(" " + d.count + " (" + Object.keys(d.types).join(", ") + ")"));
          list.appendChild(item);
        });
      }
      node.dataset.rendered = String(edges.length);
    }).catch(function (err) { failed(node, err); });
  }

  return { timeline: timeline, map: map, network: network, color: color };
})();
