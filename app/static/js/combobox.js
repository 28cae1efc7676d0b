/* Address combobox (WAI-ARIA 1.2 combobox pattern with a listbox popup).
 * htmx fetches the options into the listbox; this script opens it, moves the
 * active option with the arrow keys, chooses with Enter or a click, closes with
 * Escape and announces what happened in a polite live region. Without
 * JavaScript the form keeps its server-side "Ieškoti" lookup button. */
(function () {
  "use strict";

  document.documentElement.classList.add("js");

  function announce(text) {
    var status = document.getElementById("combobox-status");
    if (status) {
      status.textContent = "";
      window.setTimeout(function () { status.textContent = text; }, 50);
    }
  }

  function setUp(box) {
    if (box.dataset.ready) { return; }
    box.dataset.ready = "1";
    var input = box.querySelector("[role=combobox]");
    var listbox = box.querySelector("[role=listbox]");
    var valueInput = box.dataset.valueInput ?
      document.getElementById(box.dataset.valueInput) : null;
    var active = -1;

    function options() { return Array.prototype.slice.call(listbox.querySelectorAll("[role=option]")); }

    function open() {
      listbox.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function close() {
      listbox.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      var items = options();
      if (!items.length) { return; }
      active = (index + items.length) % items.length;
      items.forEach(function (item, i) {
        item.setAttribute("aria-selected", i === active ? "true" : "false");
      });
      input.setAttribute("aria-activedescendant", items[active].id);
      items[active].scrollIntoView({ block: "nearest" });
    }

    function choose(item) {
      input.value = item.dataset.label;
      if (valueInput) { valueInput.value = item.dataset.value; }
      if (box.dataset.clears) {
        var other = document.getElementById(box.dataset.clears);
        if (other) { other.value = ""; }
      }
      close();
      announce("Pasirinkta: " + item.dataset.label + ".");
    }

    input.addEventListener("input", function () {
      if (valueInput) { valueInput.value = ""; }
    });

    input.addEventListener("keydown", function (event) {
      var items = options();
      if (event.key === "ArrowDown") {
        event.preventDefault();
        if (listbox.hidden && items.length) { open(); }
        highlight(active + 1);
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        if (listbox.hidden && items.length) { open(); }
        highlight(active - 1);
      } else if (event.key === "Enter" && !listbox.hidden && active >= 0) {
        event.preventDefault();
        choose(items[active]);
      } else if (event.key === "Escape" && !listbox.hidden) {
        event.preventDefault();
        close();
      }
    });

    input.addEventListener("blur", function () {
      window.setTimeout(close, 150);
    });

    listbox.addEventListener("mousedown", function (event) {
      event.preventDefault();  /* keep the focus in the input */
    });

    listbox.addEventListener("click", function (event) {
      var item = event.target.closest("[role=option]");
      if (item) { choose(item); input.focus(); }
    });

    listbox.addEventListener("htmx:afterSwap", function () {
      var count = options().length;
      active = -1;
      input.removeAttribute("aria-activedescendant");
      if (count && document.activeElement === input) {
        open();
        announce("Rasta pasirinkimų: " + count + ". Rodyklėmis aukštyn ir žemyn " +
          "pasirinkite, Enter – patvirtinti.");
      } else {
        close();
        if (input.value.trim().length >= 2) { announce("Nieko nerasta."); }
      }
    });
  }

  function setUpAll(root) {
    var scope = root && root.querySelectorAll ? root : document;
    Array.prototype.forEach.call(scope.querySelectorAll("[data-combobox]"), setUp);
  }

  if (window.htmx) {
    window.htmx.onLoad(setUpAll);
  } else {
    document.addEventListener("DOMContentLoaded", function () { setUpAll(document); });
  }
}());
