"""Explorer responsiveness with a large graph on screen (a benchmark, not a test).

    python bench/bench_explorer.py [--nodes 2000] [--url http://127.0.0.1:8000/]

Opens the explorer in headless Chromium (Debian's), puts N synthetic nodes and
about 1.5 N edges on the canvas through the page's own data sets, and prints the
time until the layout stabilises, the frame rate while dragging the view, and
the time a node click takes to reach the page's handler.
"""

from __future__ import annotations

import argparse
import time

from playwright.sync_api import sync_playwright

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

FILL = """(n) => {
  const kg = window.kg;
  const groups = kg.model.labels.map(l => l.label);
  const nodes = [], edges = [];
  for (let i = 0; i < n; i++) nodes.push({id: "bench:" + i, label: "节点" + i, group: groups[i % groups.length]});
  for (let i = 1; i < n; i++) edges.push({id: "e" + i, from: "bench:" + i, to: "bench:" + Math.floor(Math.random() * i), type: "MENTIONS"});
  for (let i = 0; i < n / 2; i++) edges.push({id: "f" + i, from: "bench:" + i, to: "bench:" + ((i * 7) % n), type: "IN"});
  const t0 = performance.now();
  // the page's own path for a large result (what addGraph does after an expansion)
  kg.nodes.update(nodes); kg.edges.update(edges);
  kg.addGraph({nodes: [], edges: [], truncated: false});
  kg.network.stabilize(50);
  return performance.now() - t0;
}"""

FPS = """() => new Promise(resolve => {
  let frames = 0; const t0 = performance.now();
  const net = window.kg.network;
  function step() {
    frames++;
    net.moveTo({position: {x: Math.sin(frames / 10) * 200, y: 0}, animation: false});
    if (performance.now() - t0 < 2000) requestAnimationFrame(step); else resolve(frames / 2);
  }
  requestAnimationFrame(step);
})"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nodes", type=int, default=2000)
    ap.add_argument("--url", default="http://127.0.0.1:8000/")
    args = ap.parse_args()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.goto(args.url)
        page.wait_for_selector("body[data-ready='1']")
        stabilise_ms = page.evaluate(FILL, args.nodes)
        fps = page.evaluate(FPS)
        started = time.perf_counter()
        page.evaluate("window.kg.network.selectNodes(['bench:1'])")
        click_ms = (time.perf_counter() - started) * 1000
        print(f"nodes on screen: {page.evaluate('window.kg.nodes.length')}, "
              f"edges: {page.evaluate('window.kg.edges.length')}")
        print(f"data set and 50 layout iterations: {stabilise_ms:.0f} ms")
        print(f"redraw while panning: {fps:.1f} frames/s")
        print(f"select a node: {click_ms:.0f} ms")
        browser.close()


if __name__ == "__main__":
    main()
