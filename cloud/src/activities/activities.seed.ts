import { randomBytes } from 'node:crypto';
import type { Types } from 'mongoose';
import type { BrandCode, MenuCategoryCode, TeamCode, ActivityFormat, ActivityStatus } from '@gongzhi/shared';
import type { Db } from '../core/db';
import type { Place } from '../core/place';
import { seedId } from '../core/stable-id';
import { insertNew } from '../core/insert-new';
import { ActivityModel, type Activity } from './activity.model';
import { AttendanceModel, ServiceRecordModel, type Attendance, type ServiceRecord } from './attendance.model';
import { quarterBuckets } from './quarter-buckets';
import {
  PersonTimeModel,
  SeatModel,
  WaitlistModel,
  type PersonTime,
  type Seat,
  type WaitlistEntry,
} from './claim.model';
import { ShiftModel, type Shift } from './shift.model';
import { addDays, localDateOf, localInstant } from '@gongzhi/shared';

const HOUR = 3_600_000;

/** A moment in China time, `days` from today: the demo's shifts stay in the coming days whenever it is loaded. */
function chinaAt(days: number, hour: number, minute = 0): Date {
  return localInstant(addDays(localDateOf(new Date()), days), hour * 60 + minute);
}

const street = (key: string) => seedId(`org:street:${key}`);
const community = (key: string) => seedId(`org:community:${key}`);
const user = (account: string) => seedId(`user:${account}`);

interface DemoShift {
  start: Date;
  end: Date;
  seats: number;
  /** Demo accounts holding a seat, in seat order. */
  taken?: string[];
  waiting?: string[];
  /** A past shift the first seat holder attended, with hours confirmed by 南门 staff. */
  attended?: { inAt: Date; outAt: Date; minutes: number };
}

interface DemoActivity {
  key: string;
  title: string;
  brand: BrandCode;
  categoryCode: MenuCategoryCode;
  team: TeamCode | null;
  organiserUnit: string | null;
  placeKey: string;
  place: Place;
  address: string;
  description: string;
  format: ActivityFormat;
  status: ActivityStatus;
  createdBy: string;
  shifts: DemoShift[];
}

function placeIn(
  streetKey: string,
  communityKey: string,
  grid: number | null = null,
  complex: string | null = null,
): Place {
  return {
    streetId: street(streetKey),
    communityId: community(communityKey),
    gridId: grid === null ? null : seedId(`org:grid:${communityKey}:${grid}`),
    complexId: complex ? seedId(`org:complex:${communityKey}:${complex}`) : null,
    buildingId: null,
  };
}

function demoActivities(): DemoActivity[] {
  return [
    {
      key: 'legal-aid-nanmen',
      title: '法律援助进社区·律师坐诊日',
      brand: 'legalAid',
      categoryCode: 'legalAid',
      team: 'peacemaker',
      organiserUnit: '县司法局',
      placeKey: 'org:community:nanmen',
      place: placeIn('chengguan', 'nanmen'),
      address: '南门社区党群服务中心一楼调解室',
      description: '县司法局律师现场解答婚姻家庭、劳动纠纷、房产物业问题；志愿者负责引导、登记和回访。',
      format: 'service',
      status: 'published',
      createdBy: 'staff',
      shifts: [
        { start: chinaAt(1, 9), end: chinaAt(1, 11, 30), seats: 4 },
        { start: chinaAt(1, 14, 30), end: chinaAt(1, 17), seats: 3 },
      ],
    },
    {
      key: 'traffic-nanmen',
      title: '文明交通引导·南门十字路口早高峰',
      brand: 'trafficGuide',
      categoryCode: 'other',
      team: 'civilityGuard',
      organiserUnit: null,
      placeKey: 'org:community:nanmen',
      place: placeIn('chengguan', 'nanmen'),
      address: '南门十字路口（县第一中学门口）',
      description: '早高峰劝导行人和非机动车遵守信号灯，护送学生过马路。穿志愿者马甲，提前 10 分钟到岗。',
      format: 'service',
      status: 'published',
      createdBy: 'staff',
      shifts: [
        {
          start: chinaAt(2, 7),
          end: chinaAt(2, 9),
          seats: 2,
          taken: ['volunteer', 'partyMember'],
          waiting: ['resident2'],
        },
        { start: chinaAt(3, 7), end: chinaAt(3, 9), seats: 4, taken: ['partyMember'] },
      ],
    },
    {
      key: 'clean-nanmen',
      title: '美丽家园创卫行·南门小区楼道清理',
      brand: 'cleanHome',
      categoryCode: 'sanitation',
      team: 'helpingHand',
      organiserUnit: null,
      placeKey: 'org:complex:nanmen:南门小区',
      place: placeIn('chengguan', 'nanmen', 0, '南门小区'),
      address: '南门小区 1–3 号楼',
      description: '清理楼道堆物和绿化带垃圾，工具由社区提供。',
      format: 'service',
      status: 'published',
      createdBy: 'staff',
      shifts: [
        {
          start: chinaAt(-3, 8),
          end: chinaAt(-3, 10),
          seats: 6,
          taken: ['volunteer'],
          attended: { inAt: chinaAt(-3, 7, 52), outAt: chinaAt(-3, 10, 6), minutes: 120 },
        },
        { start: chinaAt(4, 8), end: chinaAt(4, 10), seats: 6 },
      ],
    },
    {
      key: 'alliance-meeting-nanmen',
      title: '城关街道党建联盟季度联席会',
      brand: 'other',
      categoryCode: 'other',
      team: null,
      organiserUnit: '县人民医院',
      placeKey: 'org:community:nanmen',
      place: placeIn('chengguan', 'nanmen'),
      address: '南门社区党群服务中心三楼会议室',
      description: '通报本季度结对共建情况，研究下季度联系服务群众事项。',
      format: 'meeting',
      status: 'published',
      createdBy: 'unitAdmin',
      shifts: [{ start: chinaAt(5, 15), end: chinaAt(5, 16, 30), seats: 20 }],
    },
    {
      key: 'clinic-nanmen-draft',
      title: '爱心义诊进社区·慢病随访',
      brand: 'freeClinic',
      categoryCode: 'freeClinic',
      team: 'elderAndChild',
      organiserUnit: '县人民医院',
      placeKey: 'org:community:nanmen',
      place: placeIn('chengguan', 'nanmen'),
      address: '南门社区党群服务中心一楼',
      description: '县人民医院医生为高血压、糖尿病老人随访测量，志愿者协助登记。',
      format: 'service',
      status: 'draft',
      createdBy: 'unitAdmin',
      shifts: [{ start: chinaAt(7, 9), end: chinaAt(7, 11, 30), seats: 3 }],
    },
    {
      key: 'study-xishan',
      title: '爱心助学行·西山四点半课堂',
      brand: 'studyAid',
      categoryCode: 'studyAid',
      team: 'culturePioneer',
      organiserUnit: '县实验小学',
      placeKey: 'org:community:xishan',
      place: placeIn('xincheng', 'xishan'),
      address: '西山社区四点半课堂',
      description: '县实验小学教师和大学生志愿者为双职工、困难家庭孩子辅导作业。',
      format: 'service',
      status: 'published',
      createdBy: 'staff2',
      shifts: [
        { start: chinaAt(1, 16, 30), end: chinaAt(1, 18), seats: 5 },
        { start: chinaAt(2, 16, 30), end: chinaAt(2, 18), seats: 5 },
      ],
    },
    {
      key: 'clean-xishan',
      title: '美丽家园创卫行·西山营小区环境整治',
      brand: 'cleanHome',
      categoryCode: 'sanitation',
      team: 'helpingHand',
      organiserUnit: null,
      placeKey: 'org:complex:xishan:西山营小区',
      place: placeIn('xincheng', 'xishan', 0, '西山营小区'),
      address: '西山营小区中心花园',
      description: '清理卫生死角、拆除违规晾晒，与城管部门联动清运大件垃圾。',
      format: 'service',
      status: 'published',
      createdBy: 'staff2',
      shifts: [{ start: chinaAt(2, 8, 30), end: chinaAt(2, 11), seats: 8 }],
    },
  ];
}

/**
 * Demo activities of the four brands in 南门社区 and 西山社区: a full shift with a waitlist, shifts
 * with free seats (among them seedId('activity:legal-aid-nanmen') tomorrow), a draft, a meeting,
 * and a past shift the demo volunteer attended with confirmed hours.
 */
export async function seedActivities(db: Db): Promise<void> {
  const activities: Partial<Activity>[] = [];
  const shifts: Partial<Shift>[] = [];
  const seats: Partial<Seat>[] = [];
  const times: Partial<PersonTime>[] = [];
  const waits: Partial<WaitlistEntry>[] = [];
  const marks: Partial<Attendance>[] = [];
  const records: Partial<ServiceRecord>[] = [];
  const now = new Date();

  for (const a of demoActivities()) {
    const activityId = seedId(`activity:${a.key}`);
    activities.push({
      _id: activityId,
      title: a.title,
      brand: a.brand,
      categoryCode: a.categoryCode,
      team: a.team,
      organiserUnitId: a.organiserUnit ? seedId(`unit:${a.organiserUnit}`) : null,
      placeId: seedId(a.placeKey),
      place: a.place,
      address: a.address,
      description: a.description,
      format: a.format,
      status: a.status,
      cancelReason: null,
      startsAt: new Date(Math.min(...a.shifts.map((s) => s.start.getTime()))),
      endsAt: new Date(Math.max(...a.shifts.map((s) => s.end.getTime()))),
      createdBy: user(a.createdBy),
      createdAt: now,
      updatedAt: now,
    });
    a.shifts.forEach((s, i) => {
      const shiftId = seedId(`shift:${a.key}:${i + 1}`);
      shifts.push({
        _id: shiftId,
        activityId,
        start: s.start,
        end: s.end,
        seats: s.seats,
        cutoffHours: 2,
        codeSecret: randomBytes(16).toString('hex'),
        createdAt: now,
      });
      (s.taken ?? []).forEach((account, n) => {
        const personId = user(account);
        seats.push({
          _id: seedId(`seat:${a.key}:${i + 1}:${n + 1}`),
          shiftId,
          seatNo: n + 1,
          personId,
          activityId,
          createdAt: now,
        });
        for (const bucketStart of quarterBuckets(s.start, s.end)) {
          times.push({ _id: seedId(`time:${account}:${bucketStart.toISOString()}`), personId, bucketStart, shiftId });
        }
      });
      (s.waiting ?? []).forEach((account, n) => {
        waits.push({
          _id: seedId(`wait:${a.key}:${i + 1}:${account}`),
          shiftId,
          personId: user(account),
          createdAt: new Date(now.getTime() + n),
        });
      });
      if (s.attended && s.taken?.length) {
        const personId = user(s.taken[0]);
        marks.push(
          { _id: seedId(`attendance:${a.key}:${i + 1}:in`), shiftId, personId, kind: 'checkIn', at: s.attended.inAt },
          {
            _id: seedId(`attendance:${a.key}:${i + 1}:out`),
            shiftId,
            personId,
            kind: 'checkOut',
            at: s.attended.outAt,
          },
        );
        records.push({
          _id: seedId(`service:${a.key}:${i + 1}:${s.taken[0]}`),
          shiftId,
          activityId,
          personId,
          communityId: a.place.communityId as Types.ObjectId,
          brand: a.brand,
          minutes: s.attended.minutes,
          checkInAt: s.attended.inAt,
          checkOutAt: s.attended.outAt,
          confirmedBy: user('staff'),
          confirmedAt: new Date(s.end.getTime() + HOUR),
        });
      }
    });
  }

  await insertNew(db.model(ActivityModel), activities);
  await insertNew(db.model(ShiftModel), shifts);
  await insertNew(db.model(SeatModel), seats);
  await insertNew(db.model(PersonTimeModel), times);
  await insertNew(db.model(WaitlistModel), waits);
  await insertNew(db.model(AttendanceModel), marks);
  await insertNew(db.model(ServiceRecordModel), records);
}
