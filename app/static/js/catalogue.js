/* The catalogue search. On a narrow screen the filters start folded, so the
 * search box is followed by the results rather than by a long list of
 * checkboxes; the "Filtrai" summary unfolds them, and widening the window
 * unfolds them again (the summary is hidden on wide screens). A page link moves
 * focus to the new page's results heading. Without JavaScript the filters stay
 * unfolded and page links load whole pages. */
(function () {
  "use strict";

  var narrow = window.matchMedia("(max-width: 48rem)");

  function fold(root) {
    if (!narrow.matches || !root || !root.querySelectorAll) { return; }
    root.querySelectorAll("details.filters-box[open]").forEach(function (box) {
      box.open = false;
    });
  }

  narrow.addEventListener("change", function () {
    if (narrow.matches) { return; }
    document.querySelectorAll("details.filters-box").forEach(function (box) {
      box.open = true;
    });
  });

  // After a page link, start reading the new page at its results heading.
  var paging = false;
  document.addEventListener("htmx:beforeRequest", function (event) {
    var elt = event.detail && event.detail.elt;
    paging = Boolean(elt && elt.closest && elt.closest(".pagination"));
  });
  document.addEventListener("htmx:afterSettle", function () {
    if (!paging) { return; }
    paging = false;
    var heading = document.getElementById("rezultatai");
    if (heading) { heading.focus({ preventScroll: true }); }
  });

  document.addEventListener("DOMContentLoaded", function () { fold(document); });
  // A boosted link brings a new page in without a DOMContentLoaded.
  document.addEventListener("htmx:load", function (event) {
    fold(event.detail && event.detail.elt);
  });
})();
