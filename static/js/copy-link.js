// A "Copy" button next to a read-only field: [data-copy-target] names the field's id,
// [data-copied] is the message announced once copied. The button stays hidden without script
// (the field can still be selected and copied by hand); no inline script, for the CSP.
(function () {
  "use strict";

  function copy(field) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(field.value);
    }
    // Plain http (development) has no clipboard API: select and copy as the user would.
    field.focus();
    field.select();
    return document.execCommand("copy") ? Promise.resolve() : Promise.reject();
  }

  document.querySelectorAll("[data-copy-target]").forEach(function (button) {
    var field = document.getElementById(button.getAttribute("data-copy-target"));
    var status = document.getElementById(button.getAttribute("data-copy-status"));
    if (!field) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      copy(field).then(function () {
        if (status) {
          status.textContent = button.getAttribute("data-copied");
        }
      }, function () {
        field.focus();
        field.select();
        if (status) {
          status.textContent = button.getAttribute("data-copy-failed");
        }
      });
    });
  });
})();
