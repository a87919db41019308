// Search results from the Pagefind index, shown without Pagefind's own UI so that they are right for an
// index in several parts (src/lib/site/search-index.ts writes one bundle per part): the first bundle's
// Pagefind runtime (its JS and WebAssembly, loaded once) merges the other bundles (mergeIndex),
// and one search asks all of them. Pagefind ignores a query word that a part's index does not know,
// so a part where one word of 「倉敷市 委託」 never occurs would answer as if only the other word had
// been asked; a result therefore counts only if a search for each word on its own finds it too.
// A result's fragment holds no text (search-index.ts splitFragments): its excerpts are cut from the
// chunk or two of the page's words around the matches (fetched by HTTP ranges), so a result costs a
// few KB, not its whole report; a result's sections (sub-results) are found from the places of its
// headings, whose names are read by ranges as well. After a rebuild, pages that changed may be indexed in
// an overlay bundle while the older versions stay in their part's bundle: the page names those (data-hidden)
// and a search drops them (src/lib/site/search-overlay.ts). Results are built with DOM methods; matches
// are <mark> elements, nothing else is markup.
(function () {
  'use strict';
  var root = document.getElementById('search');
  var form = document.querySelector('.search-form');
  if (!root || !form) return;
  var input = form.querySelector('input[name="q"]');
  var status = document.getElementById('search-status');
  var list = document.getElementById('search-results');
  var more = document.getElementById('search-more');
  var bundles = [root.dataset.bundle].filter(Boolean).concat((root.dataset.merge || '').split(' ').filter(Boolean));
  var hidden = new Set((root.dataset.hidden || '').split(' ').filter(Boolean));
  // (the build hides an id only when no other bundle has a page of that id)
  function visible(results) { return hidden.size ? results.filter(function (x) { return !hidden.has(x.id); }) : results; }
  // Pagefind's page ids are unique within one bundle only; the ids that several bundles hold (the build
  // names them) are told apart by their page's address.
  var shared = new Set((root.dataset.shared || '').split(' ').filter(Boolean));
  function pageKeys(results) {
    return Promise.all(results.map(function (x) { return shared.has(x.id) ? x.data().then(function (d) { return x.id + ' ' + d.url; }) : x.id; }));
  }
  var PAGE = 10;
  var FORMS = ['基礎項目評価書', '重点項目評価書', '全項目評価書'];
  var FILTERS = ['都道府県', '評価実施機関', '様式', '事務分類'];
  var filterBox = document.getElementById('search-filters');
  var index;
  var shown = [];
  var run = 0;

  function load() {
    // (a site without reports has no index: every search finds nothing)
    if (!bundles[0]) return Promise.resolve({ filters: function () { return Promise.resolve({}); }, search: function () { return Promise.resolve({ results: [] }); } });
    index = index || import(bundles[0] + 'pagefind.js').then(function (pf) {
      // The index keeps only the first occurrences of a word in each page (search-index.ts WORD_CAP), so
      // a long report would lose to a short one on page length alone: length is not counted.
      // (no web worker: its script would be a second copy of the runtime to download, and a search
      // over small chunks is quick on the page's own thread)
      var options = { excerptLength: 40, ranking: { pageLength: 0 }, noWorker: true };
      return pf.options(options)
        .then(function () { return Promise.all(bundles.slice(1).map(function (b) { return pf.mergeIndex(b, options); })); })
        .then(function () { return pf; });
    });
    return index;
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

  // An official item number (「Ⅱ(1)-3-④」, 「Ⅱ（1）3.④」, 「II (1) 3 ④」) in the query: the anchor of that
  // item in every report (anchors are the official numbers joined by 「-」, see form-schema.ts anchorOf).
  var ROMAN = { VI: 'Ⅵ', IV: 'Ⅳ', V: 'Ⅴ', III: 'Ⅲ', II: 'Ⅱ', I: 'Ⅰ' };
  var ITEM = /(?:^|\s)((?:VI|IV|V|III|II|I|[ⅠⅡⅢⅣⅤⅥ])(?:\s*[-‐－]?\s*[(（]\s*\d+\s*[)）])?(?:\s*[-‐－.．]?\s*\d+\s*[.．]?)?(?:\s*[-‐－]?\s*[①-⑳])?)(?=\s|$)/;
  function itemNumber(q) {
    // (blanks made one first: the pattern's optional blanks around each sign could split a long run
    // of them in many ways)
    var n = q.replace(/\s+/g, ' ').replace(/（/g, '(').replace(/）/g, ')').replace(/[０-９]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) - 0xFEE0); });
    var m = ITEM.exec(n);
    if (!m) return null;
    var t = m[1].replace(/^(VI|IV|V|III|II|I)/, function (r) { return ROMAN[r]; });
    var parts = t.match(/[ⅠⅡⅢⅣⅤⅥ]|\(\s*\d+\s*\)|\d+|[①-⑳]/g) || [];
    if (parts.length < 2) return null;
    var anchor = parts.map(function (p) { return p.replace(/\s/g, ''); }).join('-').replace(/^([ⅠⅡⅢⅣⅤⅥ])-\(/, '$1(');
    return { anchor: anchor, text: m[0], rest: n.replace(m[0], ' ').trim() };
  }

  function chosenFilters() {
    var f = {};
    FILTERS.forEach(function (k) { var el = document.getElementById('filter-' + k); if (el && el.value) f[k] = el.value; });
    return f;
  }

  // One select per filter, its options the values of every part of the index (with their counts): from
  // the one file the build wrote (data-filter-list: gzip of JSON, pagefind-bundle.ts writeFilterCounts;
  // not 「data-filters」, which named an object of counts: a search.js a browser kept from before reads
  // no list it does not know, and asks Pagefind),
  // else from Pagefind, which loads every filter file of every part to count them.
  function filterCounts(pf) {
    function fromIndex() { return (pf ? Promise.resolve(pf) : load()).then(function (p) { return p.filters(); }); }
    if (!root.dataset.filterList) return fromIndex();
    return fetch(root.dataset.filterList).then(function (r) {
      if (!r.ok) throw new Error(root.dataset.filterList + ': ' + r.status);
      return new Response(r.body.pipeThrough(new DecompressionStream('gzip'))).json();
    }).catch(function (e) { console.warn('絞り込みの一覧を読み込めませんでした', e); return fromIndex(); });
  }
  function showFilters(pf) {
    if (!filterBox || filterBox.dataset.ready) return Promise.resolve();
    filterBox.dataset.ready = '1';
    var params = new URLSearchParams(location.search);
    return filterCounts(pf).then(function (all) {
      FILTERS.forEach(function (k) {
        // (the build's file lists each filter's values in national order, [[value, count], …];
        // Pagefind's own counts are an object, put in the order of the values' text)
        var listed = (all && all[k]) || {};
        var entries = Array.isArray(listed) ? listed
          : Object.keys(listed).sort(function (a, b) { return a.localeCompare(b, 'ja'); }).map(function (v) { return [v, listed[v]]; });
        if (!entries.length) return;
        var wrap = document.createElement('div');
        wrap.className = 'search-filter';
        var label = document.createElement('label');
        label.htmlFor = 'filter-' + k;
        label.textContent = k;
        var sel = document.createElement('select');
        sel.id = 'filter-' + k;
        sel.name = k;
        var any = document.createElement('option');
        any.value = '';
        any.textContent = 'すべて';
        sel.appendChild(any);
        entries.forEach(function (e) {
          var v = e[0];
          var o = document.createElement('option');
          o.value = v;
          o.textContent = v + '（' + e[1] + '）';
          if (params.get(k) === v) o.selected = true;
          sel.appendChild(o);
        });
        wrap.appendChild(label);
        wrap.appendChild(sel);
        filterBox.appendChild(wrap);
      });
      filterBox.hidden = !filterBox.children.length;
    });
  }

  // The results that a search for each word on its own finds as well (see the top of this file).
  function withEveryWord(pf, results, ws) {
    if (ws.length < 2 || !results.length) return Promise.resolve(results);
    return Promise.all(ws.map(function (w) { return pf.search(w); })).then(function (each) {
      return Promise.all([pageKeys(results)].concat(each.map(function (r) { return pageKeys(r.results); })));
    }).then(function (keys) {
      var sets = keys.slice(1).map(function (ks) { return new Set(ks); });
      return results.filter(function (x, i) { return sets.every(function (s) { return s.has(keys[0][i]); }); });
    });
  }

  var asked = null;
  function search(q) {
    var mine = ++run;
    list.replaceChildren();
    more.hidden = true;
    status.textContent = '検索しています…';
    asked = itemNumber(q);
    var text = asked ? asked.rest : q;
    var filters = chosenFilters();
    var filtered = Object.keys(filters).length > 0;
    return load().then(function (pf) {
      return showFilters(pf).then(function () {
        filters = chosenFilters();
        filtered = Object.keys(filters).length > 0;
        // Only an item number (and perhaps filters): every report, each linked to that item.
        // The query as the words the index holds (Pagefind would take 「住民基本台帳」 as one word, load
        // the chunk where that word would be, and search for 「住民」 only).
        var ws = text ? words(text) : [];
        if (text && !ws.length) return [];
        var found = ws.length ? pf.search(ws.join(' '), { filters: filters }) : pf.search(null, { filters: filtered ? filters : { 様式: { any: FORMS } } });
        return found.then(function (r) { return ws.length ? withEveryWord(pf, visible(r.results), ws) : visible(r.results); });
      });
    }).then(function (results) {
      if (mine !== run) return;
      shown = results.slice().sort(function (a, b) { return b.score - a.score; });
      var what = '「' + q + '」' + (filtered ? '（' + Object.keys(filters).map(function (k) { return k + ': ' + filters[k]; }).join('、') + '）' : '');
      status.textContent = shown.length ? what + 'の評価書: ' + shown.length + ' 件' + (asked ? '。各評価書の項目 ' + asked.anchor + ' へのリンクを示します（様式によってはその項目がありません。そのときは評価書のページがそう示します）' : '') : what + 'を含む評価書は見つかりませんでした。語を減らすか、別の言い方で探してください。';
      return showMore(mine);
    }).catch(function (e) {
      // (the cause stays in the console for whoever looks into it)
      console.error('検索に失敗しました: ' + ((e && e.stack) || e));
      if (mine === run) status.textContent = '検索索引を読み込めませんでした。評価実施機関の一覧から評価書を開いてください。';
    });
  }

  function showMore(mine) {
    var next = shown.slice(list.children.length, list.children.length + PAGE);
    return Promise.all(next.map(function (r) { return r.data().then(withExcerpts); })).then(function (data) {
      if (mine !== run) return;
      var first = list.children.length;
      data.forEach(function (d) { list.appendChild(item(d)); });
      var moved = document.activeElement === more;
      more.hidden = list.children.length >= shown.length;
      // (a keyboard user who asked for more goes on at the first result added, not from the top of the
      // page: the button they pressed may be gone)
      if (moved && first > 0 && list.children[first]) { var a = list.children[first].querySelector('a'); if (a) a.focus(); }
    });
  }

  var EXCERPT = 40;
  var chunks = {};
  function bundleUrl(name) {
    return bundles.filter(function (b) { return b.replace(/\/$/, '').split('/').pop() === name; })[0];
  }
  // Running totals of a fragment's chunk_sizes, chunk_given, head_steps… (one more entry than steps).
  function totals(steps) {
    var out = [0];
    steps.forEach(function (n) { out.push(out[out.length - 1] + n); });
    return out;
  }
  // Member k of a file of gzip members (bytes offsets[k] to [k + 1]), each "pagefind_dcd" and JSON as
  // Pagefind's own files, read by an HTTP range (a server that ignores the range sends the whole file,
  // from which the member is cut) and kept; a failed read is tried again next time.
  function member(url, offsets, k) {
    var key = url + '#' + k;
    chunks[key] = chunks[key] || fetch(url, { headers: { Range: 'bytes=' + offsets[k] + '-' + (offsets[k + 1] - 1) } }).then(function (r) {
      if (!r.ok) throw new Error(url);
      return r.arrayBuffer().then(function (buf) { return r.status === 206 ? buf : buf.slice(offsets[k], offsets[k + 1]); });
    }).then(function (buf) {
      return new Response(new Blob([buf]).stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer();
    }).then(function (buf) { return JSON.parse(new TextDecoder().decode(new Uint8Array(buf).subarray(12))); });
    chunks[key].catch(function () { delete chunks[key]; });
    return chunks[key];
  }
  // Chunk k of a page's words ({"words": […], "kept": […]}; chunk_offsets: totals of chunk_sizes).
  function chunk(d, k) {
    return member(bundleUrl(d.chunk_bundle) + 'fragment/' + d.chunk_id + '.pf_text', d.chunk_offsets, k);
  }
  // Pagefind was given only some of a page's words (search-index.ts preparePage): its location l is the
  // l-th of them. The chunk that holds it is the last one with chunk_first[k] <= l (chunk_first: totals
  // of chunk_given, the given words of each chunk); within the chunk it
  // is word kept[l - chunk_first[k]].
  function chunkOf(d, l) {
    var f = d.chunk_first;
    var lo = 0, hi = f.length - 2;
    while (lo < hi) { var mid = (lo + hi + 1) >> 1; if (f[mid] <= l) lo = mid; else hi = mid - 1; }
    return lo;
  }
  function wordAt(d, loaded, l) {
    var k = chunkOf(d, l);
    var c = loaded[k];
    return c && c.kept[l - d.chunk_first[k]] !== undefined ? k * d.chunk_words + c.kept[l - d.chunk_first[k]] : null;
  }
  // The words around `locations` (Pagefind locations within [from, to), a section's): where most of
  // them fall within EXCERPT given words, from a few words before the first of them.
  function excerptOf(d, locations, from, to) {
    var locs = locations.filter(function (l) { return l >= from && l < to; }).sort(function (a, b) { return a - b; });
    if (!locs.length) return Promise.resolve(null);
    var best = locs[0];
    var most = 0;
    locs.forEach(function (l) { var n = locs.filter(function (m) { return m >= l && m < l + EXCERPT; }).length; if (n > most) { most = n; best = l; } });
    var W = d.chunk_words;
    var last = d.chunk_offsets.length - 2;
    var loaded = {};
    function load(ks) { return Promise.all(ks.map(function (k) { return chunk(d, k).then(function (c) { loaded[k] = c; }); })); }
    var kb = Math.min(chunkOf(d, best), last);
    return load([kb]).then(function () {
      var at = wordAt(d, loaded, best);
      if (at === null) return null;
      var want = [];
      for (var k = Math.max(0, Math.floor((at - 8) / W)); k <= Math.min(last, Math.floor((at + EXCERPT) / W)); k++) if (!loaded[k]) want.push(k);
      return load(want).then(function () {
        // the section's bounds in words, where they fall in the chunks read (else beyond the excerpt)
        var lower = from > 0 ? wordAt(d, loaded, from) : 0;
        var upper = isFinite(to) ? wordAt(d, loaded, to) : null;
        var start = Math.max(at - 8, lower === null ? 0 : lower, 0);
        var end = start + EXCERPT;
        if (upper !== null) end = Math.min(end, upper);
        var marked = new Set();
        locs.forEach(function (l) { var w = wordAt(d, loaded, l); if (w !== null) marked.add(w); });
        var out = [];
        if (start > (lower === null ? -1 : lower)) out.push({ text: '…' });
        var i = start;
        for (; i < end; i++) {
          var c = loaded[Math.floor(i / W)];
          var w = c && c.words[i % W];
          if (w === undefined) break;
          out.push({ text: w + (i + 1 < end ? d.chunk_joiner : ''), mark: marked.has(i) });
        }
        // (more words follow: in a chunk not read, or in the one read)
        var next = Math.floor(end / W);
        if (i === end && (upper === null || end < upper) && next <= last && (!loaded[next] || loaded[next].words[end % W] !== undefined)) out.push({ text: '…' });
        return out;
      });
    });
  }
  // Block b of a page's headings (fragment/<id>.pf_heads, head_block of them a block: [[id, text]…]).
  function headBlock(d, b) {
    return member(bundleUrl(d.chunk_bundle) + 'fragment/' + d.chunk_id + '.pf_heads', d.head_offsets, b);
  }
  // The page's URL with a heading's id as its fragment (as Pagefind writes a sub-result's URL).
  function anchored(url, id) {
    var u = new URL(url, location.origin);
    u.hash = id;
    return u.pathname + u.search + u.hash;
  }
  // The first three sections with matches, in page order, as Pagefind's sub-results would be: a
  // section runs from its heading's place to the next heading's, and holds the matches in between
  // (matches before the first heading belong to the page itself).
  function sectionsOf(d) {
    if (!d.head_block || !d.head_steps) return Promise.resolve([]);
    var at = totals(d.head_steps).slice(1);
    var locs = (d.locations || []).slice().sort(function (a, b) { return a - b; });
    var found = [];
    locs.forEach(function (l) {
      var lo = 0, hi = at.length - 1, i = -1;
      while (lo <= hi) { var mid = (lo + hi) >> 1; if (at[mid] <= l) { i = mid; lo = mid + 1; } else hi = mid - 1; }
      if (i >= 0 && found.indexOf(i) < 0) found.push(i);
    });
    var size = d.head_block;
    // (a section whose heading cannot be read is left out; the result keeps its own excerpt)
    return Promise.all(found.slice(0, 3).map(function (i) {
      return headBlock(d, Math.floor(i / size)).then(function (block) {
        var head = block[i % size];
        if (!head) throw new Error('見出し ' + i + ' がありません');
        return { url: anchored(d.url, head[0]), title: head[1], locations: locs, from: at[i], to: i + 1 < at.length ? at[i + 1] : Infinity };
      }).catch(function (e) { console.warn('見出しを読み込めませんでした', d.url, e); return null; });
    })).then(function (sections) { return sections.filter(Boolean); });
  }
  // The result's excerpt and those of its first three sections with matches (sub-results), each cut
  // from the chunks; a result from a bundle without chunks keeps Pagefind's excerpts.
  function withExcerpts(d) {
    if (!d.chunk_words || !bundleUrl(d.chunk_bundle)) return d;
    d.chunk_offsets = totals(d.chunk_sizes);
    d.chunk_first = totals(d.chunk_given);
    d.head_offsets = totals(d.head_sizes || []);
    var subs = [];
    return sectionsOf(d).then(function (found) {
      subs = found;
      return Promise.all([excerptOf(d, d.locations || [], 0, Infinity)].concat(subs.map(function (s) { return excerptOf(d, s.locations, s.from, s.to); })));
    }).then(function (cut) {
      d.excerptWords = cut[0] || [];
      d.sub_results = subs.map(function (s, i) { return { url: s.url, title: s.title, excerptWords: cut[i + 1] || [] }; });
      return d;
    }, function (e) {
      // (a result whose text cannot be read is still listed, without an excerpt)
      console.warn('抜粋を読み込めませんでした', d.url, e);
      d.excerptWords = [];
      d.sub_results = subs.map(function (s) { return { url: s.url, title: s.title, excerptWords: [] }; });
      return d;
    });
  }

  // An excerpt: Pagefind's (HTML, of which its text and <mark> elements are copied) or cut from chunks.
  function excerpt(d) {
    var p = document.createElement('p');
    p.className = 'search-excerpt';
    if (d.excerptWords) {
      d.excerptWords.forEach(function (w) {
        if (w.mark) { var m = document.createElement('mark'); m.textContent = w.text; p.appendChild(m); }
        else p.appendChild(document.createTextNode(w.text));
      });
      return p;
    }
    var doc = new DOMParser().parseFromString('<body>' + (d.excerpt || ''), 'text/html');
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
    var meta = d.meta || {};
    var target = asked ? d.url.replace(/#.*$/, '') + '#' + encodeURIComponent(asked.anchor) : d.url;
    // (many organisations publish a report of one title, and every report has 「④ 記録される項目」: a list
    // of links names whose report each link opens, in words only a screen reader reads)
    var whose = meta.organisation ? '（' + meta.organisation + (meta.status ? '・' + meta.status : '') + '）' : '';
    function named(a) {
      if (!whose) return a;
      var span = document.createElement('span');
      span.className = 'visually-hidden';
      span.textContent = whose;
      a.appendChild(span);
      return a;
    }
    h.appendChild(named(link(target, meta.title || d.url, 'search-result-link')));
    li.appendChild(h);
    // Which report this is: the organisation first, then the form and the number.
    var who = document.createElement('p');
    who.className = 'search-result-meta';
    // (a draft, 案 or under comment, says so: two drafts of one organisation otherwise read alike)
    who.textContent = [meta.organisation, meta.form, meta.number && '評価書番号 ' + meta.number].filter(Boolean).join('・') + (meta.status ? '（' + meta.status + '）' : '');
    li.appendChild(who);
    if (asked) {
      var p = document.createElement('p');
      p.appendChild(named(link(target, '項目 ' + asked.anchor + ' を開く', 'search-item-link')));
      li.appendChild(p);
    }
    li.appendChild(excerpt(d));
    var subs = (d.sub_results || []).filter(function (s) { return s.url !== d.url; }).slice(0, 3);
    if (subs.length) {
      var ul = document.createElement('ul');
      ul.className = 'search-subresults';
      subs.forEach(function (s) {
        var sli = document.createElement('li');
        sli.appendChild(named(link(s.url, s.title, 'search-subresult-link')));
        sli.appendChild(excerpt(s));
        ul.appendChild(sli);
      });
      li.appendChild(ul);
    }
    return li;
  }

  function fromForm() {
    var q = input.value.trim();
    var f = chosenFilters();
    if (!q && !Object.keys(f).length) return;
    var params = new URLSearchParams({ q: q });
    Object.keys(f).forEach(function (k) { params.set(k, f[k]); });
    history.replaceState(null, '', '?' + params.toString());
    search(q);
  }
  form.addEventListener('submit', function (e) { e.preventDefault(); fromForm(); });
  // A filter changed narrows the results shown at once (no second press of 検索); the status line says
  // what was searched.
  if (filterBox) filterBox.addEventListener('change', fromForm);
  // (busy while a page of results loads: a second press would add the same results again. Not
  // disabled: a disabled button loses the keyboard focus to the page)
  more.addEventListener('click', function () {
    if (more.getAttribute('aria-disabled') === 'true') return;
    more.setAttribute('aria-disabled', 'true');
    showMore(run).then(function () { more.removeAttribute('aria-disabled'); }, function () { more.removeAttribute('aria-disabled'); });
  });
  var start = new URLSearchParams(location.search);
  var q = start.get('q') || '';
  if (q.trim() || FILTERS.some(function (k) { return start.get(k); })) { input.value = q; search(q.trim()); }
  else {
    showFilters().catch(function () {});
    // (the runtime and the index's metadata, so that the first search is quick)
    load().catch(function () {});
  }
})();
