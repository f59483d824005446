/**
 * What a source file imports, calls and exports, read with the TypeScript compiler API (and the
 * Svelte parser for the <script> blocks of components), not with regular expressions: formatting,
 * comments, strings and `satisfies` cannot fool it. Used by src/architecture.test.ts and by the
 * route matrix (tests/integration/access-matrix.test.ts).
 */
import path from 'node:path';
import { parse as parseSvelte } from 'svelte/compiler';
import ts from 'typescript';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const SRC = path.join(ROOT, 'src');

export interface ImportRef {
	/** The module specifier as written. */
	specifier: string;
	/** Absolute path without extension for relative and `$lib` specifiers; undefined for packages and other aliases. */
	resolved?: string;
	/** `import type …` / `export type … from`: erased at build time. */
	typeOnly: boolean;
	/** `import('…')`: loaded when the code runs, not with the importing module. */
	dynamic: boolean;
	line: number;
}

/** The TypeScript source of a file: the file itself, or the <script> blocks of a .svelte component. */
export function scriptSources(fileName: string, text: string): { text: string; offsetLine: number }[] {
	if (!fileName.endsWith('.svelte')) return [{ text, offsetLine: 0 }];
	const ast = parseSvelte(text, { modern: true, filename: fileName });
	return [ast.module, ast.instance]
		.filter((s) => s !== null && s !== undefined)
		.map((s) => {
			const { start, end } = s.content as unknown as { start: number; end: number };
			return { text: text.slice(start, end), offsetLine: text.slice(0, start).split('\n').length - 1 };
		});
}

function sourceFiles(fileName: string, text: string): { sf: ts.SourceFile; offsetLine: number }[] {
	return scriptSources(fileName, text).map(({ text: code, offsetLine }, i) => ({
		sf: ts.createSourceFile(`${fileName}.${i}.ts`, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS),
		offsetLine
	}));
}

function lineOf(sf: ts.SourceFile, node: ts.Node, offsetLine: number): number {
	return sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1 + offsetLine;
}

/** `$lib/x` → src/lib/x, `./x` → beside the file; packages and other aliases ($app, $env) stay unresolved. */
export function resolveSpecifier(fileName: string, specifier: string): string | undefined {
	if (specifier === '$lib' || specifier.startsWith('$lib/')) return path.join(SRC, 'lib', specifier.slice('$lib'.length));
	if (specifier.startsWith('./') || specifier.startsWith('../')) return path.resolve(path.dirname(fileName), specifier);
	return undefined;
}

/** Every static import, re-export, `import()` and `import x = require()` of a file. */
export function importsOf(fileName: string, text: string): ImportRef[] {
	const out: ImportRef[] = [];
	for (const { sf, offsetLine } of sourceFiles(fileName, text)) {
		const add = (node: ts.Node, literal: ts.Expression | undefined, typeOnly: boolean, dynamic = false) => {
			if (!literal || !ts.isStringLiteralLike(literal)) return;
			out.push({ specifier: literal.text, resolved: resolveSpecifier(fileName, literal.text), typeOnly, dynamic, line: lineOf(sf, node, offsetLine) });
		};
		const visit = (node: ts.Node): void => {
			if (ts.isImportDeclaration(node)) {
				const clause = node.importClause;
				// `import { type A, type B } from` is as erased as `import type { A, B } from`.
				const allTypeSpecifiers =
					!!clause?.namedBindings &&
					!clause.name &&
					ts.isNamedImports(clause.namedBindings) &&
					clause.namedBindings.elements.length > 0 &&
					clause.namedBindings.elements.every((e) => e.isTypeOnly);
				add(node, node.moduleSpecifier, !!clause?.isTypeOnly || allTypeSpecifiers);
			} else if (ts.isExportDeclaration(node)) {
				add(node, node.moduleSpecifier, node.isTypeOnly);
			} else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
				add(node, node.moduleReference.expression, node.isTypeOnly);
			} else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
				add(node, node.arguments[0], false, true);
			} else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
				add(node, node.argument.literal as ts.Expression, true);
			}
			ts.forEachChild(node, visit);
		};
		visit(sf);
	}
	return out;
}

/** Lines of the calls `<anything>.transaction(…)` (and `x['transaction'](…)`). */
export function transactionCalls(fileName: string, text: string): number[] {
	const lines: number[] = [];
	for (const { sf, offsetLine } of sourceFiles(fileName, text)) {
		const visit = (node: ts.Node): void => {
			if (ts.isCallExpression(node)) {
				const callee = node.expression;
				const name = ts.isPropertyAccessExpression(callee)
					? callee.name.text
					: ts.isElementAccessExpression(callee) && ts.isStringLiteralLike(callee.argumentExpression)
						? callee.argumentExpression.text
						: undefined;
				if (name === 'transaction') lines.push(lineOf(sf, node, offsetLine));
			}
			ts.forEachChild(node, visit);
		};
		visit(sf);
	}
	return lines;
}

/**
 * Lines where the better-auth instance is used directly: `auth.api…` or `….auth.api…`. Routes go
 * through use cases (sign-in, sign-out, password reset), which receive `auth` as a parameter.
 */
export function authLibraryCalls(fileName: string, text: string): number[] {
	const lines: number[] = [];
	for (const { sf, offsetLine } of sourceFiles(fileName, text)) {
		const visit = (node: ts.Node): void => {
			if (ts.isPropertyAccessExpression(node) && node.name.text === 'api') {
				const target = node.expression;
				const isAuth = (ts.isIdentifier(target) && target.text === 'auth') || (ts.isPropertyAccessExpression(target) && target.name.text === 'auth');
				if (isAuth) lines.push(lineOf(sf, node, offsetLine));
			}
			ts.forEachChild(node, visit);
		};
		visit(sf);
	}
	return lines;
}

function hasExportModifier(node: ts.Node): boolean {
	return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

/** `x satisfies T`, `x as T`, `(x)` → x. */
function unwrap(expression: ts.Expression): ts.Expression {
	let e = expression;
	while (ts.isSatisfiesExpression(e) || ts.isAsExpression(e) || ts.isParenthesizedExpression(e) || ts.isTypeAssertionExpression(e)) e = e.expression;
	return e;
}

function propertyName(name: ts.PropertyName): string {
	if (ts.isIdentifier(name) || ts.isStringLiteralLike(name) || ts.isNumericLiteral(name) || ts.isPrivateIdentifier(name)) return name.text;
	throw new Error(`computed action name ${name.getText()}: write the action names literally so that the route matrix can list them`);
}

/**
 * The names of the form actions of a +page.server.ts: the properties of
 * `export const actions = { … }` (also `… satisfies Actions`, or the object passed to a wrapper
 * call such as `defineActions({ … })`). Undefined when the file exports no actions.
 */
export function formActionNames(fileName: string, text: string): string[] | undefined {
	const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
	let names: string[] | undefined;
	for (const statement of sf.statements) {
		if (!ts.isVariableStatement(statement) || !hasExportModifier(statement)) continue;
		for (const declaration of statement.declarationList.declarations) {
			if (!ts.isIdentifier(declaration.name) || declaration.name.text !== 'actions') continue;
			let value = declaration.initializer ? unwrap(declaration.initializer) : undefined;
			if (value && ts.isCallExpression(value)) value = value.arguments.map(unwrap).find(ts.isObjectLiteralExpression);
			if (!value || !ts.isObjectLiteralExpression(value)) {
				throw new Error(`${fileName}: \`export const actions\` is not an object literal; the route matrix cannot list its actions`);
			}
			names = value.properties.map((p) => {
				if (ts.isSpreadAssignment(p)) throw new Error(`${fileName}: a spread in \`actions\` hides action names from the route matrix`);
				if (!p.name) throw new Error(`${fileName}: an action without a name`);
				return propertyName(p.name);
			});
		}
	}
	return names;
}

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** The HTTP methods a +server.ts exports: `export function GET`, `export const GET =`, `export { x as GET }`. */
export function endpointMethods(fileName: string, text: string): HttpMethod[] {
	const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
	const exported = new Set<string>();
	for (const statement of sf.statements) {
		if (ts.isFunctionDeclaration(statement) && hasExportModifier(statement) && statement.name) exported.add(statement.name.text);
		if (ts.isVariableStatement(statement) && hasExportModifier(statement)) {
			for (const d of statement.declarationList.declarations) if (ts.isIdentifier(d.name)) exported.add(d.name.text);
		}
		if (ts.isExportDeclaration(statement) && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
			for (const e of statement.exportClause.elements) exported.add(e.name.text);
		}
	}
	return HTTP_METHODS.filter((m) => exported.has(m));
}

/** Where an audit trace's before/after could not be read as an object type (`unknown`, `any`). */
export interface UntypedAudit {
	file: string;
	line: number;
	side: 'before' | 'after';
}

/**
 * The field names every `recordAudit(…, { before, after })` of the given files can write, read with
 * the type checker: a snapshot function, a row, a spread or a literal all have the object type the
 * journal will show, union members included. A value typed `unknown` cannot be read: it is listed.
 */
export function auditedFields(fileNames: readonly string[]): { fields: Map<string, string[]>; untyped: UntypedAudit[]; calls: number } {
	const program = ts.createProgram(fileNames, {
		target: ts.ScriptTarget.ESNext,
		module: ts.ModuleKind.ESNext,
		moduleResolution: ts.ModuleResolutionKind.Bundler,
		strict: true,
		noEmit: true,
		skipLibCheck: true,
		types: ['node'],
		baseUrl: ROOT,
		paths: { $lib: ['src/lib'], '$lib/*': ['src/lib/*'] }
	});
	const checker = program.getTypeChecker();
	const fields = new Map<string, string[]>();
	const untyped: UntypedAudit[] = [];
	let calls = 0;
	const keysOf = (type: ts.Type): string[] | null => {
		if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return null;
		if (type.isUnion()) {
			const parts = type.types.map(keysOf);
			return parts.some((p) => p === null) ? null : parts.flatMap((p) => p!);
		}
		if (!(type.flags & ts.TypeFlags.Object) && !type.isIntersection()) return [];
		return checker.getPropertiesOfType(type).map((p) => p.name);
	};
	/**
	 * `let after: unknown;` then `after = await repo.updateX(…)` in each branch: the fields are those
	 * of every value assigned to that variable in its function.
	 */
	const assignedKeys = (entry: ts.Expression, side: string): string[] | null => {
		if (!ts.isObjectLiteralExpression(entry)) return null;
		const property = entry.properties.find((p) => p.name && ts.isIdentifier(p.name) && p.name.text === side);
		const value =
			property && ts.isShorthandPropertyAssignment(property) ? property.name : property && ts.isPropertyAssignment(property) ? property.initializer : undefined;
		const variable = value && ts.isIdentifier(value) ? (checker.getShorthandAssignmentValueSymbol(property!) ?? checker.getSymbolAtLocation(value)) : undefined;
		const declaration = variable?.valueDeclaration;
		if (!declaration) return null;
		let scope: ts.Node = declaration;
		while (scope.parent && !ts.isFunctionLike(scope)) scope = scope.parent;
		const assigned: ts.Type[] = [];
		const find = (n: ts.Node): void => {
			if (
				ts.isBinaryExpression(n) &&
				n.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
				ts.isIdentifier(n.left) &&
				checker.getSymbolAtLocation(n.left) === variable
			) {
				assigned.push(checker.getTypeAtLocation(n.right));
			}
			ts.forEachChild(n, find);
		};
		find(scope);
		if (assigned.length === 0) return null;
		const keys = assigned.map((t) => keysOf(checker.getNonNullableType(checker.getAwaitedType(t) ?? t)));
		return keys.some((k) => k === null) ? null : keys.flatMap((k) => k!);
	};
	for (const fileName of fileNames) {
		const sf = program.getSourceFile(fileName);
		if (!sf) continue;
		const visit = (node: ts.Node): void => {
			if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'recordAudit' && node.arguments.length >= 4) {
				calls++;
				const entry = checker.getTypeAtLocation(node.arguments[3]!);
				for (const side of ['before', 'after'] as const) {
					const symbol = entry.getProperty(side);
					if (!symbol) continue;
					const declared = checker.getTypeOfSymbolAtLocation(symbol, node.arguments[3]!);
					// NonNullable<unknown> is `{}`: an unknown value must be caught before, not read as "no field"
					const keys =
						declared.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown) ? assignedKeys(node.arguments[3]!, side) : keysOf(checker.getNonNullableType(declared));
					const where = `${path.relative(ROOT, fileName)}:${sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1}`;
					if (keys === null) untyped.push({ file: path.relative(ROOT, fileName), line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1, side });
					else for (const key of keys) fields.set(key, [...(fields.get(key) ?? []), where]);
				}
			}
			ts.forEachChild(node, visit);
		};
		visit(sf);
	}
	return { fields, untyped, calls };
}
