import type { EducationLevel } from '@gongzhi/shared';
import { loadSettings } from '../config/settings';
import { DataCipher } from '../core/cipher';
import type { Db } from '../core/db';
import { seedIdNumber } from '../party/party.seed';
import { insertNew } from '../core/insert-new';
import { seedId } from '../core/stable-id';
import { StaffMemberModel } from './staff-member.model';
import { chinaYearOf } from '@gongzhi/shared';

/**
 * Community staff (两委) reproducing section 三: in the 4 old communities (南门, 北街, 西山, 土桥) 24
 * people, average age 48.9 (1173 / 24 = 48.875), 13 over 40 (54.17%; nobody is exactly 40), 21 with
 * 大专 or below (87.5%). Birthdays are on 1 January so an age holds for the whole calendar year.
 * 新苑 and 起春 get their own smaller, younger committees.
 */
type StaffDef = [name: string, age: number, education: EducationLevel, post: string];

const OLD: Record<string, StaffDef[]> = {
  nanmen: [
    ['王德明', 58, '高中/中专', '书记'],
    ['陈静', 38, '大专', '主任'],
    ['李春兰', 61, '初中及以下', '副主任'],
    ['张建伟', 45, '高中/中专', '委员'],
    ['刘晓燕', 34, '大专', '委员'],
    ['赵国平', 63, '初中及以下', '委员'],
  ],
  beijie: [
    ['孙志刚', 59, '高中/中专', '书记'],
    ['周玉芬', 57, '高中/中专', '主任'],
    ['吴海波', 39, '本科', '副主任'],
    ['郑秀梅', 62, '初中及以下', '委员'],
    ['冯小军', 37, '大专', '委员'],
    ['何丽', 32, '大专', '委员'],
  ],
  xishan: [
    ['孙丽', 39, '大专', '主任'],
    ['马永福', 64, '初中及以下', '书记'],
    ['朱春燕', 55, '高中/中专', '副主任'],
    ['胡建军', 36, '本科', '委员'],
    ['林小红', 38, '大专', '委员'],
    ['郭长顺', 66, '初中及以下', '委员'],
  ],
  tuqiao: [
    ['罗光明', 60, '高中/中专', '书记'],
    ['梁桂香', 52, '初中及以下', '主任'],
    ['宋文华', 67, '初中及以下', '副主任'],
    ['唐敏', 35, '研究生', '委员'],
    ['韩冬梅', 39, '大专', '委员'],
    ['曹志勇', 37, '高中/中专', '委员'],
  ],
};

const OTHER: Record<string, StaffDef[]> = {
  xinyuan: [
    ['邓佳', 33, '本科', '书记'],
    ['许文博', 29, '本科', '主任'],
    ['苏晴', 31, '大专', '委员'],
    ['蒋磊', 28, '本科', '委员'],
  ],
  qichun: [
    ['田贵', 54, '高中/中专', '书记'],
    ['杜小燕', 41, '大专', '主任'],
    ['戴勇', 36, '大专', '委员'],
  ],
};

const STREET_OF: Record<string, string> = {
  nanmen: 'chengguan',
  beijie: 'chengguan',
  tuqiao: 'chengguan',
  xishan: 'xincheng',
  xinyuan: 'xincheng',
  qichun: 'xincheng',
};

export async function seedStaffMembers(db: Db): Promise<void> {
  const cipher = new DataCipher(loadSettings().dataKey);
  const year = chinaYearOf(new Date());
  let n = 900;
  const docs = Object.entries({ ...OLD, ...OTHER }).flatMap(([community, list]) =>
    list.map(([name, age, education, post]) => {
      const birthDate = `${year - age}-01-01`;
      const idNumber = seedIdNumber(birthDate, n++);
      return {
        _id: seedId(`staffMember:${community}:${name}`),
        name,
        placeId: seedId(`org:community:${community}`),
        streetId: seedId(`org:street:${STREET_OF[community]}`),
        birthDate,
        education,
        post,
        committee: true,
        active: true,
        idHash: cipher.blindIndex('idNumber', idNumber),
        idNumberEnc: cipher.encrypt(idNumber),
        phoneEnc: null,
        updatedAt: new Date(),
      };
    }),
  );
  await insertNew(db.model(StaffMemberModel), docs);
}
