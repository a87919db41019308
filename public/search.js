// Search results from the Pagefind index, shown without Pagefind's own UI so that they are right for an
// index in several parts (scripts/build.ts writes pagefind/, pagefind-1/, … for a large site):
// Pagefind ignores a query word that its index does not know, so a part where one word of
// 「倉敷市 委託」 never occurs would answer as if only the other word had been asked. Each part is
// therefore searched on its own, and its results count only when it knows every word. Results are
// built with DOM methods; Pagefind's excerpts keep only their <mark> highlighting.
(function () {
  'use strict';
  var root = document.getElementById('search');
  var form = document.querySelector('.search-form');
  if (!root || !form) return;
  var input = form.querySelector('input[name="q"]');
  var status = document.getElementById('search-status');
  var list = document.getElementById('search-results');
  var more = document.getElementById('search-more');
  var bundles = [root.dataset.bundle].concat((root.dataset.merge || '').split(' ').filter(Boolean));
  var PAGE = 10;
  var indexes;
  var shown = [];
  var run = 0;

  function load() {
    indexes = indexes || Promise.all(bundles.map(function (b) {
      return import(b + 'pagefind.js').then(function (pf) {
        return pf.options({ excerptLength: 40 }).then(function () { return pf.init(); }).then(function () { return pf; });
      });
    }));
    return indexes;
  }

  // The words Pagefind makes of a Japanese query (it segments with the same Intl.Segmenter).
  function words(q) {
    var out = [];
    var parts = typeof Intl.Segmenter === 'function' ? Array.from(new Intl.Segmenter('ja', { granularity: 'word' }).segment(q)).map(function (s) { return s.segment; }) : q.split(/\s+/);
    parts.forEach(function (w) {
      w = w.replace(/[\p{P}\s]/gu, '').toLowerCase();
      if (w && out.indexOf(w) < 0) out.push(w);
    });
    return out;
  }

  function knowsAll(pf, ws) {
    if (ws.length < 2) return Promise.resolve(true);
    return Promise.all(ws.map(function (w) { return pf.search(w).then(function (r) { return r.results.length > 0; }); }))
      .then(function (found) { return found.every(Boolean); });
  }

  function search(q) {
    var mine = ++run;
    list.replaceChildren();
    more.hidden = true;
    status.textContent = '検索しています…';
    return load().then(function (pfs) {
      var ws = words(q);
      return Promise.all(pfs.map(function (pf) {
        return pf.search(q).then(function (r) {
          if (!r.results.length) return [];
          return knowsAll(pf, ws).then(function (ok) { return ok ? r.results : []; });
        });
      }));
    }).then(function (perPart) {
      if (mine !== run) return;
      shown = [].concat.apply([], perPart).sort(function (a, b) { return b.score - a.score; });
      status.textContent = shown.length ? '「' + q + '」を含む評価書: ' + shown.length + ' 件' : '「' + q + '」を含む評価書は見つかりませんでした。語を減らすか、別の言い方で探してください。';
      return showMore(mine);
    }).catch(function () {
      if (mine === run) status.textContent = '検索索引を読み込めませんでした。評価実施機関の一覧から評価書を開いてください。';
    });
  }

  function showMore(mine) {
    var next = shown.slice(list.children.length, list.children.length + PAGE);
    return Promise.all(next.map(function (r) { return r.data(); })).then(function (data) {
      if (mine !== run) return;
      data.forEach(function (d) { list.appendChild(item(d)); });
      more.hidden = list.children.length >= shown.length;
    });
  }

  // Pagefind's excerpt is HTML: its text and <mark> elements are copied, nothing else.
  function excerpt(html) {
    var p = document.createElement('p');
    p.className = 'search-excerpt';
    var doc = new DOMParser().parseFromString('<body>' + html, 'text/html');
    doc.body.childNodes.forEach(function (n) {
      if (n.nodeType === 1 && n.nodeName === 'MARK') { var m = document.createElement('mark'); m.textContent = n.textContent; p.appendChild(m); }
      else p.appendChild(document.createTextNode(n.textContent || ''));
    });
    return p;
  }

  function link(href, text, className) {
    var a = document.createElement('a');
    a.href = href;
    a.className = className;
    a.textContent = text;
    return a;
  }

  function item(d) {
    var li = document.createElement('li');
    li.className = 'search-result';
    var h = document.createElement('h2');
    h.appendChild(link(d.url, (d.meta && d.meta.title) || d.url, 'search-result-link'));
    li.appendChild(h);
    li.appendChild(excerpt(d.excerpt || ''));
    var subs = (d.sub_results || []).filter(function (s) { return s.url !== d.url; }).slice(0, 3);
    if (subs.length) {
      var ul = document.createElement('ul');
      ul.className = 'search-subresults';
      subs.forEach(function (s) {
        var sli = document.createElement('li');
        sli.appendChild(link(s.url, s.title, 'search-subresult-link'));
        sli.appendChild(excerpt(s.excerpt || ''));
        ul.appendChild(sli);
      });
      li.appendChild(ul);
    }
    return li;
  }

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var q = input.value.trim();
    if (!q) return;
    history.replaceState(null, '', '?q=' + encodeURIComponent(q));
    search(q);
  });
  more.addEventListener('click', function () { showMore(run); });
  var q = new URLSearchParams(location.search).get('q');
  if (q && q.trim()) { input.value = q; search(q.trim()); }
})();
