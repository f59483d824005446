/**
 * Vitest setup file, run in each worker before each test file: the file gets its own throw-away
 * DATA_DIR (outbox files, uploaded media, the demo's portraits), so that no test writes into the
 * working tree's `./data` or a developer's real one, and two files running side by side never
 * share one. A test file that needs to know its folder sets DATA_DIR itself at the top.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

process.env.DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'mixite-test-data-'));
