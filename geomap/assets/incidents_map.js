/* geomap incident map: markers, popups, legend, layers, filters, search and heat
 * map, made in the browser from the payload of geomap/map_data.py.
 *
 * Safety rule: strings from the data reach the page only through textContent
 * or createTextNode, never innerHTML; the one place Leaflet wants HTML (the
 * place labels' divIcon) goes through esc().  Tooltips, the layers panel and
 * cluster icons are DOM nodes built here, not HTML strings.
 */
(function () {
  "use strict";

  var CLUSTER_MIN = 50;

  function esc(text) {
    return String(text).replace(/[&<>"'`]/g, function (c) {
      return "&#" + c.charCodeAt(0) + ";";
    });
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null && text !== "") node.textContent = String(text);
    return node;
  }

  function colour(value) {
    return /^#[0-9a-fA-F]{6}$/.test(value) ? value : "#7F7F7F";
  }

  function str(data, index) {
    return index >= 0 ? data.strings[index] : "";
  }

  function radius(fatalities) {
    return fatalities ? Math.min(16, 5 + 2.5 * Math.log(1 + fatalities)) : 5;
  }

  var OPACITY = {1: 0.9, 2: 0.6, 3: 0.35, 4: 0.2};

  // Rings that cross the antimeridian (Russia's Chukotka, Fiji) jump from +180 to -180; Leaflet
  // would draw that jump as a stripe across the world, so such rings continue east past 180 instead.
  function unwrapRing(ring) {
    var crosses = false;
    for (var k = 1; k < ring.length; k++) {
      if (Math.abs(ring[k][0] - ring[k - 1][0]) > 180) { crosses = true; break; }
    }
    if (!crosses || ring.some(function (p) { return p[1] < -60; })) return ring;  // not Antarctica
    return ring.map(function (p) { return p[0] < 0 ? [p[0] + 360, p[1]] : p; });
  }

  function unwrap(geometry) {
    if (!geometry) return;
    if (geometry.type === "Polygon") geometry.coordinates = geometry.coordinates.map(unwrapRing);
    else if (geometry.type === "MultiPolygon") {
      geometry.coordinates = geometry.coordinates.map(function (poly) { return poly.map(unwrapRing); });
    }
  }

  function basemap(map, topology) {
    if (!topology || !window.topojson) return null;
    var countries = topojson.feature(topology, topology.objects.countries);
    countries.features.forEach(function (f) { unwrap(f.geometry); });
    map.createPane("geomapBase").style.zIndex = 250;  // above tiles, below labels and incidents
    return L.geoJSON(countries, {
      pane: "geomapBase",
      interactive: false,
      style: {color: "#ffffff", weight: 0.8, fillColor: "#e3e0d8", fillOpacity: 1}
    });
  }

  // Place-name labels for the offline base layer: the largest cities in view, more as one zooms in.
  var LABEL_MIN_POPULATION = {0: 5e6, 1: 5e6, 2: 5e6, 3: 5e6, 4: 2e6, 5: 1e6, 6: 5e5, 7: 2.5e5,
                              8: 5e4, 9: 1e4, 10: 2e3, 11: 500};  // towns (map_detail) from zoom 8

  function placeLabels(map, places) {
    var pane = map.createPane("geomapLabels");
    // Above markers and clusters (600), below tooltips (650): a city's name stays readable under a
    // dense cluster; the pane lets clicks through to the markers below.
    pane.style.zIndex = 640;
    pane.style.pointerEvents = "none";
    var layer = L.layerGroup();
    function refresh() {
      layer.clearLayers();
      var zoom = map.getZoom(), bounds = map.getBounds().pad(0.1), shown = 0, placed = [];
      var min = zoom in LABEL_MIN_POPULATION ? LABEL_MIN_POPULATION[zoom] : 0;
      for (var i = 0; i < places.length && shown < 150; i++) {  // largest first
        var p = places[i];
        if (p[3] < min) break;  // labels that would overlap a larger city's are left out
        if (!bounds.contains([p[0], p[1]])) continue;
        var at = map.latLngToContainerPoint([p[0], p[1]]);
        var box = [at.x - 4, at.y - 8, at.x + 6.5 * p[2].length + 8, at.y + 8];  // roughly, at 11px
        if (placed.some(function (b) { return box[0] < b[2] && b[0] < box[2] && box[1] < b[3] && b[1] < box[3]; })) continue;
        placed.push(box);
        L.marker([p[0], p[1]], {
          pane: "geomapLabels", interactive: false, keyboard: false,
          icon: L.divIcon({className: "geomap-label", html: esc(p[2]), iconSize: null})
        }).addTo(layer);
        shown++;
      }
    }
    map.on("zoomend moveend", function () { if (map.hasLayer(layer)) refresh(); });
    layer.on("add", refresh);
    return layer;
  }

  function popupContent(data, i) {
    var box = el("div", "geomap-popup");
    var titleText = data.title[i] || data.id[i] || "Incident";
    var heading = el("div", "geomap-title");
    if (data.url[i] && /^https?:\/\//i.test(data.url[i])) {
      var link = el("a", null, titleText);
      link.href = data.url[i];
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      heading.appendChild(link);
    } else {
      heading.textContent = titleText;
    }
    box.appendChild(heading);
    var meta = [str(data, data.date[i]), data.categoryShown ? data.categories[data.category[i]].name : ""];
    if (data.fatalities[i] !== null && data.fatalities[i] !== undefined) {
      meta.push("fatalities: " + data.fatalities[i]);
    }
    box.appendChild(el("div", "geomap-meta", meta.filter(Boolean).join(" · ")));
    var text = data.text[i];
    if (text) {
      // The page carries a short text whole (for search); the popup shows its excerpt, data.clip's
      // slice of it, where a negative offset -x-1 means x with "…" (cut inside a sentence).
      var lo = data.clip[2 * i], hi = data.clip[2 * i + 1];
      var before = lo < 0 ? "…" : "", after = hi < 0 ? "…" : "";
      lo = lo < 0 ? -lo - 1 : lo;
      hi = hi < 0 ? -hi - 1 : hi;
      var quote = el("blockquote", "geomap-text");
      var s = data.mark[2 * i], e = data.mark[2 * i + 1];
      if (s >= lo && e > s && e <= hi) {
        quote.appendChild(document.createTextNode(before + text.slice(lo, s)));
        quote.appendChild(el("mark", null, text.slice(s, e)));
        quote.appendChild(document.createTextNode(text.slice(e, hi) + after));
      } else {
        quote.textContent = before + text.slice(lo, hi) + after;
      }
      box.appendChild(quote);
    }
    var place = str(data, data.place[i]);
    box.appendChild(el("div", "geomap-place",
      (place ? place + " — " : "") + data.lat[i].toFixed(4) + ", " + data.lon[i].toFixed(4)));
    var how = [];
    if (data.precision[i]) how.push("precision " + data.precision[i] + " (" + data.precisionLabels[data.precision[i]] + ")");
    if (data.locatedBy[i] >= 0) how.push("located by " + str(data, data.locatedBy[i]));
    if (how.length) box.appendChild(el("div", "geomap-meta", how.join(" · ")));
    var others = str(data, data.others[i]);
    if (others) box.appendChild(el("div", "geomap-meta", "Other places: " + others));
    var warning = data.warning ? str(data, data.warning[i]) : "";
    if (warning) box.appendChild(el("div", "geomap-meta geomap-warning", "Note: " + warning));
    var actors = data.actors ? str(data, data.actors[i]) : "";
    if (actors) box.appendChild(el("div", "geomap-meta", "Actors: " + actors));
    if (data.id[i] && data.id[i] !== titleText) box.appendChild(el("div", "geomap-id", "Record " + data.id[i]));
    return box;
  }

  // What a hover says: title, date and place, as text nodes (Leaflet would take a string as HTML).
  function tooltipContent(data, i) {
    var box = el("div", "geomap-tip");
    box.appendChild(el("div", "geomap-tip-title", data.title[i] || data.id[i] || "Incident"));
    var meta = [str(data, data.date[i]), str(data, data.place[i])].filter(Boolean).join(" · ");
    if (meta) box.appendChild(el("div", "geomap-tip-meta", meta));
    return box;
  }

  // The bounds of the densest 98% of points: the 1% at each end of latitude and of longitude are left
  // out, so that one mis-geocoded record (a "Paris" in Texas) does not zoom the first view out to the world.
  function robustBounds(points) {
    var n = points.length, lats = new Float64Array(n), lons = new Float64Array(n);
    for (var k = 0; k < n; k++) { lats[k] = points[k].lat; lons[k] = points[k].lng; }
    lats.sort();
    lons.sort();
    var lo = Math.floor(0.01 * (n - 1)), hi = Math.ceil(0.99 * (n - 1));
    return L.latLngBounds([lats[lo], lons[lo]], [lats[hi], lons[hi]]);
  }

  function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  function makeMarkers(data) {
    var markers = new Array(data.n);
    for (var i = 0; i < data.n; i++) {
      var cat = data.categories[data.category[i]];
      var m = L.circleMarker([data.lat[i], data.lon[i]], {
        radius: radius(data.fatalities[i]),
        color: "#333333",
        weight: 1,
        fillColor: colour(cat.colour),
        fillOpacity: OPACITY[data.precision[i]] || 0.9
      });
      m.geomapIndex = i;
      m.geomapCategory = data.category[i];  // for the cluster icons' mix of categories
      markers[i] = m;
    }
    return markers;
  }

  var SVG = "http://www.w3.org/2000/svg";

  function svg(tag, attributes) {
    var node = document.createElementNS(SVG, tag);
    for (var name in attributes) node.setAttribute(name, attributes[name]);
    return node;
  }

  // How many markers of each category a cluster holds: a walk down its tree, no array of markers.
  function categoryCounts(cluster, counts) {
    var markers = cluster._markers, children = cluster._childClusters;
    for (var k = 0; k < markers.length; k++) counts[markers[k].geomapCategory] = (counts[markers[k].geomapCategory] || 0) + 1;
    for (k = 0; k < children.length; k++) categoryCounts(children[k], counts);
    return counts;
  }

  function shortCount(n) {
    return n < 1000 ? String(n) : n < 10000 ? (n / 1000).toFixed(1).replace(/\.0$/, "") + "k" : Math.round(n / 1000) + "k";
  }

  /* A cluster's icon: a donut of its categories in their colours, its count in the middle, larger for
   * more incidents, so that a cluster says what it holds instead of hiding the categories in grey.
   * Each createIcon() builds fresh SVG nodes (markercluster may create an icon more than once), and
   * the category names reach it only as an attribute's text (setAttribute), never as markup. */
  var DonutIcon = L.DivIcon.extend({
    createIcon: function (oldIcon) {
      var div = L.DivIcon.prototype.createIcon.call(this, oldIcon);  // html: false leaves it empty
      var o = this.options, size = o.iconSize.x, r = size / 2, ring = Math.max(4, size * 0.17);
      var mid = r - ring / 2, circumference = 2 * Math.PI * mid, at = 0;
      var picture = svg("svg", {width: size, height: size, viewBox: "0 0 " + size + " " + size, "aria-hidden": "true"});
      picture.appendChild(svg("circle", {cx: r, cy: r, r: r - 0.5, fill: "#ffffff", "fill-opacity": 0.9}));
      o.slices.forEach(function (slice) {
        var length = circumference * slice.count / o.total;
        picture.appendChild(svg("circle", {
          cx: r, cy: r, r: mid, fill: "none", stroke: colour(slice.colour), "stroke-width": ring,
          "stroke-dasharray": length + " " + (circumference - length), "stroke-dashoffset": -at,
          transform: "rotate(-90 " + r + " " + r + ")", "class": "geomap-slice"
        }));
        at += length;
      });
      var label = svg("text", {x: r, y: r, "text-anchor": "middle", "dominant-baseline": "central",
                               "font-size": Math.max(11, Math.round(size * 0.3))});
      label.textContent = shortCount(o.total);
      picture.appendChild(label);
      div.appendChild(picture);
      div.setAttribute("title", o.summary);
      div.setAttribute("aria-label", o.summary);
      return div;
    }
  });

  function clusterIcon(data) {
    return function (cluster) {
      var counts = categoryCounts(cluster, {}), total = cluster.getChildCount(), slices = [], parts = [];
      data.categories.forEach(function (cat, index) {
        if (!counts[index]) return;
        slices.push({colour: cat.colour, count: counts[index]});
        parts.push(cat.name + ": " + counts[index].toLocaleString());
      });
      var size = Math.round(Math.min(64, 28 + 8 * Math.log10(total)));
      return new DonutIcon({
        html: false, className: "marker-cluster geomap-cluster", iconSize: L.point(size, size),
        slices: slices, total: total,
        summary: total.toLocaleString() + " incidents" + (data.categoryShown ? " — " + parts.join(", ") : "")
      });
    };
  }

  function control(position, build) {
    var Control = L.Control.extend({
      options: {position: position},
      onAdd: function () {
        var div = el("div", "geomap-control leaflet-bar");
        L.DomEvent.disableClickPropagation(div);
        L.DomEvent.disableScrollPropagation(div);
        build(div);
        return div;
      }
    });
    return new Control();
  }

  // Fatalities (marker size) and precision (paleness): the key under the category list.
  function key(data, hasMentions) {
    var box = el("div", "geomap-key");
    if (data.fatalities.some(function (f) { return f; })) {
      box.appendChild(el("div", "geomap-legend-title", "Size: fatalities"));
      var sizes = el("div", "geomap-legend-row");
      [0, 10, 100].forEach(function (f) {
        var dot = el("span", "geomap-dot");
        var r = radius(f);
        dot.style.width = dot.style.height = (2 * r) + "px";
        sizes.appendChild(dot);
        sizes.appendChild(el("span", "geomap-dot-label", String(f)));
      });
      box.appendChild(sizes);
    }
    box.appendChild(el("div", "geomap-legend-note", "Solid: town or village; paler: district or province."));
    if (hasMentions) box.appendChild(el("div", "geomap-legend-note geomap-mentions-note", "Grey dots (layer): every place mentioned."));
    return box;
  }

  function checkRow(className, checked, onChange) {
    var row = el("label", "geomap-legend-row " + className);
    var box = el("input");
    box.type = "checkbox";
    box.checked = checked;
    box.addEventListener("change", function () { onChange(box.checked); });
    row.appendChild(box);
    return row;
  }

  /* One panel for what the legend and Leaflet's layer control did apart: each category with its colour,
   * count and a check box that filters it, then the other layers (place names, heat map, mentions), the
   * base maps when there is a choice, and the key.  Built from DOM nodes, so a category name is text. */
  function layersPanel(data, parts) {
    return control("topright", function (div) {
      div.classList.add("geomap-panel", "geomap-layers");
      var body = el("div", "geomap-body geomap-legend");
      body.appendChild(el("div", "geomap-legend-title", data.categoryShown ? "Incidents by category" : "Incidents"));
      var boxes = [];
      data.categories.forEach(function (cat, index) {
        var row = checkRow("geomap-category", !parts.hidden[index], function (on) { parts.setCategory(index, on); });
        var swatch = el("span", "geomap-swatch");
        swatch.style.background = colour(cat.colour);
        row.appendChild(swatch);
        row.appendChild(el("span", "geomap-name", cat.name));
        row.appendChild(el("span", "geomap-n", cat.count.toLocaleString()));
        boxes.push(row.firstChild);
        body.appendChild(row);
      });
      if (data.categories.length > 2) {  // with many categories, "only this one" is two clicks, not ten
        var both = el("div", "geomap-allnone");
        [["All", true], ["None", false]].forEach(function (pair) {
          var b = el("button", "geomap-link", pair[0]);
          b.type = "button";
          b.addEventListener("click", function () {
            boxes.forEach(function (box) { box.checked = pair[1]; });
            parts.setAllCategories(pair[1]);
          });
          both.appendChild(b);
        });
        body.appendChild(both);
      }
      var names = Object.keys(parts.overlays);
      if (names.length) {
        body.appendChild(el("div", "geomap-legend-title geomap-choice-title", "Layers"));
        names.forEach(function (name) {
          var layer = parts.overlays[name];
          var row = checkRow("geomap-overlay", parts.map.hasLayer(layer), function (on) {
            if (on) parts.map.addLayer(layer); else parts.map.removeLayer(layer);
          });
          row.appendChild(el("span", "geomap-name", name));
          body.appendChild(row);
        });
      }
      var bases = Object.keys(parts.baseLayers);
      if (bases.length > 1) {
        body.appendChild(el("div", "geomap-legend-title geomap-choice-title", "Base map"));
        bases.forEach(function (name) {
          var row = el("label", "geomap-legend-row geomap-base");
          var radio = el("input");
          radio.type = "radio";
          radio.name = "geomap-base-" + L.stamp(div);
          radio.checked = parts.map.hasLayer(parts.baseLayers[name]);
          radio.addEventListener("change", function () {
            bases.forEach(function (other) { parts.map.removeLayer(parts.baseLayers[other]); });
            parts.map.addLayer(parts.baseLayers[name]);
          });
          row.appendChild(radio);
          row.appendChild(el("span", "geomap-name", name));
          body.appendChild(row);
        });
      }
      body.appendChild(parts.key);
      parts.fold(div, "Layers & legend", body);
    });
  }

  /* Narrow maps (a phone, below 600 px, or wherever the panels would overlap): each panel folds into
   * a button, and the open one shows as a sheet along the bottom of the map, at most 30% of its
   * height, so the map keeps most of the screen and no control covers another.  Wide maps show the
   * panels open in their corners, the layers panel no taller than the map leaves room for. */
  var NARROW = 600;

  function foldingPanels(map) {
    var container = map.getContainer(), panels = [];
    var sheet = L.DomUtil.create("div", "geomap-sheet", container);
    sheet.setAttribute("role", "dialog");
    L.DomEvent.disableClickPropagation(sheet);
    L.DomEvent.disableScrollPropagation(sheet);
    var close = el("button", "geomap-close", "Close");
    close.type = "button";
    sheet.appendChild(close);
    var open = null;

    function shut() {
      if (!open) return;
      open.home.appendChild(open.body);
      open.button.setAttribute("aria-expanded", "false");
      container.classList.remove("geomap-sheet-open");
      open = null;
    }
    function show(panel) {
      shut();
      sheet.appendChild(panel.body);
      sheet.setAttribute("aria-label", panel.label);
      panel.button.setAttribute("aria-expanded", "true");
      container.classList.add("geomap-sheet-open");
      open = panel;
    }
    L.DomEvent.on(close, "click", shut);

    function overlap(a, b) {
      return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    }
    function layout() {
      shut();
      var size = map.getSize(), strip = container.querySelector(".geomap-timeline");
      var below = strip ? strip.offsetHeight : 0;  // the timeline along the bottom edge
      panels.forEach(function (panel) {
        if (panel.home.classList.contains("geomap-layers")) panel.home.style.maxHeight = Math.max(120, size.y - 50 - below) + "px";
      });
      // The attribution wraps rather than run under the scale bar in the other bottom corner.
      var attribution = container.querySelector(".leaflet-control-attribution");
      var bottomLeft = container.querySelector(".leaflet-bottom.leaflet-left");
      if (attribution && bottomLeft) {
        attribution.style.maxWidth = Math.max(120, size.x - bottomLeft.offsetWidth - 30) + "px";
      }
      container.classList.remove("geomap-narrow");
      var narrow = size.x < NARROW;
      if (!narrow) {  // wide enough, unless two controls would still cover each other
        var boxes = Array.prototype.map.call(container.querySelectorAll(".leaflet-control"), function (c) {
          return c.getBoundingClientRect();
        }).filter(function (r) { return r.width && r.height; });
        for (var a = 0; a < boxes.length && !narrow; a++) {
          for (var b = a + 1; b < boxes.length; b++) if (overlap(boxes[a], boxes[b])) { narrow = true; break; }
        }
      }
      if (narrow) container.classList.add("geomap-narrow");
    }
    map.on("resize", layout);

    return {
      fold: function (home, label, body) {  // a panel's control div, its button's label, its content
        var button = el("button", "geomap-toggle", label);
        button.type = "button";
        button.setAttribute("aria-expanded", "false");
        var panel = {home: home, label: label, body: body, button: button};
        L.DomEvent.on(button, "click", function () { if (open === panel) shut(); else show(panel); });
        home.appendChild(button);
        home.appendChild(body);
        panels.push(panel);
        return panel;
      },
      layout: layout,
      isNarrow: function () { return container.classList.contains("geomap-narrow"); }
    };
  }

  function mentionsLayer(mentions) {
    var renderer = L.canvas({padding: 0.5});
    var layer = L.featureGroup();
    for (var i = 0; i < mentions.n; i++) {
      var m = L.circleMarker([mentions.lat[i], mentions.lon[i]], {
        renderer: renderer, radius: 3, color: "#555555", weight: 1, fillColor: "#999999", fillOpacity: 0.8
      });
      m.geomapIndex = i;
      layer.addLayer(m);
    }
    layer.on("click", function (e) {
      var i = e.layer.geomapIndex, box = el("div", "geomap-popup");
      box.appendChild(el("div", "geomap-title", "“" + str(mentions, mentions.surface[i]) + "”"));
      box.appendChild(el("div", "geomap-place", str(mentions, mentions.name[i])));
      box.appendChild(el("div", "geomap-meta", "in " + str(mentions, mentions.record[i])));
      L.popup({maxWidth: 320}).setLatLng(e.layer.getLatLng()).setContent(box).openOn(layer._map);
    });
    return layer;
  }

  /* The timeline (under the map, full width): a histogram of the incidents per day, or per week,
   * month, quarter or year when the range is long (at most MAX_BINS bars), stacked in the
   * categories' colours; a brush (drag on it) that sets the date filter's from/to, which the date
   * boxes share; Play, which steps a window through time; and a note of the incidents with no
   * readable date.  The bars count what passes the other filters (categories, search), whatever
   * the dates.  Built from DOM nodes: dates and counts go in as text. */
  var DAY = 864e5, MAX_BINS = 150;

  function dayOf(year, month, day) {  // days since 1970-01-01 (setUTCFullYear: years below 100 too)
    var d = new Date(0);
    d.setUTCFullYear(year, month, day);
    return Math.round(d.getTime() / DAY);
  }
  function dayNumber(iso) { return dayOf(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)); }
  function isoDay(n) {
    var d = new Date(n * DAY), y = d.getUTCFullYear();
    return (y < 1000 ? ("000" + y).slice(-4) : String(y)) + "-" + ("0" + (d.getUTCMonth() + 1)).slice(-2) + "-" + ("0" + d.getUTCDate()).slice(-2);
  }
  function monthOf(n) { var d = new Date(n * DAY); return 12 * d.getUTCFullYear() + d.getUTCMonth(); }

  // Bins of `days` days (weeks start on Monday: day 4 was Monday 1970-01-05) or of `months` months.
  function dayUnit(days, name) {
    return {name: name, key: function (n) { return Math.floor((n - (days === 7 ? 4 : 0)) / days); },
            start: function (k) { return k * days + (days === 7 ? 4 : 0); },
            end: function (k) { return k * days + (days === 7 ? 4 : 0) + days - 1; }};
  }
  function monthUnit(months, name) {
    var first = function (m) { return dayOf(Math.floor(m / 12), m % 12, 1); };
    return {name: name, key: function (n) { return Math.floor(monthOf(n) / months); },
            start: function (k) { return first(k * months); },
            end: function (k) { return first((k + 1) * months) - 1; }};
  }
  function chooseUnit(lo, hi) {
    var units = [dayUnit(1, "day"), dayUnit(7, "week"), monthUnit(1, "month"), monthUnit(3, "quarter"), monthUnit(12, "year")];
    for (var u = 0; u < units.length; u++) {
      if (units[u].key(hi) - units[u].key(lo) + 1 <= MAX_BINS) return units[u];
    }
    var years = Math.ceil((monthOf(hi) - monthOf(lo) + 1) / 12 / MAX_BINS) + 1;
    while (Math.floor(monthOf(hi) / 12 / years) - Math.floor(monthOf(lo) / 12 / years) + 1 > MAX_BINS) years++;
    return monthUnit(12 * years, years + " years");
  }

  function timeline(map, data, hooks) {
    var n = data.n, bin = new Int32Array(n), undated = 0, lo = Infinity, hi = -Infinity, days = data.days || {};
    var dayNumbers = {};
    Object.keys(days).forEach(function (index) {
      var d = dayNumbers[index] = dayNumber(days[index]);
      if (d < lo) lo = d;
      if (d > hi) hi = d;
    });
    if (lo > hi) return null;  // no incident has a readable date: no timeline
    var unit = chooseUnit(lo, hi), first = unit.key(lo), bins = unit.key(hi) - first + 1;
    var binOf = {};
    Object.keys(dayNumbers).forEach(function (index) { binOf[index] = unit.key(dayNumbers[index]) - first; });
    for (var i = 0; i < n; i++) {
      var b = binOf[data.date[i]];
      if (b === undefined) { bin[i] = -1; undated++; } else bin[i] = b;
    }
    var range = [isoDay(lo), isoDay(hi)];
    function binStart(k) { var d = isoDay(unit.start(first + k)); return d < range[0] ? range[0] : d; }
    function binEnd(k) { var d = isoDay(unit.end(first + k)); return d > range[1] ? range[1] : d; }
    function binOfDay(iso) { return unit.key(dayNumber(iso)) - first; }

    var container = map.getContainer();
    var div = el("div", "geomap-timeline");
    div.setAttribute("role", "region");
    div.setAttribute("aria-label", "Timeline");
    L.DomEvent.disableClickPropagation(div);
    L.DomEvent.disableScrollPropagation(div);
    var head = el("div", "geomap-tl-head");
    var playButton = el("button", "geomap-tl-play", "▶ Play");
    playButton.type = "button";
    playButton.title = "Step a window through time (the selected span, or one " + unit.name + ")";
    var clearButton = el("button", "geomap-tl-clear", "Clear");
    clearButton.type = "button";
    clearButton.title = "Show every date";
    var label = el("span", "geomap-tl-range");
    head.appendChild(playButton);
    head.appendChild(clearButton);
    head.appendChild(label);
    head.appendChild(el("span", "geomap-tl-unit", "· per " + unit.name));
    if (undated) {
      var note = el("span", "geomap-tl-undated");
      note.title = undated.toLocaleString() + (undated === 1 ? " incident" : " incidents") + " without a readable date " +
        (undated === 1 ? "is" : "are") + " not on the timeline (shown only while no time range is set)";
      note.appendChild(el("span", "geomap-tl-long", note.title));
      note.appendChild(el("span", "geomap-tl-short", undated.toLocaleString() + " undated: not on the timeline"));
      head.appendChild(note);
    }
    var chart = el("div", "geomap-tl-chart");
    chart.title = "Drag to select a time span; drag its edges to change it";
    var picture = svg("svg", {viewBox: "0 0 " + 10 * bins + " 100", preserveAspectRatio: "none", "aria-hidden": "true"});
    var brush = el("div", "geomap-tl-brush");
    chart.appendChild(picture);
    chart.appendChild(brush);
    var axis = el("div", "geomap-tl-axis");
    axis.appendChild(el("span", null, binStart(0)));
    if (bins > 2) axis.appendChild(el("span", null, binStart(Math.floor(bins / 2))));
    axis.appendChild(el("span", null, binEnd(bins - 1)));
    div.appendChild(head);
    div.appendChild(chart);
    div.appendChild(axis);
    container.appendChild(div);
    container.classList.add("geomap-has-timeline");

    var groups = [];
    for (var k = 0; k < bins; k++) {
      var g = svg("g", {"class": "geomap-tl-bin", "data-start": binStart(k), "data-end": binEnd(k), "data-count": 0});
      g.appendChild(svg("title", {}));
      picture.appendChild(g);
      groups.push(g);
    }
    var cats = data.categories.length;

    function draw(counts) {  // counts[bin * categories + category]
      var max = 1, k, c, total;
      for (k = 0; k < bins; k++) {
        for (total = 0, c = 0; c < cats; c++) total += counts[k * cats + c];
        if (total > max) max = total;
      }
      for (k = 0; k < bins; k++) {
        var g = groups[k], y = 100, title = g.firstChild;
        while (g.lastChild !== title) g.removeChild(g.lastChild);
        for (total = 0, c = 0; c < cats; c++) {
          var count = counts[k * cats + c];
          if (!count) continue;
          total += count;
          var h = 96 * count / max;
          y -= h;
          g.appendChild(svg("rect", {x: 10 * k + 1, y: y, width: 8, height: h, fill: colour(data.categories[c].colour),
                                     "class": "geomap-tl-seg", "data-category": c, "data-count": count}));
        }
        g.setAttribute("data-count", total);
        var span = binStart(k) === binEnd(k) ? binStart(k) : binStart(k) + " to " + binEnd(k);
        title.textContent = span + ": " + total.toLocaleString() + (total === 1 ? " incident" : " incidents");
      }
    }

    function selection() {  // the bins the date filter's from/to cover, or null
      var state = hooks.state;
      if (!state.from && !state.to) return null;
      var a = state.from ? Math.max(0, binOfDay(state.from)) : 0;
      var b = state.to ? Math.min(bins - 1, binOfDay(state.to)) : bins - 1;
      return [Math.min(a, bins - 1), Math.max(b, 0)];
    }

    function paint(a, b) {  // the brush over bins a..b (none when a is null)
      brush.style.display = a === null ? "none" : "block";
      if (a !== null) {
        brush.style.left = (100 * a / bins) + "%";
        brush.style.width = (100 * (b - a + 1) / bins) + "%";
      }
      groups.forEach(function (g, k) {
        if (a !== null && (k < a || k > b)) g.classList.add("geomap-tl-out"); else g.classList.remove("geomap-tl-out");
      });
    }

    function sync() {
      var sel = selection(), state = hooks.state;
      paint(sel ? sel[0] : null, sel ? sel[1] : null);
      label.textContent = sel ? (state.from || range[0]) + " to " + (state.to || range[1]) : "All dates";
      clearButton.disabled = !sel;
    }

    function select(a, b) {
      a = Math.max(0, Math.min(a, bins - 1));
      b = Math.max(a, Math.min(b, bins - 1));
      hooks.setRange(binStart(a), binEnd(b));
    }

    // Brushing: drag on empty ground for a new span, on an edge to move it, inside to slide the span.
    var drag = null;
    function binAt(e) {
      var r = chart.getBoundingClientRect();
      return Math.max(0, Math.min(bins - 1, Math.floor((e.clientX - r.left) / r.width * bins)));
    }
    function dragged(e) {
      var at = binAt(e);
      if (drag.mode === "move") {
        var shift = Math.max(-drag.a, Math.min(bins - 1 - drag.b, at - drag.grab));
        return [drag.a + shift, drag.b + shift];
      }
      return [Math.min(drag.anchor, at), Math.max(drag.anchor, at)];
    }
    chart.addEventListener("pointerdown", function (e) {
      if (e.button) return;
      pause();
      var sel = selection(), r = chart.getBoundingClientRect(), w = r.width / bins, x = e.clientX - r.left;
      var near = Math.max(5, Math.min(w / 2, 10)), at = binAt(e);
      if (sel && Math.abs(x - sel[0] * w) <= near) drag = {anchor: sel[1]};
      else if (sel && Math.abs(x - (sel[1] + 1) * w) <= near) drag = {anchor: sel[0]};
      else if (sel && at >= sel[0] && at <= sel[1] && sel[1] > sel[0]) drag = {mode: "move", grab: at, a: sel[0], b: sel[1]};
      else drag = {anchor: at};
      if (chart.setPointerCapture) chart.setPointerCapture(e.pointerId);
      var span = dragged(e);
      paint(span[0], span[1]);
      e.preventDefault();
    });
    chart.addEventListener("pointermove", function (e) {
      if (!drag) return;
      var span = dragged(e);
      paint(span[0], span[1]);
    });
    function release(e) {
      if (!drag) return;
      var span = dragged(e);
      drag = null;
      select(span[0], span[1]);
    }
    chart.addEventListener("pointerup", release);
    // From the keyboard: arrows slide the span a bin (Shift+arrows move its end), Escape clears it.
    chart.tabIndex = 0;
    chart.setAttribute("aria-label", "Timeline: arrow keys move the selected span, Shift+arrows change its end, Escape clears it");
    chart.addEventListener("keydown", function (e) {
      var step = e.key === "ArrowLeft" ? -1 : e.key === "ArrowRight" ? 1 : 0, sel = selection();
      if (e.key === "Escape" && sel) { api.clear(); e.preventDefault(); return; }
      if (!step) return;
      e.preventDefault();
      pause();
      if (!sel) select(step > 0 ? 0 : bins - 1, step > 0 ? 0 : bins - 1);
      else if (e.shiftKey) select(sel[0], Math.max(sel[0], sel[1] + step));
      else if (sel[0] + step >= 0 && sel[1] + step < bins) select(sel[0] + step, sel[1] + step);
    });
    chart.addEventListener("pointercancel", function () { drag = null; sync(); });

    // Play: the selected span's width (one bin when nothing, or everything, is selected) steps one
    // bin at a time to the end; each step waits until the map has drawn the last one.
    var playing = null, timer = null;
    var api = {bins: bins, unit: unit.name, bin: bin, undated: undated, interval: 700, history: [],
               draw: draw, sync: sync, select: select, selection: selection, play: play, pause: pause,
               clear: function () { pause(); hooks.setRange("", ""); }, playing: function () { return !!playing; }};
    function play() {
      if (playing) return;
      var sel = selection(), width = sel ? sel[1] - sel[0] + 1 : 1;
      if (width >= bins) width = 1;
      var at = sel && sel[1] < bins - 1 ? sel[0] : 0;
      playing = {at: at, width: width};
      api.history = [];
      playButton.textContent = "❚❚ Pause";
      playButton.setAttribute("aria-pressed", "true");
      select(at, at + width - 1);
      timer = setTimeout(tick, api.interval);
    }
    function tick() {
      if (!playing) return;
      if (!hooks.idle()) { timer = setTimeout(tick, 50); return; }
      api.history.push(hooks.snapshot());
      if (playing.at + playing.width >= bins) { pause(); return; }
      playing.at++;
      select(playing.at, playing.at + playing.width - 1);
      timer = setTimeout(tick, api.interval);
    }
    function pause() {
      clearTimeout(timer);
      playing = null;
      playButton.textContent = "▶ Play";
      playButton.setAttribute("aria-pressed", "false");
    }
    playButton.addEventListener("click", function () { if (playing) pause(); else play(); });
    clearButton.addEventListener("click", api.clear);
    api.element = div;
    sync();
    return api;
  }

  /* Offline detail for the data's region (geomap/map_detail.py): first-level borders and their names,
   * rivers and lakes in two zoom bands (coarse below zoom 6), drawn in their own pane above the
   * country outlines; towns join the place-name labels.  Lines are flat [lon, lat, lon, lat, …]. */
  var DETAIL_FINE_ZOOM = 6, REGION_NAMES_ZOOM = 5;

  function flatLatLngs(flat) {
    var out = new Array(flat.length / 2);
    for (var k = 0; k < out.length; k++) out[k] = [flat[2 * k + 1], flat[2 * k]];
    return out;
  }

  function detailLayers(map, detail) {
    if (!detail) return null;
    if (!map.getPane("geomapLabels")) map.createPane("geomapLabels").style.zIndex = 640;
    var pane = map.createPane("geomapDetail");
    pane.style.zIndex = 260;  // above the country outlines (250), below markers
    pane.style.pointerEvents = "none";
    var renderer = L.svg({pane: "geomapDetail", padding: 0.5});
    function band(rows, polygons, style) {
      var group = L.layerGroup();
      rows.forEach(function (row) {
        var parts = row[2].map(flatLatLngs);
        var shape = polygons ? L.polygon(parts, style) : L.polyline(parts, style);
        group.addLayer(shape);
      });
      return group;
    }
    var base = {pane: "geomapDetail", renderer: renderer, interactive: false};
    function styled(extra) { return L.extend({}, base, extra); }
    var water = {coarse: L.layerGroup(), fine: L.layerGroup()};
    var borders = {coarse: L.layerGroup(), fine: L.layerGroup()};
    ["coarse", "fine"].forEach(function (b) {
      var fine = b === "fine";
      water[b].addLayer(band(detail.lakes[b], true, styled({className: "geomap-lake", color: "#7fa7c9", weight: 0.8,
                                                            fillColor: "#c9dbe8", fillOpacity: 1})));
      water[b].addLayer(band(detail.rivers[b], false, styled({className: "geomap-river", color: "#6a9fd0",
                                                              weight: fine ? 1.6 : 1, opacity: 0.9})));
      var lines = detail.borders[b] || detail.borders.fine;  // borders may have one band for all zooms
      if (lines.length) {
        borders[b].addLayer(L.polyline(lines.map(flatLatLngs), styled({
          className: "geomap-admin1", color: "#8c6f9e", weight: fine ? 1.4 : 1, opacity: 0.8, dashArray: "5 3"})));
      }
    });
    var names = regionNames(map, detail.regionNames || []);
    function banded(pair, extra) {  // a layer for the panel that shows the band of the zoom
      var holder = L.layerGroup();
      function refresh() {
        if (!map.hasLayer(holder)) return;
        var fine = map.getZoom() >= DETAIL_FINE_ZOOM;
        var want = fine ? pair.fine : pair.coarse, other = fine ? pair.coarse : pair.fine;
        if (holder.hasLayer(other)) holder.removeLayer(other);
        if (!holder.hasLayer(want)) holder.addLayer(want);
        if (extra) {
          var show = map.getZoom() >= REGION_NAMES_ZOOM;
          if (show && !holder.hasLayer(extra)) holder.addLayer(extra);
          if (!show && holder.hasLayer(extra)) holder.removeLayer(extra);
        }
      }
      holder.on("add", function () { setTimeout(refresh, 0); });
      map.on("zoomend", refresh);
      if (extra) holder.on("remove", function () { holder.clearLayers(); });
      return holder;
    }
    return {
      borders: banded(borders, names),
      water: banded(water, null),
      hasBorders: detail.borders.fine.length > 0
    };
  }

  // First-level region names (largest first) from zoom 5, in the place-name pane, none over another.
  function regionNames(map, names) {
    var layer = L.layerGroup();
    function refresh() {
      layer.clearLayers();
      var bounds = map.getBounds().pad(0.1), placed = [];
      for (var i = 0; i < names.length && placed.length < 60; i++) {
        var r = names[i];
        if (!bounds.contains([r[0], r[1]])) continue;
        var at = map.latLngToContainerPoint([r[0], r[1]]), half = 4 * r[2].length + 6;
        var box = [at.x - half, at.y - 9, at.x + half, at.y + 9];
        if (placed.some(function (b) { return box[0] < b[2] && b[0] < box[2] && box[1] < b[3] && b[1] < box[3]; })) continue;
        placed.push(box);
        layer.addLayer(L.marker([r[0], r[1]], {
          pane: "geomapLabels", interactive: false, keyboard: false,
          icon: L.divIcon({className: "geomap-region-label", html: esc(r[2]), iconSize: null})
        }));
      }
    }
    map.on("zoomend moveend", function () { if (map.hasLayer(layer)) refresh(); });
    layer.on("add", refresh);
    return layer;
  }

  // The reference cities and the region's towns in one list, largest first, for placeLabels.
  function withTowns(places, detail) {
    var towns = detail && detail.towns;
    if (!towns || !towns.length) return places;
    return (places || []).concat(towns).sort(function (a, b) { return b[3] - a[3]; });
  }

  /* Precision you can see: an open popup of a region-level incident (precision 3) outlines its region,
   * one of a district-level incident (precision 2) draws a ring of DISTRICT_RING_M around it; both go
   * when the popup closes.  A region with no outline in the page gets a wide dashed ring instead. */
  var DISTRICT_RING_M = 15000, REGION_RING_M = 50000;

  function precisionShapes(map, data, detail) {
    var shape = null;
    var style = {className: "geomap-precision", interactive: false, color: "#b03a2e", weight: 2,
                 fillColor: "#b03a2e", fillOpacity: 0.06};
    map.on("popupopen", function (e) {
      if (shape) { map.removeLayer(shape); shape = null; }
      var i = e.popup.geomapIndex;
      if (i === undefined) return;
      var at = [data.lat[i], data.lon[i]], p = data.precision[i];
      if (p === 3) {
        var k = detail && detail.region ? detail.region[i] : -1;
        if (k >= 0 && detail.outlines[k]) {
          shape = L.polygon(detail.outlines[k][1].map(flatLatLngs), style);
          shape.geomapRegion = detail.outlines[k][0];
        } else {
          shape = L.circle(at, L.extend({radius: REGION_RING_M, dashArray: "6 4"}, style));
        }
      } else if (p === 2) {
        shape = L.circle(at, L.extend({radius: DISTRICT_RING_M}, style));
      }
      if (shape) shape.addTo(map);
    });
    map.on("popupclose", function (e) {
      if (shape && e.popup.geomapIndex !== undefined) { map.removeLayer(shape); shape = null; }
    });
  }

  window.geomapIncidents = function (map, data, options) {
    options = options || {};
    if (!map.options.maxZoom) map.setMaxZoom(16);  // no tile layer sets it, and clustering needs it
    if (!map.options.minZoom) map.setMinZoom(1);
    var mentions = options.mentions;
    var state = {hidden: {}, from: "", to: "", query: ""};
    var timings = {start: performance.now()};
    var markers = makeMarkers(data);
    timings.markers = performance.now();
    var clustered = data.n > CLUSTER_MIN;
    var api = {map: map, data: data, markers: markers, state: state, ready: false, timings: timings};
    function ready() {
      if (api.ready) return;
      timings.ready = performance.now();
      api.ready = true;
      document.documentElement.setAttribute("data-geomap-ready", "1");
    }
    var group = clustered
      ? L.markerClusterGroup({chunkedLoading: true, chunkInterval: 400, chunkDelay: 10,
                              showCoverageOnHover: false, maxClusterRadius: 50,
                              spiderfyOnMaxZoom: true, iconCreateFunction: clusterIcon(data),
                              chunkProgress: function (done, total) { if (total && done >= total) finished(); }})
      : L.featureGroup();
    api.group = group;
    var heat = null;
    var visible = markers;
    var counter = el("div", "geomap-count");
    var toggleCount = el("span", "geomap-toggle-count");  // the count on the folded filter button
    window.geomap = api;

    var baseLayers = {};
    var countries = basemap(map, options.topology);
    if (options.osm) {
      var osm = L.tileLayer("https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png", {
        maxZoom: 19,
        attribution: "&copy; <a href=\"https://www.openstreetmap.org/copyright\">OpenStreetMap</a> contributors"
      }).addTo(map);
      baseLayers["OpenStreetMap"] = osm;
      if (countries) baseLayers["Country outlines (offline)"] = countries;
    } else if (countries) {
      countries.addTo(map);
      baseLayers["Country outlines"] = countries;
    }
    if (countries) map.attributionControl.addAttribution("Natural Earth, world-atlas, GeoNames");
    var places = withTowns(options.places, options.detail);
    var labels = places && places.length ? placeLabels(map, places) : null;
    var detail = detailLayers(map, options.detail);
    if (detail && !options.osm) { detail.water.addTo(map); detail.borders.addTo(map); }
    api.detail = detail;
    if (labels && !options.osm) labels.addTo(map);  // OpenStreetMap tiles carry their own labels

    // markercluster adds a big list in chunks, across timeouts, and clearLayers() does not stop
    // a load under way: a new list waits until the current one is in, and only the newest waits.
    var busy = false, queued = null;
    function finished() {
      busy = false;
      ready();
      if (queued) {
        var next = queued;
        queued = null;
        show(next);
      }
    }

    function show(list) {
      if (busy) {
        queued = list;
        return;
      }
      visible = list;
      group.clearLayers();
      if (clustered && list.length) {
        busy = true;
        group.addLayers(list);
      } else {
        list.forEach(function (m) { group.addLayer(m); });
        ready();
      }
      counter.textContent = list.length.toLocaleString() + " of " + data.n.toLocaleString() + " incidents shown";
      toggleCount.textContent = list.length.toLocaleString() + " of " + data.n.toLocaleString();
      if (heat && map.hasLayer(heat)) heat.setLatLngs(list.map(function (m) { return m.getLatLng(); }));
    }

    // The readable day of each incident's date (map_data: "days"); none for a missing or unreadable date.
    var days = data.days || {};
    function inDates(i) {
      if (!state.from && !state.to) return true;  // undated incidents show only while no range is set
      var day = days[data.date[i]];
      return !!day && !(state.from && day < state.from) && !(state.to && day > state.to);
    }

    function matches(i) {
      return passesOthers(i) && inDates(i);
    }

    function passesOthers(i) {  // every filter but the dates: what the timeline's bars count
      if (state.hidden[data.category[i]]) return false;
      if (state.query) {
        // A case-insensitive regular expression tests each field in place: no lower-cased copy of
        // 100,000 texts is kept, and none is made per keystroke.
        var q = state.pattern;
        if (!(q.test(data.title[i]) || q.test(str(data, data.place[i])) || q.test(data.text[i]) ||
              q.test(data.id[i]) || (data.actors && q.test(str(data, data.actors[i]))) ||
              q.test(str(data, data.others[i])))) return false;
      }
      return true;
    }

    function setQuery(text) {  // a phrase, with any run of spaces matching any run of white space
      state.query = text.trim();
      state.pattern = new RegExp(escapeRegExp(state.query).replace(/\s+/g, "\\s+"), "i");
    }
    api.setQuery = setQuery;

    var tl = null;  // the timeline, when some incident has a readable date
    api.apply = function () {  // the markers that pass the filters, shown as soon as the map is free
      var list = [], cats = data.categories.length, counts = tl ? new Float64Array(tl.bins * cats) : null;
      for (var k = 0; k < markers.length; k++) {
        var i = markers[k].geomapIndex;
        if (!passesOthers(i)) continue;
        if (counts && tl.bin[i] >= 0) counts[tl.bin[i] * cats + data.category[i]]++;
        if (inDates(i)) list.push(markers[k]);
      }
      if (tl) tl.draw(counts);
      show(list);
      return list;
    };
    api.matches = matches;
    api.idle = function () { return !busy && !queued; };

    var tooltip = L.tooltip({direction: "top", offset: [0, -6]});
    group.on("click", function (e) {
      var m = e.layer || e.propagatedFrom;
      if (!m || m.geomapIndex === undefined) return;
      var popup = L.popup({maxWidth: 360, minWidth: 220, autoPanPadding: [20, 20]});
      popup.geomapIndex = m.geomapIndex;  // for precisionShapes
      popup.setLatLng(m.getLatLng()).setContent(popupContent(data, m.geomapIndex)).openOn(map);
    });
    group.on("mouseover", function (e) {
      var m = e.layer || e.propagatedFrom;
      if (!m || m.geomapIndex === undefined) return;
      var i = m.geomapIndex;
      tooltip.setLatLng(m.getLatLng()).setContent(tooltipContent(data, i));
      map.openTooltip(tooltip);
    });
    group.on("mouseout", function () { map.closeTooltip(tooltip); });
    group.addTo(map);
    precisionShapes(map, data, options.detail);

    // The layers panel: categories (filters), other layers, base maps, key.
    var overlays = {};
    if (detail) overlays[detail.hasBorders ? "Regions (borders, names)" : "Region names"] = detail.borders;
    if (detail) overlays["Rivers and lakes"] = detail.water;
    if (labels) overlays["Place names"] = labels;
    if (window.L.heatLayer && data.n) {
      heat = L.heatLayer([], {radius: 18, blur: 14, minOpacity: 0.35});
      overlays["Heat map"] = heat;
    }
    if (mentions && mentions.n) overlays["Places mentioned (" + mentions.n.toLocaleString() + ")"] = mentionsLayer(mentions);
    if (heat) heat.on("add", function () { heat.setLatLngs(visible.map(function (m) { return m.getLatLng(); })); });
    var folding = foldingPanels(map);
    api.panels = folding;
    layersPanel(data, {
      map: map, overlays: overlays, baseLayers: baseLayers, hidden: state.hidden, fold: folding.fold,
      key: key(data, mentions && mentions.n),
      setCategory: function (index, on) { state.hidden[index] = !on; api.apply(); },
      setAllCategories: function (on) {
        data.categories.forEach(function (cat, index) { state.hidden[index] = !on; });
        api.apply();
      }
    }).addTo(map);

    // "Show all": the first view leaves out the 1% outliers at each edge; this shows every incident
    // that passes the filters.
    control("topleft", function (div) {
      div.classList.remove("geomap-control");
      div.classList.add("geomap-showall");
      var link = el("a", null, "Show all");
      link.href = "#";
      link.setAttribute("role", "button");
      link.title = "Zoom out to every incident shown, outliers included";
      L.DomEvent.on(link, "click", function (e) {
        L.DomEvent.preventDefault(e);
        fit(visible, true);
      });
      div.appendChild(link);
    }).addTo(map);

    // Search and date filter.
    var dateInputs = {};
    control("topleft", function (div) {
      div.classList.add("geomap-panel", "geomap-filter");
      var body = el("div", "geomap-body");
      var search = el("input", "geomap-search");
      search.type = "search";
      search.placeholder = "Search titles, places, notes, actors, ids";
      search.setAttribute("aria-label", "Search titles, places, notes, actors and ids");
      var timer = null;
      search.addEventListener("input", function () {
        clearTimeout(timer);
        timer = setTimeout(function () { setQuery(search.value); api.apply(); }, 250);
      });
      search.addEventListener("keydown", function (e) {
        if (e.key !== "Enter") return;
        clearTimeout(timer);
        setQuery(search.value);
        var found = api.apply();
        if (found.length) fit(found);
      });
      body.appendChild(search);
      if (data.dateRange) {
        var row = el("div", "geomap-dates");
        ["from", "to"].forEach(function (which) {
          var label = el("label", null, which === "from" ? "From " : " to ");
          var input = el("input", "geomap-date-" + which);
          input.type = "date";
          input.min = data.dateRange[0];
          input.max = data.dateRange[1];
          input.addEventListener("change", function () {
            state[which] = input.value;
            if (tl) { tl.pause(); tl.sync(); }
            api.apply();
          });
          dateInputs[which] = input;
          label.appendChild(input);
          row.appendChild(label);
        });
        body.appendChild(row);
      }
      body.appendChild(counter);
      folding.fold(div, "Search & filter", body).button.appendChild(toggleCount);
    }).addTo(map);

    // The timeline under the map: its brush and Play set the same from/to as the date boxes.
    tl = timeline(map, data, {
      state: state,
      idle: function () { return api.idle(); },
      snapshot: function () {
        return {from: state.from, to: state.to, shown: visible.length, layers: group.getLayers().length};
      },
      setRange: function (from, to) {
        state.from = from || "";
        state.to = to || "";
        if (dateInputs.from) dateInputs.from.value = state.from;
        if (dateInputs.to) dateInputs.to.value = state.to;
        tl.sync();
        api.apply();
      }
    });
    api.timeline = tl;
    folding.layout();

    function fit(list, all) {
      if (!list.length) return;
      var points = list.map(function (m) { return m.getLatLng(); });
      var bounds = all ? L.latLngBounds(points) : robustBounds(points);
      var below = tl ? tl.element.offsetHeight : 0;  // the timeline covers the map's bottom edge
      map.fitBounds(bounds.pad(0.05), {paddingBottomRight: [0, below], maxZoom: 8, animate: false});
    }
    api.fit = fit;

    if (data.n) fit(markers);
    else {
      map.setView([20, 0], 2);
      counter.textContent = "No incidents to show";
    }
    api.apply();
    return api;
  };

  // The page's data blocks are JSON, zlib-compressed, in base64 (geomap.map_data.pack).
  function unpack(id) {
    var binary = atob(document.getElementById(id).textContent.trim());
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate"));
    return new Response(stream).text().then(JSON.parse);
  }

  window.geomapOpen = function (map, name, osm) {
    var failed = function (error) {
      var note = el("div", "geomap-control geomap-error",
        "This browser could not open the map's data (" + error + "). It needs a browser from 2023 or later.");
      control("topleft", function (div) { div.appendChild(note); }).addTo(map);
      if (window.console) console.error(error);
    };
    if (!window.DecompressionStream) return failed("no DecompressionStream");
    var detail = document.getElementById(name + "_detail") ? unpack(name + "_detail") : null;
    Promise.all([unpack(name + "_data"), unpack(name + "_mentions"), unpack(name + "_places"), detail]).then(function (parts) {
      var topology = JSON.parse(document.getElementById(name + "_countries").textContent);
      window.geomapIncidents(map, parts[0], {mentions: parts[1], places: parts[2], topology: topology, osm: osm,
                                             detail: parts[3]});
    }).catch(failed);
  };
})();

/* Print mode: the page as a picture shows it (geomap.snapshot opens map.html#geomap-print).
 * A title bar with the map's title and the incidents' date range, the legend open, the scale
 * bar and attribution shown, the data fitted into the room left, and none of the controls a
 * picture cannot use (search, dates, layers, zoom).  Kept apart from the interactive page:
 * it wraps geomapIncidents and only adds to what that made.  geomapPrint() enters it by hand.
 */
(function () {
  "use strict";

  var PRINT_CSS = [
    ".geomap-print .geomap-filter, .geomap-print .leaflet-control-zoom, .geomap-print .leaflet-control-layers,",
    ".geomap-print .geomap-showall, .geomap-print .geomap-toggle, .geomap-print .geomap-close,",
    ".geomap-print .geomap-allnone, .geomap-print .geomap-overlay, .geomap-print .geomap-base,",
    ".geomap-print .geomap-choice-title, .geomap-print .geomap-legend input, .geomap-print .geomap-mentions-note,",
    ".geomap-print .leaflet-popup-pane, .geomap-print .leaflet-tooltip-pane,",
    ".geomap-print .geomap-tl-play, .geomap-print .geomap-tl-clear { display: none !important; }",
    ".geomap-print .geomap-tl-chart { cursor: default; }",
    ".geomap-print .geomap-legend, .geomap-print .geomap-layers { display: block !important; max-height: none !important; overflow: visible !important; }",
    ".geomap-print .leaflet-control-scale, .geomap-print .leaflet-control-attribution { display: block !important; }",
    ".geomap-printbar { position: absolute; top: 0; left: 0; right: 0; z-index: 1000; padding: 8px 14px;",
    "  background: #ffffff; box-shadow: 0 1px 4px rgba(0, 0, 0, 0.3);",
    "  font: 13px/1.35 system-ui, -apple-system, \"Segoe UI\", Roboto, sans-serif; color: #222; }",
    ".geomap-printbar-title { font-size: 18px; font-weight: 600; overflow-wrap: anywhere; }",
    ".geomap-printbar-dates { color: #444; }"
  ].join("\n");

  function printRequested() {
    return /(^#|[#&])geomap-print(&|$)/.test(window.location.hash || "");
  }

  function dateRangeText(data) {
    var range = data.dateRange;
    if (!range) return data.n ? "Dates: not given" : "No incidents";
    return range[0] === range[1] ? "Date: " + range[0] : "Dates: " + range[0] + " to " + range[1];
  }

  function enterPrintMode(api, data) {
    if (document.documentElement.classList.contains("geomap-print")) return;
    var style = document.createElement("style");
    style.textContent = PRINT_CSS;
    document.head.appendChild(style);
    document.documentElement.classList.add("geomap-print");
    var map = api.map, container = map.getContainer();
    map.closePopup();
    var bar = document.createElement("div");
    bar.className = "geomap-printbar";
    var title = document.createElement("div");
    title.className = "geomap-printbar-title";
    title.textContent = document.title || "geomap incidents";  // the <title> is escaped by geomap.render
    var dates = document.createElement("div");
    dates.className = "geomap-printbar-dates";
    dates.textContent = dateRangeText(data);
    bar.appendChild(title);
    bar.appendChild(dates);
    container.appendChild(bar);
    L.DomEvent.disableClickPropagation(bar);
    Array.prototype.forEach.call(container.querySelectorAll(".leaflet-top"), function (top) {
      top.style.top = bar.offsetHeight + "px";  // both top corners: the legend sits top right
    });
    fitBelowBar(api, bar);
    // Headless Chromium's --screenshot lays the page out smaller than the picture, then resizes it:
    // the map must then be redrawn at its new size (Leaflet alone leaves the base layer cut short).
    window.addEventListener("resize", function () {
      map.invalidateSize({pan: false});
      fitBelowBar(api, bar);
    });
    document.documentElement.setAttribute("data-geomap-print", "1");
  }

  // The markers fitted below the title bar and clear of the legend (when it leaves room).
  function fitBelowBar(api, bar) {
    var map = api.map, container = map.getContainer();
    if (!api.markers.length) return;
    var legend = container.querySelector(".geomap-legend");
    var right = legend && legend.offsetWidth < 0.4 * container.clientWidth ? legend.offsetWidth + 20 : 20;
    var bounds = L.latLngBounds(api.markers.map(function (m) { return m.getLatLng(); }));
    var strip = container.querySelector(".geomap-timeline"), below = strip ? strip.offsetHeight : 0;
    map.fitBounds(bounds, {paddingTopLeft: [30, bar.offsetHeight + 30], paddingBottomRight: [right, 40 + below],
                           maxZoom: 8, animate: false});
  }

  var incidents = window.geomapIncidents;
  if (!incidents) return;
  window.geomapIncidents = function (map, data, options) {
    var api = incidents.apply(this, arguments);
    window.geomapPrint = function () { enterPrintMode(api, data); };
    if (printRequested()) enterPrintMode(api, data);
    return api;
  };
})();
