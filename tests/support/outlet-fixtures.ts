import assert from 'node:assert/strict';
import { toBoilerplateRules, type BoilerplateRules } from '../../src/lib/boilerplate-rules.ts';
import { cleanArticleHtml } from '../../src/lib/clean.ts';
import { boilerplateForUrl, outletForUrl } from '../../src/lib/outlets.ts';
import { listGoldenCases, readGoldenCapture } from './golden.ts';

export type Capture = ReturnType<typeof readGoldenCapture>;

/** Every golden case's capture, with the outlet its URL belongs to. */
export function goldenCaptures(): (Capture & { outlet: string })[] {
  return listGoldenCases().map((name) => {
    const capture = readGoldenCapture(name);
    return { ...capture, outlet: outletForUrl(capture.url).slug };
  });
}

type RuleKind = keyof BoilerplateRules;
const KINDS: RuleKind[] = ['selectors', 'blockPrefixes', 'tailMarkers', 'blockPatterns', 'textPatterns', 'linkLists', 'unwrap', 'sourceFixes', 'datelines', 'shareLinks'];

/** One rule of an outlet, named for a failure message. */
export interface Rule {
  kind: RuleKind;
  index: number;
  label: string;
}

export function listRules(rules: BoilerplateRules): Rule[] {
  return KINDS.flatMap((kind) =>
    (rules[kind] as readonly unknown[]).map((rule, index) => ({ kind, index, label: `${kind}[${index}] ${describeRule(rule)}` })),
  );
}

function describeRule(rule: unknown): string {
  if (typeof rule === 'string' || rule instanceof RegExp) return String(rule);
  if (Array.isArray(rule)) return String(rule[0]);
  const { selector, pattern, href } = rule as { selector: string; pattern?: RegExp; href?: RegExp };
  return `${selector} ${pattern ?? href}`;
}

const only = (rules: BoilerplateRules, { kind, index }: Rule) =>
  toBoilerplateRules({ [kind]: [(rules[kind] as readonly unknown[])[index]] } as Partial<BoilerplateRules>);
const without = (rules: BoilerplateRules, { kind, index }: Rule): BoilerplateRules =>
  ({ ...rules, [kind]: (rules[kind] as readonly unknown[]).filter((_, i) => i !== index) });

function output(capture: Capture, rules?: BoilerplateRules): string {
  const result = cleanArticleHtml(capture.bodyHtml, { baseUrl: capture.url, outletRules: rules });
  return `${result.html}\u0000${result.dateline ?? ''}\u0000${result.author ?? ''}`;
}

/**
 * Whether a rule does something on at least one of the captures: alone (against the generic
 * rules only) or as the last missing piece (all of the outlet's rules against all but it).
 * Both are needed: a rule can be redundant beside a broader one, or only match what the others leave.
 */
export function ruleChangesAny(rules: BoilerplateRules, rule: Rule, captures: Capture[]): boolean {
  return captures.some((capture) => {
    const generic = output(capture);
    if (output(capture, only(rules, rule)) !== generic) return true;
    return output(capture, rules) !== output(capture, without(rules, rule));
  });
}

/** The outlet rules that change none of the given captures (empty when the captures exercise them all). */
export function unexercisedRules(url: string, captures: Capture[]): string[] {
  const rules = boilerplateForUrl(url);
  if (!rules) return [];
  return listRules(rules).filter((rule) => !ruleChangesAny(rules, rule, captures)).map((rule) => rule.label);
}

/** Items with less text than this (in characters) are judged by their targeted checks, not by a ratio. */
const SHORT_ITEM = 300;

/** Body text an article keeps: a repeat of its title is not counted, text read into the dateline or author is. */
function keptText(result: ReturnType<typeof cleanArticleHtml>, title: string): number {
  return result.text.replaceAll(title, '').length + (result.dateline?.length ?? 0) + (result.author?.length ?? 0);
}

/** An outlet's rules change at least one of its captures and keep their text (fixtures here, real captures in the corpus suite). */
export function assertRulesChangeAndKeepText(own: Capture[], { mustChange = true } = {}): void {
  let changed = 0;
  for (const capture of own) {
    const generic = cleanArticleHtml(capture.bodyHtml, { baseUrl: capture.url });
    const specific = cleanArticleHtml(capture.bodyHtml, { baseUrl: capture.url, outletRules: boilerplateForUrl(capture.url) });
    if (specific.text !== generic.text || specific.html !== generic.html) changed++;
    const before = keptText(generic, capture.title);
    // A short item can be mostly boilerplate (a lede and a promo); it must keep some text.
    if (before < SHORT_ITEM) assert.ok(specific.text.length > 0, `${capture.name} lost all of its text`);
    else assert.ok(keptText(specific, capture.title) >= before * 0.5, `${capture.name} lost most of its text`);
  }
  if (mustChange) assert.ok(changed > 0, `the rules changed none of ${own.length} captures`);
  else assert.equal(changed, 0, 'the rules change a capture again: drop the exception');
}

