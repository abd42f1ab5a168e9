// The dashboard: draws its three charts; the tables are already on the page.
"use strict";
(function () {
  var done = [
    Sitroom.timeline(document.getElementById("timeline"), document.getElementById("timeline-note")),
    Sitroom.map(document.getElementById("map")),
    Sitroom.network(document.getElementById("network"), document.getElementById("dyads")),
  ];
  Promise.all(done).then(function () { document.body.dataset.ready = "yes"; });
})();
