// The graph explorer: plain JavaScript over the JSON API, drawn with vis-network.
// Every request goes to this app; nothing is fetched from any other host.
"use strict";

const NODE_LIMIT = 300;       // neighbourhood size per expansion (the API caps it too)
const BIG_GRAPH = 500;        // above this many nodes: cheaper layout and physics
const MAX_ON_SCREEN = 2000;   // the canvas stays responsive up to about this many nodes

const state = {
  model: null,
  hiddenLabels: new Set(),
  hiddenTypes: new Set(),
  nodes: new vis.DataSet(),
  edges: new vis.DataSet(),
  queries: [],
  lastResult: null,
};
window.kg = state;  // for tests and the curious: the data behind the canvas

const $ = (id) => document.getElementById(id);

async function api(path) {
  const res = await fetch(path, { headers: { Accept: "application/json" } });
  const body = await res.json().catch(() => ({ detail: res.statusText }));
  if (!res.ok) throw new Error(body.detail || res.statusText);
  return body;
}

function esc(text) {
  return String(text ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
}

// --- the canvas ------------------------------------------------------------------------------

const nodeView = new vis.DataView(state.nodes, { filter: (n) => !state.hiddenLabels.has(n.group) });
const edgeView = new vis.DataView(state.edges, { filter: (e) => !state.hiddenTypes.has(e.type) });
const network = new vis.Network($("graph"), { nodes: nodeView, edges: edgeView }, {
  physics: { enabled: true, stabilization: { iterations: 200 }, barnesHut: { springLength: 130 } },
  layout: { improvedLayout: true },
  edges: { arrows: { to: { enabled: true, scaleFactor: 0.5 } }, font: { size: 10, align: "middle" }, color: { color: "#9a9a9a" } },
  nodes: { font: { size: 14 } },
  interaction: { hover: true },
});
state.network = network;
state.addGraph = (answer) => addGraph(answer);

function styled(node) {
  const style = (state.model?.labels || []).find((l) => l.label === node.group);
  return { ...node, color: node.color || style?.color, shape: node.shape || style?.shape };
}

// Large graphs: straight edges without labels, a short layout, then physics off, so
// panning and clicking stay smooth with 2,000 nodes on screen.
function bigGraphMode() {
  if (state.big) return;
  state.big = true;
  network.setOptions({
    layout: { improvedLayout: false },
    edges: { smooth: false, font: { size: 0 } },
    physics: { stabilization: { iterations: 50 } },
  });
  network.once("stabilizationIterationsDone", () => {
    network.setOptions({ physics: { enabled: false } });
    $("physics").checked = false;
  });
}

function addGraph(answer) {
  state.nodes.update(answer.nodes.map(styled));
  state.edges.update(answer.edges.map((e) => ({ ...e, label: e.label || e.type })));
  if (state.nodes.length > BIG_GRAPH) bigGraphMode();
  // with physics switched off new nodes would pile up where they were placed: lay them out once
  if (!$("physics").checked) network.stabilize(state.nodes.length > BIG_GRAPH ? 50 : 150);
  const bar = $("notice-bar");
  if (answer.truncated) {
    bar.textContent = `Result cut at ${answer.nodes.length} nodes: double-click nodes to expand further, or filter labels.`;
    bar.hidden = false;
  } else {
    bar.hidden = true;
  }
  $("hint").hidden = state.nodes.length > 0;
}

async function expand(id, focus = false) {
  const room = MAX_ON_SCREEN - state.nodes.length;
  if (room <= 0) {
    showError(new Error(`The canvas holds ${state.nodes.length} nodes, the most it draws smoothly: clear it or hide labels first.`));
    return null;
  }
  const limit = Math.min(NODE_LIMIT, room + (state.nodes.get(id) ? 1 : 0));
  const answer = await api(`/api/graph?ids=${encodeURIComponent(id)}&depth=1&limit=${limit}`);
  addGraph(answer);
  if (focus) network.focus(id, { scale: 1.0, animation: false });
  return answer;
}

network.on("click", (params) => {
  if (params.nodes.length) showEntity(params.nodes[0]);
});
network.on("doubleClick", (params) => {
  if (params.nodes.length) expand(params.nodes[0]).catch(showError);
});

$("physics").addEventListener("change", (e) => network.setOptions({ physics: { enabled: e.target.checked } }));
$("clear").addEventListener("click", () => {
  state.nodes.clear(); state.edges.clear(); $("panel").hidden = true; $("hint").hidden = false;
  if (state.big) {
    state.big = false;
    network.setOptions({ layout: { improvedLayout: true }, edges: { smooth: { type: "dynamic" }, font: { size: 10 } } });
  }
});

// --- the side panel --------------------------------------------------------------------------

async function showEntity(id) {
  const panel = $("panel");
  const body = $("panel-body");
  panel.hidden = false;
  body.innerHTML = "Loading…";
  let entity;
  try {
    entity = await api(`/api/entities/${encodeURIComponent(id)}`);
  } catch (err) {
    body.innerHTML = `<p class="error">${esc(err.message)}</p>`;
    return;
  }
  const props = Object.entries(entity.properties || {})
    .filter(([k]) => !["text", "asserts", "content_hash"].includes(k))
    .map(([k, v]) => `<tr><td>${esc(k)}</td><td>${esc(Array.isArray(v) ? v.join("、") : v)}</td></tr>`).join("");
  const groups = (entity.relationships || []).map((g) => {
    const items = g.items.map((r) => {
      const evidence = (r.evidence || []).map((ev) => {
        const link = `/notices/${encodeURIComponent(ev.notice.id)}?` + (r.key
          ? `fact=${encodeURIComponent(r.key)}` : `hl=${encodeURIComponent(ev.sentence || "")}`);
        return `<div class="evidence">${esc(ev.sentence)}<a href="${link}" target="_blank" rel="noopener">${esc(ev.notice.title || "notice")}</a></div>`;
      }).join("");
      const arrow = r.direction === "out" ? "→" : "←";
      const extra = ["title", "as_of", "on_behalf_of", "date"].filter((k) => r.properties?.[k])
        .map((k) => `${k}: ${esc(r.properties[k])}`).join(", ");
      // A same-as candidate (kg.identity): its score and reasons, for the analyst to judge.
      const why = g.type === "SAME_AS_CANDIDATE" ? `<div class="candidate">score ${esc(r.properties?.score)} · ${(r.properties?.reasons || []).map(esc).join("; ")}
        <span class="label">${esc(r.other.id)}</span></div>` : "";
      return `<div class="rel">${arrow} <span class="other" data-id="${esc(r.other.id)}">${esc(r.other.name || r.other.id)}</span>
        <span class="label">${esc(r.other.label)}</span> ${extra ? `<span class="label">(${extra})</span>` : ""}${why}${evidence}</div>`;
    }).join("");
    const more = g.total > g.items.length ? ` <span class="label">(${g.items.length} of ${g.total})</span>` : "";
    return `<h3>${esc(g.type)} · ${g.total}${more}</h3>${items}`;
  }).join("");
  body.innerHTML = `<div class="label">${esc(entity.label)}</div><h2>${esc(entity.name || entity.id)}</h2>
    <div class="label" id="panel-id">${esc(entity.id)}</div><table>${props}</table>${groups || "<p>No relationships.</p>"}`;
  body.querySelectorAll(".other").forEach((el) => el.addEventListener("click", async () => {
    const other = el.dataset.id;
    if (!state.nodes.get(other)) await expand(id);
    network.selectNodes([other]);
    showEntity(other);
  }));
}
$("close-panel").addEventListener("click", () => { $("panel").hidden = true; });

// --- search with suggestions -----------------------------------------------------------------

let searchTimer = null;
let searchSeq = 0;
$("search").addEventListener("input", (e) => {
  clearTimeout(searchTimer);
  const q = e.target.value.trim();
  if (!q) { $("suggestions").hidden = true; return; }
  searchTimer = setTimeout(() => suggest(q), 150);
});
$("search").addEventListener("keydown", (e) => {
  if (e.key === "Enter") {
    const first = $("suggestions").querySelector("li");
    if (first) first.click();
  }
});

async function suggest(q) {
  const seq = ++searchSeq;
  let answer;
  try {
    answer = await api(`/api/search?q=${encodeURIComponent(q)}&limit=12`);
  } catch (err) { showError(err); return; }
  if (seq !== searchSeq) return;
  const list = $("suggestions");
  list.innerHTML = answer.hits.map((h) =>
    `<li data-id="${esc(h.id)}" data-name="${esc(h.name || h.id)}">${esc(h.name || h.id)}<span class="kind">${esc(h.label)}</span></li>`).join("")
    || `<li class="none">No match for ${esc(answer.query)}</li>`;
  list.hidden = false;
  list.querySelectorAll("li[data-id]").forEach((li) => li.addEventListener("click", async () => {
    list.hidden = true;
    $("search").value = li.dataset.name;
    await openEntity(li.dataset.id);
  }));
}

// --- filters and legend ----------------------------------------------------------------------

function checkbox(container, value, hiddenSet, onChange) {
  const label = document.createElement("label");
  label.innerHTML = `<input type="checkbox" checked data-value="${esc(value)}"> ${esc(value)}`;
  label.querySelector("input").addEventListener("change", (e) => {
    if (e.target.checked) hiddenSet.delete(value); else hiddenSet.add(value);
    onChange();
  });
  container.appendChild(label);
}

async function loadModel() {
  state.model = await api("/api/model");
  for (const l of state.model.labels) {
    checkbox($("label-filters"), l.label, state.hiddenLabels, () => nodeView.refresh());
    $("legend").insertAdjacentHTML("beforeend",
      `<div class="item"><span class="swatch ${esc(l.shape)}" style="background:${esc(l.color)}"></span>${esc(l.label)}</div>`);
  }
  for (const r of state.model.relationships) {
    checkbox($("rel-filters"), r.type, state.hiddenTypes, () => edgeView.refresh());
  }
}

// --- named questions -------------------------------------------------------------------------

const VIEWS = ["overview", "letters", "timeline", "chain", "graph", "questions"];
const viewHooks = {};  // view name → called when the view is shown (story.js fills it)
state.viewHooks = viewHooks;

function showTab(name) {
  for (const v of VIEWS) {
    $(`${v}-view`).hidden = v !== name;
    $(`tab-${v}`).classList.toggle("active", v === name);
  }
  state.view = name;
  if (name === "graph") network.redraw();
  if (viewHooks[name]) viewHooks[name]();
}
state.showTab = showTab;
for (const v of VIEWS) $(`tab-${v}`).addEventListener("click", () => showTab(v));

// Open an entity from anywhere (overview rows, timeline items, a notice's marks: /?entity=ID).
async function openEntity(id) {
  showTab("graph");
  await expand(id, true);
  network.selectNodes([id]);
  showEntity(id);
}
state.openEntity = (id) => openEntity(id).catch(showError);

async function loadQuestions() {
  state.queries = await api("/api/queries");
  $("question").innerHTML = state.queries.map((q) => `<option value="${esc(q.name)}">${esc(q.name)}</option>`).join("");
  $("question").addEventListener("change", renderParams);
  renderParams();
}

function renderParams() {
  const q = state.queries.find((x) => x.name === $("question").value);
  if (!q) return;
  $("question-description").textContent = q.description;
  $("question-params").innerHTML = q.params.map((p) =>
    `<label><span>${esc(p.name)}${p.required ? " *" : ""}</span>
      <input name="${esc(p.name)}" placeholder="${esc(p.example ?? "")}" title="${esc(p.description)}"></label>`).join("");
}

function questionUrl() {
  const params = new URLSearchParams();
  $("question-params").querySelectorAll("input").forEach((i) => { if (i.value.trim()) params.set(i.name, i.value.trim()); });
  return { name: $("question").value, params };
}

$("question-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const { name, params } = questionUrl();
  $("question-status").textContent = "Running…";
  try {
    const answer = await api(`/api/queries/${encodeURIComponent(name)}?${params}`);
    state.lastResult = answer;
    $("question-status").textContent = `${answer.rows.length} rows` + (answer.truncated ? ` (cut: ${answer.note || "row limit"})` : "");
    renderTable(answer);
  } catch (err) {
    $("question-status").innerHTML = `<span class="error">${esc(err.message)}</span>`;
  }
});

const ID_PATTERN = /^(doc|person|org|loc|meeting|directive|letter|site|principle):\S/;

function cell(v) {
  if (Array.isArray(v)) return v.map(cell).join("<br>");
  if (v && typeof v === "object") return esc(JSON.stringify(v));
  return esc(v);
}

function renderTable(answer) {
  const head = answer.columns.map((c) => `<th>${esc(c)}</th>`).join("");
  const rows = answer.rows.map((r) => `<tr>${answer.columns.map((c) => `<td>${cell(r[c])}</td>`).join("")}</tr>`).join("");
  $("question-result").innerHTML = `<table><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>`;
}

$("draw-question").addEventListener("click", async () => {
  if (!state.lastResult) $("question-form").requestSubmit();
  const answer = state.lastResult;
  if (!answer) return;
  const ids = new Set();
  for (const row of answer.rows) {
    for (const c of answer.columns) {
      for (const v of [].concat(row[c] ?? [])) if (typeof v === "string" && ID_PATTERN.test(v)) ids.add(v);
    }
  }
  state.nodes.clear(); state.edges.clear();
  showTab("graph");
  const list = [...ids].slice(0, 60);
  if (!list.length) { $("question-status").textContent += " — no node ids to draw"; return; }
  const graph = await api(`/api/graph?ids=${list.map(encodeURIComponent).join(",")}&depth=1&limit=${NODE_LIMIT}`);
  addGraph(graph);
});

function showError(err) {
  const bar = $("notice-bar");
  bar.textContent = err.message || String(err);
  bar.hidden = false;
}

// --- start -----------------------------------------------------------------------------------

document.addEventListener("click", (e) => {
  if (!e.target.closest(".search")) $("suggestions").hidden = true;
});
// The page's address says what to open: /?entity=ID, /?view=timeline&person=ID,
// /?view=chain&body=NAME, /?view=letters (story.js reads its own parameters).
state.ready = Promise.all([loadModel(), loadQuestions()]).then(async () => {
  const params = new URLSearchParams(location.search);
  const entity = params.get("entity");
  if (entity && ID_PATTERN.test(entity) && entity.length <= 300) await openEntity(entity);
  else showTab(VIEWS.includes(params.get("view")) ? params.get("view") : "overview");
  document.body.dataset.ready = "1";
}).catch((err) => { showError(err); document.body.dataset.ready = "1"; });
