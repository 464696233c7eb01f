// The notice page: scroll to the highlighted sentence; hovering a fact in the list
// lights up its marks in the text. The marks are links to their entities. Where marks
// stand is decided by the server from the evidence's offsets (api/notice_view.py;
// each mark and the highlight carry them as data-start/data-end), not searched here.
"use strict";
(function () {
  const hl = document.getElementById("hl");
  if (hl) hl.scrollIntoView({ block: "center" });
  const marks = Array.from(document.querySelectorAll("#text .mk"));
  document.querySelectorAll("#facts li[data-key]").forEach((li) => {
    const key = li.dataset.key;
    const mine = marks.filter((m) => (m.dataset.facts || "").split(" ").includes(key));
    li.addEventListener("mouseenter", () => mine.forEach((m) => m.classList.add("hover")));
    li.addEventListener("mouseleave", () => mine.forEach((m) => m.classList.remove("hover")));
  });
  document.body.dataset.ready = "1";
})();
