import {
  computeMemberCategory,
  idNumberCheck,
  type Employment,
  type Health,
  chinaYearOf,
  localDateOf,
} from '@gongzhi/shared';
import { loadSettings } from '../config/settings';
import { DataCipher } from '../core/cipher';
import type { Db } from '../core/db';
import { UserModel } from '../people/user.model';
import { insertNew } from '../core/insert-new';
import { seedId } from '../core/stable-id';
import { BranchModel } from './branch.model';
import { linkByIdHashes } from './member-links';
import { PartyMemberModel, type PartyMemberDoc } from './party-member.model';
import { EvaluationModel, RegistrationModel, RegistrationPostModel } from './registration.model';

/**
 * Party rosters that reproduce section 三 of the seed report. Its "4 old city communities" are the
 * demo's four communities with old complexes — 南门, 北街, 西山 and 土桥 — with 280 members, 102 of
 * them aged 50+ (36.43%) and 89 mobile (31.79%). The five community branches of 南门, 北街, 西山,
 * 土桥 and 新苑 each have more than 50 members (南门 over 100); 起春 stays under the limit.
 * Everything is derived from the member's index: no randomness, the same data on every run.
 */
export const OLD_COMMUNITY_MEMBERS: [string, number][] = [
  ['nanmen', 105],
  ['beijie', 60],
  ['xishan', 58],
  ['tuqiao', 57],
];
const OTHER_COMMUNITY_MEMBERS: [string, number][] = [
  ['xinyuan', 52],
  ['qichun', 28],
];
const OLD_TOTAL = 280;
const AGED_50_PLUS = 102;
const MOBILE = 89;

const COMMUNITY_NAMES: Record<string, string> = {
  nanmen: '南门社区',
  beijie: '北街社区',
  xishan: '西山社区',
  tuqiao: '土桥社区',
  xinyuan: '新苑社区',
  qichun: '起春社区',
};
const STREET_OF: Record<string, string> = {
  nanmen: 'chengguan',
  beijie: 'chengguan',
  tuqiao: 'chengguan',
  xishan: 'xincheng',
  xinyuan: 'xincheng',
  qichun: 'xincheng',
};

const SURNAMES =
  '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文';
const GIVEN = [
  '建华',
  '秀英',
  '国强',
  '桂兰',
  '志明',
  '玉梅',
  '德福',
  '淑芬',
  '永刚',
  '海燕',
  '红梅',
  '卫东',
  '春花',
  '建军',
  '丽华',
  '文斌',
  '金凤',
  '光荣',
  '素珍',
  '学军',
  '晓燕',
  '成林',
  '翠萍',
  '振华',
  '明霞',
  '长青',
  '秀芳',
  '庆丰',
  '雪梅',
  '伟',
  '静',
  '敏',
  '磊',
  '娟',
  '勇',
  '芳',
  '军',
  '霞',
  '涛',
  '平',
];

/** A valid-looking ID number (region 510123, real check digit) for a seeded person. */
export function seedIdNumber(birthDate: string, n: number): string {
  const first17 = `510123${birthDate.replace(/-/g, '')}${String(n % 1000).padStart(3, '0')}`;
  return first17 + idNumberCheck(first17);
}

export function seedName(n: number): string {
  return SURNAMES[(n * 7) % SURNAMES.length] + GIVEN[(n * 13 + Math.floor(n / 40)) % GIVEN.length];
}

/** True for exactly `k` of the indexes 0..n-1, spread evenly (Bresenham). */
const spread = (i: number, k: number, n: number) => Math.floor(((i + 1) * k) / n) > Math.floor((i * k) / n);

/**
 * Seeded members who have an account: the demo party member 刘建国 and the in-service members
 * registered by 双报到 (REGISTERED below), by member index. They carry the member's ID number, so
 * the ID-number link (member-links.ts) joins them as it would after an import.
 */
const MEMBER_ACCOUNTS: { g: number; userId: () => ReturnType<typeof seedId>; name: string }[] = [
  { g: 10, userId: () => seedId('user:partyMember'), name: '刘建国' },
  ...[11, 12, 13, 14, 110, 111, 175, 176].map((g, i) => ({
    g,
    userId: () => seedId(`user:registered:${i}`),
    name: '',
  })),
];

export async function seedParty(db: Db): Promise<void> {
  const cipher = new DataCipher(loadSettings().dataKey);
  const year = chinaYearOf(new Date());
  const today = localDateOf(new Date());
  const branches = [...OLD_COMMUNITY_MEMBERS, ...OTHER_COMMUNITY_MEMBERS].map(([key]) => ({
    _id: seedId(`branch:${key}`),
    name: `${COMMUNITY_NAMES[key]}党支部`,
    placeId: seedId(`org:community:${key}`),
    unitId: null,
    streetId: seedId(`org:street:${STREET_OF[key]}`),
  }));
  await insertNew(db.model(BranchModel), branches);

  const accountOf = new Map(
    MEMBER_ACCOUNTS.map((a, i) => [a.g, { ...a, name: a.name || REGISTERED[i - 1]?.name || '' }]),
  );
  const accountIdNumbers: { userId: ReturnType<typeof seedId>; idNumber: string }[] = [];
  const members: Partial<PartyMemberDoc>[] = [];
  let g = 0;
  let aged = 0;
  let young = 0;
  for (const [key, count] of [...OLD_COMMUNITY_MEMBERS, ...OTHER_COMMUNITY_MEMBERS]) {
    for (let i = 0; i < count; i++, g++) {
      const inOld = g < OLD_TOTAL;
      // In the old communities the 50+ and mobile shares are exact; elsewhere a similar mix.
      const old50 = inOld ? spread(g, AGED_50_PLUS, OLD_TOTAL) : g % 3 === 0;
      const mobile = inOld ? spread((g * 11 + 5) % OLD_TOTAL, MOBILE, OLD_TOTAL) : g % 4 === 0;
      // Ages keep two years clear of 50 (51+ / 47−), so the 50+ count holds on any day of the year.
      const age = old50 ? 51 + ((aged++ * 7) % 35) : 22 + ((young++ * 5) % 26);
      const birthDate = `${year - age}-${String((g % 12) + 1).padStart(2, '0')}-${String((g % 28) + 1).padStart(2, '0')}`;
      const employment: Employment = age >= 62 ? 'retired' : g % 7 === 3 ? 'none' : age < 24 ? 'student' : 'inService';
      const health: Health = age >= 75 && g % 2 === 0 ? 'frail' : 'good';
      const idNumber = seedIdNumber(birthDate, g + 1);
      const category = computeMemberCategory({ birthDate, health, employment, mobile }, today);
      const account = accountOf.get(g);
      if (account) accountIdNumbers.push({ userId: account.userId(), idNumber });
      members.push({
        _id: seedId(`partyMember:${g}`),
        branchId: seedId(`branch:${key}`),
        placeId: seedId(`org:community:${key}`),
        streetId: seedId(`org:street:${STREET_OF[key]}`),
        birthDate,
        mobile,
        category,
        computedCategory: category,
        overrideCategory: null,
        employment,
        active: true,
        idHash: cipher.blindIndex('idNumber', idNumber),
        nameEnc: cipher.encrypt(accountOf.get(g)?.name || seedName(g)),
        idNumberEnc: cipher.encrypt(idNumber),
        phoneEnc: cipher.encrypt(`139${String(20000000 + g * 37).padStart(8, '0')}`),
        healthEnc: cipher.encrypt(health),
        userId: null,
        updatedAt: new Date(),
      });
    }
  }
  await insertNew(db.model(PartyMemberModel), members);
  await seedRegistrations(db, cipher, year);
  // The accounts get their ID numbers (as a 居民 import would give them), then the link joins them.
  for (const a of accountIdNumbers) {
    await db
      .model(UserModel)
      .updateOne(
        { _id: a.userId, idNumberHash: { $exists: false } },
        { $set: { idNumberHash: cipher.blindIndex('idNumber', a.idNumber), idNumberEnc: cipher.encrypt(a.idNumber) } },
      );
  }
  await linkByIdHashes(
    db,
    accountIdNumbers.map((a) => cipher.blindIndex('idNumber', a.idNumber)),
    new Date(),
  );
}

const POSTS = [
  ['政策宣传岗', '宣讲政策、入户走访，收集居民意见'],
  ['文明交通引导岗', '早晚高峰在路口劝导文明出行'],
  ['环境卫生岗', '参与“美丽家园创卫行”，清理楼道和小区死角'],
  ['邻里调解岗', '协助“和事佬”调解邻里矛盾'],
  ['助老助残岗', '结对空巢老人和残疾人，定期探访'],
  ['网格巡查岗', '随网格员巡查，发现问题及时上报'],
];

/** In-service members of resident units registered at their home communities, half evaluated this year. */
const REGISTERED: { name: string; community: string; unit: string; post: number }[] = [
  { name: '何志远', community: 'nanmen', unit: '县人民医院', post: 4 },
  { name: '罗晓梅', community: 'nanmen', unit: '县人民医院', post: 0 },
  { name: '梁文涛', community: 'nanmen', unit: '县第一中学', post: 1 },
  { name: '宋佳怡', community: 'nanmen', unit: '县税务局', post: 2 },
  { name: '唐国庆', community: 'beijie', unit: '县人民医院', post: 5 },
  { name: '韩雪', community: 'beijie', unit: '县农商银行', post: 3 },
  { name: '曹明亮', community: 'xishan', unit: '县供电公司', post: 1 },
  { name: '邓丽君', community: 'xishan', unit: '县第一中学', post: 0 },
];

async function seedRegistrations(db: Db, cipher: DataCipher, year: number): Promise<void> {
  const communities = ['nanmen', 'beijie', 'tuqiao', 'xishan', 'xinyuan', 'qichun'];
  await insertNew(
    db.model(RegistrationPostModel),
    communities.flatMap((c) =>
      POSTS.map(([name, description], order) => ({
        _id: seedId(`post:${c}:${order}`),
        communityId: seedId(`org:community:${c}`),
        name,
        description,
        order,
      })),
    ),
  );
  const users = REGISTERED.map((r, i) => ({
    _id: seedId(`user:registered:${i}`),
    name: r.name,
    roles: ['partyMember' as const],
    phone: `1371000${String(i).padStart(4, '0')}`,
    orgId: seedId(`org:community:${r.community}`),
    communityId: seedId(`org:community:${r.community}`),
    unitId: seedId(`unit:${r.unit}`),
    duties: [],
    createdAt: new Date(),
  }));
  await insertNew(db.model(UserModel), users);
  const regs = REGISTERED.map((r, i) => ({
    _id: seedId(`registration:${i}`),
    userId: users[i]._id,
    communityId: seedId(`org:community:${r.community}`),
    streetId: seedId(`org:street:${STREET_OF[r.community]}`),
    postId: seedId(`post:${r.community}:${r.post}`),
    unitId: seedId(`unit:${r.unit}`),
    nameEnc: cipher.encrypt(r.name),
    registeredAt: new Date(Date.UTC(year, 2, 1 + i)),
  }));
  await insertNew(db.model(RegistrationModel), regs);
  const ratings = ['excellent', 'good', 'excellent', 'good'] as const;
  const comments = [
    '每月参加文明交通引导，服务时长全社区第一',
    '按时参加岗位服务，群众评价好',
    '主动结对两户空巢老人',
    '参加环境整治三次',
  ];
  await insertNew(
    db.model(EvaluationModel),
    regs.slice(0, 4).map((r, i) => ({
      _id: `${r._id}:${year}`,
      registrationId: r._id,
      unitId: r.unitId,
      communityId: r.communityId,
      year,
      rating: ratings[i],
      comment: comments[i],
      evaluatorId: seedId('user:staff'),
      at: new Date(Date.UTC(year, 10, 20)),
    })),
  );
}
