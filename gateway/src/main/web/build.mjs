// Builds the suite's look into the directory given as argument (the gateway serves it at /assets/):
// - anaiss.css: the open design tokens of the Assurance Maladie's design system (@cnamts/design-tokens,
//   MIT) as CSS custom properties, then the suite's own base stylesheet (base.css), which uses only them;
// - app.js: the staff application's few enhancements (upload progress), nothing a page needs to be read;
// - logo.svg: a neutral default logo; a fund sets its own (anaiss.web.brand.logo-url).
// Run by the gateway's Maven build with the machine's Node (no bundler: nothing here needs one).
import { readFileSync, writeFileSync, mkdirSync, copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const out = process.argv[2];
if (!out) {
  console.error('usage: node build.mjs <output directory>');
  process.exit(2);
}
const require = createRequire(import.meta.url);
const tokensFile = require.resolve('@cnamts/design-tokens/dist/tokens.json');
const tokens = JSON.parse(readFileSync(tokensFile, 'utf8'));
const version = JSON.parse(readFileSync(join(tokensFile, '../../package.json'), 'utf8')).version;

// {"colors": {"am-blue": {"base": "#0c419a"}}} -> --am-colors-am-blue-base: #0c419a
const lines = [];
(function walk(node, path) {
  for (const [key, value] of Object.entries(node)) {
    const name = [...path, key].join('-').replace(/[^a-zA-Z0-9-]/g, '-');
    if (value !== null && typeof value === 'object') {
      walk(value, [...path, key]);
    } else {
      lines.push(`  --am-${name}: ${value};`);
    }
  }
})(tokens, []);
if (!lines.some((l) => l.startsWith('  --am-colors-primary:'))) {
  console.error('@cnamts/design-tokens ' + version + ' has no colors.primary: the base stylesheet needs it');
  process.exit(1);
}

mkdirSync(out, { recursive: true });
const header = `/* ANAISS look. Design tokens: @cnamts/design-tokens ${version} (MIT, Caisse nationale de l'Assurance Maladie). */\n`;
const base = readFileSync(new URL('./base.css', import.meta.url), 'utf8');
writeFileSync(join(out, 'anaiss.css'), header + ':root {\n' + lines.join('\n') + '\n}\n' + base);
copyFileSync(new URL('./app.js', import.meta.url), join(out, 'app.js'));
copyFileSync(new URL('./logo.svg', import.meta.url), join(out, 'logo.svg'));
console.log(`[look] ${lines.length} design tokens, anaiss.css, app.js and logo.svg written to ${out}`);
