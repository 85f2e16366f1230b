// The article page: a click on a figure (or its row) lights it and its partner in the other
// language, and shows every column of both in the side panel; filters dim the figures and
// hide the rows that do not match. No request leaves the page.
(function () {
  var panel = document.getElementById("panel");
  var table = document.getElementById("claims");
  var heads = Array.prototype.map.call(table.tHead.rows[0].cells, function (th) { return th.getAttribute("data-c") || th.textContent; });
  var NOTES = {
    scale_x10: "a factor of 10 apart (万 read as thousand, or a digit dropped)",
    scale_x100: "a factor of 100 apart",
    scale_x1000: "a factor of 1,000 apart",
    scale_x10000: "a factor of 10,000 apart (万 dropped)",
    scale_x100000: "a factor of 100,000 apart",
    scale_x1000000: "a factor of 1,000,000 apart",
    scale_x10000000: "a factor of 10,000,000 apart",
    scale_x100000000: "a factor of 100,000,000 apart (亿 dropped)",
    bei_off_by_one: "倍 off by one: 提高N倍 is ×(N+1)",
    fan_as_bei: "番 (doublings) rendered as a multiple",
    digits_transposed: "two digits transposed",
    rounding: "rounded beyond the English number's last digit",
    several_narrowed: "a vague amount rendered narrower than the Chinese allows",
    swapped: "the numbers of two items swapped",
    qualifier_dropped: "the Chinese qualifier (多, 约, 以上…) is missing in the English",
    qualifier_added: "the English adds a qualifier the Chinese does not have",
    qualifier_changed: "the English changes the qualifier",
    unit: "the same number with another unit",
    value: "the numbers differ, no known pattern"
  };
  var lit = [];
  function clear() {
    lit.forEach(function (e) { e.classList.remove("lit", "partner"); });
    lit = [];
  }
  function light(e, cls) { if (e) { e.classList.add(cls); lit.push(e); } }
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }
  function details(row, title) {
    var box = document.createElement("div");
    box.appendChild(el("h3", title));
    var dl = document.createElement("dl");
    Array.prototype.forEach.call(row.cells, function (td, i) {
      var v = td.textContent;
      if (v === "" || heads[i] === "#") return;
      dl.appendChild(el("dt", heads[i]));
      dl.appendChild(el("dd", v));
    });
    box.appendChild(dl);
    return box;
  }
  function show(n, scroll) {
    clear();
    var m = document.getElementById("c" + n), r = document.getElementById("r" + n);
    var src = m || r;
    if (!src) return;
    light(m, "lit");
    light(r, "lit");
    var p = src.getAttribute("data-p");
    var pm = p !== null ? document.getElementById("c" + p) : null;
    var pr = p !== null ? document.getElementById("r" + p) : null;
    light(pm, "partner");
    light(pr, "partner");
    if (scroll && pm) pm.scrollIntoView({ block: "nearest" });
    panel.textContent = "";
    var status = src.getAttribute("data-s");
    var head = el("p");
    head.appendChild(el("span", status === "none" ? "no pair" : status, "badge s-" + status));
    panel.appendChild(head);
    var note = r ? r.getAttribute("data-pn") : "";
    if (note) panel.appendChild(el("p", note + ": " + (NOTES[note] || ""), "diag"));
    if (r) panel.appendChild(details(r, "This figure"));
    if (pr) panel.appendChild(details(pr, "Its partner"));
    else if (p !== null) {
      var ph = src.getAttribute("data-ph");
      var a = el("a", "its partner, on another page");
      a.href = ph || ("#c" + p);
      panel.appendChild(a);
    }
  }
  document.addEventListener("click", function (ev) {
    if (ev.target.closest("a")) return;
    var t = ev.target.closest("mark.m, tr[data-n]");
    if (t) show(t.getAttribute("data-n"), true);
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key !== "Enter") return;
    var t = ev.target.closest && ev.target.closest("mark.m");
    if (t) show(t.getAttribute("data-n"), true);
  });
  function fromHash() {
    var h = /^#c(\d+)$/.exec(location.hash);
    if (h) show(h[1], true);
  }
  window.addEventListener("hashchange", fromHash);
  fromHash();
  var fk = document.getElementById("f-kind"), fi = document.getElementById("f-item"), fs = document.getElementById("f-status");
  var count = document.getElementById("f-count");
  function apply() {
    var k = fk.value, i = fi.value, s = fs.value, shown = 0, all = 0;
    Array.prototype.forEach.call(document.querySelectorAll("mark.m, tr[data-n]"), function (e) {
      var ok = (!k || e.getAttribute("data-k") === k) && (!i || e.getAttribute("data-i") === i) && (!s || e.getAttribute("data-s") === s);
      e.classList.toggle("off", !ok);
      if (e.tagName === "TR") { all++; if (ok) shown++; }
    });
    count.textContent = (k || i || s) ? shown + " of " + all + " figures of this page" : all + " figures on this page";
  }
  [fk, fi, fs].forEach(function (f) { f.addEventListener("change", apply); });
  apply();
})();
