import { tag } from './segmenter.ts';
import { englishNameKind } from './english-subjects.ts';
import { Remembered } from './remembered.ts';

/**
 * What kind of subject a name is, or that it is none: a person, a place, an organisation, or
 * another named subject (a disease, a law, a product). The segmenter's dictionary tags give
 * the first answer, but they are noisy (it files 日增 as a place and 满天飞 as a person), and
 * names it does not know come out as pieces; so its answer is checked against the shape of the
 * name: a Chinese person's name is a surname and a short given name, a transliterated name is
 * made of transliteration characters, an organisation or a place ends as such names end.
 */

export type SubjectKind = 'person' | 'place' | 'organisation' | 'other';

/** Names whose kind the rules below get wrong, from reading the topics of the archive. */
export const KNOWN_KINDS: ReadonlyMap<string, SubjectKind> = new Map<string, SubjectKind>([
  ...(['诺贝尔', '新冠', '武汉肺炎', '中美关系', '美中关系', '中美贸易战', '国安法', '香港国安法', '脱欧', '反送中', '法轮功', '一带一路', '奥运', '东京奥运', '北京冬奥'] as const).map((name) => [name, 'other'] as const),
  ...(['彭博社', '彭博', '沃尔玛', '高盛', '塔利班', '哈佛', '牛津', '立法会', '联合国', '欧盟', '北约', '世卫', '世界卫生组织', '腾讯', '辉瑞', '三星', '汇丰', '甲骨文', '人民日报', '新闻联播', '阿里巴巴', '华为', '字节跳动', '蚂蚁集团', '台积电', '中芯国际', '微信', '推特', '脸书', '微博', '苹果公司', '谷歌', '亚马逊', '特斯拉', '波音', '美联储', '国务院', '中共', '港府', '白宫', '五角大楼', '克里姆林宫', '美国国务院', '美国国会'] as const).map((name) => [name, 'organisation'] as const),
  ...(['莫斯科', '新德里', '明斯克', '乌克兰', '阿根廷', '爱尔兰', '马尼拉', '黎巴嫩', '伊拉克', '华府', '台海', '南海', '南中国海', '中东', '东南亚', '欧洲', '亚洲', '非洲', '中国大陆', '北市', '高雄', '台中', '台南', '新北'] as const).map((name) => [name, 'place'] as const),
  ...(['泰王', '安倍晋三', '马克龙', '奥巴马', '川普', '蔡英文', '林郑月娥', '黎智英', '孟晚舟', '黄之锋', '王毅', '马云', '菅义伟', '陈时中'] as const).map((name) => [name, 'person'] as const),
]);

/** Dictionary names that are ordinary words, seen among the archive's candidates. */
export const NOT_SUBJECTS: ReadonlySet<string> = new Set([
  '上市', '封锁', '顾问', '和平', '抗议', '台风', '海峡', '黑客', '曝光', '城市', '黑名单', '令人', '卫星', '许可', '西南', '东北', '西北', '东南',
  '大关', '上路', '外国', '驻港', '中港', '抗争', '对华', '中华', '国联', '马拉', '比亚', '亚太', '日增', '最大化', '满天飞', '严峻考验', '玉米地',
  '路透', '中央社', '法广', '美国之音', '德国之声', '自由亚洲电台', '大纪元', '新华社', '路透社', '法新社', '美联社', '德新社', '共同社', '中新社', '本台',
  '国际', '全球', '世界', '各地', '当地', '全国', '国内', '海外', '境外', '地区', '西方', '东方', '南方', '北方', '中央', '地方',
  // ordinary words the dictionary files as names, and phrases, read among the archive's title names
  '爱国', '英雄', '上街', '施打', '海关', '周线', '关联', '太阳', '康复', '中断', '海洋', '回国', '利多', '勒索', '陆资', '陆媒', '陆生', '解密',
  '关键州', '卫生局', '新政府', '统计局', '三国', '房企', '中加', '英美', '欧美', '高达', '安全性', '瓦斯', '美丽', '香港上市', '严审', '波及', '换人',
  '普及', '雷达', '上市公司', '东洋', '加密', '海鲜', '雷霆', '黑洞', '维基', '高阶', '巴士', '礼拜', '祝福', '缅怀', '新区', '黄金周', '古城', '安保',
  '杜绝', '株连', '欧洲各国', '美国公司', '中国公司', '美公司', '青山', '韩媒', '港媒', '官媒', '齐声', '回港', '多达', '施暴', '蓝绿', '西区', '东西',
  '海滩', '纳米', '陈尸', '高危', '塞车', '安抚', '无虞', '蓝图', '高尔夫', '高原', '城镇', '加盟', '马拉松', '美国大学', '盛赞', '江湖', '朝野', '高管',
  '江山', '单场', '新格局', '大王', '满意度', '严冬', '王子', '关馆', '二人', '蒙古人', '申请书', '孙女', '麦克风', '冰山', '松口', '多达', '金额逾',
  // first names alone, which name no one in particular
  '尼克', '麦克', '迈克', '约翰', '大卫', '詹姆斯', '罗伯特', '托马斯', '查尔斯', '乔治', '彼得', '保罗', '史蒂夫', '史蒂芬', '斯蒂芬', '帕特里克', '杰克', '汤姆', '亚伦', '罗莎', '杰奎琳', '史蒂文', '迈克尔', '拉姆', '兰特', '里拉', '库克', '玛丽', '安娜', '马丁',
  '高潮', '金援', '共和国', '童书', '中国股市', '亚洲股市', '美驻港', 'CEO', '中南部', '中西部',
  '许可证', '威廉', '牟利', '卓越', '契约', '丛生', '深度', '王冠', '中国城市', '美德', '王国', '温馨', '陆籍', '高山', '王储', '离岛', '上门', '潘母',
  '兰德', '中日韩', '加拿大法院', '新内阁', '入海', '陆委会咨委', '艾萨', '天国', '山寨', '新建', '凌驾', '中巴', '粤港', '万国', '中国科技公司', 'IPO', 'GDP', 'Simon', 'Andres Manuel Lopez', 'Co', 'Brexiteers', '瑞典法院', 'Rio', 'DNA', 'CCC', 'CWBF', '央行', '美国驻港', '张志', '登山', '尼西亚', '中国地方政府', '克罗', '长大', '联合会', '福利', '方一', '锁国', '季出', '巴克', '易受', '胡来', '任副', '南北', '陆配', '单周', '金控', '雷斯', '马云成', '治安', '陈小', '肖恩', '司法局', '音乐会', '都市', '大桥', 'DQ4', '英德', '亚非', '山区', '顾客', '谢谢', '马尔', '蒙特', '祝贺', '巴布', '巴尔', '伦理', '滑坡', '季营收', '罗生门', '联邦政府', '巴特勒', '余波', '鲍尔', 'MAX', '尔斯', '拉高', '季增', '华埠', '管处', '中级法院', '安全局', '龙虾', '陈述', '大城市', '中资银行', '雷达站', '陆客', '陆方', '陆船', '尼尔', '法拉', '斯特', '伊塔', '维尔', '西斯', '安宁', '落海', '文明', '上山', '林奇', '戴维斯', '刘易斯', '马克', '公安局', '商业银行', '内政部', '最高院', '党政军', '冰川', '日志', '入口', '安乐死', '滨海', '欧亚', '驻京', '依法治国', '德国医院', '青春', '龙宫', '美法院', '美国法院', '韩美', '高峰', '临门', '文遭', '高企', '庆典', '易主', '齐聚', '加大力度', '关系新', '东区', '张家', '兰州布',
]);

/** The common surnames (about 90% of people), less those that are also everyday words at the head of a phrase (国, 和, 向, 全). */
const SURNAMES = new Set([...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵钱严覃武戴莫孔汤温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍喻祁蒲房滕屈饶解牟艾尤穆卓缪简岑窦戚冼邝谌栾佟闵邬姬仇栾隋寇桑郎甄丛仲虞敖巩佘麦蔺阚邰赫杭菅']);
const COMPOUND_SURNAMES = new Set(['欧阳', '司马', '上官', '诸葛', '东方', '夏侯', '皇甫', '尉迟', '公孙', '令狐', '长孙', '慕容', '司徒', '端木', '宇文']);

/** Characters that never stand in a Chinese given name: function words, numbers, units, titles. */
const NOT_IN_GIVEN_NAMES = new Set([...'的了在对被将与和及或是为可要不没新增减升降涨跌年日时个人们国省市县区等多称说后前上下这那其从向于把让给也都就而并又再还已曾最更很太所以之者第各每某该本此另总统长部委会院局党军警案事件疫情股价涨跌元美中台港澳日韩英法德俄印欧亚非']);

/** Characters that transliterate foreign names (拜登, 蓬佩奥, 纳瓦利尼, 泽连斯基). */
const TRANSLITERATION = new Set([...
  '阿埃艾爱安昂奥澳巴拜班邦保鲍贝本比彼毕宾波蓬龙伯勃博布查达戴丹道德登迪蒂丁东杜敦顿多厄恩尔法范菲费芬丰佛弗福富盖甘冈高戈哥格根贡古瓜哈海罕汉豪赫亨胡华霍基吉加贾杰捷金津卡凯坎康考柯科克肯库奎拉莱赖兰朗劳勒雷蕾里理丽莉利连莲林琳留卢鲁路伦罗洛马玛迈麦曼梅门蒙米敏明莫墨默姆穆纳娜奈南内尼妮宁纽努诺欧帕派潘庞佩彭皮平珀普奇齐恰乔切钦琼丘萨塞桑瑟森沙莎尚绍舍申什施史斯松苏索塔泰坦汤唐特滕提廷汀通图托瓦万旺威韦维温文翁沃乌伍武西希锡夏谢辛休雅亚扬耶伊依因英尤于约扎泽詹哲兹佐卓'.replace(/\s/g, ''),
]);

const ORGANISATION_ENDINGS = ['委员会', '基金会', '交易所', '电视台', '通讯社', '组织', '联盟', '公司', '集团', '银行', '大学', '学院', '法院', '政府', '议会', '国会', '商会', '协会', '电台', '日报', '时报', '航空', '党', '部', '委', '局', '署', '厅', '院', '军'];
const PLACE_ENDINGS = ['自治区', '机场', '广场', '省', '市', '县', '区', '州', '岛', '湾', '港', '镇', '村', '山', '河', '湖', '江'];
/** Tags of words that never stand inside a name: prepositions, particles, conjunctions, adverbs, pronouns, numbers, measure and locality words, time words. */
const FUNCTION_TAGS = new Set(['p', 'u', 'uj', 'ul', 'uz', 'uv', 'ud', 'ug', 'c', 'd', 'r', 'm', 'mq', 'q', 'f', 'y', 'e', 'o', 't', 'tg', 'ad', 'vd']);
/** Ordinary-word tags: a given name that is one such word (蔡+总统) is not a name. */
const ORDINARY_TAGS = new Set(['n', 'v', 'vn', 'a', 'an', 'ad', 'd', 'm', 't', 'l', 'i', 'f', 's']);

function dictionaryTags(name: string): { word: string; tag: string }[] {
  return tag(name, false);
}

function surnameLength(name: string): number {
  if (COMPOUND_SURNAMES.has(name.slice(0, 2))) return 2;
  return SURNAMES.has(name[0]) ? 1 : 0;
}

/** A Chinese personal name: a surname (or two, 林郑) and a given name of one or two characters. */
export function isChinesePersonName(name: string): boolean {
  let surname = surnameLength(name);
  if (surname === 0) return false;
  if (name.length === 4 && surname === 1 && SURNAMES.has(name[1])) surname = 2;
  const given = name.slice(surname);
  if (given.length < 1 || given.length > 2 || [...given].some((char) => NOT_IN_GIVEN_NAMES.has(char))) return false;
  if (given.length === 2) {
    const tokens = dictionaryTags(given);
    if (tokens.length === 1 && ORDINARY_TAGS.has(tokens[0].tag)) return false;
  }
  return true;
}

/** Whether a character is one that transliterates foreign names. */
export function isTransliterationChar(char: string): boolean {
  return TRANSLITERATION.has(char);
}

export function isTransliteration(name: string): boolean {
  return name.length >= 3 && [...name].every((char) => TRANSLITERATION.has(char));
}

function endsWithAny(name: string, endings: readonly string[]): string | undefined {
  return endings.find((ending) => name.endsWith(ending) && name.length > ending.length);
}

/**
 * The kinds of Latin names, as compromise reads them (englishNameKind): about a millisecond each,
 * for a thousand names and more in a large archive's listing data, every build.
 */
export const latinNameKinds = new Remembered<SubjectKind>(englishNameKind, 100_000);

/** The kind of a subject name, or undefined when it is not one. `name` is Simplified. */
export function subjectKind(name: string): SubjectKind | undefined {
  const known = KNOWN_KINDS.get(name);
  if (known) return known;
  if (NOT_SUBJECTS.has(name)) return undefined;
  if (!/\p{Script=Han}/u.test(name)) return /^[A-Za-z0-9]/.test(name) ? latinNameKinds.get(name) : undefined;
  const tokens = dictionaryTags(name);
  if (tokens.length === 1) {
    switch (tokens[0].tag) {
      case 'nrfg':
      case 'nrt':
        return 'person';
      case 'nr':
        return isChinesePersonName(name) || isTransliteration(name) ? 'person' : undefined;
      case 'ns':
        return 'place';
      case 'nt':
        return endsWithAny(name, ORGANISATION_ENDINGS) || name.endsWith('会') ? 'organisation' : undefined;
      default:
        return undefined;
    }
  }
  // A surname that opens a longer word is not a surname there (欧盟+新, 白宫+新).
  if (isChinesePersonName(name) && name.length <= 4 && tokens[0].word.length <= surnameLength(name)) return 'person';
  // Names hold no function words and no verbs (因+特朗普, 北京+打压+香港, 关注+组).
  // (A verb may stand inside an institution's name that ends in a word of its own: 香港+终审+法院.)
  const institution = ORGANISATION_ENDINGS.includes(tokens[tokens.length - 1].word);
  if (tokens.some((token, i) => FUNCTION_TAGS.has(token.tag) || (/^(v|vn|vd|vi)$/.test(token.tag) && (i === 0 || !institution)))) return undefined;
  // Two known words side by side are two subjects (特朗普 + 拜登), not one name.
  if (isTransliteration(name) && tokens.filter((token) => token.word.length >= 2).length < 2) return 'person';
  // A known name followed by an institution or place ending: 中国商务部, 蚂蚁集团. The name is a
  // word of its own (美+中军 and 沪+港 are abbreviations strung together), and the ending is not
  // buried in an ordinary noun (中国+农村, 华尔街+股市).
  const head = tokens[0];
  if (head.word.length < 2) return undefined;
  const headIsName = /^(nr|nrt|nrfg|ns|nt|nz|j)$/.test(head.tag) || subjectKind(head.word) !== undefined;
  if (!headIsName) return undefined;
  const last = tokens[tokens.length - 1];
  const ending = endsWithAny(name, ORGANISATION_ENDINGS) ?? endsWithAny(name, PLACE_ENDINGS);
  if (!ending || (last.tag === 'n' && last.word !== ending && !ORGANISATION_ENDINGS.includes(last.word))) return undefined;
  return ORGANISATION_ENDINGS.includes(ending) ? 'organisation' : 'place';
  return undefined;
}

/** Whether a string is one word of the segmenter's dictionary (used to find candidates that straddle words). */
export function isDictionaryWord(text: string): boolean {
  const tokens = dictionaryTags(text);
  return tokens.length === 1 && tokens[0].word === text;
}

/** Whether the dictionary knows a string as one name (of a person, place or organisation). */
export function isDictionaryName(text: string): boolean {
  const tokens = dictionaryTags(text);
  return tokens.length === 1 && tokens[0].word === text && /^(nr|nrfg|nrt|ns|nt)$/.test(tokens[0].tag);
}
