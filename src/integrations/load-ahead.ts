import type { AstroIntegration } from 'astro';
import { startLoadAhead, type LoadAheadOptions } from '../loader/load-ahead.ts';

/**
 * Starts, as `astro build` reads its configuration, what the article loader would start when
 * Astro calls it (src/loader/load-ahead.ts): the survey of the content folder, the listing thread
 * and the parsing threads for new captures. `options` must be the loader's own (src/content.config.ts),
 * or the load starts its own instead. Not in `astro dev`, whose loads watch the folder and compute
 * no listing data ahead.
 */
export function loadAhead(options: LoadAheadOptions): AstroIntegration {
  return {
    name: 'news-load-ahead',
    hooks: {
      'astro:config:setup': ({ command }) => {
        if (command === 'build') startLoadAhead(options);
      },
    },
  };
}
