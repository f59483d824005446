import { geoArea, geoConicConformal, geoPath, type GeoPermissibleObjects } from 'd3-geo';

/** The drawing's width in SVG units; its height follows the territory's shape. */
export const MAP_WIDTH = 600;
/** A tenth of a unit is finer than a pixel of a 600-unit drawing on any screen: more digits only weigh. */
const DIGITS = 1;

type Ring = number[][];
type Geometry = { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };

export interface ProjectedOutlines {
	width: number;
	height: number;
	/** SVG path data by INSEE code. */
	paths: Map<string, string>;
}

/**
 * d3-geo reads rings on the sphere, clockwise around their inside; RFC 7946 files (Etalab's among
 * them) turn the other way, which d3 reads as "the whole Earth but this commune". A polygon whose
 * area is over a hemisphere is turned over.
 */
function rewound(geometry: Geometry): Geometry {
	const polygon = (rings: Ring[]) => (geoArea({ type: 'Polygon', coordinates: rings }) > 2 * Math.PI ? rings.map((r) => [...r].reverse()) : rings);
	return geometry.type === 'Polygon'
		? { type: 'Polygon', coordinates: polygon(geometry.coordinates) }
		: { type: 'MultiPolygon', coordinates: geometry.coordinates.map(polygon) };
}

/**
 * Projects commune outlines (GeoJSON geometries in WGS84, as imported) on the server: a conformal
 * conic projection centred on the territory (as Lambert-93 for France), fitted to a drawing
 * MAP_WIDTH wide, each commune's path rounded to a tenth of a unit.
 */
export function projectOutlines(outlines: readonly { code: string; geometry: unknown }[]): ProjectedOutlines {
	const features = outlines.map((o) => ({ type: 'Feature' as const, properties: { code: o.code }, geometry: rewound(o.geometry as Geometry) }));
	if (features.length === 0) return { width: MAP_WIDTH, height: 0, paths: new Map() };
	const collection = { type: 'FeatureCollection', features } as GeoPermissibleObjects;
	const projection = geoConicConformal().parallels([44, 49]).rotate([-3, 0]).fitWidth(MAP_WIDTH, collection);
	const path = geoPath(projection).digits(DIGITS);
	// fitWidth puts the territory's top edge at y = 0.
	const height = Math.ceil(path.bounds(collection)[1][1]);
	const paths = new Map<string, string>();
	for (const f of features) {
		const d = path(f as GeoPermissibleObjects);
		if (d) paths.set(f.properties.code, d);
	}
	return { width: MAP_WIDTH, height, paths };
}
