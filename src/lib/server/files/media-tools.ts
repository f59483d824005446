import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * ffprobe and ffmpeg, when the machine has them: the duration of a video is read with ffprobe and
 * a poster taken from it with ffmpeg. Without them the duration is typed and the poster uploaded.
 * FFPROBE_PATH / FFMPEG_PATH choose the programs; `off` does without.
 */
export interface MediaTools {
	ffprobe: string | null;
	ffmpeg: string | null;
}

function locate(variable: string, program: string): string | null {
	const configured = process.env[variable]?.trim();
	if (configured === 'off') return null;
	if (configured) return fs.existsSync(configured) ? configured : null;
	for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
		const candidate = path.join(dir, program);
		if (dir && fs.existsSync(candidate)) return candidate;
	}
	return null;
}

export function mediaTools(): MediaTools {
	return { ffprobe: locate('FFPROBE_PATH', 'ffprobe'), ffmpeg: locate('FFMPEG_PATH', 'ffmpeg') };
}

export const NO_MEDIA_TOOLS: MediaTools = { ffprobe: null, ffmpeg: null };

/** Whole seconds of a video, or null (no ffprobe, or a file it cannot read). */
export async function probeDuration(tools: MediaTools, file: string): Promise<number | null> {
	if (!tools.ffprobe) return null;
	try {
		const { stdout } = await run(tools.ffprobe, ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', file], { timeout: 30_000 });
		const seconds = Number.parseFloat(stdout.trim());
		return Number.isFinite(seconds) && seconds > 0 ? Math.max(1, Math.round(seconds)) : null;
	} catch {
		return null;
	}
}

/** A JPEG frame of the video (at 1 s, or its first frame) written to `out`; false without ffmpeg or on failure. */
export async function extractPoster(tools: MediaTools, file: string, out: string): Promise<boolean> {
	if (!tools.ffmpeg) return false;
	for (const at of ['1', '0']) {
		try {
			await run(tools.ffmpeg, ['-v', 'error', '-nostdin', '-y', '-ss', at, '-i', file, '-frames:v', '1', '-vf', 'scale=960:-2', '-q:v', '4', out], {
				timeout: 60_000
			});
			const stat = await fs.promises.stat(out).catch(() => null);
			if (stat && stat.size > 0) return true;
		} catch {
			// next position, then give up
		}
	}
	await fs.promises.rm(out, { force: true });
	return false;
}
