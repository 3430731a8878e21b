// Build the front-end files the app serves itself (run from the project root after `npm ci`):
//   node frontend/plotly/build.js
// - assets/vendor/plotly/plotly-custom.min.js: plotly.js with only the trace types the app draws
//   (frontend/plotly/entry.js), and its .br and .gz, served to dcc.Graph by web/delivery.py;
// - assets/vendor/regenerator-runtime.min.js: the one piece of @babel/polyfill that Dash's bundles call.
'use strict';

const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const esbuild = require('esbuild');

const root = path.resolve(__dirname, '..', '..');

// Two libraries plotly.js's geo code imports for features the dashboard's map does not use, replaced
// by empty stand-ins (about 140 KB of the bundle, and a country-name index built when it starts):
// - country-iso-search: locationmode 'country names' (the map joins on its own GeoJSON's ids);
// - d3-geo-projection: projections beyond d3-geo's own (the map uses 'conic equal area', in d3-geo).
// components/map.py must keep to both; tests/browser/test_regions_browser.py draws the map with this bundle.
const UNUSED = {
    'country-iso-search': 'module.exports = {COUNTRIES: [], createLookup: function () { return {lookupAlpha3: function () { return undefined; }}; }};',
    'd3-geo-projection': 'module.exports = {};',
};
const unusedLibraries = {
    name: 'unused-libraries',
    setup(build) {
        const filter = new RegExp('^(' + Object.keys(UNUSED).join('|') + ')$');
        build.onResolve({ filter }, (args) => ({ path: args.path, namespace: 'unused' }));
        build.onLoad({ filter: /.*/, namespace: 'unused' }, (args) => ({ contents: UNUSED[args.path], loader: 'js' }));
    },
};

async function main() {
    const plotly = await esbuild.build({
        entryPoints: [path.join(__dirname, 'entry.js')],
        outfile: path.join(root, 'assets', 'vendor', 'plotly', 'plotly-custom.min.js'),
        bundle: true,
        minify: true,
        format: 'iife',
        globalName: 'Plotly',
        target: 'es2018',
        legalComments: 'none',
        // plotly.js's map (MapLibre) stylesheet is imported by its registry; no trace here uses it.
        loader: { '.css': 'empty' },
        plugins: [unusedLibraries],
        define: { global: 'window', 'define.amd': 'false', 'process.env.NODE_DEBUG': 'false' },
        banner: { js: '/* plotly.js ' + require('plotly.js/package.json').version + ' (MIT), custom bundle: bar, heatmap, choropleth, scattergeo (+ scatter); see frontend/plotly/entry.js */' },
        // The iife assigns `var Plotly`; dcc.Graph looks for window.Plotly.
        footer: { js: 'window.Plotly = Plotly;' },
        logLevel: 'warning',
    });
    await esbuild.build({
        entryPoints: [require.resolve('regenerator-runtime/runtime.js')],
        outfile: path.join(root, 'assets', 'vendor', 'regenerator-runtime.min.js'),
        minify: true,
        target: 'es2018',
        legalComments: 'none',
        banner: { js: '/* regenerator-runtime ' + require('regenerator-runtime/package.json').version + ' (MIT) */' },
        logLevel: 'warning',
    });
    // Compressed once here, at the strongest settings, instead of on every request.
    const bundle = path.join(root, 'assets', 'vendor', 'plotly', 'plotly-custom.min.js');
    const source = fs.readFileSync(bundle);
    fs.writeFileSync(bundle + '.br', zlib.brotliCompressSync(source, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }));
    fs.writeFileSync(bundle + '.gz', zlib.gzipSync(source, { level: 9 }));
    return plotly;
}

main().catch((error) => {
    console.error(error);
    process.exit(1);
});
