// The county <select> holds every state's counties, one <optgroup> a state. This keeps only the
// chosen state's group in the list, so a learner picks from a few dozen names, not 3,000; the
// server checks the county belongs to the state either way, so without script the form still
// works (the chosen state's group comes first). No inline script, for the CSP.
(function () {
  "use strict";

  document.querySelectorAll("select[data-county-for]").forEach(function (county) {
    var state = document.getElementById(county.getAttribute("data-county-for"));
    if (!state) {
      return;
    }
    var groups = Array.prototype.slice.call(county.querySelectorAll("optgroup"));

    function show() {
      var chosen = state.selectedIndex > 0 ? state.options[state.selectedIndex].text : "";
      var kept = county.value;
      groups.forEach(function (group) {
        if (group.parentNode === county) {
          county.removeChild(group);
        }
      });
      groups.forEach(function (group) {
        if (!chosen || group.label === chosen) {
          county.appendChild(group);
        }
      });
      // A county of another state is not kept: the learner chooses again.
      county.value = kept;
      if (county.value !== kept) {
        county.value = "";
      }
    }

    state.addEventListener("change", show);
    show();
  });
})();
