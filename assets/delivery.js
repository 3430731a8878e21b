// Client side of web/delivery.py: the served layout names the page it holds (from the
// Referer); if that is not the page in the address bar, hand the real location to Dash's router.
window.dash_clientside = Object.assign({}, window.dash_clientside, {
  delivery: {
    checkRoute: function (routedFor) {
      var noUpdate = window.dash_clientside.no_update;
      var here = window.location.pathname + window.location.search;
      if (!routedFor || routedFor === here) { return [noUpdate, noUpdate]; }
      return [window.location.pathname, window.location.search];
    }
  }
});
