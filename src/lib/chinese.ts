import { Converter } from 'opencc-js/t2cn';

/**
 * Traditional → Simplified Chinese (OpenCC's Taiwan-to-mainland tables, phrases included), so
 * that 美國 and 美国, or 習近平 and 习近平, name one section or subject.
 */
let converter: ((text: string) => string) | undefined;

export function toSimplified(text: string): string {
  converter ??= Converter({ from: 'tw', to: 'cn' });
  return converter(text);
}
