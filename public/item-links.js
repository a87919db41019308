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
