/**
 * Names that outlets spell in different ways: mainland and Taiwan or Hong Kong
 * transliterations, and nicknames. Search treats every spelling in a group as the first one.
 * Spellings are compared after the Traditional → Simplified character folding, so each is
 * written here once, in Simplified (美國 and 美国 are already one word without an entry).
 * Grown from the archive the real captures come from: every group below is spelled more than one
 * way there (in articles counted when the group was added; 蓬佩歐 is the one exception, a
 * Traditional form that the character folding alone would not join to 蓬佩奥). Add a group when
 * readers search for a name the archive spells two ways.
 */
export const NAME_ALIASES: readonly (readonly string[])[] = [
  ['特朗普', '川普'],
  ['贺锦丽', '哈里斯'],
  ['蓬佩奥', '蓬佩欧', '庞培欧', '庞皮欧'],
  ['普京', '普丁'],
  ['默克尔', '梅克尔'],
  ['马克龙', '马克宏'],
  ['约翰逊', '强森'],
  ['特鲁多', '杜鲁道'],
  ['泽连斯基', '泽伦斯基'],
  ['奥巴马', '欧巴马'],
  ['希拉里', '希拉蕊'],
  ['内塔尼亚胡', '纳坦雅胡'],
  ['纳瓦利尼', '纳瓦尼'],
  ['澳大利亚', '澳洲'],
  ['新西兰', '纽西兰'],
  ['意大利', '义大利'],
  ['悉尼', '雪梨'],
  ['朝鲜', '北韩'],
  ['沙特', '沙乌地'],
  ['新冠', 'covid'],
  ['世卫', '世界卫生组织'],
];
