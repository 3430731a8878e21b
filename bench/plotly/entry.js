// The plotly.js bundle this dashboard serves: the core plus only the trace types its pages draw.
// Rebuild with `node bench/plotly/build.js` after adding a trace type to components/ (see bench/README.md).
'use strict';

var Plotly = require('plotly.js/lib/core');

Plotly.register([
    require('plotly.js/lib/bar'),
    require('plotly.js/lib/heatmap'),
    require('plotly.js/lib/choropleth'),
    require('plotly.js/lib/scattergeo'),
]);

module.exports = Plotly;
