/**
 * National-scale dataset for the benchmark: 180 territories (the real default territory
 * plus 179 synthetic ones), four school years of activities, bulk-loaded with set-based SQL.
 *
 * Only the raw tables are written here; the aggregates are then rebuilt by the app's own
 * rebuildAggregates(), so the benchmark reads exactly what the application would compute.
 */
import type pg from 'pg';
import { ACTIVITY_TYPES, AUDIENCES } from '../src/lib/domain/reference';
import type { Database } from '../src/lib/server/db/client';
import { seedDefaultTerritory } from '../src/lib/server/seed/default-territory';
import { prng } from '../src/lib/server/seed/demo';

export interface GenerateOptions {
	/** Number of activities to generate (all territories together). */
	activities: number;
	/** Number of territories, the default one included. */
	territories: number;
	seed: number;
	log: (message: string) => void;
}

export interface GenerationPhase {
	label: string;
	ms: number;
}

/** Four full school years: 2022-2023 … 2025-2026. */
export const FIRST_DAY = '2022-09-01';
export const LAST_DAY = '2026-08-31';
export const SCHOOL_YEARS = ['2022-2023', '2023-2024', '2024-2025', '2025-2026'] as const;

const CHUNK = 250_000;

export { prng };

/** Every allowed audience × level pair, pupils first (the most frequent in practice). */
function audienceLevelPairs(): { audience: string; level: string }[] {
	return AUDIENCES.flatMap((a) => a.levels.map((level) => ({ audience: a.code, level })));
}

function sqlTextArray(values: readonly string[]): string {
	return `array[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(',')}]::text[]`;
}

async function timed<T>(phases: GenerationPhase[], label: string, log: (m: string) => void, fn: () => Promise<T>): Promise<T> {
	const t0 = performance.now();
	const result = await fn();
	const ms = performance.now() - t0;
	phases.push({ label, ms });
	log(`  ${label}: ${(ms / 1000).toFixed(1)} s`);
	return result;
}

/** The 179 synthetic territories: a few EPCIs, their communes, one plan, four initiatives. */
async function createSyntheticTerritories(client: pg.Client, count: number, random: () => number): Promise<void> {
	const slugs: string[] = [];
	const names: string[] = [];
	for (let k = 1; k <= count; k++) {
		const n = String(k).padStart(3, '0');
		slugs.push(`bench-${n}`);
		names.push(`Territoire d’industrie synthétique ${n}`);
	}
	const inserted = await client.query<{ id: number; slug: string }>(
		`insert into territories (slug, name) select * from unnest($1::text[], $2::text[]) returning id, slug`,
		[slugs, names]
	);
	const ids = new Map(inserted.rows.map((r) => [r.slug, r.id]));

	const epci = { territoryId: [] as number[], siren: [] as string[], name: [] as string[], kind: [] as string[], population: [] as number[] };
	const commune = {
		territoryId: [] as number[],
		code: [] as string[],
		name: [] as string[],
		epci: [] as string[],
		departement: [] as string[],
		population: [] as number[]
	};
	// Synthetic INSEE-like codes, 10000…5xxxx: unique, valid for the form (^[0-9][0-9AB][0-9]{3}$),
	// and disjoint from the real default territory's communes (59xxx, 62xxx).
	let nextCode = 10000;
	for (let k = 1; k <= count; k++) {
		const territoryId = ids.get(slugs[k - 1]!)!;
		const epciCount = 2 + Math.floor(random() * 5); // 2..6
		for (let e = 1; e <= epciCount; e++) {
			const siren = `2${String(k).padStart(3, '0')}${String(e).padStart(5, '0')}`;
			const communeCount = 5 + Math.floor(random() * 36); // 5..40
			let epciPopulation = 0;
			for (let c = 1; c <= communeCount; c++) {
				const code = String(nextCode++);
				// A few towns, many villages.
				const population = Math.round(200 + 60_000 * Math.pow(random(), 6));
				epciPopulation += population;
				commune.territoryId.push(territoryId);
				commune.code.push(code);
				commune.name.push(`Commune ${code}`);
				commune.epci.push(siren);
				commune.departement.push(code.slice(0, 2));
				commune.population.push(population);
			}
			epci.territoryId.push(territoryId);
			epci.siren.push(siren);
			epci.name.push(`Intercommunalité synthétique ${k}-${e}`);
			epci.kind.push(e === 1 ? 'CA' : 'CC');
			epci.population.push(epciPopulation);
		}
	}
	if (nextCode > 58_999) throw new Error('Too many synthetic communes for the code range');
	await client.query(
		`insert into epcis (territory_id, siren, name, kind, population)
		 select * from unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::int[])`,
		[epci.territoryId, epci.siren, epci.name, epci.kind, epci.population]
	);
	await client.query(
		`insert into communes (territory_id, code_insee, name, epci_siren, departement, population)
		 select * from unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[])`,
		[commune.territoryId, commune.code, commune.name, commune.epci, commune.departement, commune.population]
	);
	await client.query(
		`insert into action_plans (territory_id, title, summary, starts_on, ends_on)
		 select t.id, 'Plan d’action synthétique (banc d’essai)', null, $1::date, $2::date
		 from territories t where t.slug like 'bench-%'`,
		[FIRST_DAY, LAST_DAY]
	);
	await client.query(
		`insert into initiatives (territory_id, plan_id, position, slug, name, description, status)
		 select p.territory_id, p.id, i, 'initiative-' || i, 'Initiative synthétique ' || i, 'Initiative générée pour le banc d’essai.', 'active'
		 from action_plans p join territories t on t.id = p.territory_id and t.slug like 'bench-%'
		 cross join generate_series(1, 4) i`
	);
}

/** Secondary (non-constraint) indexes of a table, to drop before the bulk load and rebuild after. */
async function secondaryIndexes(client: pg.Client, tables: string[]): Promise<{ name: string; def: string }[]> {
	const result = await client.query<{ name: string; def: string }>(
		`select i.indexname as name, i.indexdef as def from pg_indexes i
		 where i.schemaname = 'public' and i.tablename = any($1::text[])
		   and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`,
		[tables]
	);
	return result.rows;
}

/**
 * Fills the raw tables. `client` is a dedicated connection (the temporary mapping table and
 * session_replication_role live in its session); `database` is the app's, for the seed.
 */
export async function generateDataset(database: Database, client: pg.Client, options: GenerateOptions): Promise<GenerationPhase[]> {
	const { log } = options;
	const phases: GenerationPhase[] = [];
	const random = prng(options.seed);

	await timed(phases, 'territories (1 real + synthetic), EPCIs, communes, plans, initiatives', log, async () => {
		await seedDefaultTerritory(database.db);
		await createSyntheticTerritories(client, options.territories - 1, random);
	});

	// One row per territory: its initiatives and communes (largest first), as arrays to pick from.
	// Territories are shuffled (md5 of the slug) before the size skew is applied.
	await client.query(`
		create temp table bench_territories as
		select (row_number() over (order by md5(t.slug)) - 1)::int as idx, t.id as territory_id,
		       (select array_agg(i.id order by i.position) from initiatives i where i.territory_id = t.id) as initiative_ids,
		       (select array_agg(c.code_insee order by c.population desc nulls last, c.code_insee) from communes c where c.territory_id = t.id) as commune_codes
		from territories t`);
	await client.query(`alter table bench_territories add primary key (idx)`);
	const territoryCount = Number((await client.query<{ n: string }>(`select count(*) as n from bench_territories`)).rows[0]!.n);
	const empty = await client.query(`select 1 from bench_territories where initiative_ids is null or commune_codes is null`);
	if (empty.rowCount) throw new Error('A territory has no initiative or no commune');

	const types = sqlTextArray(ACTIVITY_TYPES);
	const pairs = audienceLevelPairs();
	const audienceArray = sqlTextArray(pairs.map((p) => p.audience));
	const levelArray = sqlTextArray(pairs.map((p) => p.level));
	const pairCount = pairs.length;
	// Pairs are listed pupils first: girls and boys are counted by class, the others by handful.
	const pupilPairs = pairs.filter((p) => p.audience === 'girls' || p.audience === 'boys').length;
	// 1–3 distinct pairs per activity: start + k × step (mod pairCount), step coprime with pairCount.
	let step = 5;
	while (gcd(step, pairCount) !== 1) step++;
	const days = Math.round((Date.parse(`${LAST_DAY}T00:00:00Z`) - Date.parse(`${FIRST_DAY}T00:00:00Z`)) / 86_400_000) + 1;

	await client.query(`select setseed($1)`, [((options.seed % 1000) / 1000) * 2 - 1]);
	await client.query(`set session_replication_role = replica`); // bulk load: FK triggers off, integrity checked below
	await client.query(`set maintenance_work_mem = '512MB'`);
	await client.query(`set work_mem = '128MB'`);

	const indexes = await secondaryIndexes(client, ['activities', 'activity_audiences']);
	for (const index of indexes) await client.query(`drop index "${index.name}"`);

	const range = await timed(phases, `activities (${options.activities.toLocaleString('en-US')})`, log, async () => {
		let first: number | undefined;
		let last = 0;
		for (let start = 1; start <= options.activities; start += CHUNK) {
			const end = Math.min(options.activities, start + CHUNK - 1);
			// Volatile random() in the inner select list: one draw per row (the subquery is not flattened).
			// Territory sizes vary (power skew: ×0.8 … ×3 the mean); communes skew to the largest towns;
			// 90 % done, 6 % planned, 4 % cancelled; dates uniform over the four school years.
			const result = await client.query<{ lo: number; hi: number }>(
				`with inserted as (
				   insert into activities (territory_id, initiative_id, type, title, date, commune_code, host_organisation_id, status, notes, cancel_reason, source, created_by)
				   select t.territory_id,
				          t.initiative_ids[1 + floor(x.r_initiative * array_length(t.initiative_ids, 1))::int],
				          (${types})[1 + floor(power(x.r_type, 1.7) * ${ACTIVITY_TYPES.length})::int],
				          'Action synthétique n° ' || x.g,
				          date '${FIRST_DAY}' + floor(x.r_date * ${days})::int,
				          t.commune_codes[1 + floor(power(x.r_commune, 2) * array_length(t.commune_codes, 1))::int],
				          null,
				          case when x.r_status < 0.90 then 'done' when x.r_status < 0.96 then 'planned' else 'cancelled' end,
				          null,
				          case when x.r_status >= 0.96 then 'Annulée (banc d’essai)' end,
				          'bench',
				          'bench'
				   from (select g, random() as r_territory, random() as r_initiative, random() as r_type, random() as r_date,
				                random() as r_commune, random() as r_status
				         from generate_series($1::int, $2::int) g) x
				   join bench_territories t on t.idx = least(${territoryCount - 1}, floor(power(x.r_territory, 1.3) * ${territoryCount})::int)
				   returning id)
				 select min(id)::int as lo, max(id)::int as hi from inserted`,
				[start, end]
			);
			const row = result.rows[0]!;
			first ??= row.lo;
			last = row.hi;
			log(`    activities ${end.toLocaleString('en-US')} / ${options.activities.toLocaleString('en-US')}`);
		}
		return { first: first ?? 1, last };
	});

	await timed(phases, 'activity_audiences (1–3 per activity)', log, async () => {
		for (let lo = range.first; lo <= range.last; lo += CHUNK) {
			const hi = Math.min(range.last, lo + CHUNK - 1);
			await client.query(
				`insert into activity_audiences (territory_id, activity_id, audience, level, count)
				 select a.territory_id, a.id,
				        (${audienceArray})[1 + (a.start + k * ${step}) % ${pairCount}],
				        (${levelArray})[1 + (a.start + k * ${step}) % ${pairCount}],
				        case when (a.start + k * ${step}) % ${pairCount} < ${pupilPairs} then 8 + floor(random() * 28)::int else 1 + floor(random() * 12)::int end
				 from (select id, territory_id, 1 + floor(random() * 3)::int as n, floor(power(random(), 2.5) * ${pairCount})::int as start
				       from activities where id between $1 and $2) a
				 cross join generate_series(0, 2) k
				 where k < a.n`,
				[lo, hi]
			);
		}
	});

	await timed(phases, 'secondary indexes rebuilt', log, async () => {
		for (const index of indexes) await client.query(index.def);
	});
	await client.query(`set session_replication_role = origin`);

	await timed(phases, 'referential integrity checked', log, async () => {
		const orphans = await client.query<{ n: number }>(`
			select ((select count(*) from activities a where not exists (select 1 from initiatives i where i.id = a.initiative_id and i.territory_id = a.territory_id))
			      + (select count(*) from activities a where not exists (select 1 from communes c where c.territory_id = a.territory_id and c.code_insee = a.commune_code))
			      + (select count(*) from activity_audiences aa where not exists (select 1 from activities a where a.id = aa.activity_id and a.territory_id = aa.territory_id)))::int as n`);
		if (orphans.rows[0]!.n !== 0) throw new Error(`Generated rows break referential integrity (${orphans.rows[0]!.n} orphans)`);
	});
	await client.query(`drop table bench_territories`);
	await client.query(`reset work_mem`);
	await client.query(`reset maintenance_work_mem`);
	return phases;
}

function gcd(a: number, b: number): number {
	return b === 0 ? a : gcd(b, a % b);
}
