import { NAME_ALIASES } from './search-aliases.ts';

/**
 * Names that make one topic, each group's first spelling being the topic's name. Every group of
 * the search aliases (transliterations: 特朗普/川普, 默克尔/梅克尔) is one, and so are the groups
 * below: short forms and variants that search keeps apart (安倍 is in more than one name) but
 * a reader looks for on one page. Grown from the names the public archive spells more than one
 * way in its titles.
 */
export const TOPIC_ONLY_ALIASES: readonly (readonly string[])[] = [
  ['新冠', '武汉肺炎', '新冠肺炎', '武肺', 'covid-19', 'covid'],
  ['中共', '中国共产党', '共产党'],
  ['林郑月娥', '林郑'],
  ['安倍晋三', '安倍'],
  ['中美关系', '美中关系'],
  ['世卫', '世卫组织', '世界卫生组织', 'who'],
  ['美国国会', '美国会'],
  ['美国国务院', '美国务院'],
  ['美国司法部', '美司法部'],
  ['美国国防部', '美国防部'],
  ['美国财政部', '美财政部'],
  ['美国众议院', '美众议院', '美众院'],
  ['美国参议院', '美参议院', '美参院'],
  ['美国政府', '美政府'],
  ['美国海军', '美海军'],
  ['美国共和党', '美共和党'],
  ['美国民主党', '美民主党'],
  ['白俄罗斯', '白罗斯'],
  ['埃尔多安', '艾尔段'],
  ['埃斯珀', '埃斯帕'],
  ['佩洛西', '裴洛西'],
  ['索马里兰', '索马利兰'],
  ['卡塔尔', '卡达'],
  ['也门', '叶门'],
  ['尼日利亚', '奈及利亚'],
  ['危地马拉', '瓜地马拉'],
  ['巴塞罗那', '巴塞隆纳'],
  ['许智峯', '许智峰'],
  ['纳瓦利尼', '纳瓦尔尼'],
  ['普京', '蒲亭'],
  ['苏贞昌', '苏揆'],
  ['佐治亚州', '乔治亚州'],
  ['威斯康星州', '威斯康辛州', '威州'],
  ['宾夕法尼亚州', '宾州'],
  ['佛罗里达州', '佛州'],
  ['得克萨斯州', '德州', '德克萨斯'],
  ['新疆', '新疆维吾尔', '新疆维吾尔自治区'],
  ['国安法', '香港国安法', '港区国安法'],
  ['东京奥运', '东京奥运会'],
  // English names of subjects that Chinese articles name in Chinese
  ['特朗普', 'trump', 'donald trump'],
  ['拜登', 'biden', 'joe biden'],
  ['习近平', 'xi jinping', 'xi'],
  ['默克尔', 'merkel', 'angela merkel'],
  ['马克龙', 'macron', 'emmanuel macron'],
  ['普京', 'putin', 'vladimir putin'],
  ['约翰逊', 'boris johnson'],
  ['蓬佩奥', 'pompeo', 'mike pompeo'],
  ['中国', 'china'],
  ['美国', 'united states', 'u.s.', 'us', 'america'],
  ['香港', 'hong kong'],
  ['台湾', 'taiwan'],
  ['日本', 'japan'],
  ['英国', 'britain', 'united kingdom', 'uk'],
  ['德国', 'germany'],
  ['法国', 'france'],
  ['俄罗斯', 'russia'],
  ['印度', 'india'],
  ['北京', 'beijing'],
  ['华盛顿', 'washington'],
  ['北约', 'nato'],
  ['欧盟', 'european union', 'eu'],
  ['联合国', 'united nations', 'un'],
  ['华为', 'huawei'],
  ['上海', 'shanghai'], ['巴黎', 'paris'], ['伦敦', 'london'], ['纽约', 'new york'], ['柏林', 'berlin'], ['东京', 'tokyo'], ['莫斯科', 'moscow'],
  ['加州', 'california'], ['得克萨斯州', 'texas'], ['费城', 'philadelphia'], ['英格兰', 'england'], ['苏格兰', 'scotland'], ['爱尔兰', 'ireland'],
  ['巴基斯坦', 'pakistan'], ['阿根廷', 'argentina'], ['巴西', 'brazil'], ['伊朗', 'iran'], ['以色列', 'israel'], ['意大利', 'italy'], ['西班牙', 'spain'],
  ['加拿大', 'canada'], ['澳大利亚', 'australia'], ['韩国', 'south korea'], ['朝鲜', 'north korea'], ['欧洲', 'europe'], ['亚洲', 'asia'], ['非洲', 'africa'],
  ['华尔街', 'wall street'], ['白宫', 'white house'], ['美联储', 'federal reserve', 'fed'], ['辉瑞', 'pfizer'], ['阿斯利康', 'astrazeneca'],
  ['马云', 'jack ma'], ['莫里森', 'scott morrison'], ['希拉里', 'hillary clinton'], ['麦康奈尔', 'mitch mcconnell'], ['梅多斯', 'mark meadows'],
  ['泽连斯基', 'volodymyr zelensky'], ['贺锦丽', 'kamala harris'], ['菅义伟', 'yoshihide suga'], ['安倍晋三', 'shinzo abe'], ['金正恩', 'kim jong un'],
  ['新冠', 'coronavirus'],
  ['奥巴马', 'obama', 'barack obama'], ['黎智英', 'jimmy lai'], ['解放军', 'pla'], ['越南', 'vietnam'], ['土耳其', 'turkey'], ['白俄罗斯', 'belarus'],
  ['阿富汗', 'afghanistan'], ['新西兰', 'new zealand'], ['悉尼', 'sydney'], ['芝加哥', 'chicago'], ['布鲁塞尔', 'brussels'], ['阿塞拜疆', 'azerbaijan'],
  ['微软', 'microsoft'], ['布林肯', 'antony blinken'], ['博尔顿', 'john bolton'], ['桑德斯', 'bernie sanders'], ['姆努钦', 'steven mnuchin'],
  ['拉加德', 'christine lagarde'], ['朔尔茨', 'olaf scholz'], ['鲁哈尼', 'hassan rouhani'], ['埃尔多安', 'recep tayyip erdogan'], ['卡梅伦', 'david cameron'],
];

const GROUPS = [...NAME_ALIASES, ...TOPIC_ONLY_ALIASES];
const CANONICAL = new Map<string, string>();
for (const group of GROUPS) for (const spelling of group) if (!CANONICAL.has(spelling)) CANONICAL.set(spelling, group[0]);

/** The topic name a spelling stands for (川普 → 特朗普), or the spelling itself; Latin names without accents (António → Antonio). */
export function canonicalTopicName(name: string): string {
  const known = CANONICAL.get(name.toLowerCase());
  if (known) return known;
  return /^[\p{Script=Latin}\p{N}\s.'’&-]+$/u.test(name) ? name.normalize('NFKD').replace(/\p{M}/gu, '') : name;
}

/** Administrative endings a place name is also written without: 吉林省 is 吉林, 东京都 is 东京. */
const PLACE_ENDINGS = ['省', '市', '都', '县'];

/** The bare place name a name with an administrative ending stands for, when that bare name is itself a place topic. */
export function barePlaceName(name: string, isPlace: (name: string) => boolean): string | undefined {
  for (const ending of PLACE_ENDINGS) {
    if (name.endsWith(ending) && name.length >= ending.length + 2) {
      const bare = name.slice(0, -ending.length);
      if (isPlace(bare)) return bare;
    }
  }
  return undefined;
}
