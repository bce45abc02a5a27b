// Refreshes a ledger upload's status box each second until the upload has finished.
// The address to poll is the script element's data-poll attribute.
(function () {
  var address = document.currentScript.dataset.poll;
  (function poll() {
    setTimeout(function () {
      fetch(address, { credentials: "same-origin" })
        .then(function (r) { return r.text(); })
        .then(function (html) {
          var box = document.getElementById("upload-status");
          box.outerHTML = html;
          if (document.getElementById("upload-status").dataset.finished !== "yes") { poll(); }
        });
    }, 1000);
  })();
})();
