/**
 * The order in which the search page asks the index shards (quarters of capture, newest first).
 * Every shard costs its page list and engine start before it answers, so the first group is the
 * newest shards up to `limit` articles: their results show while the older groups, each about
 * as large, are still loading.
 */
export function shardGroups(sizes: readonly number[], limit: number): number[][] {
  const groups: number[][] = [];
  let articles = 0;
  for (const [index, size] of sizes.entries()) {
    const group = groups.at(-1);
    if (group && articles + size <= limit) {
      group.push(index);
      articles += size;
    } else {
      groups.push([index]);
      articles = size;
    }
  }
  return groups;
}
