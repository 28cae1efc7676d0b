/* On a narrow screen the catalogue's filters start folded, so the search box
 * is followed by the results rather than by a long list of checkboxes; the
 * "Filtrai" summary unfolds them. Widening the window unfolds them again (the
 * summary is hidden on wide screens). Without JavaScript they stay unfolded. */
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

  document.addEventListener("DOMContentLoaded", function () { fold(document); });
  // A boosted link brings a new page in without a DOMContentLoaded.
  document.addEventListener("htmx:load", function (event) {
    fold(event.detail && event.detail.elt);
  });
})();
