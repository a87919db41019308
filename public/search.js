// Starts Pagefind's UI in Japanese on the search page (kept as a file: the CSP forbids inline scripts).
(function () {
  var el = document.getElementById('search');
  if (!el || typeof PagefindUI === 'undefined') return;
  var params = new URLSearchParams(location.search);
  var ui = new PagefindUI({ element: '#search', bundlePath: el.dataset.bundle, showSubResults: true, showImages: false, translations: { placeholder: '例: ガバメントクラウド、委託、国民年金' } });
  if (params.get('q')) ui.triggerSearch(params.get('q'));
})();
