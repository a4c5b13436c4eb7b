// canonlint report: draws an edition's view from its embedded JSON when it is opened,
// filters findings by severity and rule, moves between findings with the keyboard, hides
// identical blocks on request, and sorts the editions table by any column.
// Text from the editions reaches the page only as text nodes (textContent, append of a
// string): it is never parsed as markup.
(function () {
  "use strict";
  var shared = JSON.parse(document.getElementById("canonlint-data").textContent);
  var template = shared.template;
  var documented = new Set(shared.documented);
  var titles = shared.titles || {};
  var slots = template ? template.slots : [];
  var hideSame = false;
  var overview = document.getElementById("overview");
  var view = document.getElementById("edition");
  var shown = -1;
  var current = -1;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function editionData(i) {
    var block = document.getElementById("edition-data-" + i);
    return block ? JSON.parse(block.textContent) : null;
  }

  // text[from, to) into parent as text nodes, each of the chips ([start, end, name], in
  // order) that lies wholly inside it as a named chip instead of its `{slot}` syntax.
  function appendText(parent, text, from, to, chips) {
    var at = from;
    for (var c = 0; c < chips.length && chips[c][0] < to; c++) {
      var chip = chips[c];
      if (chip[0] < at || chip[1] > to) continue;
      if (chip[0] > at) parent.append(text.slice(at, chip[0]));
      var node = el("span", "slot", chip[2]);
      node.title = "filled in per edition";
      parent.append(node);
      at = chip[1];
    }
    if (to > at) parent.append(text.slice(at, to));
  }

  // text[from, to) into parent, the spans in marks (pairs of offsets) wrapped in `tag`,
  // a pin before the text at each pin's offset, and chips for the slots in chips.
  function fill(parent, text, from, to, marks, tag, pins, chips) {
    chips = chips || [];
    var cuts = [];
    for (var k = 0; k + 1 < marks.length; k += 2) {
      var s = Math.max(from, marks[k]), e = Math.min(to, marks[k + 1]);
      if (e > s) cuts.push([s, e]);
    }
    cuts.sort(function (a, b) { return a[0] - b[0]; });
    var at = from, p = 0;
    function plain(into, end) {
      while (p < pins.length && pins[p].offset <= end) {
        var o = Math.max(at, Math.min(pins[p].offset, end));
        if (o > at) { appendText(into, text, at, o, chips); at = o; }
        into.append(pins[p].node);
        p++;
      }
      if (end > at) { appendText(into, text, at, end, chips); at = end; }
    }
    cuts.forEach(function (cut) {
      if (cut[0] < at) return;
      plain(parent, cut[0]);
      var mark = el(tag);
      plain(mark, cut[1]);
      parent.append(mark);
    });
    plain(parent, to);
    while (p < pins.length) parent.append(pins[p++].node);
  }

  function findingCard(i, j, f) {
    var card = el("div", "finding sev-" + f.severity);
    card.id = "edition-" + i + "-finding-" + j;
    card.tabIndex = -1;
    card.setAttribute("data-rule", f.rule);
    card.setAttribute("data-severity", f.severity);
    card.append(el("span", "num", j + 1), el("strong", "title", titles[f.rule] || f.name));
    var code;
    if (documented.has(f.rule)) {
      code = el("a", "code", f.rule);
      code.href = "#rule-" + f.rule;
      code.title = "what " + f.rule + " (" + f.name + ") checks";
    } else {
      code = el("span", "code", f.rule);
    }
    card.append(code, el("span", "sev sev-" + f.severity, f.severity),
                el("span", "where", "line " + f.line + ", column " + f.column), el("span", "msg", f.message));
    if (f.fix) {
      card.append(el("div", "fix", "Fix: " + f.fix.title + (f.fix.safe ? " (safe: canonlint check --fix)"
                                                                        : " (canonlint check --fix --unsafe-fixes)")));
    }
    return card;
  }

  function pin(i, j, f) {
    var node = el("a", "pin sev-" + f.severity, j + 1);
    node.href = "#edition-" + i + "-finding-" + j;
    node.title = (titles[f.rule] || f.name) + ": " + f.message;
    node.setAttribute("data-pin", j);
    return node;
  }

  function renderRows(i, data, table) {
    var byRow = {};
    data.findings.forEach(function (f, j) { (byRow[f.row] = byRow[f.row] || []).push(j); });
    var body = el("tbody");
    data.rows.forEach(function (row, k) {
      var block = row[0], status = row[1], start = row[3], end = row[4];
      var tr = el("tr", "row status-" + status);
      tr.id = "edition-" + i + "-row-" + k;
      var tpl = el("td", "tpl"), ed = el("td", "ed");
      if (block >= 0 && template) {
        var b = template.blocks[block];
        tr.classList.add("kind-" + b[0].replace(" ", "-"));
        if (b[0] === "heading") tr.classList.add("level-" + b[1]);
        if (b[0] === "heading" && b[1] === 1) tr.id = "edition-" + i + "-section-" + block;
        if (b[5]) {
          tpl.append(el("span", "slot local", "local text"));
        } else {
          fill(tpl, template.text, b[2], b[3], row[6], "del", [], slots);
        }
        if (status === "found" && !row[5].length && !row[6].length && !byRow[k] && !(b[0] === "heading" && b[1] === 1)) {
          tr.classList.add("same");
        }
      }
      if (status === "extra" && (row[5].length || byRow[k])) tr.classList.add("not-in-template");
      var pins = (byRow[k] || []).map(function (j) {
        var f = data.findings[j];
        return { offset: Math.max(start, Math.min(end, f.offset)), node: pin(i, j, f) };
      });
      pins.sort(function (a, b) { return a.offset - b.offset; });
      fill(ed, data.text, start, end, row[5], "ins", pins);
      if (status === "moved") {
        var note = el("span", "note", "out of place"), home = template ? template.blocks[block][4] : -1;
        if (home >= 0 && row[2] !== home) {  // shown where it stands: say where the template has it
          note.append(": the template has it under ");
          appendText(note, template.text, template.blocks[home][2], template.blocks[home][3], slots);
        }
        ed.prepend(note);
      }
      if (status === "missing") ed.setAttribute("data-note", "missing");
      tr.append(tpl, ed);
      body.append(tr);
      if (byRow[k]) {
        var cards = el("tr", "findings"), cell = el("td");
        cell.colSpan = 2;
        byRow[k].forEach(function (j) { cell.append(findingCard(i, j, data.findings[j])); });
        cards.append(cell);
        body.append(cards);
      }
    });
    table.append(body);
  }

  function renderEdition(i) {
    var data = editionData(i);
    view.replaceChildren();
    if (!data) return;
    var head = el("div", "edition-head");
    head.append(el("h2", null, data.path));
    var toggle = el("label", "toggle"), box = el("input");
    box.type = "checkbox";
    box.id = "hide-same";
    box.checked = hideSame;
    box.addEventListener("change", function () { hideSame = box.checked; view.classList.toggle("hide-same", hideSame); });
    toggle.append(box, " hide blocks identical to the template");
    head.append(toggle);
    view.append(head);
    view.classList.toggle("hide-same", hideSame);
    var summary = document.getElementById("summary-" + i);
    if (summary) {
      var top = summary.cloneNode(true);
      top.removeAttribute("id");
      top.querySelector(".edition-path").remove();
      view.append(top);
    }
    if (data.text !== null && data.rows.length) {
      var table = el("table", "side");
      var thead = el("thead"), tr = el("tr");
      tr.append(el("th", null, "Template" + (template ? " (" + template.path + ")" : "")), el("th", null, "Edition"));
      thead.append(tr);
      table.append(thead);
      renderRows(i, data, table);
      view.append(table);
    } else {
      var list = el("div", "loose");
      data.findings.forEach(function (f, j) { list.append(findingCard(i, j, f)); });
      view.append(list);
    }
    shown = i;
    current = -1;
    applyFilters();
  }

  function route() {
    var m = /^#edition-(\d+)(?:-(section|row|finding)-(-?\d+))?$/.exec(location.hash);
    if (m) {
      var i = Number(m[1]);
      if (i !== shown) renderEdition(i);
      overview.hidden = true;
      view.hidden = false;
      document.body.classList.add("in-edition");
      var target = document.getElementById(location.hash.slice(1));
      if (target && target !== view) {
        target.scrollIntoView({ block: "start" });
        if (m[2] === "finding") select(visibleFindings().indexOf(target));
      } else {
        window.scrollTo(0, 0);
      }
    } else if (location.hash === "#overview" || location.hash === "") {
      overview.hidden = false;
      view.hidden = true;
      document.body.classList.remove("in-edition");
    }
  }

  function checked(kind) {
    var values = new Set();
    document.querySelectorAll('input[data-filter="' + kind + '"]').forEach(function (box) {
      if (box.checked) values.add(box.value);
    });
    return values;
  }

  function applyFilters() {
    var severities = checked("severity"), codes = checked("code");
    view.querySelectorAll(".finding").forEach(function (card) {
      var hide = !severities.has(card.getAttribute("data-severity")) || !codes.has(card.getAttribute("data-rule"));
      card.hidden = hide;
      var j = card.id.split("-").pop();
      view.querySelectorAll('a.pin[data-pin="' + j + '"]').forEach(function (p) { p.hidden = hide; });
    });
    view.querySelectorAll(".finding-list li").forEach(function (item) {
      item.hidden = !severities.has(item.getAttribute("data-severity")) || !codes.has(item.getAttribute("data-code"));
    });
    view.querySelectorAll("tr.findings").forEach(function (tr) {
      tr.hidden = !tr.querySelector(".finding:not([hidden])");
    });
  }

  function visibleFindings() {
    return Array.prototype.slice.call(view.querySelectorAll(".finding:not([hidden])"));
  }

  function select(k) {
    var cards = visibleFindings();
    view.querySelectorAll(".finding.current").forEach(function (c) { c.classList.remove("current"); });
    if (!cards.length || k < 0) { current = -1; return; }
    current = Math.min(k, cards.length - 1);
    var card = cards[current];
    card.classList.add("current");
    card.focus({ preventScroll: true });
    card.scrollIntoView({ block: "center" });
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.target && /^(INPUT|SELECT|TEXTAREA|BUTTON)$/.test(event.target.tagName) && event.key !== "Escape") {
      if (event.target.type !== "checkbox") return;
    }
    if (event.key === "o" || event.key === "Escape") { location.hash = "#overview"; return; }
    if (view.hidden) {
      if ((event.key === "j" || event.key === "n") && shared.editions) location.hash = "#edition-0";
      return;
    }
    if (event.key === "j" || event.key === "n") { select(current + 1); event.preventDefault(); }
    if (event.key === "k" || event.key === "p") { select(current <= 0 ? 0 : current - 1); event.preventDefault(); }
  });

  // A click on a sortable column's heading sorts the rows by it, again the other way.
  function sortBy(button) {
    var th = button.closest("th"), table = th.closest("table"), body = table.tBodies[0];
    var column = Array.prototype.indexOf.call(th.parentNode.children, th);
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    var number = button.getAttribute("data-kind") === "number";
    table.querySelectorAll("thead th").forEach(function (h) { if (h.hasAttribute("aria-sort")) h.setAttribute("aria-sort", "none"); });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    function value(tr) {
      var cell = tr.children[column];
      var v = cell.hasAttribute("data-value") ? cell.getAttribute("data-value") : cell.textContent;
      return number ? Number(v) : v;
    }
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = value(a), y = value(b);
      var order = number ? x - y : String(x).localeCompare(String(y));
      return ascending ? order : -order;
    });
    rows.forEach(function (tr) { body.append(tr); });
  }
  document.querySelectorAll("table.sortable button.sort").forEach(function (button) {
    button.addEventListener("click", function () { sortBy(button); });
  });

  document.getElementById("filters").addEventListener("change", applyFilters);
  function setAll(value) {
    document.querySelectorAll('input[data-filter="code"]').forEach(function (box) { box.checked = value; });
    applyFilters();
  }
  document.getElementById("rules-all").addEventListener("click", function () { setAll(true); });
  document.getElementById("rules-none").addEventListener("click", function () { setAll(false); });
  window.addEventListener("hashchange", route);
  route();
})();
