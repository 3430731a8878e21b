// The plotly.js bundle this dashboard serves: the core plus only the trace types its pages draw.
// Rebuild with `node frontend/plotly/build.js` after adding a trace type to components/ (see frontend/README.md).
'use strict';

var Plotly = require('plotly.js/lib/core');

Plotly.register([
    require('plotly.js/lib/bar'),
    require('plotly.js/lib/heatmap'),
    require('plotly.js/lib/choropleth'),
    require('plotly.js/lib/scattergeo'),
    // The words plotly.js writes itself (tool-bar tooltips), in the page's language (chart_card sets `locale`).
    require('plotly.js/lib/locales/ru'),
    require('./locale-kk'),
]);

// Charts are drawn when they come near the viewport, one per task, not all at once when the page
// starts: drawing a chart is the longest piece of main-thread work a page does, and a phone shows one
// chart at a time. dcc.Graph draws with Plotly.react and waits for its promise before it binds events,
// so a deferred draw only delays the promise. Plotly.drawPendingCharts() draws every chart at once
// (assets/static_html.js calls it for scripts/build_upr_pdf.py, which waits for the drawing to end).
var MARGIN_PX = 400;
var pending = new Map(); // graph div -> {args: the latest Plotly.react arguments, waiting: [{resolve, reject}]}
var queue = []; // graph divs near the viewport, drawn one per task in this order
var drawEverything = false;
var react = Plotly.react;
var observer = typeof IntersectionObserver === 'function'
    ? new IntersectionObserver(function (entries) {
        entries.forEach(function (entry) { if (entry.isIntersecting) { enqueue(entry.target); } });
    }, { rootMargin: MARGIN_PX + 'px 0px' })
    : null;

function draw(gd) {
    var entry = pending.get(gd);
    if (!entry) { return; }
    pending.delete(gd);
    observer.unobserve(gd);
    Promise.resolve(react.apply(Plotly, entry.args)).then(
        function (value) { entry.waiting.forEach(function (w) { w.resolve(value); }); },
        function (error) { entry.waiting.forEach(function (w) { w.reject(error); }); }
    );
}

function drawNext() {
    var gd = queue.shift();
    if (gd) { draw(gd); }
    if (queue.length) { setTimeout(drawNext, 0); }
}

function enqueue(gd) {
    if (queue.indexOf(gd) !== -1) { return; }
    queue.push(gd);
    if (queue.length === 1) { setTimeout(drawNext, 0); }
}

function nearViewport(gd) {
    // The chart's box, tool-bar strip included (components/chart_card.py), is where the chart begins.
    var box = (gd.closest('.chart-box') || gd).getBoundingClientRect();
    return box.bottom >= -MARGIN_PX && box.top <= window.innerHeight + MARGIN_PX;
}

Plotly.react = function (gd) {
    // Drawn already (an update), or no way to tell when it is seen: draw now, as plotly.js would.
    if (drawEverything || !observer || !(gd instanceof Element) || gd._fullLayout) {
        pending.delete(gd);
        return react.apply(Plotly, arguments);
    }
    var args = arguments;
    return new Promise(function (resolve, reject) {
        var entry = pending.get(gd);
        if (entry) {
            entry.args = args; // a newer figure replaces the one not drawn yet
            entry.waiting.push({ resolve: resolve, reject: reject });
            return;
        }
        pending.set(gd, { args: args, waiting: [{ resolve: resolve, reject: reject }] });
        if (nearViewport(gd)) { enqueue(gd); } else { observer.observe(gd); }
    });
};

var purge = Plotly.purge;
Plotly.purge = function (gd) {
    if (pending.has(gd)) {
        pending.delete(gd);
        observer.unobserve(gd);
    }
    return purge.apply(Plotly, arguments);
};

// Not on `beforeprint`: the browser takes its print snapshot before the charts are drawn, so a chart
// drawn then printed as an empty box. A chart not drawn prints its table instead (assets/dashboard.css).
Plotly.drawPendingCharts = function () {
    drawEverything = true;
    queue = [];
    Array.from(pending.keys()).forEach(draw);
};

module.exports = Plotly;
