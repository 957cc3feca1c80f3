/* The site's own script: search as people type, keyboard use of the header buttons, offline reading.
 *
 * Search: the index (search/tieu-de.json, then search/noi-dung.json) is fetched the first time the
 * search box is used, never on page load (from disk, file://, the same index is loaded as scripts). Words are compared folded (no diacritics, lower case), as
 * the build folded the index; abbreviations and their expansions were both put in the index.
 * Ranking: pages holding every word of the query first; then the query as a phrase in the title,
 * every word in the title, some words in the title; then the type of page (indicator, area, agency,
 * task, place, other). The last word may be a prefix (people are still typing), except for place
 * names, which match whole words only.
 */
(function () {
  "use strict";
  var configNode = document.getElementById("__config");
  var config = configNode ? JSON.parse(configNode.textContent) : { base: "." };
  var base = new URL(String(config.base).replace(/\/?$/, "/"), location.href);

  function fold(text) {
    return text.replace(/đ/g, "d").replace(/Đ/g, "D").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  function words(text) {
    return fold(text).match(/[a-z0-9]+/g) || [];
  }

  /* ---------------------------------------------------------------- index */
  var index = null; // {kinds, pages: [{url, title, kind, line, title: Set, phrases: [..], body: Set}], words: [..]}
  var loading = null;
  var bodyLoaded = false;

  // A page opened from disk (the offline preview) may not fetch files: the build wrote the index also as scripts
  // (search/tieu-de.js, search/noi-dung.js), each setting an entry of window.__plansiteSearch.
  function getIndex(name) {
    if (location.protocol !== "file:") {
      return fetch(new URL("search/" + name + ".json", base)).then(function (r) { return r.json(); });
    }
    return new Promise(function (resolve, reject) {
      var tag = document.createElement("script");
      tag.src = new URL("search/" + name + ".js", base).href;
      tag.onload = function () { var all = window.__plansiteSearch || {}; if (all[name]) resolve(all[name]); else reject(new Error(name)); };
      tag.onerror = reject;
      document.head.appendChild(tag);
    });
  }

  function load(onReady) {
    if (index) { onReady(); return; }
    if (!loading) {
      loading = getIndex("tieu-de").then(function (data) {
        index = { kinds: data.kinds, pages: data.pages.map(function (p) {
          var titleWords = p[4] ? p[4].split(" ") : [];
          return { url: p[0], title: p[1], kind: p[2], line: p[3], titleWords: new Set(titleWords),
                   phrases: [titleWords.join(" ")].concat(p[5] ? p[5].split("|") : []), body: new Set() };
        }) };
        getIndex("noi-dung").then(function (bodies) {
          bodies.forEach(function (b, i) { if (index.pages[i]) index.pages[i].body = new Set(b ? b.split(" ") : []); });
          bodyLoaded = true;
          if (lastQuery) run(lastQuery);
        }).catch(function () {});
      });
    }
    loading.then(onReady).catch(function () { show([], "Không tải được chỉ mục tìm kiếm. Kiểm tra kết nối mạng rồi thử lại."); loading = null; });
  }

  var PLACE = 4; // index of «dia-ban» in the kinds the build writes
  function has(set, word, prefix, place) {
    if (set.has(word)) return 2;
    if (!prefix || place || word.length < 2) return 0;
    for (var w of set) { if (w.length > word.length && w.lastIndexOf(word, 0) === 0) return 1; }
    return 0;
  }

  function score(page, q, phrase) {
    var matched = 0, inTitle = 0, whole = 0, place = page.kind === PLACE;
    for (var i = 0; i < q.length; i++) {
      var last = i === q.length - 1;
      var t = has(page.titleWords, q[i], last, place);
      var b = t ? 0 : has(page.body, q[i], last, place);
      if (t || b) matched++;
      if (t) inTitle++;
      if (t === 2 || b === 2) whole++;
    }
    if (!matched) return 0;
    var isPhrase = q.length > 1 && page.phrases.some(function (p) { return (" " + p + " ").indexOf(" " + phrase + " ") >= 0; });
    var exact = page.phrases.some(function (p) { return p === phrase; });
    return matched * 10000 + (exact ? 4000 : 0) + (isPhrase ? 3000 : 0) + (inTitle === q.length ? 2000 : inTitle * 500) +
      (5 - page.kind) * 100 + whole * 10 - Math.min(page.title.length, 99) / 100;
  }

  var lastQuery = "";
  function run(query) {
    lastQuery = query;
    var q = Array.from(new Set(words(query)));
    if (!q.length) { show(null); return; }
    var phrase = q.join(" ");
    var found = [];
    index.pages.forEach(function (p) { var s = score(p, q, phrase); if (s > 0) found.push([s, p]); });
    found.sort(function (a, b) { return b[0] - a[0]; });
    var complete = found.filter(function (f) { return f[0] >= q.length * 10000; });
    show((complete.length ? complete : found).slice(0, 30).map(function (f) { return f[1]; }), null, found.length);
  }

  /* ---------------------------------------------------------------- the dialog */
  var form = document.querySelector("form[data-ps-search]");
  var input = form && form.querySelector("input[type=text]");
  var meta = form && document.querySelector("[data-ps-search-meta]");
  var list = form && document.querySelector("[data-ps-search-list]");
  var toggle = document.getElementById("__search");

  function el(tag, cls, text) { var e = document.createElement(tag); if (cls) e.className = cls; if (text) e.textContent = text; return e; }

  function show(pages, message, total) {
    if (!list) return;
    // The list is drawn again when the pages' text arrives: a reader who had moved into it keeps their place.
    var focused = list.contains(document.activeElement) ? document.activeElement.getAttribute("href") : null;
    list.textContent = "";
    if (pages === null) { meta.textContent = "Gõ để tìm: chỉ tiêu, lĩnh vực, cơ quan, địa bàn… (có dấu hay không dấu đều được)"; return; }
    if (message) { meta.textContent = message; return; }
    meta.textContent = pages.length ? (pages.length + " kết quả" + (bodyLoaded ? "" : " (đang tải thêm nội dung các trang…)")) :
      (bodyLoaded ? "Không tìm thấy trang nào. Thử từ khác, hoặc viết tắt như BHYT, DTTS." : "Đang tìm trong nội dung các trang…");
    pages.forEach(function (p) {
      var li = el("li", "md-search-result__item");
      var a = el("a", "md-search-result__link");
      a.href = new URL(p.url, base).href;
      var art = el("article", "md-search-result__article md-typeset");
      art.appendChild(el("div", "ps-result-kind", index.kinds[p.kind]));
      art.appendChild(el("h1", null, p.title));
      if (p.line) art.appendChild(el("p", null, p.line));
      a.appendChild(art);
      li.appendChild(a);
      list.appendChild(li);
    });
    if (focused !== null) {
      var links = Array.from(list.querySelectorAll("a"));
      var again = links.filter(function (a) { return a.getAttribute("href") === focused; })[0] || links[0] || input;
      again.focus();
    }
  }

  if (form && input) {
    var timer = 0;
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var first = list.querySelector("a");
      if (first) first.click();
    });
    function open() {
      if (toggle && !toggle.checked) { toggle.checked = true; toggle.dispatchEvent(new Event("change")); }
    }
    input.addEventListener("click", open);
    input.addEventListener("focus", function () {
      open();
      load(function () { if (input.value) run(input.value); else show(null); });
    });
    input.addEventListener("input", function () {
      open();
      clearTimeout(timer);
      timer = setTimeout(function () { load(function () { run(input.value); }); }, 60);
    });
    form.addEventListener("reset", function () { setTimeout(function () { show(null); input.focus(); }, 0); });
    if (toggle) {
      toggle.addEventListener("change", function () { if (toggle.checked) setTimeout(function () { input.focus(); }, 50); });
    }
    form.addEventListener("keydown", function (e) {
      var links = Array.prototype.slice.call(list.querySelectorAll("a"));
      var at = links.indexOf(document.activeElement);
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        var next = e.key === "ArrowDown" ? at + 1 : at - 1;
        if (next < 0) input.focus(); else if (links[Math.min(next, links.length - 1)]) links[Math.min(next, links.length - 1)].focus();
      }
    });
    document.addEventListener("keydown", function (e) {
      var typing = /^(INPUT|TEXTAREA|SELECT)$/.test((document.activeElement || {}).tagName || "");
      if (!typing && (e.key === "/" || e.key === "s") && !e.ctrlKey && !e.metaKey && !e.altKey) {
        e.preventDefault();
        if (toggle) toggle.checked = true;
        input.focus();
      }
    });
  }

  /* ---------------------------------------------------------------- keyboard: header buttons, Escape */
  // The header's menu and search openers are labels of the theme's checkboxes: a keyboard cannot
  // reach them. Each becomes a real button (same look) that toggles its checkbox and says its state.
  document.querySelectorAll("label[data-ps-toggle]").forEach(function (label) {
    var box = document.getElementById(label.getAttribute("data-ps-toggle"));
    if (!box) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = label.className;
    while (label.firstChild) button.appendChild(label.firstChild);
    ["aria-label", "data-ps-toggle", "title"].forEach(function (a) { if (label.hasAttribute(a)) button.setAttribute(a, label.getAttribute(a)); });
    button.setAttribute("aria-expanded", box.checked ? "true" : "false");
    label.replaceWith(button);
    box.addEventListener("change", function () { button.setAttribute("aria-expanded", box.checked ? "true" : "false"); });
    button.addEventListener("click", function () {
      box.checked = !box.checked;
      box.dispatchEvent(new Event("change"));
      if (box.checked && box.id === "__drawer") {
        setTimeout(function () {
          var links = document.querySelectorAll(".md-sidebar--primary a.md-nav__link[href]");
          for (var i = 0; i < links.length; i++) {
            var r = links[i].getBoundingClientRect();
            if (r.width > 0 && r.height > 0 && links[i].checkVisibility && links[i].checkVisibility({ visibilityProperty: true })) { links[i].focus(); break; }
          }
        }, 300);
      }
    });
  });

  // Tables of hand-written pages scroll inside the theme's wrapper: let a keyboard reach and scroll it.
  function focusableScrollers() {
    document.querySelectorAll(".md-typeset__scrollwrap:not([tabindex])").forEach(function (w) {
      w.tabIndex = 0;
      w.setAttribute("role", "region");
      var heads = Array.prototype.slice.call(w.querySelectorAll("th"), 0, 3).map(function (h) { return h.textContent.trim(); });
      var n = document.querySelectorAll(".md-typeset__scrollwrap[tabindex]").length;
      w.setAttribute("aria-label", "Bảng " + n + (heads.length ? ": " + heads.join(", ") : ""));
    });
  }
  focusableScrollers();
  window.addEventListener("load", focusableScrollers);
  new MutationObserver(focusableScrollers).observe(document.body, { childList: true, subtree: true });

  document.addEventListener("keydown", function (e) {
    if (e.key !== "Escape") return;
    ["__search", "__drawer"].forEach(function (id) {
      var box = document.getElementById(id);
      if (box && box.checked) {
        box.checked = false;
        box.dispatchEvent(new Event("change"));
        var opener = document.querySelector('button[data-ps-toggle="' + id + '"]');
        if (document.activeElement && document.activeElement.blur) document.activeElement.blur();
        if (opener && opener.offsetParent !== null) opener.focus();
      }
    });
  });

  /* ---------------------------------------------------------------- embed codes with this site's address */
  document.querySelectorAll("textarea[data-ps-embed]").forEach(function (area) {
    var absolute = new URL(area.getAttribute("data-ps-embed"), location.href).href;
    area.value = area.value.replace(/src="[^"]*"/, 'src="' + absolute + '"');
  });

  /* ---------------------------------------------------------------- feedback links name this page */
  document.querySelectorAll("a[data-ps-page]").forEach(function (a) {
    a.href = a.getAttribute("href").split("%7BTRANG%7D").join(encodeURIComponent(location.href));
  });

  /* ---------------------------------------------------------------- offline reading */
  var saved = document.documentElement.getAttribute("data-ps-offline");
  if (saved) {
    var note = el("div", "ps-offline-note");
    note.setAttribute("role", "status");
    var when = new Date(saved);
    var day = isNaN(when) ? saved : ("0" + when.getDate()).slice(-2) + "/" + ("0" + (when.getMonth() + 1)).slice(-2) + "/" + when.getFullYear();
    note.textContent = "Bạn đang xem bản lưu trên máy (lưu ngày " + day + ") vì không có mạng. Số liệu có thể đã được cập nhật.";
    document.body.insertBefore(note, document.body.firstChild);
  }
  if ("serviceWorker" in navigator && location.protocol !== "file:") {
    window.addEventListener("load", function () {
      var first = !navigator.serviceWorker.controller;
      navigator.serviceWorker.register(new URL("sw.js", base).href, { scope: base.pathname }).then(function () {
        return navigator.serviceWorker.ready;
      }).then(function (reg) {
        if (!first || !reg.active) return;
        // This page was loaded before the worker ran: ask it to keep the page and what it used.
        var urls = [location.href].concat(performance.getEntriesByType("resource").map(function (e) { return e.name; }));
        reg.active.postMessage({ type: "keep", page: location.href, urls: urls.filter(function (u) { return u.indexOf(location.origin) === 0; }) });
      }).catch(function () {});
    });
  }
})();
