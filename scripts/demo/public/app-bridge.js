// Local stand-in for Shopify's App Bridge (served by the demo in place of the
// CDN script, which is unreachable offline). It provides what the admin
// would: a fresh session token for every request to the app, shopify.idToken(),
// toast, resource picker, save bar and nav menu, drawn by the parent frame.
// Never shipped to production: the demo's proxy swaps it in for the CDN URL.
(function () {
  "use strict";
  var script = document.currentScript;
  var apiKey = (script && script.getAttribute("data-api-key")) || "";
  var params = new URLSearchParams(location.search);
  var shop = params.get("shop") || sessionStorage.getItem("rr-demo-shop") || "";
  if (shop) sessionStorage.setItem("rr-demo-shop", shop);
  var host = params.get("host") || sessionStorage.getItem("rr-demo-host") || "";
  if (host) sessionStorage.setItem("rr-demo-host", host);
  var parentFrame = window.parent !== window ? window.parent : null;

  function idToken() {
    return nativeFetch("/__demo/id-token?shop=" + encodeURIComponent(shop), { cache: "no-store" })
      .then(function (r) {
        if (!r.ok) throw new Error("demo admin: could not mint a session token");
        return r.json();
      })
      .then(function (body) {
        return body.token;
      });
  }

  var nativeFetch = window.fetch.bind(window);
  // Like App Bridge: every fetch to the app's own origin carries a fresh token.
  window.fetch = function (input, init) {
    var url = new URL(typeof input === "string" ? input : input instanceof URL ? input.href : input.url, location.href);
    if (url.origin !== location.origin || url.pathname.indexOf("/__demo/") === 0) return nativeFetch(input, init);
    return idToken().then(function (token) {
      var request = new Request(input, init);
      var headers = new Headers(request.headers);
      headers.set("Authorization", "Bearer " + token);
      return nativeFetch(new Request(request, { headers: headers }));
    });
  };

  function post(type, payload) {
    if (parentFrame) parentFrame.postMessage({ source: "rr-demo-app", type: type, payload: payload }, location.origin);
  }

  var pending = {};
  var counter = 0;
  function ask(type, payload) {
    var id = "req" + ++counter;
    return new Promise(function (resolve) {
      pending[id] = resolve;
      post(type, Object.assign({ requestId: id }, payload));
      if (!parentFrame) resolve(undefined);
    });
  }
  window.addEventListener("message", function (event) {
    if (event.origin !== location.origin || !event.data || event.data.source !== "rr-demo-admin") return;
    var data = event.data;
    if (data.type === "response" && pending[data.requestId]) {
      pending[data.requestId](data.result);
      delete pending[data.requestId];
    } else if (data.type === "save-bar-action") {
      var bar = document.getElementById(data.id);
      var button = bar && bar.querySelector(data.action === "save" ? 'button[variant="primary"]' : "button:not([variant])");
      if (button) button.click();
    }
  });

  var saveBars = {};
  window.shopify = {
    config: { apiKey: apiKey, shop: shop, host: host, locale: navigator.language || "en" },
    environment: { embedded: true, mobile: false, pos: false },
    idToken: idToken,
    toast: {
      show: function (message, options) {
        post("toast", { message: String(message), isError: !!(options && options.isError) });
        return "toast" + ++counter;
      },
      hide: function () {},
    },
    resourcePicker: function (options) {
      return ask("resource-picker", { options: options || {} });
    },
    saveBar: {
      show: function (id) {
        saveBars[id] = true;
        post("save-bar", { id: id, visible: true });
        return Promise.resolve();
      },
      hide: function (id) {
        delete saveBars[id];
        post("save-bar", { id: id, visible: false });
        return Promise.resolve();
      },
      toggle: function (id) {
        return saveBars[id] ? this.hide(id) : this.show(id);
      },
      leaveConfirmation: function () {
        return Promise.resolve();
      },
    },
    loading: function (isLoading) {
      post("loading", { loading: !!isLoading });
    },
  };

  function defineOnce(name, impl) {
    if (!customElements.get(name)) customElements.define(name, impl);
  }
  function reportNav(el) {
    var links = Array.prototype.map.call(el.querySelectorAll("a"), function (a) {
      return { label: a.textContent.trim(), href: a.getAttribute("href"), home: a.getAttribute("rel") === "home" };
    });
    post("nav", { links: links });
  }
  defineOnce(
    "ui-nav-menu",
    class extends HTMLElement {
      connectedCallback() {
        this.style.display = "none";
        this._observer = new MutationObserver(() => reportNav(this));
        this._observer.observe(this, { childList: true, subtree: true, characterData: true });
        reportNav(this);
      }
      disconnectedCallback() {
        if (this._observer) this._observer.disconnect();
      }
    },
  );
  defineOnce(
    "ui-title-bar",
    class extends HTMLElement {
      connectedCallback() {
        this.style.display = "none";
        post("title", { title: this.getAttribute("title") || "" });
      }
    },
  );
  defineOnce(
    "ui-save-bar",
    class extends HTMLElement {
      static get observedAttributes() {
        return ["open"];
      }
      connectedCallback() {
        this.style.display = "none";
        if (this.hasAttribute("open")) window.shopify.saveBar.show(this.id);
      }
      attributeChangedCallback() {
        if (this.hasAttribute("open")) window.shopify.saveBar.show(this.id);
        else window.shopify.saveBar.hide(this.id);
      }
      show() {
        return window.shopify.saveBar.show(this.id);
      }
      hide() {
        return window.shopify.saveBar.hide(this.id);
      }
      disconnectedCallback() {
        if (saveBars[this.id]) window.shopify.saveBar.hide(this.id);
      }
    },
  );

  // The bounce page (/auth/session-token): App Bridge reloads the app with a token.
  var reload = params.get("shopify-reload");
  if (reload) {
    idToken().then(function (token) {
      var target = new URL(reload, location.href);
      target.searchParams.set("id_token", token);
      location.replace(target.pathname + target.search);
    });
  }
  post("ready", { path: location.pathname + location.search });
})();
