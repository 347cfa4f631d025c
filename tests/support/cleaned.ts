import assert from 'node:assert/strict';
import { load } from 'cheerio/slim';
import type { Element } from 'domhandler';

/** A cleaned body holds nothing that runs, loads or styles, only absolute links, and no feedx footer. */
export function assertSafeCleanedHtml(html: string): void {
  const $ = load(html);
  assert.equal($('script, style, iframe, frame, object, embed, form, input, base, meta, link').length, 0);
  $('*').each((_, node) => {
    const el = node as Element;
    for (const [attr, value] of Object.entries(el.attribs)) {
      assert.doesNotMatch(attr, /^on|^style$/i, `${el.tagName}[${attr}]`);
      if (attr === 'href' || attr === 'src') assert.match(value, /^(https?:|mailto:)/, `${el.tagName}[${attr}]=${value}`);
    }
  });
  assert.doesNotMatch(html, /获取更多RSS/);
}
