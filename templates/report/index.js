// The index: the search box keeps the articles whose row holds every word typed.
(function () {
  var box = document.getElementById("search");
  var rows = document.querySelectorAll("#articles-table tbody tr");
  var count = document.getElementById("search-count");
  function apply() {
    var words = box.value.toLowerCase().split(/\s+/).filter(function (w) { return w; });
    var shown = 0;
    Array.prototype.forEach.call(rows, function (r) {
      var t = r.textContent.toLowerCase();
      var ok = words.every(function (w) { return t.indexOf(w) >= 0; });
      r.classList.toggle("off", !ok);
      if (ok) shown++;
    });
    count.textContent = shown + " of " + rows.length + " articles";
  }
  box.addEventListener("input", apply);
  apply();
})();
