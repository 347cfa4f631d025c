import { Parser } from 'htmlparser2';

/**
 * How deep untrusted markup nests its elements, and flattening what nests too deep, before a
 * parser builds a tree of it. htmlparser2 (under both cheerio and sanitize-html) keeps its open
 * elements with `Array#unshift`, so each element opened costs the depth already open: 100,000
 * nested elements take it 2–5 s, 200,000 take 15 s. The cleaning then reads the text of elements
 * and of their ancestors, which costs the depth times the text. The deepest of the public
 * archive's 59,242 captures nests 19 elements.
 */

/**
 * Whether htmlparser2 would hold more than `limit` elements open at once. It is that parser's
 * own count, stopped as soon as it passes the limit, so its cost stays within `limit` per tag.
 */
export function nestsDeeperThan(html: string, limit: number): boolean {
  if (countOf(html, '<') <= limit) return false;
  let depth = 0;
  const parser = new Parser(
    {
      onopentag() {
        if (++depth > limit) throw TOO_DEEP;
      },
      onclosetag() {
        depth--;
      },
    },
    // Entities never make or end a tag: not decoding them is the same count, 7% sooner.
    { decodeEntities: false },
  );
  try {
    parser.end(html);
  } catch (error) {
    if (error === TOO_DEEP) return true;
    throw error;
  }
  return false;
}

const TOO_DEEP = Symbol('nested too deep');

/**
 * Drops the start and end tags of the elements that open deeper than `limit`, keeping the text
 * between them, in one linear scan. The scan reads tags as htmlparser2 does in the main (HTML)
 * namespace: an end tag closes its nearest open namesake and whatever is open above it, an end
 * tag with nothing of its name open closes nothing, void elements stay empty, comments and the
 * text of raw-text elements hold no tags, a quoted attribute value may hold `>`. It does not close
 * what a parser closes implicitly (a `<p>` the next `<p>` ends), so there it counts deeper than a
 * parser, never shallower. A raw-text element is kept at any depth, since its text would
 * otherwise turn into markup; it holds no element, so the result nests at most `limit + 1`.
 * Text on the two sides of a dropped tag cannot join into a new tag. The result is still
 * untrusted markup for the allow-list; markup no deeper than `limit` comes back as it is.
 * Markup made to read otherwise to the scan than to the parser (SVG's `<style>`, which holds
 * elements) can stay deep: check the result again with `nestsDeeperThan`.
 */
export function flattenBeyond(html: string, limit: number): string {
  const open: { name: string; dropped: boolean }[] = [];
  const openCount = new Map<string, number>();
  const kept: string[] = [];
  let from = 0;
  let lastKept = '';
  const drop = (start: number, end: number) => {
    if (start > from) {
      kept.push(html.slice(from, start));
      lastKept = html[start - 1];
    }
    // `<` followed by the next text could read as a new tag: a space keeps it text.
    if (lastKept === '<') kept.push((lastKept = ' '));
    from = end;
  };
  const token = new RegExp(TOKEN);
  for (let match = token.exec(html); match; match = token.exec(html)) {
    const [text, slash, rawName] = match;
    if (rawName === undefined) continue; // a comment
    const name = rawName.toLowerCase();
    const end = match.index + text.length;
    if (VOID_ELEMENTS.has(name)) continue;
    if (slash) {
      if (!openCount.get(name)) continue;
      let closed;
      do {
        closed = open.pop()!;
        openCount.set(closed.name, openCount.get(closed.name)! - 1);
      } while (closed.name !== name);
      if (closed.dropped) drop(match.index, end);
      continue;
    }
    const rawText = RAW_TEXT_ELEMENTS.has(name);
    // A raw-text element is never dropped: its text would turn into markup.
    const dropped = open.length >= limit && !rawText;
    open.push({ name, dropped });
    openCount.set(name, (openCount.get(name) ?? 0) + 1);
    if (dropped) drop(match.index, end);
    if (rawText) {
      const close = new RegExp(`</${name}[\\s/>]`, 'gi');
      close.lastIndex = end;
      token.lastIndex = close.exec(html)?.index ?? html.length;
    }
  }
  if (!kept.length) return html;
  kept.push(html.slice(from));
  return kept.join('');
}

/**
 * A comment, or a start or end tag with its name; an attribute value in quotes may hold `>`, and
 * a tag (or quoted value) the text ends inside runs to the end.
 */
const TOKEN = /<!--[\s\S]*?(?:-->|$)|<(\/?)([a-zA-Z][^\s/>]*)(?:[^>"'=]+|=\s*(?:"[^"]*"?|'[^']*'?)|["'=])*>?/g;

const VOID_ELEMENTS = new Set(['area', 'base', 'basefont', 'br', 'col', 'command', 'embed', 'frame', 'hr', 'img', 'input', 'isindex', 'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr']);

/**
 * Elements whose content both htmlparser2 versions in use (10 under cheerio, 12 under
 * sanitize-html) read as text up to their end tag; 12 also reads iframe, noembed, noframes and
 * plaintext so, where 10 reads markup, and the scan reads them as 10 does, the deeper reading.
 */
const RAW_TEXT_ELEMENTS = new Set(['script', 'style', 'textarea', 'title', 'xmp']);

function countOf(text: string, character: string): number {
  let count = 0;
  for (let at = text.indexOf(character); at !== -1; at = text.indexOf(character, at + 1)) count++;
  return count;
}
