// A table scrolled sideways with a sticky first column (the comparisons): a link reached with Tab or
// Shift+Tab that is partly under the column is scrolled out from under it. The browser scrolls only a
// link wholly out of view, and the column hides the start of one partly in view. Reading needs no
// JavaScript: without it, the table scrolls by hand as before.
document.addEventListener('focusin', function (e) {
  var el = e.target;
  if (!(el instanceof Element)) return;
  var box = el.closest('.compare-scroll');
  var row = el.closest('tr');
  var sticky = row && row.querySelector('th[scope=row]');
  if (!box || !sticky || sticky.contains(el)) return;
  var under = sticky.getBoundingClientRect().right - el.getBoundingClientRect().left;
  // (8px clears the column's shadow and the focus ring's outline)
  if (under > -8) box.scrollLeft -= under + 8;
});
