// <rr-videos>: the Shoppable videos block (carousel or stories). Liquid renders
// the frame with aspect-ratio placeholders; this element fetches the feed's JSON
// when the block comes near the viewport, shows posters first, and sets a
// video's src only when the slide is half visible (autoplay, muted, never with
// prefers-reduced-motion) or when the shopper taps play. Needs rr-events.js.
(function () {
  "use strict";
  function boot() {
    var RR = window.RR, h = RR.h;
    customElements.define("rr-videos", class extends HTMLElement {
      connectedCallback() {
        this.ac = new AbortController();
        this.stop = RR.near(this, render.bind(null, this));
        var track = this.querySelector(".rr-track"), signal = { signal: this.ac.signal };
        var step = function (dir) { track.scrollBy({ left: dir * track.firstElementChild.offsetWidth, behavior: RR.reduced ? "auto" : "smooth" }); };
        this.addEventListener("click", function (e) {
          var b = e.target.closest("[data-step]");
          if (b) step(+b.dataset.step);
        }, signal);
        track.addEventListener("keydown", function (e) {
          if (e.target != track) return;
          if (e.key == "ArrowRight") step(1);
          else if (e.key == "ArrowLeft") step(-1);
          else return;
          e.preventDefault();
        }, signal);
      }
      disconnectedCallback() {
        this.ac.abort();
        this.stop();
        if (this.io) this.io.disconnect();
      }
    });
    function render(el) {
      var d = el.dataset, track = el.querySelector(".rr-track"), lang = document.documentElement.lang;
      var stories = d.layout == "stories";
      RR.load(el).then(function (data) {
        var feed = data.feed, items = data.items;
        if (!items.length) { el.hidden = true; return; }
        track.textContent = "";
        // Muted previews play while a slide is at least half visible, and pause when it is not.
        el.io = new IntersectionObserver(function (es) {
          es.forEach(function (e) {
            var s = e.target, v = s.rrVideo;
            if (e.intersectionRatio >= 0.5) s.rrPlay(false);
            else if (v && !v.controls) v.pause();
          });
        }, { threshold: [0, 0.5] });
        var open = function (body, it) {
          RR.track("play", it, feed);
          body.append(h("div", { class: "rr-media" }, RR.media(it, true, lang)));
          if (it.caption) body.append(h("p", { class: "rr-cap" }, it.caption));
          it.products.forEach(function (p) { body.append(RR.product(el, it, feed, p)); });
          var v = body.querySelector("video");
          if (v) v.play().catch(function () {});
        };
        items.forEach(function (it, i) {
          var played, box = h("div", { class: "rr-media" }, it.poster ? h("img", { src: it.poster, alt: "", loading: "lazy", decoding: "async" }) : null);
          var slide = h("li", { class: "rr-slide", role: "group", "aria-roledescription": d.tSlide, "aria-label": i + 1 + " / " + items.length + ": " + it.title }, box);
          var play = h("button", {
            type: "button", class: "rr-play", "aria-label": d.tPlay + ": " + it.title,
            onclick: function () {
              if (stories) RR.viewer(el, items, i, open);
              else slide.rrPlay(true);
            },
          });
          box.append(play);
          slide.rrPlay = function (user) {
            var v = slide.rrVideo;
            if (user && !played) { played = 1; RR.track("play", it, feed); }
            if (!v || (user && !v.controls)) {
              if (v) v.remove();
              v = slide.rrVideo = RR.media(it, user, lang);
              box.append(v);
              if (user) play.hidden = true;
            }
            if (v.play) v.play().catch(function () {});
            if (user && v.focus) v.focus();
          };
          if (!stories) it.products.slice(0, 2).forEach(function (p) { slide.append(RR.product(el, it, feed, p)); });
          track.append(slide);
          RR.impress(slide, function () { RR.track("impression", it, feed); });
          if (!stories && d.autoplay == "true" && !RR.reduced && it.media.src) el.io.observe(slide);
        });
      }).catch(function () { el.hidden = true; });
    }
  }
  if (window.RR) boot();
  else document.addEventListener("rr:ready", boot, { once: true });
})();
