// ReplyReel storefront core, shared by the Shoppable videos and UGC gallery blocks
// (loaded once, deferred): feed loading, lazy visibility, content events batched
// to the app proxy with keepalive, quick add through the Ajax Cart API, and the
// dialog viewer. Events: impression (half visible for 1 s), play, click, add_to_cart.
(function () {
  "use strict";
  if (window.RR) return;
  var W = window, D = document, S = W.Shopify || {};
  var root = (S.routes && S.routes.root) || "/";
  var queue = [], timer = 0, n = 0, vid, endpoint;
  var uid = function () { return Date.now().toString(36) + Math.random().toString(36).slice(2, 10); };
  var reduced = W.matchMedia && matchMedia("(prefers-reduced-motion: reduce)").matches;

  function h(tag, props) {
    var el = D.createElement(tag);
    for (var k in props || {}) {
      var v = props[k];
      if (v == null || v === false) continue;
      if (k == "class") el.className = v;
      else if (k.slice(0, 2) == "on") el.addEventListener(k.slice(2), v);
      else if (k in el && typeof v != "string") el[k] = v;
      else el.setAttribute(k, v);
    }
    for (var i = 2; i < arguments.length; i++) if (arguments[i] != null) el.append(arguments[i]);
    return el;
  }

  // Consent (Shopify's Customer Privacy API): without it no visitor id is kept.
  function visitor() {
    var p = S.customerPrivacy;
    if (p && p.analyticsProcessingAllowed && !p.analyticsProcessingAllowed()) return;
    try { vid = vid || localStorage.rr_v || (localStorage.rr_v = "v" + uid()); } catch { /* storage blocked */ }
    return vid;
  }

  function send(events, retry) {
    fetch(endpoint, { method: "POST", keepalive: true, headers: { "Content-Type": "application/json" }, body: JSON.stringify({ events: events }) })
      .then(function (r) { if (r.status >= 500 || r.status == 429) throw r; })
      .catch(function () { if (!retry) setTimeout(function () { send(events, 1); }, 3000); });
  }
  function flush() {
    clearTimeout(timer);
    timer = 0;
    while (queue.length) send(queue.splice(0, 20));
  }
  D.addEventListener("visibilitychange", function () { if (D.visibilityState == "hidden") flush(); });
  W.addEventListener("pagehide", flush);

  function track(type, it, feed, product) {
    var e = { id: uid() + (++n), type: type, feed: feed.id, item: it.id, utm: it.utm, at: Date.now() }, v = visitor();
    if (v) e.visitor = v;
    if (product) e.product = product.id;
    queue.push(e);
    // The web pixel subscribes to these (replyreel:*) to join checkouts with touches.
    try { S.analytics.publish("replyreel:" + type, { item: it.id, feed: feed.id, product: product && product.id, utm: it.utm }); } catch { /* no pixel */ }
    if (queue.length >= 20) flush();
    else if (!timer) timer = setTimeout(flush, 4000);
  }

  // Calls fn once when el comes within 300px of the viewport.
  function near(el, fn) {
    var io = new IntersectionObserver(function (es) {
      if (es.some(function (e) { return e.isIntersecting; })) { io.disconnect(); fn(); }
    }, { rootMargin: "300px" });
    io.observe(el);
    return function () { io.disconnect(); };
  }
  // Impression: at least half of el visible for one second, once per page view.
  var timers = new WeakMap();
  var seen = new IntersectionObserver(function (es) {
    es.forEach(function (e) {
      var el = e.target;
      clearTimeout(timers.get(el));
      if (e.intersectionRatio >= 0.5) timers.set(el, setTimeout(function () { seen.unobserve(el); el.rrSeen(); }, 1000));
    });
  }, { threshold: [0, 0.5] });
  function impress(el, fn) { el.rrSeen = fn; seen.observe(el); }

  function money(el, price) { return (el.dataset.money || "{{amount}}").replace(/\{\{\s*\w+\s*\}\}/, price); }

  function touch(it, feed) {
    return JSON.stringify({ item: it.id, feed: feed.id, utm: it.utm, time: new Date().toISOString() });
  }
  function post(path, body) {
    return fetch(root + path, { method: "POST", headers: { "Content-Type": "application/json", Accept: "application/json" }, body: JSON.stringify(body) })
      .then(function (r) { if (!r.ok) throw r; return r.json(); });
  }

  // One tagged product: link, price, quick add (line item property _rr_item, cart attribute _rr_touch).
  function product(el, it, feed, p) {
    var d = el.dataset, status = el.querySelector("[role=status]");
    var url = root + "products/" + p.handle;
    if (feed.tagLinks) url += "?" + ["source", "medium", "campaign", "content"].map(function (k) { return "utm_" + k + "=" + encodeURIComponent(it.utm[k]); }).join("&");
    var add = d.quickAdd == "true" && p.variantId && h("button", {
      type: "button", class: "rr-add", "aria-label": d.tAdd + ": " + p.title,
      onclick: function () {
        add.disabled = true;
        post("cart/add.js", { items: [{ id: p.variantId, quantity: 1, properties: { _rr_item: it.id } }] })
          .then(function () { return post("cart/update.js", { attributes: { _rr_touch: touch(it, feed) } }); })
          .then(function (cart) {
            track("add_to_cart", it, feed, p);
            add.textContent = d.tAdded;
            if (status) status.textContent = d.tAdded + ": " + p.title;
            D.dispatchEvent(new CustomEvent("replyreel:cart", { detail: cart }));
          })
          .catch(function () { if (status) status.textContent = d.tError; })
          .then(function () { add.disabled = false; });
      },
    }, d.tAdd);
    return h("div", { class: "rr-p" },
      h("a", { href: url, onclick: function () { track("click", it, feed, p); } }, p.title),
      d.prices == "true" && p.price ? h("span", { class: "rr-price" }, money(el, p.price)) : null,
      add || null);
  }

  function media(it, controls, lang) {
    var m = it.media;
    if (m.type == "image") return h("img", { src: m.src, alt: it.alt, decoding: "async" });
    if (m.embed) return h("iframe", { src: m.embed + "&autoplay=1", title: it.title, allow: "autoplay; fullscreen; picture-in-picture", allowfullscreen: true });
    var v = h("video", { playsInline: true, preload: "metadata", poster: it.poster || "", controls: controls, muted: !controls, loop: !controls, "aria-label": it.title });
    if (!controls) v.setAttribute("muted", "");
    if (it.captions) { v.crossOrigin = "anonymous"; v.append(h("track", { kind: "captions", src: it.captions, srclang: lang || "en", label: "Captions", default: true })); }
    v.src = m.src;
    return v;
  }

  // A modal viewer over items (stories, lightbox): <dialog> gives focus trapping and Esc.
  function viewer(el, items, i, fill) {
    var d = el.dataset, body = h("div", { class: "rr-dlg__body" });
    var show = function (k) { i = (k + items.length) % items.length; body.textContent = ""; fill(body, items[i], i); };
    var dlg = h("dialog", { class: "rr-dlg", "aria-label": el.getAttribute("aria-label") || "",
      onclose: function () { dlg.remove(); },
      onkeydown: function (e) { if (e.key == "ArrowRight") show(i + 1); else if (e.key == "ArrowLeft") show(i - 1); } },
      h("button", { type: "button", class: "rr-x", "aria-label": d.tClose, onclick: function () { dlg.close(); } }, "×"),
      items.length > 1 ? h("button", { type: "button", class: "rr-prev", "aria-label": d.tPrev, onclick: function () { show(i - 1); } }, "‹") : null,
      body,
      items.length > 1 ? h("button", { type: "button", class: "rr-next", "aria-label": d.tNext, onclick: function () { show(i + 1); } }, "›") : null);
    D.body.append(dlg);
    dlg.showModal();
    show(i);
  }

  function load(el) {
    endpoint = endpoint || el.dataset.events;
    return fetch(el.dataset.src, { headers: { Accept: "application/json" } }).then(function (r) { if (!r.ok) throw r; return r.json(); });
  }

  W.RR = { h: h, track: track, near: near, impress: impress, product: product, media: media, viewer: viewer, load: load, reduced: reduced, flush: flush };
  D.dispatchEvent(new Event("rr:ready"));
})();
