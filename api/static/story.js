// The story of the graph: the overview the explorer opens on, the letters table, a
// person's timeline (vis-timeline) and the responsibility chain (vis-network,
// hierarchical layout). Built with createElement and textContent only: no text from the
// graph goes through innerHTML. Every request goes to this app.
"use strict";

(function () {
  const kg = window.kg;
  const $ = (id) => document.getElementById(id);

  async function get(path) {
    const res = await fetch(path, { headers: { Accept: "application/json" } });
    const body = await res.json().catch(() => ({ detail: res.statusText }));
    if (!res.ok) throw new Error(body.detail || res.statusText);
    return body;
  }

  // el("a", {href: "/x", class: "y", onclick: f}, "text", child…)
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") node.className = v;
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else if (k === "dataset") Object.assign(node.dataset, v);
      else node.setAttribute(k, v);
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === "") continue;
      node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return node;
  }

  const noticeHref = (id, key) => `/notices/${encodeURIComponent(id)}` + (key ? `?fact=${encodeURIComponent(key)}` : "");
  // A link that opens an entity in the graph view (and is a real link: /?entity=ID).
  function entityLink(ref, text) {
    if (!ref || !ref.id) return el("span", {}, text ?? "");
    return el("a", {
      href: `/?entity=${encodeURIComponent(ref.id)}`, class: "entity", dataset: { id: ref.id },
      onclick: (e) => { if (e.button === 0 && !e.ctrlKey && !e.metaKey) { e.preventDefault(); kg.openEntity(ref.id); } },
    }, text ?? ref.name ?? ref.id);
  }
  const noticeLink = (n, key, text) => el("a", { href: noticeHref(n.id, key), class: "notice-link" }, text ?? n.title ?? n.id);
  const color = (label) => (kg.model?.labels || []).find((l) => l.label === label)?.color;
  function setStatus(id, text, error = false) {
    const node = $(id);
    node.textContent = text;
    node.className = error ? "error" : "muted";
  }
  function replaceWith(id, ...nodes) { $(id).replaceChildren(...nodes); }

  // --- overview ------------------------------------------------------------------------------

  let overviewLoaded = null;
  async function loadOverview() {
    const o = await get("/api/overview?limit=8");
    kg.overview = o;
    replaceWith("counts-labels", ...o.labels.map((c) => el("tr", { class: "count", dataset: { name: c.name } },
      el("td", {}, el("span", { class: "swatch-inline", style: `--c:${c.color || "#999"}` }), c.name),
      el("td", { class: "num" }, c.count.toLocaleString()))));
    replaceWith("counts-rels", ...o.relationships.filter((c) => c.count > 0).map((c) => el("tr", { class: "count", dataset: { name: c.name } },
      el("td", {}, c.name), el("td", { class: "num" }, c.count.toLocaleString()))));
    replaceWith("latest-notices", ...o.latest_notices.map((n) => el("li", {},
      noticeLink(n), el("div", { class: "muted" }, n.place ? entityLink(n.place) : "", n.date ? ` · ${n.date}` : " · undated"))));
    replaceWith("active-officials", ...o.active_officials.map((p) => el("li", {},
      entityLink(p), el("span", { class: "muted" }, ` ${(p.titles || []).slice(0, 2).join("、")}`),
      el("div", { class: "muted" }, `${p.events} events · ${p.letters} letters · `,
        el("a", { href: `/?view=timeline&person=${encodeURIComponent(p.id)}`, onclick: (e) => { e.preventDefault(); showTimeline(p.id); } }, "timeline")))));
    replaceWith("top-places", ...o.top_places.map((p) => el("li", {},
      entityLink(p), el("span", { class: "muted" }, ` · ${p.notices} notice${p.notices === 1 ? "" : "s"} · `),
      el("a", { href: `/?view=chain&body=${encodeURIComponent(p.name)}`, onclick: (e) => { e.preventDefault(); showChain(p.name); } }, "chain"))));
    const total = o.labels.reduce((a, c) => a + c.count, 0);
    setStatus("overview-status", total ? `${o.labels.find((c) => c.name === "Document")?.count || 0} notices, ${total.toLocaleString()} nodes.`
      : "The graph is empty: ingest notices with `kg ingest FOLDER`.");
    document.body.dataset.overview = "1";
  }
  kg.viewHooks.overview = () => {
    if (!overviewLoaded) overviewLoaded = loadOverview().catch((err) => setStatus("overview-status", err.message, true));
  };
  $("ask-letters").addEventListener("click", () => kg.showTab("letters"));
  $("ask-chain").addEventListener("click", () => showChain("曲靖市"));
  $("ask-timeline").addEventListener("click", async () => {
    await overviewLoaded;
    const first = kg.overview?.active_officials?.[0];
    showTimeline(first ? first.id : null);
  });

  // --- letters -------------------------------------------------------------------------------

  let lettersLoaded = null;
  async function loadLetters() {
    setStatus("letters-status", "Loading…");
    const t = await get("/api/overview/letters?limit=500");
    const rows = t.items.map((r) => el("tr", { class: "letter-row" },
      el("td", {}, entityLink(r.signer), el("span", { class: "muted" }, r.signer.label === "Organization" ? " (body)" : "")),
      el("td", {}, r.on_behalf_of || ""),
      el("td", {}, ...r.counterparties.map((c, i) => [i ? "、" : "", entityLink(c)])),
      el("td", {}, entityLink(r.letter)),
      el("td", {}, r.date || el("span", { class: "muted" }, "undated")),
      el("td", {}, ...r.notices.map((n, i) => [i ? el("br") : "", noticeLink(n, r.key)]),
        ...r.evidence.slice(0, 1).map((s) => el("div", { class: "evidence" }, s)))));
    $("letters-table").tBodies[0].replaceChildren(...rows);
    setStatus("letters-status", `${t.total} signing${t.total === 1 ? "" : "s"}` + (t.total > t.items.length ? ` (the first ${t.items.length})` : "")
      + ". Click a name to open it in the graph, a notice to read it with the sentence marked.");
  }
  kg.viewHooks.letters = () => {
    if (!lettersLoaded) lettersLoaded = loadLetters().catch((err) => { lettersLoaded = null; setStatus("letters-status", err.message, true); });
  };

  // --- timeline ------------------------------------------------------------------------------

  const KIND_LABEL = { post: "Organization", meeting: "Meeting", document: "Directive", inspection: "Site", letter: "ResponsibilityLetter" };
  let timeline = null;
  let personsLoaded = null;
  async function loadPersons() {
    const page = await get("/api/persons?limit=500");
    const persons = page.items.slice().sort((a, b) => (a.name || "").localeCompare(b.name || "", "zh"));
    $("timeline-person").replaceChildren(...persons.map((p) => el("option", { value: p.id }, `${p.name} (${(p.properties.titles || []).slice(0, 2).join("、") || p.id})`)));
  }

  async function drawTimeline(personId) {
    if (!personsLoaded) personsLoaded = loadPersons();
    await personsLoaded;
    if (!personId) personId = $("timeline-person").value;
    if (!personId) { setStatus("timeline-status", "No person in the graph."); return; }
    $("timeline-person").value = personId;
    setStatus("timeline-status", "Loading…");
    const t = await get(`/api/timeline?person=${encodeURIComponent(personId)}`);
    replaceWith("timeline-title", entityLink(t.person), el("span", { class: "muted" }, ` ${(t.titles || []).join("、")}`));
    const dated = t.items.filter((i) => i.date);
    const undated = t.items.filter((i) => !i.date);
    const items = dated.map((i) => {
      // the sentence as the element's own tooltip (text), not vis-timeline's HTML `title`
      const content = el("span", { class: `tl-item tl-${i.kind}`, style: `--c:${color(KIND_LABEL[i.kind]) || "#999"}`, title: i.sentence || i.text }, i.text);
      return { id: i.id, start: i.date, content, group: i.kind, item: i };
    });
    const groups = [...new Set(dated.map((i) => i.kind))].map((k) => ({ id: k, content: k }));
    if (timeline) { timeline.destroy(); timeline = null; }
    $("timeline").replaceChildren();
    if (items.length) {
      // a window of at least a few months around the items (one day's items would
      // otherwise be drawn on an axis of seconds)
      const times = dated.map((i) => Date.parse(i.date)).filter((x) => !Number.isNaN(x));
      const day = 86400000;
      const lo = Math.min(...times), hi = Math.max(...times);
      const pad = Math.max(45 * day, (hi - lo) * 0.1);
      timeline = new vis.Timeline($("timeline"), new vis.DataSet(items), new vis.DataSet(groups), {
        stack: true, zoomable: true, margin: { item: 6 }, orientation: "top", xss: { disabled: false },
        start: new Date(lo - pad), end: new Date(hi + pad), zoomMin: 7 * day,
      });
      timeline.on("select", (props) => {
        const item = items.find((x) => x.id === props.items[0]);
        if (item) location.href = noticeHref(item.item.notice.id, item.item.key);
      });
      timeline.on("changed", () => { document.body.dataset.timelineDrawn = String(document.querySelectorAll("#timeline .vis-item").length); });
    }
    kg.timeline = { items: t.items, drawn: items.length, network: timeline };
    $("timeline-undated-title").hidden = !undated.length;
    replaceWith("timeline-undated", ...undated.map((i) => el("li", {},
      el("span", { class: "ftype" }, i.kind), " ", entityLink(i.other, i.text), " — ",
      noticeLink(i.notice, i.key, i.notice.title), i.sentence ? el("div", { class: "evidence" }, i.sentence) : "")));
    setStatus("timeline-status", `${t.items.length} facts, ${items.length} on the axis` + (undated.length ? `, ${undated.length} the notices do not date` : "")
      + ". Click an item to read its notice with the sentence marked.");
  }
  function showTimeline(personId) {
    kg.showTab("timeline");
    drawTimeline(personId).catch((err) => setStatus("timeline-status", err.message, true));
  }
  kg.showTimeline = showTimeline;
  kg.viewHooks.timeline = () => {
    if (!kg.timeline) {
      const p = new URLSearchParams(location.search).get("person");
      const wanted = (p && /^person:\S{1,200}$/.test(p) ? p : null) || kg.overview?.active_officials?.[0]?.id || null;
      drawTimeline(wanted).catch((err) => setStatus("timeline-status", err.message, true));
    }
  };
  $("timeline-form").addEventListener("submit", (e) => { e.preventDefault(); showTimeline($("timeline-person").value); });

  // --- responsibility chain ------------------------------------------------------------------

  let chainNet = null;
  async function drawChain(body) {
    body = (body || "").trim().slice(0, 100);
    if (!body) return;
    $("chain-body").value = body;
    setStatus("chain-status", "Loading…");
    const answer = await get(`/api/queries/responsibility_chain?body=${encodeURIComponent(body)}`);
    const nodes = new Map();
    const edges = [];
    const seenEdge = new Set();
    const addNode = (id, label, group, level, title) => {
      const old = nodes.get(id);
      if (!old || old.level > level) nodes.set(id, { id, label, group, level, title, color: color(group), shape: group === "ResponsibilityLetter" ? "box" : "dot" });
    };
    const addEdge = (from, to, label) => {
      const k = `${from}>${to}`;
      if (seenEdge.has(k)) return;
      seenEdge.add(k);
      edges.push({ id: k, from, to, label: label || "", arrows: "to" });
    };
    for (const r of answer.rows) {
      const base = (r.level - 1) * 2;
      const actor = r.parent_id || `actor:${r.on_behalf_of}`;
      if (!r.parent_id) addNode(actor, r.on_behalf_of, "Organization", 0, `signed by ${r.signer}`);
      const letterTitle = `${r.letter}\n${r.signer} for ${r.on_behalf_of}` + (r.date ? `\n${r.date}` : "");
      addNode(r.letter_id, `${r.letter}${r.date ? "\n" + r.date : ""}`, "ResponsibilityLetter", base + 1, letterTitle);
      addEdge(actor, r.letter_id, r.parent_id ? `${r.signer} (${r.on_behalf_of})` : r.signer);
      if (r.counterparty_id) {
        addNode(r.counterparty_id, r.counterparty, "Organization", base + 2, r.counterparty);
        addEdge(r.letter_id, r.counterparty_id, "with");
      }
    }
    if (chainNet) { chainNet.destroy(); chainNet = null; }
    const levels = new Set(answer.rows.map((r) => r.level));
    kg.chain = { rows: answer.rows, levels: levels.size, nodes: nodes.size };
    if (!nodes.size) {
      $("chain").replaceChildren();
      setStatus("chain-status", `No letter was signed by or on behalf of a body named ${body}…; try a place (曲靖市) or a body (北湖区人民政府).`);
    } else {
      chainNet = new vis.Network($("chain"), { nodes: new vis.DataSet([...nodes.values()]), edges: new vis.DataSet(edges) }, {
        layout: { hierarchical: { direction: "UD", sortMethod: "directed", levelSeparation: 90, nodeSpacing: 150 } },
        physics: false,
        edges: { font: { size: 10, align: "middle" }, color: { color: "#9a9a9a" }, smooth: { type: "cubicBezier", forceDirection: "vertical" } },
        nodes: { font: { size: 13, multi: false }, widthConstraint: { maximum: 160 } },
        interaction: { hover: true },
      });
      chainNet.on("click", (p) => {
        const id = p.nodes[0];
        if (id && !id.startsWith("actor:")) kg.openEntity(id);
      });
      chainNet.once("afterDrawing", () => { document.body.dataset.chainDrawn = "1"; });
      kg.chain.network = chainNet;
      setStatus("chain-status", `${levels.size} level${levels.size === 1 ? "" : "s"} of letters: what ${body} signed, then what its counterparties signed in turn (层层签订). Click a body or letter to open it.`);
    }
    $("chain-table").tBodies[0].replaceChildren(...answer.rows.map((r) => el("tr", {},
      el("td", {}, String(r.level)), el("td", {}, entityLink({ id: r.signer_id }, r.signer)), el("td", {}, r.on_behalf_of || ""),
      el("td", {}, entityLink({ id: r.letter_id }, r.letter)), el("td", {}, r.date || el("span", { class: "muted" }, "undated")),
      el("td", {}, r.counterparty_id ? entityLink({ id: r.counterparty_id }, r.counterparty) : ""),
      el("td", {}, ...(r.sources || []).map((s, i) => [i ? " " : "", el("a", { href: noticeHref(s), class: "notice-link", title: (r.evidence || [])[i] || "" }, "notice")])))));
  }
  function showChain(body) {
    kg.showTab("chain");
    drawChain(body).catch((err) => setStatus("chain-status", err.message, true));
  }
  kg.showChain = showChain;
  kg.viewHooks.chain = () => {
    if (!kg.chain) {
      const b = new URLSearchParams(location.search).get("body");
      drawChain(b && b.trim() ? b : $("chain-body").value).catch((err) => setStatus("chain-status", err.message, true));
    }
  };
  $("chain-form").addEventListener("submit", (e) => { e.preventDefault(); showChain($("chain-body").value); });

  // story.js loads after app.js, which may already have shown the first view
  if (kg.view && kg.viewHooks[kg.view]) kg.viewHooks[kg.view]();
})();
