// Counts one play of a public portrait (indirect exposure), the first time its video starts on the
// page: a beacon with no cookie and nothing about the viewer. The portrait page sends no other
// JavaScript (csr = false, decision 0010); without this script the video plays, uncounted.
for (const video of document.querySelectorAll('video[data-play-count]')) {
	const url = video.getAttribute('data-play-count');
	video.addEventListener('play', () => navigator.sendBeacon(url, new URLSearchParams({ v: '1' })), { once: true });
}
