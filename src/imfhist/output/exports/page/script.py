"""The page's script: a function of the root it works in (the document, or the shadow root of an
embedded page). It filters by country and tag, keeps the filter in the URL's fragment
(`#country=TN&tag=projet`) so that a filtered view can be shared, opens the event a fragment
names (`#altermed`), and opens every event before printing.

It only shows, hides and opens elements and sets the text of counters: it never turns data into
markup. Each event's countries and tags are read once, so that a filter change on a large page
is one pass over arrays and a change of `hidden` only where it differs.
"""

SCRIPT = """function (root) {
  "use strict";
  var list = root.querySelector("ol.events");
  var items = Array.prototype.slice.call(list.children);
  var country = root.querySelector("#imfhist_country");
  var tag = root.querySelector("#imfhist_tag");
  var selects = [country, tag];
  var shown = root.querySelector("#imfhist_shown");
  var empty = root.querySelector(".empty");
  var showAll = Array.prototype.slice.call(root.querySelectorAll(".show-all"));
  var forms = JSON.parse(shown.getAttribute("data-forms"));
  var countries = items.map(function (item) {
    return (item.getAttribute("data-countries") || "").split(" ");
  });
  var tags = items.map(function (item) {
    try { return JSON.parse(item.getAttribute("data-tags") || "[]"); } catch (e) { return []; }
  });
  var visible = items.map(function () { return true; });

  function apply() {
    var c = country.value, t = tag.value, count = 0;
    for (var i = 0; i < items.length; i++) {
      var match = (!c || countries[i].indexOf(c) >= 0) && (!t || tags[i].indexOf(t) >= 0);
      if (match !== visible[i]) { items[i].hidden = !match; visible[i] = match; }
      if (match) { count += 1; }
    }
    var form = count > 1 || (count === 0 && !forms.zeroIsOne) ? forms.other : forms.one;
    shown.textContent = form.replace("{count}", String(count));
    empty.hidden = count > 0;
    showAll[0].hidden = !c && !t;
  }

  function fragment() {
    var parts = [];
    selects.forEach(function (select) {
      if (select.value) {
        parts.push(select.getAttribute("data-key") + "=" + encodeURIComponent(select.value));
      }
    });
    return parts.join("&");
  }

  function remember() {
    var hash = fragment();
    var url = location.href.split("#")[0] + (hash ? "#" + hash : "");
    try { history.replaceState(history.state, "", url); } catch (e) { /* a sandboxed frame */ }
  }

  function choose(select, value) {
    var known = Array.prototype.some.call(select.options, function (option) {
      return option.value === value;
    });
    select.value = known ? value : "";
  }

  function open(item) {
    if (item.hidden) { selects.forEach(function (s) { s.value = ""; }); apply(); remember(); }
    var details = item.querySelector("details");
    details.open = true;
    var summary = details.querySelector("summary");
    // Rows off screen are laid out only when shown (content-visibility): the first scroll
    // lays out those it passes, which moves the event; the second, once they are, lands on it.
    // Focus moves there too, so that the keyboard goes on from the event.
    item.scrollIntoView({block: "start"});
    requestAnimationFrame(function () {
      item.scrollIntoView({block: "start"});
      summary.focus({preventScroll: true});
    });
  }

  function follow() {
    var hash = location.hash.replace(/^#/, "");
    if (!hash) { return; }
    if (hash.indexOf("=") >= 0) {
      var values = {};
      hash.split("&").forEach(function (part) {
        var pair = part.split("=");
        try { values[pair[0]] = decodeURIComponent(pair.slice(1).join("=")); } catch (e) { }
      });
      selects.forEach(function (select) {
        choose(select, values[select.getAttribute("data-key")] || "");
      });
      apply();
      return;
    }
    var id;
    try { id = decodeURIComponent(hash); } catch (e) { return; }
    var item = root.getElementById(id);
    if (item && item.classList.contains("event")) { open(item); }
  }

  selects.forEach(function (select) {
    select.addEventListener("change", function () { apply(); remember(); });
  });
  showAll.forEach(function (button) {
    button.addEventListener("click", function () {
      selects.forEach(function (s) { s.value = ""; });
      apply(); remember();
      country.focus();
    });
  });
  window.addEventListener("hashchange", follow);
  var closed = [];
  window.addEventListener("beforeprint", function () {
    closed = items.map(function (item) { return item.querySelector("details"); })
      .filter(function (details) { return !details.open; });
    closed.forEach(function (details) { details.open = true; });
  });
  window.addEventListener("afterprint", function () {
    closed.forEach(function (details) { details.open = false; });
    closed = [];
  });
  apply();
  follow();
}"""
