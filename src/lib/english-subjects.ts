import nlp from 'compromise';
import { Remembered } from './remembered.ts';
import { canonicalTopicName } from './topic-aliases.ts';
import { occurrences } from './text.ts';

/**
 * Subjects of an English article: the people, places and organisations compromise (a rule-based
 * English tagger) finds in its title and opening. A name counts when the title names it or the
 * text mentions it at least twice (a person's surname alone counts as a mention: "Biden said").
 */

/** Characters of the text read: names of the subject come early. */
const READ_CHARS = 3000;
const MAX_SUBJECTS = 12;

/** Titles and honorifics that compromise keeps in front of a name. */
const HONORIFIC = /^(?:(?:President-elect|Vice President-elect|President|Vice President|Prime Minister|Chancellor|Senator|Sen\.?|Rep\.?|Governor|Gov\.?|Secretary|Minister|General|Gen\.?|Dr\.?|Mr\.?|Mrs\.?|Ms\.?|Sir|Dame|King|Queen|Prince|Princess|Pope|Judge|Justice|Chairman|Chief|Director|Manager|Professor|Prof\.?|Leader|Premier|Mayor)\s+)+/;

/** A name without titles in front, punctuation around or lower-case words after ("Nora Blake here", "Ohio town"); a dash ends it. */
function cleanName(text: string): string {
  const name = text.split(/\s[-–—|:]\s/)[0].replace(/^[^\p{L}\p{N}]+/u, '').replace(HONORIFIC, '').replace(/[’']s\b/g, '').replace(/\s+/g, ' ').trim();
  const words = name.split(' ').map((word) => word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}.]+$|\.$/gu, ''));
  while (words.length > 1 && !/^\p{Lu}/u.test(words[words.length - 1])) words.pop();
  return words.join(' ');
}

/** A one-word name must be a proper noun or an acronym on its own: "Department", "Catholic" and "Republican" name no one. */
function isProperWord(name: string): boolean {
  // Two capitals say too little (IC, VR); the two-letter names that matter (UN, EU, UK) are in the alias table.
  return name.includes(' ') || (nlp(name).has('(#ProperNoun|#Acronym)') && (!/^[A-Z]{1,2}$/.test(name) || canonicalTopicName(name) !== name));
}

/** A name holding a determiner, pronoun, preposition or conjunction ("The" at a sentence start, "PhD His"), or a demonym ("American"). */
function isFunctionWord(name: string): boolean {
  return nlp(name).has('(#Determiner|#Pronoun|#Preposition|#Conjunction|#Demonym)');
}

/**
 * Whether a candidate is a name, as compromise reads it alone: asked for every candidate of every
 * English article, and the same names recur from article to article (a tenth of the subjects'
 * time when the archive's English articles were parsed).
 */
const namesRead = new Remembered((name: string) => isProperWord(name) && !isFunctionWord(name), 20_000);

export function extractEnglishSubjects(title: string, text: string): string[] {
  const opening = `${title}.\n${text.slice(0, READ_CHARS)}`;
  const doc = nlp(opening);
  // A first or family name alone names no one in particular.
  const people = (doc.people().out('array') as string[]).map(cleanName).filter((name) => name.includes(' '));
  const others = [...doc.places().out('array'), ...doc.organizations().out('array')].map(cleanName);
  const names = [...new Set([...people, ...others])].filter((name) => name.length >= 2 && name.length <= 40 && /^\p{Lu}/u.test(name) && namesRead.get(name));
  // "Biden" and "Joe" are "Joe Biden" where the article names him in full.
  const full = names.filter((name) => !names.some((other) => other !== name && (other.endsWith(` ${name}`) || other.startsWith(`${name} `))));
  const whole = `${title}\n${text}`;
  const scored = full.flatMap((name) => {
    const surname = people.includes(name) && name.includes(' ') ? name.split(' ').pop()! : name;
    const mentions = occurrences(whole, surname);
    const inTitle = title.includes(surname);
    return inTitle || mentions >= 2 ? [{ name, score: (inTitle ? 100 : 0) + mentions }] : [];
  });
  return scored.sort((a, b) => b.score - a.score || (a.name < b.name ? -1 : 1)).slice(0, MAX_SUBJECTS).map(({ name }) => name);
}

/** The kind of an English name, as compromise reads it alone: a person, a place, an organisation or another subject. */
export function englishNameKind(name: string): 'person' | 'place' | 'organisation' | 'other' {
  const doc = nlp(name);
  if (doc.people().found) return 'person';
  if (doc.places().found) return 'place';
  if (doc.organizations().found) return 'organisation';
  return 'other';
}
