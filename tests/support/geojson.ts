/** A square outline around a point, as a GeoJSON Feature carrying its INSEE code (commune outlines in tests). */
export const square = (code: string, lon: number, lat: number) => ({
	type: 'Feature',
	properties: { code },
	geometry: {
		type: 'Polygon',
		coordinates: [
			[
				[lon, lat],
				[lon + 0.01, lat],
				[lon + 0.01, lat + 0.01],
				[lon, lat + 0.01],
				[lon, lat]
			]
		]
	}
});
