// Build the front-end files the app serves itself (run from the project root after `npm ci`):
//   node bench/plotly/build.js
// - assets/vendor/plotly/plotly-custom.min.js: plotly.js with only the trace types the app draws
//   (bench/plotly/entry.js), and its .br and .gz, served to dcc.Graph by components/delivery.py;
// - assets/vendor/regenerator-runtime.min.js: the one piece of @babel/polyfill that Dash's bundles call.
'use strict';

const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const esbuild = require('esbuild');

const root = path.resolve(__dirname, '..', '..');

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
        define: { global: 'window', 'define.amd': 'false', 'process.env.NODE_DEBUG': 'false' },
        banner: { js: '/* plotly.js ' + require('plotly.js/package.json').version + ' (MIT), custom bundle: bar, heatmap, choropleth, scattergeo (+ scatter); see bench/plotly/entry.js */' },
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
