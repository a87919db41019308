// Days left until the end of a comment period, recomputed from today's date (Japan time). The text
// printed when the page was built stays if this does not run.
(function () {
  var el = document.querySelector('.days-left[data-deadline]');
  if (!el) return;
  var today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' }).format(new Date());
  var left = Math.round((Date.parse(el.getAttribute('data-deadline') + 'T00:00:00Z') - Date.parse(today + 'T00:00:00Z')) / 86400000);
  el.textContent = left > 0 ? '（締切まであと' + left + '日）' : left === 0 ? '（本日締切）' : '（募集は終了しました）';
})();
