import { load, type CheerioAPI } from 'cheerio';

/**
 * Static checks on built output: what no page or feed may contain, whatever the input was.
 * Each function returns a list of problems (empty when the file is clean), each naming the
 * element or text at fault, so a failing test shows every hole at once.
 */

/** Elements that never belong in a built page: frames, plugins, forms, foreign markup, raw-text traps. */
const FORBIDDEN_ELEMENTS = [
  'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base', 'form', 'input', 'button',
  'textarea', 'select', 'option', 'isindex', 'portal', 'svg', 'math', 'template', 'noscript',
  'xmp', 'plaintext', 'noembed', 'noframes', 'dialog', 'marquee', 'video', 'audio', 'source', 'track', 'map', 'area',
];

/** Attributes that hold prose, never a URL: a "javascript:" inside them is only text. */
const TEXT_ATTRIBUTES = new Set(['alt', 'title', 'aria-label', 'class', 'id', 'lang', 'datetime', 'name']);

const SCRIPT_SCHEME = /^(?:javascript|vbscript|data|livescript|mocha|jar):/i;
const STYLE_LOADS = /url\s*\(|@import|expression\s*\(|behavior\s*:|-moz-binding|javascript:|\\/i;
/** Characters XML 1.0 forbids (a feed with one is not XML) and that a page never needs. */
const FORBIDDEN_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Whitespace and controls a browser strips or ignores while reading a URL's scheme. */
const squeeze = (value: string) => value.replace(/[\u0000-\u0020\u007f-\u00a0\u00ad\u200b-\u200f\u2028\u2029\u2060\ufeff]+/g, '');

function describe(el: { tagName?: string; name?: string }, attr?: string): string {
  return `<${el.tagName ?? el.name}${attr ? ` ${attr}` : ''}>`;
}

/** Checks one parsed document (a page, or HTML carried inside a feed). `label` prefixes each problem. */
export function scanDocument($: CheerioAPI, label: string, options: { xml?: boolean } = {}): string[] {
  const problems: string[] = [];
  const report = (message: string) => problems.push(`${label}: ${message}`);
  const own = options.xml ? new Set() : new Set([...siteSearchForms($), ...siteCharts($)]);
  $('*').each((_, node) => {
    const el = node as unknown as { tagName: string; attribs: Record<string, string> };
    const tag = el.tagName.toLowerCase();
    const local = tag.includes(':') ? tag.slice(tag.indexOf(':') + 1) : tag;
    if (own.has(node)) return;
    if (FORBIDDEN_ELEMENTS.includes(local) && !(options.xml && local === 'source')) report(`forbidden element ${describe(el)}`);
    if (local === 'meta') {
      const equiv = (el.attribs['http-equiv'] ?? '').toLowerCase();
      if (equiv && equiv !== 'content-security-policy') report(`meta http-equiv="${equiv}"`);
    }
    if (local === 'script') {
      const src = el.attribs.src;
      const type = (el.attribs.type ?? '').toLowerCase();
      const text = $(node).text().trim();
      const ownModule = src !== undefined && /^\/(?:[\w.-]+\/)*_astro\/[\w.-]+\.js$/.test(src) && text === '';
      let json = false;
      if (src === undefined && type === 'application/ld+json') {
        try {
          JSON.parse(text);
          json = true;
        } catch {
          json = false;
        }
      }
      if (!ownModule && !json) report(`script that is not the site's own: ${$.html(node).slice(0, 120)}`);
    }
    if (local === 'style' && STYLE_LOADS.test($(node).text())) report(`<style> that loads something: ${$(node).text().slice(0, 120)}`);
    if (local === 'link' && !options.xml) {
      const rel = (el.attribs.rel ?? '').toLowerCase();
      const href = el.attribs.href ?? '';
      // The search page fetches its engine (the newest index shard's script and WebAssembly) and that shard's page list with the page.
      const shardFile = /^\/(?!\/)(?:[^/?#]+\/)*pagefind\/\d{4}-Q[1-4]\/(?:pagefind\.js|wasm\.en\.pagefind|pagefind\.en_[0-9a-f]+\.pf_meta)$/.exec(href)?.[0] ?? '';
      const ownEngine = (rel === 'modulepreload' && shardFile.endsWith('.js')) || (rel === 'preload' && el.attribs.as === 'fetch' && /\.(?:pagefind|pf_meta)$/.test(shardFile));
      if (!ownEngine && !['canonical', 'stylesheet', 'alternate', 'icon', 'apple-touch-icon', 'sitemap', 'prev', 'next'].includes(rel)) report(`link rel="${rel}"`);
      if (rel === 'stylesheet' && !/^\/(?!\/)/.test(href)) report(`stylesheet from elsewhere: ${href}`);
    }
    for (const [name, value] of Object.entries(el.attribs)) {
      const attr = name.toLowerCase();
      if (attr.startsWith('on')) report(`event handler ${describe(el, attr)}`);
      if (attr === 'style' && STYLE_LOADS.test(value)) report(`style attribute that loads something ${describe(el, `style="${value.slice(0, 80)}"`)}`);
      if (['srcdoc', 'formaction', 'action', 'background', 'poster', 'ping', 'dynsrc', 'lowsrc', 'codebase', 'target'].includes(attr)) {
        report(`attribute ${describe(el, attr)}`);
      }
      const isMetaText = local === 'meta' && attr === 'content' && !el.attribs['http-equiv'];
      if (!TEXT_ATTRIBUTES.has(attr) && !isMetaText && SCRIPT_SCHEME.test(squeeze(value))) {
        report(`script or data URL ${describe(el, `${attr}="${value.slice(0, 80)}"`)}`);
      }
      if (attr === 'srcset' && value.split(',').some((part) => SCRIPT_SCHEME.test(squeeze(part)))) report(`script or data URL in srcset ${describe(el)}`);
      if (!options.xml && (attr === 'href' || attr === 'src') && squeeze(value).startsWith('//')) report(`protocol-relative URL ${describe(el, `${attr}="${value}"`)}`);
    }
  });
  return problems;
}

/**
 * The site's own search boxes, which are allowed their form controls: the header's and the
 * search page's, each a GET form to the site's search page, at its fixed place outside any
 * article, holding only labels, a text box, selects and a submit button; and the search page's
 * notice for readers without JavaScript.
 */
function siteSearchForms($: CheerioAPI): Set<unknown> {
  const allowed = new Set<unknown>();
  $('body > header.site-header > form.site-search, body > main.site-main > form.search-form').each((_, form) => {
    const action = $(form).attr('action') ?? '';
    if (!/^\/(?:[\w%.-]+\/)*search\/$/.test(action) || ($(form).attr('method') ?? '').toLowerCase() !== 'get') return;
    const controls = $(form).find('*').toArray();
    const plain = controls.every((el) => {
      const name = (el as { tagName: string }).tagName.toLowerCase();
      if (name === 'input') return ['search', 'text'].includes(($(el).attr('type') ?? 'text').toLowerCase());
      if (name === 'button') return ($(el).attr('type') ?? 'submit').toLowerCase() === 'submit' && !$(el).children().length;
      return ['label', 'select', 'option', 'div'].includes(name);
    });
    if (!plain) return;
    allowed.add(form);
    for (const control of controls) allowed.add(control);
  });
  // The search page's "more results" button: a plain button, no form, no handler in the markup.
  $('body > main.site-main > button.search-more').each((_, button) => {
    if (($(button).attr('type') ?? '') === 'button' && !$(button).children().length) allowed.add(button);
  });
  // Its notice for readers without JavaScript (a parser with scripting on reads noscript as text).
  $('body > main.site-main > noscript').each((_, notice) => {
    const inner = load($(notice).text());
    const elements = inner('body *').toArray().map((el) => (el as { tagName: string }).tagName);
    if (elements[0] === 'p' && inner('body > p.search-notice').length === 1 && elements.slice(1).every((name) => name === 'a')) allowed.add(notice);
  });
  return allowed;
}

/** What the statistics page's charts are drawn with, and the only attributes they carry. */
const CHART_ELEMENTS = new Set(['line', 'rect', 'text']);
const CHART_ATTRIBUTES = new Set(['class', 'x', 'y', 'x1', 'y1', 'x2', 'y2', 'width', 'height', 'text-anchor']);
const CHART_SVG_ATTRIBUTES = new Set(['class', 'viewbox', 'role', 'aria-labelledby']);

/**
 * The statistics page's charts, which are allowed their SVG: at their fixed place outside any
 * article, made only of lines, rectangles and plain text, with geometry and classes and nothing
 * else (no link, no handler, no style, no reference to anything).
 */
function siteCharts($: CheerioAPI): Set<unknown> {
  const allowed = new Set<unknown>();
  const attributes = (el: unknown) => Object.keys((el as { attribs: Record<string, string> }).attribs).map((name) => name.toLowerCase());
  $('body > main.site-main > div.charts > figure.chart > svg.chart-svg').each((_, svg) => {
    const parts = $(svg).find('*').toArray();
    const plain = parts.every((el) => {
      const name = (el as { tagName: string }).tagName.toLowerCase();
      return CHART_ELEMENTS.has(name) && $(el).children().length === 0 && attributes(el).every((attr) => CHART_ATTRIBUTES.has(attr));
    });
    if (!plain || !attributes(svg).every((attr) => CHART_SVG_ATTRIBUTES.has(attr))) return;
    allowed.add(svg);
    for (const part of parts) allowed.add(part);
  });
  return allowed;
}

/** Checks a built HTML page. */
export function scanHtml(html: string, label: string): string[] {
  const problems = scanDocument(load(html), label);
  if (FORBIDDEN_CHARACTERS.test(html)) problems.push(`${label}: a control character, non-character or lone surrogate`);
  // What the site itself writes (dates, counts, reading time) never reads "Invalid Date" or NaN.
  const $ = load(html);
  $('.article-body').remove();
  const text = `${$('head title').text()} ${$('meta[name=description]').attr('content') ?? ''} ${$('body').text()}`;
  for (const word of ['Invalid Date', 'NaN']) {
    if (new RegExp(`\\b${word}\\b`).test(text)) problems.push(`${label}: the page shows "${word}"`);
  }
  return problems;
}

/** Elements of RSS and Atom whose text is HTML a feed reader renders. */
const HTML_CARRIERS = ['description', 'content\\:encoded', 'content', 'summary', 'subtitle'];

/** Checks a built XML file (a feed or a sitemap), including the HTML its items carry. */
export function scanXml(xml: string, label: string): string[] {
  const $ = load(xml, { xml: true });
  const problems = scanDocument($, label, { xml: true });
  if (FORBIDDEN_CHARACTERS.test(xml)) problems.push(`${label}: a character XML 1.0 forbids`);
  $(HTML_CARRIERS.join(',')).each((index, el) => {
    const type = ($(el).attr('type') ?? 'html').toLowerCase();
    if (type === 'text') return;
    problems.push(...scanDocument(load($(el).text()), `${label} <${(el as { tagName: string }).tagName}> #${index}`));
  });
  return problems;
}
