// The browser half of web/static_html.py and web/deferred.py.
(function () {
  // A static part of a page (a table, a list of notes) served as its outer element and its inner
  // HTML, which the browser parses natively instead of React building a component for every cell.
  function StaticHtml(props) {
    var attributes = Object.assign({}, props.attributes, {dangerouslySetInnerHTML: {__html: props.html || ""}});
    return window.React.createElement(props.tag || "div", attributes);
  }

  // Sections waiting to be built, in page order; one is built per task, so that no single task
  // builds the whole page.
  var waiting = [];
  var building = false;

  function buildNext() {
    var next = waiting.shift();
    if (next) { next(); } else { building = false; }
  }

  function enqueue(build) {
    waiting.push(build);
    if (!building) {
      building = true;
      setTimeout(buildNext, 0);
    }
  }

  // A section shown first as a copy of its HTML, then built (props.children) when its turn comes.
  function Deferred(props) {
    var React = window.React;
    var state = React.useState(false);
    var live = state[0];
    var setLive = state[1];
    var mounted = React.useRef(true);
    React.useEffect(function () {
      mounted.current = true;
      return function () { mounted.current = false; };
    }, []);
    React.useEffect(function () {
      if (live) {
        setTimeout(buildNext, 0); // built and committed: the next section, in a task of its own
        return;
      }
      enqueue(function () {
        if (mounted.current) { setLive(true); } else { buildNext(); }
      });
    }, [live]);
    if (live) { return props.children; }
    var attributes = Object.assign({"data-deferred": ""}, props.attributes, {dangerouslySetInnerHTML: {__html: props.html || ""}});
    return React.createElement(props.tag || "section", attributes);
  }

  // A chart's box: the chart (a dcc.Graph) is mounted only once a chart of the page comes near the
  // viewport, so a page read only at its top never loads plotly.js; then every chart is mounted (they
  // draw when scrolled near: frontend/plotly/entry.js) so that printing can draw them all.
  var NEAR_PX = 600;
  var mountEverything = false;
  var mounters = new Set();

  function mountAllCharts() {
    mountEverything = true;
    Array.from(mounters).forEach(function (mount) { mount(); });
  }

  function NearViewport(props) {
    var React = window.React;
    var box = React.useRef(null);
    var state = React.useState(mountEverything);
    var mounted = state[0];
    var setMounted = state[1];
    React.useEffect(function () {
      if (mounted) { return undefined; }
      var mount = function () { setMounted(true); };
      mounters.add(mount);
      var observer = typeof IntersectionObserver === "function" ? new IntersectionObserver(function (entries) {
        if (entries.some(function (entry) { return entry.isIntersecting; })) { mountAllCharts(); }
      }, {rootMargin: NEAR_PX + "px 0px"}) : null;
      if (observer) { observer.observe(box.current); } else { mountAllCharts(); }
      return function () {
        mounters.delete(mount);
        if (observer) { observer.disconnect(); }
      };
    }, [mounted]);
    return React.createElement(props.tag || "div", Object.assign({ref: box}, props.attributes), mounted ? props.children : null);
  }

  // Every chart mounted and drawn now, for scripts/build_upr_pdf.py (which then waits for the drawing).
  // Not on "beforeprint": the print snapshot is taken before a chart mounted then is drawn; an undrawn
  // chart prints its table instead (assets/dashboard.css).
  function drawAllCharts() {
    mountAllCharts();
    if (window.Plotly && window.Plotly.drawPendingCharts) { window.Plotly.drawPendingCharts(); }
  }

  window.dashboard_static = Object.assign({}, window.dashboard_static, {
    StaticHtml: StaticHtml, Deferred: Deferred, NearViewport: NearViewport, drawAllCharts: drawAllCharts
  });
})();
