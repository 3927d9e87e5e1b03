import type { BookingAction, OpeningRange, Role } from '@gongzhi/shared';
import type { Place } from '../core/place';
import { seedId } from '../core/stable-id';
import type { Resource } from './resource.model';

// The demo resources and bookings as data (resources.seed.ts writes them).

const place = (street: string, community: string, grid?: number): Place => ({
  streetId: seedId(`org:street:${street}`),
  communityId: seedId(`org:community:${community}`),
  gridId: grid === undefined ? null : seedId(`org:grid:${community}:${grid}`),
  complexId: null,
  buildingId: null,
});
const days = (weekdays: number[], open: string, close: string): OpeningRange[] =>
  weekdays.map((weekday) => ({ weekday, open, close }));
const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7];
const WORKDAYS = [1, 2, 3, 4, 5];
const unit = (name: string) => seedId(`unit:${name}`);

export type DemoResource = Omit<
  Resource,
  | '_id'
  | 'createdAt'
  | 'updatedAt'
  | 'createdBy'
  | 'active'
  | 'skills'
  | 'bookable'
  | 'slotMinutes'
  | 'capacity'
  | 'description'
> & {
  key: string;
  description?: string;
  skills?: string[];
  slotMinutes?: number;
  capacity?: string;
};

/** The demo resources list: people of the units, venues and equipment of the community and the units. */
export const DEMO_RESOURCES: DemoResource[] = [
  {
    key: 'nanmen-activity-room',
    unitId: null,
    place: place('chengguan', 'nanmen'),
    kind: 'venue',
    name: '南门社区党群服务中心活动室',
    description: '二楼活动室，可容纳 40 人，有投影、音箱和折叠桌椅。用于文艺排练、技能培训、居民议事等公益活动。',
    categoryCodes: ['culture', 'other'],
    hours: days(EVERY_DAY, '08:30', '21:00'),
    slotMinutes: 60,
    capacity: '40 人',
    contact: { name: '陈静', phone: '0851-88881234' },
  },
  {
    key: 'nanmen-sound-system',
    unitId: null,
    place: place('chengguan', 'nanmen'),
    kind: 'equipment',
    name: '音响设备',
    description: '便携音箱 2 只、无线话筒 4 支、调音台 1 台，社区活动和小区演出可借用，到党群服务中心领取。',
    categoryCodes: ['culture'],
    hours: days(EVERY_DAY, '08:30', '21:00'),
    slotMinutes: 120,
    capacity: '音箱 2 只、话筒 4 支',
    contact: { name: '陈静', phone: '0851-88881234' },
  },
  {
    key: 'library-hall',
    unitId: unit('县图书馆'),
    place: place('chengguan', 'beijie'),
    kind: 'venue',
    name: '县图书馆报告厅',
    description: '县图书馆一楼报告厅，120 座，有音响和投影，适合讲座、读书会和居民大会。',
    categoryCodes: ['culture', 'studyAid'],
    hours: [...days([2, 3, 4, 5, 6, 7], '09:00', '12:00'), ...days([2, 3, 4, 5, 6, 7], '14:00', '18:00')],
    slotMinutes: 60,
    capacity: '120 座',
    contact: { name: '图书馆办公室', phone: '0851-88885678' },
  },
  {
    key: 'hospital-health-room',
    unitId: unit('县人民医院'),
    place: place('chengguan', 'nanmen'),
    kind: 'venue',
    name: '县人民医院健康教育室',
    description: '门诊楼三楼，可做健康讲座和慢病患者小组活动，有血压计和体重秤。',
    categoryCodes: ['freeClinic', 'elderCare'],
    hours: [...days(WORKDAYS, '08:30', '12:00'), ...days(WORKDAYS, '14:30', '17:30')],
    slotMinutes: 60,
    capacity: '30 人',
    contact: { name: '郑芳', phone: '13812340010' },
  },
  {
    key: 'hospital-doctor-wang',
    unitId: unit('县人民医院'),
    place: place('chengguan', 'nanmen'),
    kind: 'doctor',
    name: '王建华（全科主治医师）',
    description: '县人民医院全科医生，每月第二个周六到南门社区义诊，可上门为行动不便的老人做慢病随访。',
    categoryCodes: ['freeClinic', 'elderCare'],
    skills: ['全科', '高血压', '糖尿病', '慢病随访'],
    hours: days([6], '08:30', '12:00'),
    contact: { name: '王建华', phone: '13900001001' },
  },
  {
    key: 'hospital-doctor-li',
    unitId: unit('县人民医院'),
    place: place('chengguan', 'beijie'),
    kind: 'doctor',
    name: '李晓梅（儿科医师）',
    description: '儿科医生，可做儿童保健讲座和预防接种咨询。',
    categoryCodes: ['freeClinic'],
    skills: ['儿科', '儿童保健'],
    hours: days([3], '14:30', '17:30'),
    contact: { name: '李晓梅', phone: '13900001002' },
  },
  {
    key: 'justice-lawyer-liu',
    unitId: unit('县司法局'),
    place: place('chengguan', 'nanmen'),
    kind: 'lawyer',
    name: '刘明（法律援助律师）',
    description: '县法律援助中心律师，每周三下午在南门社区坐班，擅长婚姻家庭和劳动争议。',
    categoryCodes: ['legalAid'],
    skills: ['婚姻家庭', '劳动争议', '法律援助申请'],
    hours: days([3], '14:30', '17:30'),
    contact: { name: '刘明', phone: '13900002001' },
  },
  {
    key: 'justice-lawyer-he',
    unitId: unit('县司法局'),
    place: place('chengguan', 'tuqiao'),
    kind: 'lawyer',
    name: '何静（人民调解员）',
    description: '县司法局人民调解员，调解邻里纠纷、物业纠纷，征地拆迁政策解答。',
    categoryCodes: ['legalAid'],
    skills: ['人民调解', '物业纠纷', '房产纠纷'],
    hours: days([2, 4], '09:00', '12:00'),
    contact: { name: '何静', phone: '13900002002' },
  },
  {
    key: 'school-teacher-zhou',
    unitId: unit('县第一中学'),
    place: place('chengguan', 'nanmen'),
    kind: 'teacher',
    name: '周磊（数学教师）',
    description: '县第一中学数学教师，“爱心助学行”志愿者，在社区四点半课堂辅导初中数学。',
    categoryCodes: ['studyAid'],
    skills: ['初中数学', '高中数学'],
    hours: days(WORKDAYS, '16:30', '18:30'),
    contact: { name: '周磊', phone: '13900003001' },
  },
  {
    key: 'school-teacher-wu',
    unitId: unit('县第一中学'),
    place: place('chengguan', 'beijie'),
    kind: 'teacher',
    name: '吴倩（英语教师）',
    description: '县第一中学英语教师，周末可为困难家庭孩子辅导英语。',
    categoryCodes: ['studyAid'],
    skills: ['初中英语', '英语口语'],
    hours: days([6, 7], '09:00', '11:30'),
    contact: { name: '吴倩', phone: '13900003002' },
  },
  {
    key: 'bank-fund',
    unitId: unit('县农商银行'),
    place: place('chengguan', 'nanmen'),
    kind: 'fund',
    name: '农商银行“微心愿”公益金',
    description: '每年 5 万元，用于困难群众微心愿和社区小型公益项目，由社区申报、银行党支部审核。',
    categoryCodes: ['elderCare', 'studyAid', 'other'],
    hours: [],
    contact: { name: '县农商银行党建办', phone: '0851-88886666' },
  },
  {
    key: 'power-electrician',
    unitId: unit('县供电公司'),
    place: place('xincheng', 'xishan'),
    kind: 'talent',
    name: '供电公司党员服务队（电工）',
    description: '县供电公司党员服务队，免费检查老旧小区室内线路、插座和漏电保护。',
    categoryCodes: ['applianceRepair'],
    skills: ['线路检查', '漏电保护', '小家电维修'],
    hours: days([6], '09:00', '17:00'),
    contact: { name: '赵师傅', phone: '13900004001' },
  },
  {
    key: 'xishan-meeting-room',
    unitId: null,
    place: place('xincheng', 'xishan'),
    kind: 'venue',
    name: '西山社区议事室',
    description: '西山社区居民议事会、协商会使用，可容纳 20 人。',
    categoryCodes: ['other'],
    hours: days(WORKDAYS, '09:00', '17:30'),
    slotMinutes: 30,
    capacity: '20 人',
    contact: { name: '孙丽', phone: '0851-88887777' },
  },
  {
    key: 'primary-teacher-ma',
    unitId: unit('县实验小学'),
    place: place('xincheng', 'xinyuan'),
    kind: 'teacher',
    name: '马丽（小学语文教师）',
    description: '县实验小学语文教师，可辅导小学阅读和作文。',
    categoryCodes: ['studyAid'],
    skills: ['小学语文', '阅读', '作文'],
    hours: days([1, 3, 5], '16:30', '18:00'),
    contact: { name: '马丽', phone: '13900005001' },
  },
];

export interface DemoBooking {
  key: string;
  resource: string;
  booker: string;
  /** Days after today (Asia/Shanghai); moved on to the next day the resource is open. */
  inDays: number;
  at: string;
  slots: number;
  purpose: string;
  attendees: number;
  /** Events after creation: action, who (demo account), note. */
  then: { action: Exclude<BookingAction, 'create'>; by: string; role: Role; note: string | null }[];
}

/** Bookings in every status. The approved one holds tomorrow 19:00 in the activity room, so another resident sees it taken. */
export const DEMO_BOOKINGS: DemoBooking[] = [
  {
    key: 'approved-room',
    resource: 'nanmen-activity-room',
    booker: 'resident',
    inDays: 1,
    at: '19:00',
    slots: 1,
    purpose: '南门小区广场舞队排练',
    attendees: 18,
    then: [{ action: 'approve', by: 'staff', role: 'staff', note: '请到一楼服务台登记领钥匙' }],
  },
  {
    key: 'pending-room',
    resource: 'nanmen-activity-room',
    booker: 'resident2',
    inDays: 2,
    at: '09:00',
    slots: 2,
    purpose: '锦绣华庭业主议事会',
    attendees: 25,
    then: [],
  },
  {
    key: 'rejected-sound',
    resource: 'nanmen-sound-system',
    booker: 'resident',
    inDays: 1,
    at: '15:00',
    slots: 1,
    purpose: '小区重阳节文艺演出',
    attendees: 60,
    then: [{ action: 'reject', by: 'staff', role: 'staff', note: '当天音响已借给社区重阳节活动，可改借次日' }],
  },
  {
    key: 'cancelled-hall',
    resource: 'library-hall',
    booker: 'resident2',
    inDays: 2,
    at: '10:00',
    slots: 1,
    purpose: '老年大学书法讲座',
    attendees: 80,
    then: [{ action: 'cancel', by: 'resident2', role: 'resident', note: '讲座老师临时有事，改期' }],
  },
  {
    key: 'pending-health-room',
    resource: 'hospital-health-room',
    booker: 'resident',
    inDays: 1,
    at: '15:30',
    slots: 1,
    purpose: '糖尿病患者互助小组活动',
    attendees: 12,
    then: [],
  },
];

/** Person resources who accepted their unit's invitation: resource key → demo account (seed-demo grants the post). */
export const PEOPLE_WITH_ACCOUNTS: Record<string, string> = { 'justice-lawyer-liu': 'servicePerson' };
