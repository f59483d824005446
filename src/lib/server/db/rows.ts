/** The rows of a raw `db.execute(sql`…`)` result: PGlite's and node-postgres's results both carry them in `rows`. */
export function rowsOf<T>(result: unknown): T[] {
	return (result as { rows: T[] }).rows;
}
