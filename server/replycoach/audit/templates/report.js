// The report's filters and drill-down: the tables are recomputed from the counts per agent, team and week
// (the data block), and the kept replies shown or hidden. Written with text nodes only, never markup, and
// no request of any kind: the page's content policy allows this script alone, by its hash.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("audit-data").textContent);
  var A = 0, T = 1, W = 2, REPLIES = 3, WARNED = 4, FLAGGED = 5, SCORE = 6, CATS = 7, RULES = 8;
  var names = { agent: data.agents, team: data.teams, week: data.weeks };
  var state = { team: "", agent: "", week: "", category: "", drill: null };
  var chosen = document.getElementById("replies-title");
  var originalTitle = chosen.textContent;

  // --- numbers, printed as report.py prints them (integer arithmetic, tenths rounded half up) ---
  function num(n) { return n.toLocaleString("en-US"); }
  function tenthsText(t) { return Math.floor(t / 10) + "." + (t % 10); }
  function percent(part, whole) {
    return whole ? tenthsText(Math.floor((2000 * part + whole) / (2 * whole))) + "%" : "\u2013";
  }
  function mean(total, count) {
    return count ? tenthsText(Math.floor((20 * total + count) / (2 * count))) : "\u2013";
  }
  function byText(a, b) { return a < b ? -1 : a > b ? 1 : 0; }

  // --- small DOM helpers: text only ---
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) {
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }
  function td(text, numeric) { return el("td", numeric ? { class: "n" } : {}, [text]); }
  function few() { return el("span", { class: "few" }, ["few replies"]); }
  function changeCell(pair) {
    if (pair.before === null) return el("td", { class: "n change" }, ["new"]);
    var d = pair.now - pair.before;
    var text = d === 0 ? "= 0.0" : (d > 0 ? "\u25b2 " : "\u25bc ") + tenthsText(Math.abs(d));
    return el("td", { class: "n change" + (d > 0 ? " worse" : d < 0 ? " better" : "") }, [text]);
  }
  function fill(id, rows) {
    var table = document.getElementById(id);
    if (!table) return;
    var body = table.tBodies[0];
    while (body.firstChild) body.removeChild(body.firstChild);
    rows.forEach(function (row) { body.appendChild(row); });
  }
  function show(id, visible) {
    var node = document.getElementById(id);
    if (node) node.hidden = !visible;
  }

  // --- the cells the filters keep, summed ---
  function kept() {
    return data.cells.filter(function (c) {
      return (!state.team || names.team[c[T]] === state.team) &&
        (!state.agent || names.agent[c[A]] === state.agent) &&
        (!state.week || names.week[c[W]] === state.week);
    });
  }
  function filtered() { return Boolean(state.team || state.agent || state.week || state.category); }
  function total(cells) {
    var t = { replies: 0, warned: 0, flagged: 0, score: 0, category: 0 };
    cells.forEach(function (c) {
      t.replies += c[REPLIES]; t.warned += c[WARNED]; t.flagged += c[FLAGGED]; t.score += c[SCORE];
      if (state.category) t.category += c[CATS][state.category] || 0;
    });
    return t;
  }
  function ruleCounts(cells) {
    var counts = {};
    cells.forEach(function (c) {
      Object.keys(c[RULES]).forEach(function (i) {
        var rule = data.rules[i];
        if (state.category && rule.category !== state.category) return;
        var n = counts[i] || (counts[i] = [0, 0, 0]);
        var r = c[RULES][i];
        n[0] += r[0]; n[1] += r[1]; n[2] += r[2];
      });
    });
    return counts;
  }

  // --- the tables ---
  function tiles(cells) {
    var t = total(cells), counts = ruleCounts(cells), warnings = 0, suggestions = 0;
    Object.keys(counts).forEach(function (i) { warnings += counts[i][0]; suggestions += counts[i][1]; });
    setTile("tile-replies", num(t.replies));
    setTile("tile-warning", percent(t.warned, t.replies), "with a warning (" + num(t.warned) + ")");
    setTile("tile-flag", percent(t.flagged, t.replies), "with any flag (" + num(t.flagged) + ")");
    setTile("tile-score", mean(t.score, t.replies));
    setTile("tile-warnings", num(warnings));
    setTile("tile-suggestions", num(suggestions));
    show("tile-warning-change", !filtered());
  }
  function setTile(id, value, label) {
    var tile = document.getElementById(id);
    tile.querySelector(".value").textContent = value;
    if (label !== undefined) tile.querySelector(".label").textContent = label;
  }

  function categories(cells) {
    var t = total(cells), counts = ruleCounts(cells), rows = {};
    Object.keys(counts).forEach(function (i) {
      var name = data.rules[i].category;
      var row = rows[name] || (rows[name] = { name: name, w: 0, s: 0, replies: 0 });
      row.w += counts[i][0]; row.s += counts[i][1];
    });
    cells.forEach(function (c) {
      Object.keys(c[CATS]).forEach(function (name) { if (rows[name]) rows[name].replies += c[CATS][name]; });
    });
    var list = Object.keys(rows).map(function (k) { return rows[k]; });
    list.sort(function (a, b) { return (b.w + b.s) - (a.w + a.s) || byText(a.name, b.name); });
    var compare = !filtered() && data.compare ? data.compare.by_category : null;
    fill("table-categories", list.map(function (row) {
      var tr = el("tr", {}, [td(row.name), td(num(row.w), true), td(num(row.s), true),
        td(num(row.replies), true), td(percent(row.replies, t.replies), true)]);
      if (compare) tr.appendChild(changeCell(compare.filter(function (c) { return c.category === row.name; })[0]));
      return tr;
    }));
    setCompareHeader("table-categories", Boolean(compare));
    show("table-categories", list.length > 0);
    show("no-categories", list.length === 0);
  }

  function rules(cells) {
    var counts = ruleCounts(cells);
    [["warnings", 0], ["suggestions", 1]].forEach(function (kind) {
      var list = Object.keys(counts).filter(function (i) { return counts[i][kind[1]] > 0; });
      list.sort(function (a, b) {
        return counts[b][kind[1]] - counts[a][kind[1]] || byText(data.rules[a].id, data.rules[b].id);
      });
      fill("table-rule-" + kind[0], list.map(function (i) {
        var rule = data.rules[i];
        var button = el("button", { type: "button", class: "drill", "data-rule": rule.id }, [rule.message]);
        button.addEventListener("click", function () { drill({ rule: rule }); });
        return el("tr", {}, [el("td", {}, [button, " ", el("code", { class: "id" }, [rule.id])]),
          td(rule.category), td(num(counts[i][kind[1]]), true), td(num(counts[i][2]), true)]);
      }));
      show("table-rule-" + kind[0], list.length > 0);
      show("no-rule-" + kind[0], list.length === 0);
    });
  }

  function groups(cells) {
    [["week", W, "by_week"], ["team", T, "by_team"], ["agent", A, "by_agent"]].forEach(function (axis) {
      if (data.present.indexOf(axis[2]) < 0) return;
      var sums = {};
      cells.forEach(function (c) {
        var key = String(c[axis[1]]);
        var g = sums[key] || (sums[key] = { index: c[axis[1]], replies: 0, warned: 0, flagged: 0, score: 0, category: 0 });
        g.replies += c[REPLIES]; g.warned += c[WARNED]; g.flagged += c[FLAGGED]; g.score += c[SCORE];
        if (state.category) g.category += c[CATS][state.category] || 0;
      });
      var list = Object.keys(sums).map(function (k) { var g = sums[k]; g.name = names[axis[0]][g.index]; return g; });
      list.sort(function (a, b) {
        if ((a.name === null) !== (b.name === null)) return a.name === null ? 1 : -1;
        if (axis[0] === "week") return byText(a.name, b.name);
        return b.replies - a.replies || byText(a.name, b.name);
      });
      var compare = axis[0] === "team" && !filtered() && data.compare && data.compare.by_team;
      fill("table-" + axis[0] + "s", list.map(function (g) {
        var small = g.replies < data.minReplies;
        var first = el("td");
        if (g.name === null) first.appendChild(el("em", {}, ["(none)"]));
        else if (axis[0] === "agent") {
          var button = el("button", { type: "button", class: "drill", "data-agent": g.name }, [g.name]);
          button.addEventListener("click", function () { drill({ agent: g.name }); });
          first.appendChild(button);
        } else first.appendChild(el("span", { class: "name" }, [g.name]));
        if (small) { first.appendChild(document.createTextNode(" ")); first.appendChild(few()); }
        var tr = el("tr", small ? { class: "small" } : {}, [first, td(num(g.replies), true),
          td(percent(g.warned, g.replies), true), td(percent(g.flagged, g.replies), true),
          td(mean(g.score, g.replies), true)]);
        if (compare) tr.appendChild(changeCell(compare.filter(function (c) { return c.team === g.name; })[0]));
        if (state.category) tr.appendChild(td(percent(g.category, g.replies), true));
        return tr;
      }));
      setCompareHeader("table-" + axis[0] + "s", Boolean(compare));
      setCategoryHeader("table-" + axis[0] + "s");
    });
  }
  function setCompareHeader(id, on) {
    var head = document.getElementById(id).tHead.rows[0].querySelector("th.compare");
    if (head) head.hidden = !on;
  }
  function setCategoryHeader(id) {
    var row = document.getElementById(id).tHead.rows[0];
    var head = row.querySelector("th.for-category");
    if (state.category) {
      if (!head) { head = el("th", { class: "n for-category" }); row.appendChild(head); }
      head.textContent = "flagged for " + state.category;
    } else if (head) row.removeChild(head);
  }

  // --- the kept replies: those matching the filters (and the drill-down), in their order ---
  var articles = Array.prototype.slice.call(document.querySelectorAll("article.example"));
  var clear = document.getElementById("drill-clear");
  function matches(a) {
    var d = a.dataset;
    return (!state.team || d.team === state.team) && (!state.agent || d.agent === state.agent) &&
      (!state.week || d.week === state.week) &&
      (!state.category || d.categories.split(" ").indexOf(state.category) >= 0) &&
      (!state.drill || (state.drill.rule ? d.rules.split(" ").indexOf(state.drill.rule.id) >= 0
        : d.agent === state.drill.agent));
  }
  function replies(cells) {
    var limit = articles.filter(function (a) { return !a.hasAttribute("data-extra"); }).length;
    var shown = 0;
    articles.forEach(function (a) {
      var visible = matches(a) && (state.drill !== null || shown < limit);
      a.hidden = !visible;
      if (visible) shown += 1;
    });
    clear.hidden = state.drill === null;
    if (state.drill === null && !filtered()) { chosen.textContent = originalTitle; return; }
    var of;
    if (state.drill && state.drill.rule) {
      var counts = ruleCounts(cells), index = data.rules.indexOf(state.drill.rule);
      of = counts[index] ? counts[index][2] : 0;
      chosen.textContent = "Replies flagged by \u201c" + state.drill.rule.message + "\u201d (" +
        state.drill.rule.id + "): the " + shown + " lowest-scoring kept of the " + num(of) + " it flagged" +
        (filtered() ? " here." : ".");
    } else if (state.drill) {
      var t = total(cells.filter(function (c) { return names.agent[c[A]] === state.drill.agent; }));
      chosen.textContent = "Replies of " + state.drill.agent + ": the " + shown +
        " lowest-scoring kept of the " + num(t.flagged) + " with a flag" + (filtered() ? " here." : ".");
    } else {
      chosen.textContent = "The " + shown + " lowest-scoring kept replies that match the filters.";
    }
  }

  function drill(target) {
    state.drill = target;
    render();
    document.getElementById("replies-heading").scrollIntoView();
  }

  function render() {
    var cells = kept();
    tiles(cells); categories(cells); rules(cells); groups(cells); replies(cells);
  }

  // --- the filter bar ---
  function options(id, values) {
    var select = document.getElementById(id);
    values.filter(function (v) { return v !== null; }).sort(byText).forEach(function (v) {
      select.appendChild(el("option", { value: v }, [v]));
    });
    select.closest("label").hidden = select.options.length < 2;
    return select;
  }
  var categoriesSeen = {};
  data.rules.forEach(function (r) { categoriesSeen[r.category] = true; });
  var selects = {
    team: options("filter-team", data.present.indexOf("by_team") >= 0 ? data.teams : []),
    agent: options("filter-agent", data.present.indexOf("by_agent") >= 0 ? data.agents : []),
    week: options("filter-week", data.present.indexOf("by_week") >= 0 ? data.weeks : []),
    category: options("filter-category", Object.keys(categoriesSeen))
  };
  Object.keys(selects).forEach(function (key) {
    selects[key].addEventListener("change", function () { state[key] = selects[key].value; render(); });
  });
  document.getElementById("filter-clear").addEventListener("click", function () {
    Object.keys(selects).forEach(function (key) { selects[key].value = ""; state[key] = ""; });
    state.drill = null;
    render();
  });
  clear.addEventListener("click", function () { state.drill = null; render(); });
  articles.forEach(function (a) { if (a.hidden) a.setAttribute("data-extra", ""); });
  document.getElementById("filters").hidden = false;
  render();
})();
