// <rr-ugc>: the UGC gallery block. A grid of creator photos (square boxes, lazy
// images) fetched from the feed's JSON near the viewport; a tile opens a lightbox
// (<dialog>: focus trap, Esc, arrow keys) with the creator's credit and the
// tagged products with quick add. Needs rr-events.js.
(function () {
  "use strict";
  function boot() {
    var RR = window.RR, h = RR.h;
    customElements.define("rr-ugc", class extends HTMLElement {
      connectedCallback() {
        this.stop = RR.near(this, render.bind(null, this));
      }
      disconnectedCallback() {
        this.stop();
      }
    });
    function render(el) {
      var d = el.dataset, grid = el.querySelector(".rr-grid");
      RR.load(el).then(function (data) {
        var feed = data.feed, items = data.items;
        if (!items.length) { el.hidden = true; return; }
        grid.textContent = "";
        var fill = function (body, it) {
          RR.track("click", it, feed);
          body.append(h("div", { class: "rr-media" }, RR.media(it)));
          var credit = it.creator && h("p", { class: "rr-cap" }, it.sourceLink ? h("a", { href: it.sourceLink, rel: "nofollow noopener", target: "_blank" }, "@" + it.creator) : "@" + it.creator);
          if (it.caption) body.append(h("p", { class: "rr-cap" }, it.caption));
          if (credit) body.append(credit);
          it.products.forEach(function (p) { body.append(RR.product(el, it, feed, p)); });
        };
        items.forEach(function (it, i) {
          var tile = h("li", { class: "rr-tile" },
            h("button", { type: "button", class: "rr-media", "aria-label": d.tOpen + ": " + it.alt, onclick: function () { RR.viewer(el, items, i, fill); } },
              h("img", { src: it.media.src, alt: "", loading: "lazy", decoding: "async" })));
          grid.append(tile);
          RR.impress(tile, function () { RR.track("impression", it, feed); });
        });
      }).catch(function () { el.hidden = true; });
    }
  }
  if (window.RR) boot();
  else document.addEventListener("rr:ready", boot, { once: true });
})();
