import type { ErrorObject } from 'ajv/dist/2020.js';
import type { SchemaFragment, Slot } from '../../ingredients/declaration.js';
import { ARM_NAMES } from '../arms.js';
import { didYouMean } from '../did-you-mean.js';
import { pointerChild, pointerParent } from '../pointer.js';
import type { Position, Problem } from '../problems.js';
import type { Registry } from '../registry.js';
import type { RecipeFormat } from '../source.js';
import { checkArmOrder } from './arm-order.js';
import { checkIngredientNames, NameChecker } from './ingredient-names.js';
import { describeSchemaError, nameAt } from './messages.js';
import { namingFor, type Naming } from './naming.js';
import { schemaErrors } from './schema-check.js';

export interface ValidationContext {
  file: string;
  format: RecipeFormat;
  /** where each pointer of the canonical form came from. */
  positions: Map<string, Position>;
}

export interface ValidationResult {
  problems: Problem[];
  /** ingredients the recipe uses (known and in place). */
  used: string[];
}

function within(path: string, base: string): boolean {
  return path === base || path.startsWith(base + '/');
}

/** Position of a pointer, or of its nearest ancestor that has one. */
export function locate(positions: Map<string, Position>, pointer: string): Position | undefined {
  for (let p = pointer; ; p = pointerParent(p)) {
    const found = positions.get(p);
    if (found || p === '') return found;
  }
}

/**
 * Checks a canonical recipe: the recipe's overall shape, ingredient names (unknown, legacy, out of
 * place), the order inside each arm, then the JSON Schema. Each problem is one short sentence at
 * the place it concerns; a place already explained is not explained again by a vaguer check.
 */
export function validateCanonical(recipe: unknown, registry: Registry, ctx: ValidationContext): ValidationResult {
  const naming = namingFor(ctx.format);
  const out: Found[] = [];
  if (recipe === null || typeof recipe !== 'object' || Array.isArray(recipe)) {
    out.push({ pointer: '', severity: 'error', message: 'a recipe must be an object with eventArm, networkArm and/or a waveform arm' });
    return { problems: toProblems(out, ctx), used: [] };
  }
  const r = recipe as Record<string, unknown>;
  const arms = ARM_NAMES.filter((a) => a in r);
  if (arms.length === 0) {
    out.push({ pointer: '', severity: 'error', message: `a recipe needs at least an ${naming.name('eventArm')} or a ${naming.name('networkArm')}` });
  }
  if ('waveformArm' in r && 'waveformVectorArm' in r) {
    out.push({ pointer: '/waveformVectorArm', severity: 'error', message: `a recipe has either a ${naming.name('waveformArm')} or a ${naming.name('waveformVectorArm')}, not both` });
  }
  for (const w of ['waveformArm', 'waveformVectorArm'] as const) {
    if (!(w in r)) continue;
    // continuous mode: a waveformArm whose request generator is dayRequest needs channels, not events
    const continuous = w === 'waveformArm' && Array.isArray(r[w]) && (r[w] as unknown[]).some((o) => o !== null && typeof o === 'object' && 'dayRequest' in o);
    const missing = (['eventArm', 'networkArm'] as const).filter((a) => !(a in r) && !(continuous && a === 'eventArm'));
    if (missing.length > 0) {
      const hint = missing.includes('eventArm') && w === 'waveformArm' ? ` (or, for continuous data without events, ${naming.name('dayRequest')} as its request generator)` : '';
      out.push({ pointer: pointerChild('', w), severity: 'error', message: `a ${naming.name(w)} pairs events with channels, so the recipe also needs ${missing.map((m) => `${/^[aeiou]/i.test(m) ? 'an' : 'a'} ${naming.name(m)}`).join(' and ')}${hint}` });
    }
  }
  const { findings, used } = checkIngredientNames(r, registry, naming);
  const flagged = findings.map((f) => f.pointer);
  for (const f of findings) out.push({ ...f, severity: 'error' });
  const isFlagged = (p: string) => flagged.some((f) => within(p, f));
  for (const f of checkArmOrder(r, registry, naming, isFlagged)) out.push(f);
  pushSchemaErrors(schemaErrors(registry, r), isFlagged, naming, out, registry);
  return { problems: toProblems(out, ctx), used: [...used].sort() };
}

/** Checks one ingredient occurrence `{name: settings}` in a slot, as a grammar example is checked. */
export function validateOccurrence(occurrence: unknown, slots: Slot[], registry: Registry, ctx: ValidationContext): ValidationResult {
  const naming = namingFor(ctx.format);
  const checker = new NameChecker(registry, naming);
  checker.entry(occurrence, slots, '', 'slot');
  const out: Found[] = checker.findings.map((f) => ({ ...f, severity: 'error' as const }));
  const isFlagged = (p: string) => checker.findings.some((f) => within(p, f.pointer));
  if (out.length === 0) {
    // the first slot that accepts it wins; otherwise report against the slot with the fewest errors
    const per = slots.map((s) => schemaErrors(registry, occurrence, { $ref: `#/$defs/slot/${s}` }));
    const best = per.reduce((a, b) => (b.length < a.length ? b : a));
    pushSchemaErrors(best, isFlagged, naming, out, registry);
  }
  return { problems: toProblems(out, ctx), used: [...checker.used] };
}

/** Checks a value against a fragment of the recipe schema (a setting, a shared type, the properties). */
export function validateValue(value: unknown, fragment: SchemaFragment, registry: Registry, ctx: ValidationContext): ValidationResult {
  const naming = namingFor(ctx.format);
  const checker = new NameChecker(registry, naming);
  checker.walk(value, fragment, '', 'value');
  const out: Found[] = checker.findings.map((f) => ({ ...f, severity: 'error' as const }));
  const isFlagged = (p: string) => checker.findings.some((f) => within(p, f.pointer));
  pushSchemaErrors(schemaErrors(registry, value, fragment), isFlagged, naming, out, registry);
  return { problems: toProblems(out, ctx), used: [...checker.used] };
}

type Found = { pointer: string; message: string; severity: Problem['severity'] };

function pushSchemaErrors(errors: ErrorObject[], isFlagged: (p: string) => boolean, naming: Naming, out: Found[], registry: Registry): void {
  const legacy = (name: string) => registry.get(name)?.replacedBy;
  // "missing <year>" next to "unknown <yr>; did you mean <year>?" says the same thing twice
  const suggested = new Set<string>();
  for (const e of errors) {
    if (e.keyword !== 'additionalProperties') continue;
    const legal = Object.keys(((e.parentSchema ?? {}) as { properties?: object }).properties ?? {});
    const near = didYouMean(String((e.params as { additionalProperty: string }).additionalProperty), legal);
    if (near) suggested.add(`${e.instancePath}\u0000${near}`);
  }
  // several settings missing from one element make one message
  const missing = new Map<string, string[]>();
  for (const e of errors) {
    if (e.keyword !== 'required' || isFlagged(e.instancePath)) continue;
    const name = (e.params as { missingProperty: string }).missingProperty;
    if (suggested.has(`${e.instancePath}\u0000${name}`)) continue;
    const list = missing.get(e.instancePath) ?? [];
    if (!list.includes(name)) list.push(name);
    missing.set(e.instancePath, list);
  }
  for (const [at, names] of missing) {
    const subject = naming.name(nameAt(at));
    out.push({
      pointer: at,
      severity: 'error',
      message: names.length === 1 ? `${subject} is missing the required setting ${naming.name(names[0]!)}` : `${subject} is missing the required settings ${names.map(naming.name).join(', ')}`,
    });
  }
  for (const e of errors) {
    if (e.keyword === 'required') continue;
    // names in ingredient lists were checked above, with better words than an enum can give
    if (e.keyword === 'propertyNames' || e.schemaPath.includes('/propertyNames')) continue;
    if (isFlagged(e.instancePath)) continue;
    const d = describeSchemaError(e, naming, legacy);
    if (d && !isFlagged(d.pointer)) out.push({ ...d, severity: 'error' });
  }
}

function toProblems(found: Found[], ctx: ValidationContext): Problem[] {
  const seen = new Set<string>();
  const problems: Problem[] = [];
  for (const f of found) {
    const key = `${f.pointer}\u0000${f.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const position = locate(ctx.positions, f.pointer);
    problems.push({
      severity: f.severity,
      message: f.message,
      file: ctx.file,
      ...(position ? { position } : {}),
      ...(ctx.format === 'json' ? { pointer: f.pointer } : {}),
    });
  }
  return problems.sort((a, b) => (a.position?.offset ?? -1) - (b.position?.offset ?? -1) || (b.pointer?.length ?? 0) - (a.pointer?.length ?? 0));
}
