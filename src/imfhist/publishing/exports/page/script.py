"""The page's script: a function of the root it works in (the document, or the shadow root of an
embedded page). It filters by country, tag and words (those of the titles, summaries and quotes,
case and accents aside, as `imfhist filter --text`), keeps the filter in the URL's fragment
(`#country=DZ&tag=projet&text=eau`) so that a filtered view can be shared, hides the heading of
a period whose events are all left out, opens the event a fragment
names (`#altermed`), and opens every event before printing.

It only shows, hides and opens elements and sets the text of counters: it never turns data into
markup. A filter change is one attribute of the story that the style sheet reads, and a count
over arrays read once: on a large page it makes no more changes to the page than on a small one.
A search marks the events it leaves out (and only those whose state changes) with a class.
"""

SCRIPT = """function (root) {
  "use strict";
  var items = Array.prototype.slice.call(root.querySelectorAll("ol.events > li.event"));
  var country = root.querySelector("#imfhist_country");
  var tag = root.querySelector("#imfhist_tag");
  var selects = [country, tag];
  var shown = root.querySelector("#imfhist_shown");
  var empty = root.querySelector(".empty");
  var showAll = Array.prototype.slice.call(root.querySelectorAll(".show-all"));
  var forms = JSON.parse(shown.getAttribute("data-forms"));
  // Each event's classes name its countries (c0, c1...) and tags (t0, t1...), as the options'
  // data-class do. A filter is one attribute of the story, which the page's style sheet reads
  // (`.story[data-country=c3] li.event:not(.c3)` is hidden): one change to the page, however
  // many events, where setting `hidden` on each would be thousands of changes.
  var story = root.querySelector(".story");
  var classes = items.map(function (item) { return item.className.split(" "); });
  var search = root.querySelector("#imfhist_text");
  var fields = selects.concat([search]);
  // The periods of a long story, each with its heading: one is hidden when none of its events
  // is shown. periodOf[i] is the index of event i's period (or -1).
  var periods = Array.prototype.slice.call(root.querySelectorAll(".story > .era"));
  var periodOf = items.map(function (item) {
    return periods.indexOf(item.closest(".era"));
  });
  var periodShown = periods.map(function () { return true; });

  // Text as `imfhist filter --text` compares it: lower case, without accents, with plain
  // apostrophes and quotation marks and single spaces.
  function fold(text) {
    return text.normalize("NFKD").replace(/\\p{M}/gu, "").toLowerCase()
      .replace(/\\u00df/g, "ss").replace(/[\\u2019\\u2018\\u02bc\\u2032]/g, "'")
      .replace(/[\\u201c\\u201d\\u00ab\\u00bb]/g, '"').replace(/\\s+/g, " ");
  }
  // What a search reads of each event (its title, summary and own quotes, not those of the
  // events that place it), folded once, when the first search is made.
  var texts = null;
  function haystacks() {
    if (!texts) {
      texts = items.map(function (item) {
        var parts = [item.querySelector(".title")].concat(Array.prototype.slice.call(
          item.querySelectorAll(".details > p.summary, .details > blockquote > p")));
        return fold(parts.map(function (part) { return part ? part.textContent : ""; })
          .join(" "));
      });
    }
    return texts;
  }
  function words() {
    var typed = fold(search.value).trim();
    return typed ? typed.split(" ") : [];
  }
  var missed = items.map(function () { return false; });
  function found(index, wanted) {
    if (!wanted.length) { return true; }
    var text = haystacks()[index];
    for (var k = 0; k < wanted.length; k++) {
      if (text.indexOf(wanted[k]) < 0) { return false; }
    }
    return true;
  }

  function chosen(select) {
    var option = select.options[select.selectedIndex];
    return option ? option.getAttribute("data-class") || "" : "";
  }

  function matches(index, wanted) {
    for (var k = 0; k < wanted.length; k++) {
      if (classes[index].indexOf(wanted[k]) < 0) { return false; }
    }
    return true;
  }

  function apply() {
    var wanted = selects.map(chosen).filter(Boolean), count = 0, typed = words();
    var inPeriod = periods.map(function () { return 0; });
    for (var i = 0; i < items.length; i++) {
      var miss = !found(i, typed);
      if (miss !== missed[i]) { items[i].classList.toggle("miss", miss); missed[i] = miss; }
      if (!miss && matches(i, wanted)) {
        count += 1;
        if (periodOf[i] >= 0) { inPeriod[periodOf[i]] += 1; }
      }
    }
    periods.forEach(function (period, p) {
      if ((inPeriod[p] > 0) !== periodShown[p]) {
        periodShown[p] = inPeriod[p] > 0; period.hidden = !periodShown[p];
      }
    });
    selects.forEach(function (select) {
      var name = "data-" + select.getAttribute("data-key"), value = chosen(select);
      if (value) { story.setAttribute(name, value); } else { story.removeAttribute(name); }
    });
    var form = count > 1 || (count === 0 && !forms.zeroIsOne) ? forms.other : forms.one;
    shown.textContent = form.replace("{count}", String(count));
    empty.hidden = count > 0;
    story.classList.toggle("is-empty", count === 0);
    showAll[0].hidden = !wanted.length && !typed.length;
  }

  function fragment() {
    var parts = [];
    fields.forEach(function (field) {
      if (field.value.trim()) {
        parts.push(field.getAttribute("data-key") + "=" + encodeURIComponent(field.value.trim()));
      }
    });
    return parts.join("&");
  }

  // The address follows the filter once the page has shown it: on a long page, changing the
  // address costs as much as the filter change itself.
  var pending = null;
  function remember() {
    clearTimeout(pending);
    pending = setTimeout(function () {
      var hash = fragment();
      var url = location.href.split("#")[0] + (hash ? "#" + hash : "");
      try { history.replaceState(history.state, "", url); } catch (e) { /* a sandboxed frame */ }
    }, 100);
  }

  function choose(select, value) {
    var known = Array.prototype.some.call(select.options, function (option) {
      return option.value === value;
    });
    select.value = known ? value : "";
  }

  var opened = null;
  function settle() {
    if (!opened) { return; }
    opened.scrollIntoView({block: "start"});
    opened.querySelector("summary").focus({preventScroll: true});
  }

  function open(item) {
    var index = items.indexOf(item);
    if (!matches(index, selects.map(chosen).filter(Boolean)) || !found(index, words())) {
      fields.forEach(function (s) { s.value = ""; });
      apply(); remember();
    }
    var details = item.querySelector("details");
    details.open = true;
    // The event a link opened stands out, in the accent colour, until another is opened.
    if (opened) { opened.classList.remove("current"); }
    item.classList.add("current");
    // Rows off screen are laid out only when shown (content-visibility): the first scroll
    // lays out those it passes, which moves the event; the second, once they are, lands on it.
    // Focus moves there too, so that the keyboard goes on from the event.
    opened = item;
    item.scrollIntoView({block: "start"});
    requestAnimationFrame(settle);
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
      search.value = values.text || "";
      apply();
      return;
    }
    var id;
    try { id = decodeURIComponent(hash); } catch (e) { return; }
    var item = root.getElementById(id);
    if (!item) {  // a link published before a rename: the event keeps its old ids
      item = Array.prototype.find.call(root.querySelectorAll("li.event[data-former]"),
        function (event) { return event.getAttribute("data-former").split(" ").indexOf(id) >= 0; }) || null;
    }
    if (item && item.classList.contains("event")) { open(item); }
  }

  selects.forEach(function (select) {
    select.addEventListener("change", function () { apply(); remember(); });
  });
  search.addEventListener("input", function () { apply(); remember(); });
  showAll.forEach(function (button) {
    button.addEventListener("click", function () {
      fields.forEach(function (s) { s.value = ""; });
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
  // The browser's own move to the address's fragment, when the page has loaded, takes the
  // focus back to the page: give it to the opened event again.
  if (document.readyState !== "complete") {
    window.addEventListener("load", function () {
      requestAnimationFrame(function () {
        var active = document.activeElement;
        if (!active || active === document.body) { settle(); }  // unless the reader moved on
      });
    });
  }
}"""
