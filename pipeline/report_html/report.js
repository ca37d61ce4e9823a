// phusong's report page: builds the map and the tables from PHUSONG (written by
// pipeline/html_report.cpp). Runs offline: Leaflet is inlined, images are data: URLs.
(function () {
  "use strict";
  const data = PHUSONG;
  const app = document.getElementById("app");
  const report = { map: null, layers: {}, villageMarkers: [], zoneLayers: [], candidateMarkers: [] };
  window.phusongReport = report;

  function element(tag, attributes, children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attributes || {})) {
      if (k === "text") e.textContent = v;
      else if (k === "html") e.innerHTML = v;
      else e.setAttribute(k, v);
    }
    for (const c of children || []) e.appendChild(c);
    return e;
  }

  function escapeHtml(text) {
    return String(text).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]));
  }

  // Markdown inline text: `code` and **bold** (the report's own sentences).
  function inline(text) {
    return escapeHtml(text).replace(/`([^`]*)`/g, "<code>$1</code>").replace(/\*\*([^*]*)\*\*/g, "<strong>$1</strong>");
  }

  function rgb(c, alpha) {
    return alpha === undefined ? `rgb(${c[0]},${c[1]},${c[2]})` : `rgba(${c[0]},${c[1]},${c[2]},${alpha})`;
  }

  // --- the map ---------------------------------------------------------------------------
  const covered = "#1a9850", otherTech = "#fdae61", none = "#d7191c";

  function shareColour(share) {
    // Red (none) through yellow to green (all), as the signal classes.
    const stops = [[0, [215, 25, 28]], [0.5, [255, 255, 191]], [1, [26, 152, 80]]];
    for (let i = 1; i < stops.length; i++) {
      if (share <= stops[i][0]) {
        const [s0, c0] = stops[i - 1], [s1, c1] = stops[i];
        const t = (share - s0) / (s1 - s0);
        return rgb(c0.map((v, k) => Math.round(v + t * (c1[k] - v))));
      }
    }
    return rgb(stops[stops.length - 1][1]);
  }

  function villagePopup(v, techs) {
    let html = `<strong>${escapeHtml(v.name)}</strong><br>${escapeHtml(v.commune)}${v.district ? ", " + escapeHtml(v.district) : ""}` +
      `<br>${v.population} people`;
    v.techs.forEach((t, i) => {
      html += `<br>${escapeHtml(techs[i].name)}: ${t.covered ? "covered" : "not covered"}, ` +
        `${t.best_dbm === null ? "no signal" : "best " + t.best_dbm.toFixed(1) + " dBm in the settlement"}` +
        `${t.site ? "; site " + escapeHtml(t.site) + " serves the village point" : ""}`;
    });
    return html;
  }

  function buildMap(container) {
    const m = data.map;
    const map = L.map(container, { zoomSnap: 0.25 });
    report.map = map;
    // Villages, sites and picks stay above every polygon layer, whichever is switched on last,
    // so they can always be seen and clicked.
    map.createPane("phusong-markers").style.zIndex = 620;
    const markerRenderer = L.svg({ pane: "phusong-markers" });
    const bases = {}, overlays = {};
    if (m.hillshade) {
      bases["Hillshade"] = L.imageOverlay(m.hillshade.url, m.hillshade.bounds, { className: "phusong-hillshade" });
    }
    bases["No background"] = L.layerGroup();
    Object.values(bases)[0].addTo(map);
    const techs = m.technologies;
    const last = techs.length - 1;
    techs.forEach((t, i) => {
      const signal = L.imageOverlay(t.signal.url, t.signal.bounds, { opacity: 0.75, className: "phusong-signal" });
      overlays[`Signal ${t.name}`] = signal;
      const zones = L.layerGroup();
      report.zoneLayers[i] = {};
      for (const z of t.dead_zones) {
        if (!z.geometry) continue;
        const layer = L.geoJSON({ type: "Feature", geometry: z.geometry, properties: {} },
          { style: { color: "#67000d", weight: 1, fillColor: "#67000d", fillOpacity: 0.3, className: "phusong-dead-zone" } });
        layer.bindPopup(`${escapeHtml(t.name)} dead zone ${z.rank}: ${z.area_km2.toFixed(2)} km², ${z.population} people`);
        layer.addTo(zones);
        report.zoneLayers[i][z.rank] = layer;
      }
      overlays[`Dead zones ${t.name}`] = zones;
      if (m.communes.length) {
        const communes = L.layerGroup();
        m.communes.forEach((c, k) => {
          if (!c.geometry) return;
          const share = t.commune_shares[k];
          L.geoJSON({ type: "Feature", geometry: c.geometry, properties: {} },
            { style: { color: "#333", weight: 1, fillColor: shareColour(share), fillOpacity: 0.55, className: "phusong-commune" } })
            .bindPopup(`<strong>${escapeHtml(c.name)}</strong>${c.district ? ", " + escapeHtml(c.district) : ""}<br>` +
              `${escapeHtml(t.name)} covers ${(100 * share).toFixed(1)} % of its area`)
            .addTo(communes);
        });
        overlays[`Communes by ${t.name} covered share`] = communes;
      }
      if (i === last) {
        signal.addTo(map);
        zones.addTo(map);
      }
    });
    if (m.villages.length) {
      const villages = L.layerGroup();
      for (const v of m.villages) {
        const byLast = v.techs.length && v.techs[last].covered;
        const byAny = v.techs.some((t) => t.covered);
        const marker = L.circleMarker(v.at, {
          pane: "phusong-markers", renderer: markerRenderer,
          radius: 5, weight: 1, color: "#222", fillOpacity: 0.95, className: "phusong-village",
          fillColor: byLast ? covered : byAny ? otherTech : none,
        }).bindPopup(villagePopup(v, techs));
        marker.addTo(villages);
        report.villageMarkers.push(marker);
      }
      villages.addTo(map);
      report.villageLayer = techs.length ? `Villages (by ${techs[last].name})` : "Villages";
      overlays[report.villageLayer] = villages;
    }
    if (m.sites.length) {
      const sites = L.layerGroup();
      for (const s of m.sites) {
        L.circleMarker(s.at, { pane: "phusong-markers", renderer: markerRenderer, radius: 3.5, weight: 1, color: "#000",
                               fillColor: "#444", fillOpacity: 1, className: "phusong-site" })
          .bindPopup(`Site <strong>${escapeHtml(s.id)}</strong> (${escapeHtml(s.operator)})<br>${s.cells.map(escapeHtml).join("<br>")}`)
          .addTo(sites);
      }
      sites.addTo(map);
      overlays["Existing sites"] = sites;
    }
    if (m.candidates.length) {
      const picks = L.layerGroup();
      for (const c of m.candidates) {
        const marker = L.marker(c.at, { pane: "phusong-markers", icon: L.divIcon({ className: "phusong-pick", html: String(c.rank), iconSize: [22, 22] }) })
          .bindPopup(`Pick ${c.rank}: <strong>${escapeHtml(c.id)}</strong> ${escapeHtml(c.name)}<br>` +
            `${c.people} people newly covered`);
        marker.addTo(picks);
        report.candidateMarkers.push(marker);
      }
      picks.addTo(map);
      overlays["Picked candidate sites (rank)"] = picks;
    }
    report.layers = overlays;
    L.control.layers(bases, overlays, { collapsed: false }).addTo(map);
    L.control.scale({ metric: true, imperial: false }).addTo(map);
    const legend = L.control({ position: "bottomright" });
    legend.onAdd = function () {
      const div = L.DomUtil.create("div", "phusong-legend");
      let html = `<strong>Signal (best server)</strong>`;
      for (const bin of m.legend) html += `<div><i style="background:${rgb(bin.colour)}"></i>${escapeHtml(bin.label)}</div>`;
      html += `<div><i style="background:rgba(103,0,13,0.5);border:1px solid #67000d"></i>dead zone</div>`;
      if (techs.length && m.villages.length) {
        html += `<strong>Villages</strong><div><i class="dot" style="background:${covered}"></i>${escapeHtml(techs[last].name)} covered</div>` +
          `<div><i class="dot" style="background:${otherTech}"></i>another technology only</div>` +
          `<div><i class="dot" style="background:${none}"></i>not covered</div>`;
      }
      div.innerHTML = html;
      return div;
    };
    legend.addTo(map);
    map.fitBounds(m.bounds);
  }

  function zoomTo(target) {
    const map = report.map;
    if (!map || !target) return;
    document.getElementById("map").scrollIntoView({ behavior: "auto", block: "start" });
    map.stop();
    map.closePopup();
    const show = (name) => {
      const layer = report.layers[name];
      if (layer && !map.hasLayer(layer)) layer.addTo(map);
    };
    if (target.village !== undefined) {
      const marker = report.villageMarkers[target.village];
      show(report.villageLayer);
      map.setView(marker.getLatLng(), Math.max(map.getZoom(), 14), { animate: false });
      marker.openPopup();
    } else if (target.zone !== undefined) {
      const [tech, rank] = target.zone;
      const layer = report.zoneLayers[tech] && report.zoneLayers[tech][rank];
      if (!layer) return;
      const overlay = report.layers[`Dead zones ${data.map.technologies[tech].name}`];
      if (overlay && !map.hasLayer(overlay)) overlay.addTo(map);
      map.fitBounds(layer.getBounds(), { maxZoom: 15, animate: false });
      layer.openPopup();
    } else if (target.candidate !== undefined) {
      const marker = report.candidateMarkers[target.candidate];
      show("Picked candidate sites (rank)");
      map.setView(marker.getLatLng(), Math.max(map.getZoom(), 14), { animate: false });
      marker.openPopup();
    }
  }

  // --- tables ----------------------------------------------------------------------------
  const tables = [];

  function buildTable(spec) {
    const section = element("section", { class: "phusong-table", id: `table-${spec.id}` });
    section.appendChild(element("h2", { text: spec.title }));
    if (!spec.rows.length) {
      section.appendChild(element("p", { text: "None." }));
      return section;
    }
    const table = element("table", { "data-table": spec.id });
    const head = element("tr");
    const body = element("tbody");
    const rows = spec.rows.map((cells, r) => {
      const tr = element("tr");
      cells.forEach((c, k) => {
        const td = element("td", { text: c[0] });
        if (spec.columns[k] === "result" && (c[0] === "PASS" || c[0] === "FAIL")) td.className = c[0] === "PASS" ? "pass" : "fail";
        if (c[1] !== null) td.className += " number";
        tr.appendChild(td);
      });
      if (spec.zoom[r]) {
        tr.className = "zoomable";
        tr.title = "Show on the map";
        tr.addEventListener("click", () => zoomTo(spec.zoom[r]));
      }
      body.appendChild(tr);
      return { tr, cells };
    });
    let sorted = { column: -1, ascending: true };
    spec.columns.forEach((name, k) => {
      const th = element("th", { text: name, title: "Sort by this column" });
      th.addEventListener("click", () => {
        const ascending = sorted.column === k ? !sorted.ascending : true;
        sorted = { column: k, ascending };
        const key = (row) => row.cells[k];
        rows.sort((a, b) => {
          const x = key(a), y = key(b);
          const order = x[1] !== null && y[1] !== null ? x[1] - y[1] : String(x[0]).localeCompare(String(y[0]), "vi");
          return ascending ? order : -order;
        });
        for (const row of rows) body.appendChild(row.tr);
        head.querySelectorAll("th").forEach((h, j) => h.setAttribute("data-sorted", j === k ? (ascending ? "ascending" : "descending") : ""));
      });
      head.appendChild(th);
    });
    table.appendChild(element("thead", {}, [head]));
    table.appendChild(body);
    section.appendChild(table);
    const empty = element("p", { class: "empty", text: "None in this district." });
    empty.hidden = true;
    section.appendChild(empty);
    tables.push({ spec, rows, empty });
    return section;
  }

  function filterByDistrict(district) {
    for (const { spec, rows, empty } of tables) {
      if (spec.district < 0) continue;
      for (const row of rows) row.tr.hidden = district !== "" && row.cells[spec.district][0] !== district;
      empty.hidden = rows.some((row) => !row.tr.hidden);
    }
  }

  // --- Markdown (compare.html): headings, paragraphs, lists, tables ---------------------------
  function markdownTables(text) {
    const out = [];
    const lines = text.split("\n");
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      if (line.startsWith("# ")) continue;  // the page's own title
      if (line.startsWith("## ")) out.push(element("h2", { html: inline(line.slice(3)) }));
      else if (line.startsWith("- ")) out.push(element("p", { class: "item", html: inline(line.slice(2)) }));
      else if (line.startsWith("|") && lines[i + 1] && lines[i + 1].startsWith("|---")) {
        // Cells are separated by unescaped pipes; the report writes "\\|" for a pipe inside one.
        const split = (l) => l.trim().replace(/^\|/, "").replace(/(?<!\\)\|$/, "").split(/(?<!\\)\|/)
          .map((c) => c.trim().replace(/\\\|/g, "|"));
        const columns = split(line);
        const rows = [];
        for (i += 2; i < lines.length && lines[i].startsWith("|"); i++) {
          rows.push(split(lines[i]).map((c) => {
            const plain = /^\*\*.*\*\*$/.test(c) ? c.slice(2, -2) : c;
            const n = Number(plain.replace(/[%,]/g, "").split(" ")[0]);
            return [plain, plain !== "" && Number.isFinite(n) ? n : null];
          }));
        }
        i--;
        const district = columns.indexOf("district");
        const section = buildTable({ id: `md-${out.length}`, title: "", columns, rows, district, zoom: rows.map(() => null) });
        section.querySelector("h2").remove();
        out.push(section);
      } else if (line.trim() !== "") out.push(element("p", { html: inline(line) }));
    }
    return out;
  }

  // --- the page ----------------------------------------------------------------------------
  document.title = data.title;
  app.appendChild(element("h1", { text: data.title }));
  if (data.facts) app.appendChild(element("ul", { class: "facts" }, data.facts.map((f) => element("li", { html: inline(f) }))));
  if (data.districts && data.districts.length) {
    const select = element("select", { id: "district-filter" }, [element("option", { value: "", text: "All districts" })]
      .concat(data.districts.map((d) => element("option", { value: d, text: d }))));
    select.addEventListener("change", () => filterByDistrict(select.value));
    app.appendChild(element("label", { class: "filter", text: "Tables: " }, [select]));
  }
  if (data.map) {
    const container = element("div", { id: "map" });
    app.appendChild(container);
    buildMap(container);
  }
  for (const spec of data.tables || []) app.appendChild(buildTable(spec));
  if (data.markdown) for (const node of markdownTables(data.markdown)) app.appendChild(node);
  app.appendChild(element("p", { class: "footer", text: `phusong ${data.version}` }));
  document.body.setAttribute("data-ready", "true");
})();
