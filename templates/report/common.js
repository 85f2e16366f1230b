// Sortable tables: a click on a column head sorts the rows by that column (numbers as
// numbers where the head says data-t="n"), a second click reverses.
(function () {
  function key(cell, num) {
    var t = cell ? cell.textContent : "";
    if (!num) return t;
    var v = parseFloat(t.replace(/,/g, ""));
    return isNaN(v) ? -Infinity : v;
  }
  function sortBy(table, i, th) {
    var num = th.getAttribute("data-t") === "n";
    var dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
    Array.prototype.forEach.call(th.parentNode.cells, function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", dir === 1 ? "ascending" : "descending");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = key(a.cells[i], num), y = key(b.cells[i], num);
      if (num) return x === y ? 0 : (x < y ? -dir : dir);
      return x.localeCompare(y) * dir;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }
  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
    if (!table.tHead) return;
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, i) {
      th.tabIndex = 0;
      th.title = "sort by this column";
      th.addEventListener("click", function () { sortBy(table, i, th); });
      th.addEventListener("keydown", function (e) { if (e.key === "Enter") sortBy(table, i, th); });
    });
  });
})();
