import type { Db } from '../core/db';
import { insertNew } from '../core/insert-new';
import { seedId } from '../core/stable-id';
import { NoticeModel, type NoticeDoc } from './notice.model';

const DAY = 24 * 3600_000;

/** A few notices on the 南门 and 西山 boards, one pinned. */
export async function seedNotices(db: Db): Promise<void> {
  const now = Date.now();
  const chengguan = seedId('org:street:chengguan');
  const xincheng = seedId('org:street:xincheng');
  const nanmen = seedId('org:community:nanmen');
  const notices: Partial<NoticeDoc>[] = [
    {
      _id: seedId('notice:nanmen-water'),
      communityId: nanmen,
      streetId: chengguan,
      title: '南门小区周六停水通知',
      body: '因供水管网检修，本周六 8:00–14:00 南门小区、粮站家属院停水，请居民提前储水。行动不便的老人如需送水，请拨打社区电话或在“点单”里选择“助老”。',
      pinned: true,
      authorId: seedId('user:staff'),
      publishedAt: new Date(now - 2 * 3600_000),
    },
    {
      _id: seedId('notice:nanmen-legal-day'),
      communityId: nanmen,
      streetId: chengguan,
      title: '每周三下午律师坐班',
      body: '县司法局刘明律师每周三 14:30–17:30 在社区党群服务中心坐班，婚姻家庭、劳动争议、房产纠纷均可咨询，也可在首页“法律援助”里预约。',
      pinned: false,
      authorId: seedId('user:staff'),
      publishedAt: new Date(now - 1 * DAY),
    },
    {
      _id: seedId('notice:nanmen-lighting'),
      communityId: nanmen,
      streetId: chengguan,
      title: '楼道照明改造项目开工',
      body: '“老旧小区楼道照明改造”项目已开工，县供电公司党员服务队将分批入户检查线路，请居民配合。项目进展可在首页“惠民项目”查看。',
      pinned: false,
      authorId: seedId('user:staff'),
      publishedAt: new Date(now - 3 * DAY),
    },
    {
      _id: seedId('notice:xishan-clean'),
      communityId: seedId('org:community:xishan'),
      streetId: xincheng,
      title: '西山营小区环境整治志愿者招募',
      body: '本周日上午开展“美丽家园创卫行”环境整治，欢迎居民报名参加，可在“活动”里认领班次。',
      pinned: false,
      authorId: seedId('user:staff2'),
      publishedAt: new Date(now - 2 * DAY),
    },
  ];
  await insertNew(
    db.model(NoticeModel),
    notices.map((n) => ({ ...n, withdrawnAt: null })),
  );
}
