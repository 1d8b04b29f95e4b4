// Quick exit for the public help pages: leave for a neutral site and replace this page's history entry,
// so the Back button does not bring the help page back. Escape does the same from anywhere on the page.
(function () {
  "use strict";
  function leave(event) {
    var link = document.getElementById("quick-exit");
    if (!link) return;
    if (event) event.preventDefault();
    document.body.style.visibility = "hidden";
    window.location.replace(link.getAttribute("data-exit"));
  }
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" || event.key === "Esc") leave(event);
  });
  document.addEventListener("click", function (event) {
    var target = event.target;
    if (target && target.closest && target.closest("#quick-exit")) leave(event);
  });
})();
