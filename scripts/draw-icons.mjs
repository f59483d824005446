/**
 * Draws the PNG icons of the web app manifest and the apple-touch-icon from static/favicon.svg, once,
 * with Debian's Chromium (no image library): `node scripts/draw-icons.mjs`. The PNGs are
 * committed under static/icons/; run again only when the favicon changes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const svg = fs.readFileSync(path.join(ROOT, 'static', 'favicon.svg'), 'utf8');
const OUT = path.join(ROOT, 'static', 'icons');

/** name, size, and whether the drawing sits in the maskable safe zone (80 %) on a full-bleed background. */
/** @type {{ name: string; size: number; maskable: boolean }[]} */
const ICONS = [
	{ name: 'icon-192.png', size: 192, maskable: false },
	{ name: 'icon-512.png', size: 512, maskable: false },
	{ name: 'maskable-512.png', size: 512, maskable: true },
	{ name: 'apple-touch-icon.png', size: 180, maskable: true }
];

const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
	args: ['--headless', '--no-sandbox', '--disable-gpu']
});
try {
	fs.mkdirSync(OUT, { recursive: true });
	for (const icon of ICONS) {
		const page = await browser.newPage({ viewport: { width: icon.size, height: icon.size } });
		const inner = icon.maskable ? Math.round(icon.size * 0.8) : icon.size;
		const background = icon.maskable ? '#5b2a86' : 'transparent';
		const drawing = svg.replace('<svg ', `<svg width="${inner}" height="${inner}" `).replace(icon.maskable ? /rx="6"/ : /$^/, 'rx="0"');
		await page.setContent(
			`<!doctype html><html><body style="margin:0;width:${icon.size}px;height:${icon.size}px;display:grid;place-items:center;background:${background}">${drawing}</body></html>`
		);
		await page.screenshot({ path: path.join(OUT, icon.name), omitBackground: !icon.maskable });
		await page.close();
		console.log(`${icon.name} ${icon.size}×${icon.size}`);
	}
} finally {
	await browser.close();
}
