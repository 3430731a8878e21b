// Client-side helpers: keep filters in the address bar without re-rendering the page.
window.dash_clientside = Object.assign({}, window.dash_clientside, {
  url: {
    // Replace the query string with `params` (null/empty values dropped), keeping `lang`.
    replaceQuery: function (params) {
      if (!params) { return window.dash_clientside.no_update; }
      var query = new URLSearchParams(window.location.search);
      Object.keys(params).forEach(function (key) {
        var value = params[key];
        if (value === null || value === undefined || value === "") { query.delete(key); } else { query.set(key, value); }
      });
      var search = query.toString();
      window.history.replaceState(window.history.state, "", window.location.pathname + (search ? "?" + search : ""));
      // The language links lead to the same view: the page's current parameters, in the other language.
      document.querySelectorAll(".lang-switch a[hreflang]").forEach(function (link) {
        var translated = new URLSearchParams(query);
        translated.set("lang", link.getAttribute("hreflang"));
        link.setAttribute("href", window.location.pathname + "?" + translated.toString());
      });
      return window.dash_clientside.no_update;
    }
  }
});
