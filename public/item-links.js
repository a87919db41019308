// Item links (#): following the link works without JavaScript; with it, a click also copies the
// item's full URL so it can be pasted into a comment or a public notice.
document.addEventListener('click', function (e) {
  var a = e.target instanceof Element ? e.target.closest('a[data-item-link]') : null;
  if (!a || !navigator.clipboard) return;
  var href = a.href;
  navigator.clipboard.writeText(href).then(function () {
    var note = document.getElementById('copy-status');
    if (note) note.textContent = 'この項目へのリンクをコピーしました: ' + decodeURIComponent(href);
  }, function () {});
});

// A link to an item this report does not have (an item number searched across every report, a
// 全項目評価書's Ⅵ opened on a 重点項目評価書): the page would open at its top without a word.
function sayMissingItem() {
  var note = document.getElementById('missing-item');
  if (!note) return;
  var id = '';
  try { id = decodeURIComponent(location.hash.slice(1)); } catch (e) { id = location.hash.slice(1); }
  note.hidden = !id || !!document.getElementById(id);
  note.textContent = note.hidden ? '' : 'この評価書には項目「' + id + '」がありません（様式が違うか、その番号の欄がない評価書です）。目次から項目を選んでください。';
}
window.addEventListener('hashchange', sayMissingItem);
sayMissingItem();
