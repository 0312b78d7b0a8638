// The filters of a listing wait folded behind their summary on a phone, so that the
// stories come first; where the screen has room for them beside the results, they
// are unfolded. Without this file they are one tap away at every width.
(function () {
  for (const filters of document.querySelectorAll("details[data-open-from]")) {
    const roomy = window.matchMedia(`(min-width: ${filters.dataset.openFrom})`);
    if (roomy.matches) filters.open = true;
    roomy.addEventListener("change", () => {
      if (roomy.matches) filters.open = true;
    });
  }
})();
