// Copies the one self-hosted web font (Latin subset, variable weight) from its npm package into
// static/fonts/, with its licence: the site never asks a third party for a font. Run after
// upgrading @fontsource-variable/atkinson-hyperlegible-next: `npm run fonts`.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const from = path.join(root, 'node_modules/@fontsource-variable/atkinson-hyperlegible-next');
const to = path.join(root, 'static/fonts');
fs.mkdirSync(to, { recursive: true });
for (const [source, target] of [
	['files/atkinson-hyperlegible-next-latin-wght-normal.woff2', 'atkinson-hyperlegible-next-latin-wght-normal.woff2'],
	['LICENSE', 'atkinson-hyperlegible-next-LICENSE.txt']
]) {
	fs.copyFileSync(path.join(from, source), path.join(to, target));
	console.log(`static/fonts/${target}`);
}
