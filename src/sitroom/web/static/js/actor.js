// An actor's page: its events over time.
"use strict";
(function () {
  Sitroom.timeline(document.getElementById("timeline"), document.getElementById("timeline-note"))
    .then(function () { document.body.dataset.ready = "yes"; });
})();
