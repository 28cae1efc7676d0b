/* Focus after a page or form comes back.
 * When a form is re-rendered with errors, move focus to its error summary
 * (role=alert, tabindex=-1), so keyboard and screen reader users start from
 * what went wrong instead of the top of the page. This runs after every htmx
 * swap and on a full page load; without JavaScript nothing changes. */
(function () {
  "use strict";

  var SUMMARY = ".error-summary[role=alert]";

  function focusSummary(root) {
    if (!root || !root.querySelector) { return; }
    var summary = root.matches && root.matches(SUMMARY) ?
      root : root.querySelector(SUMMARY);
    if (!summary) { return; }
    if (!summary.hasAttribute("tabindex")) { summary.setAttribute("tabindex", "-1"); }
    summary.focus();
  }

  document.addEventListener("htmx:afterSettle", function (event) {
    focusSummary(event.detail && event.detail.elt);
  });

  document.addEventListener("DOMContentLoaded", function () {
    focusSummary(document.body);
  });
})();
