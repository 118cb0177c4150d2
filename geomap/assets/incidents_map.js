/* geomap incident map: markers, popups, legend, layers, filters, search and heat
 * map, made in the browser from the payload of geomap/map_data.py.
 *
 * Safety rule: strings from the data reach the page only through textContent
 * or createTextNode, never innerHTML; the one place Leaflet wants HTML (the
 * layer control's labels) goes through esc().
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
  var LABEL_MIN_POPULATION = {0: 5e6, 1: 5e6, 2: 5e6, 3: 5e6, 4: 2e6, 5: 1e6, 6: 5e5, 7: 2.5e5};

  function placeLabels(map, places) {
    var pane = map.createPane("geomapLabels");
    pane.style.zIndex = 350;  // above the base layer, below the incidents
    pane.style.pointerEvents = "none";
    var layer = L.layerGroup();
    function refresh() {
      layer.clearLayers();
      var zoom = map.getZoom(), bounds = map.getBounds().pad(0.1), shown = 0, placed = [];
      var min = zoom in LABEL_MIN_POPULATION ? LABEL_MIN_POPULATION[zoom] : 1e5;
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
      var quote = el("blockquote", "geomap-text");
      var s = data.mark[2 * i], e = data.mark[2 * i + 1];
      if (s >= 0 && e > s) {
        quote.appendChild(document.createTextNode(text.slice(0, s)));
        quote.appendChild(el("mark", null, text.slice(s, e)));
        quote.appendChild(document.createTextNode(text.slice(e)));
      } else {
        quote.textContent = text;
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
    if (data.id[i] && data.id[i] !== titleText) box.appendChild(el("div", "geomap-id", "Record " + data.id[i]));
    return box;
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
      markers[i] = m;
    }
    return markers;
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

  function legend(data, hasMentions) {
    return control("bottomright", function (div) {
      div.classList.add("geomap-legend");
      div.appendChild(el("div", "geomap-legend-title", data.categoryShown ? "Incidents by category" : "Incidents"));
      data.categories.forEach(function (cat) {
        var row = el("div", "geomap-legend-row");
        var swatch = el("span", "geomap-swatch");
        swatch.style.background = colour(cat.colour);
        row.appendChild(swatch);
        row.appendChild(el("span", null, cat.name + " (" + cat.count.toLocaleString() + ")"));
        div.appendChild(row);
      });
      var anyFatalities = data.fatalities.some(function (f) { return f; });
      if (anyFatalities) {
        div.appendChild(el("div", "geomap-legend-title", "Size: fatalities"));
        var sizes = el("div", "geomap-legend-row");
        [0, 10, 100].forEach(function (f) {
          var dot = el("span", "geomap-dot");
          var r = radius(f);
          dot.style.width = dot.style.height = (2 * r) + "px";
          sizes.appendChild(dot);
          sizes.appendChild(el("span", "geomap-dot-label", String(f)));
        });
        div.appendChild(sizes);
      }
      div.appendChild(el("div", "geomap-legend-note",
        "Solid: town or village; paler: district or province."));
      if (hasMentions) div.appendChild(el("div", "geomap-legend-note", "Grey dots (layer): every place mentioned."));
    });
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
    var api = {map: map, markers: markers, state: state, ready: false, timings: timings};
    function ready() {
      if (api.ready) return;
      timings.ready = performance.now();
      api.ready = true;
      document.documentElement.setAttribute("data-geomap-ready", "1");
    }
    var group = clustered
      ? L.markerClusterGroup({chunkedLoading: true, chunkInterval: 400, chunkDelay: 10,
                              showCoverageOnHover: false, maxClusterRadius: 50,
                              spiderfyOnMaxZoom: true,
                              chunkProgress: function (done, total) { if (total && done >= total) finished(); }})
      : L.featureGroup();
    api.group = group;
    var heat = null;
    var visible = markers;
    var counter = el("div", "geomap-count");
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
    var labels = options.places && options.places.length ? placeLabels(map, options.places) : null;
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
      if (heat && map.hasLayer(heat)) heat.setLatLngs(list.map(function (m) { return m.getLatLng(); }));
    }

    function matches(i) {
      if (state.hidden[data.category[i]]) return false;
      if (state.from || state.to) {
        var day = str(data, data.date[i]).slice(0, 10);
        if (!day || (state.from && day < state.from) || (state.to && day > state.to)) return false;
      }
      if (state.query) {
        var hay = (data.title[i] + " " + str(data, data.place[i]) + " " + data.id[i]).toLowerCase();
        if (hay.indexOf(state.query) < 0) return false;
      }
      return true;
    }

    api.apply = function () {  // the markers that pass the filters, shown as soon as the map is free
      var list = markers.filter(function (m) { return matches(m.geomapIndex); });
      show(list);
      return list;
    };
    api.idle = function () { return !busy && !queued; };

    var tooltip = L.tooltip({direction: "top", offset: [0, -6]});
    group.on("click", function (e) {
      var m = e.layer || e.propagatedFrom;
      if (!m || m.geomapIndex === undefined) return;
      L.popup({maxWidth: 360, minWidth: 220, autoPanPadding: [20, 20]})
        .setLatLng(m.getLatLng()).setContent(popupContent(data, m.geomapIndex)).openOn(map);
    });
    group.on("mouseover", function (e) {
      var m = e.layer || e.propagatedFrom;
      if (!m || m.geomapIndex === undefined) return;
      var i = m.geomapIndex;
      tooltip.setLatLng(m.getLatLng()).setContent(el("span", null, data.title[i] || str(data, data.place[i]) || data.id[i]));
      map.openTooltip(tooltip);
    });
    group.on("mouseout", function () { map.closeTooltip(tooltip); });
    group.addTo(map);

    // Layer control: base layers, one overlay per category, heat map, mentions.
    var overlays = {};
    if (labels) overlays["Place names"] = labels;
    data.categories.forEach(function (cat, index) {
      var layer = L.layerGroup();
      layer.geomapCategory = index;
      layer.addTo(map);
      var label = "<span class=\"geomap-swatch\" style=\"background:" + colour(cat.colour) + "\"></span>" +
        esc(cat.name) + " <span class=\"geomap-n\">(" + cat.count.toLocaleString() + ")</span>";
      overlays[label] = layer;
    });
    if (window.L.heatLayer && data.n) {
      heat = L.heatLayer([], {radius: 18, blur: 14, minOpacity: 0.35});
      overlays["Heat map"] = heat;
    }
    if (mentions && mentions.n) overlays["Places mentioned (" + mentions.n.toLocaleString() + ")"] = mentionsLayer(mentions);
    L.control.layers(baseLayers, overlays, {collapsed: data.categories.length > 8, position: "topright"}).addTo(map);
    map.on("overlayadd overlayremove", function (e) {
      if (e.layer.geomapCategory !== undefined) {
        state.hidden[e.layer.geomapCategory] = e.type === "overlayremove";
        api.apply();
      } else if (e.layer === heat && e.type === "overlayadd") {
        heat.setLatLngs(visible.map(function (m) { return m.getLatLng(); }));
      }
    });

    // Search and date filter.
    control("topleft", function (div) {
      div.classList.add("geomap-filter");
      var search = el("input", "geomap-search");
      search.type = "search";
      search.placeholder = "Search titles and places";
      search.setAttribute("aria-label", "Search titles and places");
      var timer = null;
      search.addEventListener("input", function () {
        clearTimeout(timer);
        timer = setTimeout(function () { state.query = search.value.trim().toLowerCase(); api.apply(); }, 250);
      });
      search.addEventListener("keydown", function (e) {
        if (e.key !== "Enter") return;
        clearTimeout(timer);
        state.query = search.value.trim().toLowerCase();
        var found = api.apply();
        if (found.length) fit(found);
      });
      div.appendChild(search);
      if (data.dateRange) {
        var row = el("div", "geomap-dates");
        ["from", "to"].forEach(function (which) {
          var label = el("label", null, which === "from" ? "From " : " to ");
          var input = el("input", "geomap-date-" + which);
          input.type = "date";
          input.min = data.dateRange[0];
          input.max = data.dateRange[1];
          input.addEventListener("change", function () { state[which] = input.value; api.apply(); });
          label.appendChild(input);
          row.appendChild(label);
        });
        div.appendChild(row);
      }
      div.appendChild(counter);
    }).addTo(map);

    legend(data, mentions && mentions.n).addTo(map);

    function fit(list) {
      if (!list.length) return;
      var bounds = L.latLngBounds(list.map(function (m) { return m.getLatLng(); }));
      map.fitBounds(bounds.pad(0.05), {maxZoom: 8, animate: false});
    }

    if (data.n) fit(markers);
    else {
      map.setView([20, 0], 2);
      counter.textContent = "No incidents to show";
    }
    show(markers);
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
    Promise.all([unpack(name + "_data"), unpack(name + "_mentions"), unpack(name + "_places")]).then(function (parts) {
      var topology = JSON.parse(document.getElementById(name + "_countries").textContent);
      window.geomapIncidents(map, parts[0], {mentions: parts[1], places: parts[2], topology: topology, osm: osm});
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
    ".geomap-print .leaflet-popup-pane, .geomap-print .leaflet-tooltip-pane { display: none !important; }",
    ".geomap-print .geomap-legend { display: block !important; max-height: none !important; overflow: visible !important; }",
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
    var top = container.querySelector(".leaflet-top");
    if (top) top.style.top = bar.offsetHeight + "px";
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
    map.fitBounds(bounds, {paddingTopLeft: [30, bar.offsetHeight + 30], paddingBottomRight: [right, 40],
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
