// The date on a printout is the day it is printed: the stamp shown on every printed page of a report
// gets today's date (Japan time, 和暦 and ISO) when the page opens and again just before printing.
// Without JavaScript it keeps the day the page was made, and says that is what it is.
(function () {
  var el = document.querySelector('.print-date');
  if (!el) return;
  function stamp() {
    var d = new Date();
    var wareki = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', { timeZone: 'Asia/Tokyo', era: 'long', year: 'numeric', month: 'long', day: 'numeric' }).format(d);
    var iso = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' }).format(d);
    el.textContent = wareki.replace(/^(\D+)1年/, '$1元年') + '（' + iso + '）';
  }
  stamp();
  window.addEventListener('beforeprint', stamp);
})();
