import { parseFragment, serialize, type DefaultTreeAdapterTypes as T } from 'parse5';

/**
 * Makes a sanitized body a conforming HTML fragment, whatever markup the outlet sent. The
 * fragment is rebuilt by parse5, the HTML standard's tree builder (every element closed, stray
 * end tags gone, tables and paragraphs as a browser builds them); then what the tree builder
 * accepts but the content model does not is repaired:
 * - list items outside a list are gathered into one, and a list holds only items;
 * - a caption outside a figure, or not first or last in it, becomes a division styled as one;
 * - an inline element (span, em, …) that holds blocks gives way to its content, and a paragraph
 *   or heading holding a block is split around it;
 * - a link without an address (disarmed by the sanitizer) is its text; a link with nothing to name
 *   it by (no text, no image with alt text, no title: an outlet's image linked to its larger copy,
 *   say) is named by the host it leads to, so that a reader can tell where it goes;
 * - a header cell with nothing in it is a data cell (a header names its row or column);
 * - a table is a tab stop: one wider than the screen scrolls sideways, and a box that scrolls must
 *   take the focus for a keyboard to scroll it;
 * - headings start at h2 (the page's title is the h1) and never skip a level;
 * - an empty paragraph, heading, link or inline element (nothing in it but blanks and line breaks) goes:
 *   spacers, and the halves the tree builder leaves when it closes a paragraph at a block;
 * - number attributes (width, height, colspan, rowspan, start) that are not numbers are dropped.
 * It only moves, unwraps, renames (to a paragraph, list or data cell), drops attributes, names
 * links by their own address and makes tables tab stops: nothing the sanitizer refused can come back.
 */

/** Elements that hold phrasing content only. */
const PHRASING_ONLY = new Set(['p', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre', 'span', 'strong', 'b', 'em', 'i', 'u', 's', 'small', 'mark', 'abbr', 'cite', 'q', 'code', 'kbd', 'samp', 'sub', 'sup']);
/** Inline elements: unwrapped when they hold a block. */
const INLINE = new Set(['span', 'strong', 'b', 'em', 'i', 'u', 's', 'small', 'mark', 'abbr', 'cite', 'q', 'code', 'kbd', 'samp', 'sub', 'sup']);
/** Elements whose content model follows their parent's (a link, an insertion or deletion). */
const TRANSPARENT = new Set(['a', 'ins', 'del']);
const PHRASING = new Set([...INLINE, ...TRANSPARENT, 'br', 'img']);
const LISTS = new Set(['ul', 'ol']);
const DROPPED_WHEN_EMPTY = new Set([...INLINE, 'a', 'p', 'h2', 'h3', 'h4', 'h5', 'h6']);
const NUMBER_ATTRIBUTES: Record<string, Record<string, RegExp>> = {
  img: { width: /^\d+$/, height: /^\d+$/ },
  td: { colspan: /^[1-9]\d{0,2}$/, rowspan: /^\d{1,5}$/ },
  th: { colspan: /^[1-9]\d{0,2}$/, rowspan: /^\d{1,5}$/ },
  ol: { start: /^-?\d+$/ },
};

type Parent = T.Element | T.DocumentFragment;

export function conformingHtml(html: string): string {
  const fragment = parseBodyFragment(html);
  repairChildren(fragment);
  rankHeadings(fragment);
  return serialize(fragment);
}

/**
 * The fragment parse5 builds of `html`. parse5 reads a fragment in a template's context, then
 * moves each top-level node out of the tree it built one at a time, from the front of an array:
 * that costs the square of their number (80,000 took 9 s). Read inside one template element, whose
 * content is built in place by the same rules, the move is of one node. Markup that could hold our
 * closing tag as text or close the template early (raw text, comments, foreign content, a template
 * of its own: none of which the sanitizer lets through) is read the plain way.
 */
export function parseBodyFragment(html: string): T.DocumentFragment {
  if (!COULD_ESCAPE_TEMPLATE.test(html)) {
    const wrapped = parseFragment(`<template>${html}</template>`);
    const [template] = wrapped.childNodes;
    if (wrapped.childNodes.length === 1 && template.nodeName === 'template') return (template as T.Template).content;
  }
  return parseFragment(html);
}

const COULD_ESCAPE_TEMPLATE = /<(?:!|\/?(?:template|plaintext|script|style|textarea|title|xmp|iframe|noembed|noframes|noscript|svg|math)\b)/i;

const HEADING = /^h([2-6])$/;

/**
 * The body sits under the page's h1: its headings start at h2 and never skip a level, whatever
 * levels the outlet used (many use h3 or h4 for their subheads). Levels keep their order.
 */
function rankHeadings(fragment: T.DocumentFragment): void {
  const headings: T.Element[] = [];
  const collect = (parent: Parent) => {
    for (const child of parent.childNodes) {
      if (!isElement(child)) continue;
      if (HEADING.test(child.tagName)) headings.push(child);
      else collect(child);
    }
  };
  collect(fragment);
  const ranks = [...new Set(headings.map((heading) => heading.tagName))].sort();
  let previous = 1;
  for (const heading of headings) {
    const level = Math.min(2 + ranks.indexOf(heading.tagName), previous + 1);
    heading.tagName = heading.nodeName = `h${level}`;
    previous = level;
  }
}

const isElement = (node: T.ChildNode): node is T.Element => 'tagName' in node;
const isBlank = (node: T.ChildNode) => node.nodeName === '#comment' || (node.nodeName === '#text' && !(node as T.TextNode).value.trim());

const attribute = (node: T.Element, name: string) => node.attrs.find((attr) => attr.name === name)?.value;

/** Whether an element holds something a reader can name it by: text, or an image's alt text. */
function hasName(node: T.Element): boolean {
  return node.childNodes.some((child) => {
    if (!isElement(child)) return child.nodeName === '#text' && (child as T.TextNode).value.trim() !== '';
    if (child.tagName === 'img') return Boolean(attribute(child, 'alt')?.trim());
    return hasName(child);
  });
}

/** Where a link leads, as a reader would name it: the host, or a mail link's address; '' when it has neither. */
function hostOf(href: string): string {
  try {
    const url = new URL(href);
    return url.protocol === 'mailto:' ? decodeURIComponent(url.pathname) : url.hostname;
  } catch {
    return '';
  }
}

/** Phrasing content: text, inline elements, and links or edits that hold only phrasing. */
function isPhrasing(node: T.ChildNode): boolean {
  if (!isElement(node)) return true;
  if (TRANSPARENT.has(node.tagName)) return node.childNodes.every(isPhrasing);
  return PHRASING.has(node.tagName);
}

function element(tagName: string, parent: Parent, childNodes: T.ChildNode[], attrs: T.Element['attrs'] = []): T.Element {
  const made: T.Element = { nodeName: tagName, tagName, attrs, namespaceURI: 'http://www.w3.org/1999/xhtml' as T.Element['namespaceURI'], childNodes: [], parentNode: parent, sourceCodeLocation: undefined };
  adopt(made, childNodes);
  return made;
}

function append(parent: T.Element, child: T.ChildNode): void {
  parent.childNodes.push(child);
  child.parentNode = parent;
}

function adopt(parent: Parent, childNodes: T.ChildNode[]): void {
  parent.childNodes = childNodes;
  for (const child of childNodes) child.parentNode = parent;
}

/** Repairs the children (deepest first), then the parent's own list of children. */
function repairChildren(parent: Parent): void {
  for (const child of [...parent.childNodes]) if (isElement(child)) repairChildren(child);
  let children = parent.childNodes.flatMap((child) => (isElement(child) ? repairElement(child) : [child]));
  const tag = 'tagName' in parent ? parent.tagName : '';
  if (LISTS.has(tag)) children = listItems(parent, children);
  else children = gatherListItems(parent, children);
  if (tag === 'figure') children = figureCaptions(children);
  else children = children.map((child) => (isElement(child) && child.tagName === 'figcaption' ? captionAsBlock(child, parent) : child));
  adopt(parent, children);
}

/** What an element becomes in its parent: itself, its children, or pieces of itself. */
function repairElement(node: T.Element): T.ChildNode[] {
  const valid = NUMBER_ATTRIBUTES[node.tagName];
  if (valid) node.attrs = node.attrs.filter((attr) => !valid[attr.name] || valid[attr.name].test(attr.value.trim()));
  if (node.tagName === 'a' && !attribute(node, 'href')) return node.childNodes;
  if (DROPPED_WHEN_EMPTY.has(node.tagName) && node.childNodes.every((child) => isBlank(child) || (isElement(child) && child.tagName === 'br'))) return [];
  if (node.tagName === 'a' && !attribute(node, 'title')?.trim() && !hasName(node)) {
    const host = hostOf(attribute(node, 'href')!);
    if (!host) return node.childNodes;
    node.attrs = [...node.attrs.filter((attr) => attr.name !== 'aria-label'), { name: 'aria-label', value: host }];
  }
  if (node.tagName === 'th' && !hasName(node)) {
    node.tagName = node.nodeName = 'td';
    node.attrs = node.attrs.filter((attr) => attr.name !== 'scope');
  }
  if (node.tagName === 'table') node.attrs = [...node.attrs.filter((attr) => attr.name !== 'tabindex'), { name: 'tabindex', value: '0' }];
  if (!PHRASING_ONLY.has(node.tagName) || node.childNodes.every(isPhrasing)) return [node];
  if (INLINE.has(node.tagName)) return node.childNodes;
  // A paragraph, heading or preformatted block holding a block: split around it.
  const pieces: T.ChildNode[] = [];
  let run: T.ChildNode[] = [];
  const flush = () => {
    if (run.some((child) => !isBlank(child))) pieces.push(element(node.tagName, node.parentNode as Parent, run, node.attrs.map((attr) => ({ ...attr }))));
    run = [];
  };
  for (const child of node.childNodes) {
    if (isPhrasing(child)) run.push(child);
    else {
      flush();
      pieces.push(child);
    }
  }
  flush();
  return pieces;
}

/** A list holds only items: anything else joins the item before it, or starts one; line breaks between items go. */
function listItems(list: Parent, children: T.ChildNode[]): T.ChildNode[] {
  const items: T.ChildNode[] = [];
  let last: T.Element | undefined;
  for (const child of children) {
    if (isElement(child) && child.tagName === 'li') {
      items.push(child);
      last = child;
    } else if (isBlank(child) || (isElement(child) && child.tagName === 'br')) {
      if (!isElement(child)) items.push(child);
    } else if (last) {
      append(last, child);
    } else {
      last = element('li', list, [child]);
      items.push(last);
    }
  }
  return items;
}

/** Items outside a list: each run of them (with the blanks between) becomes one list. */
function gatherListItems(parent: Parent, children: T.ChildNode[]): T.ChildNode[] {
  const out: T.ChildNode[] = [];
  let list: T.Element | undefined;
  for (const child of children) {
    if (isElement(child) && child.tagName === 'li') {
      if (!list) {
        list = element('ul', parent, []);
        out.push(list);
      }
      append(list, child);
    } else if (list && isBlank(child)) {
      append(list, child);
    } else {
      list = undefined;
      out.push(child);
    }
  }
  return out;
}

/** A figure has at most one caption, first or last; any other becomes a paragraph. */
function figureCaptions(children: T.ChildNode[]): T.ChildNode[] {
  const content = children.filter((child) => !isBlank(child));
  const captions = content.filter((child) => isElement(child) && child.tagName === 'figcaption');
  const kept = captions.find((caption) => caption === content[0] || caption === content.at(-1));
  return children.map((child) => (captions.includes(child) && child !== kept ? captionAsBlock(child as T.Element, child.parentNode as Parent) : child));
}

/** A caption out of place: a division styled as a caption (not a paragraph, which a summary could take for text). */
function captionAsBlock(caption: T.Element, parent: Parent): T.Element {
  return element('div', parent, caption.childNodes, [{ name: 'class', value: 'caption' }]);
}
