// Days left until the end of a comment period, recomputed from today's date (Japan time). The text
// printed when the page was built stays if this does not run.
(function () {
  var el = document.querySelector('.days-left[data-deadline]');
  if (!el) return;
  var today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' }).format(new Date());
  var left = Math.round((Date.parse(el.getAttribute('data-deadline') + 'T00:00:00Z') - Date.parse(today + 'T00:00:00Z')) / 86400000);
  el.textContent = left > 0 ? '（締切まであと' + left + '日）' : left === 0 ? '（本日締切）' : '（募集は終了しました）';
  if (left >= 0) return;
  // Read after the deadline, before the site was built again (it is built every day): the banner says
  // the period has ended, and no longer offers to send a comment.
  var banner = el.closest('.comment-banner');
  if (banner) banner.classList.add('is-ended');
  var heading = banner && banner.querySelector('h2');
  if (heading) heading.textContent = 'この評価書（案）の意見募集は終了しました';
  document.querySelectorAll('.comment-banner .banner-actions, .comment-banner .screen-only, .comment-link').forEach(function (x) { x.hidden = true; });
})();
