import type { WhistleAction, WhistleCategory, WhistleTargetKind, WhistleType, WhistleUrgency } from '@gongzhi/shared';
import { seedId } from '../core/stable-id';
import type { Whistle } from './whistle.model';

/** The demo whistles as data (see whistles.seed.ts for how they are written). */

/**
 * An official of each department that answers here (the demo `department` account is 住建局's);
 * seeded with the whistles so every step names someone of the right department.
 */
export const OFFICIALS: Record<string, string> = {
  县城市管理局: '李明',
  县卫生健康局: '何静',
  县民政局: '唐军',
  县公安局交警大队: '黄涛',
};
const dept = (name: string) => ({ kind: 'department' as const, key: `department:${name}`, name });

export type Who = 'staff' | 'staff2' | 'gridWorker' | 'streetAdmin' | 'department' | 'partyMember' | 'countyAdmin';
/** A step of one target: action, minutes after the blow, who; result / reason / stars. */
export type Step = [WhistleAction, number, Who, { text?: string; stars?: number }?];

export interface DemoTarget {
  kind: WhistleTargetKind;
  key: string;
  name: string;
  steps: Step[];
  /** Escalation levels already reached (records written as done). */
  escalated?: number;
}

export interface DemoWhistle {
  key: string;
  type: WhistleType;
  urgency: WhistleUrgency;
  category: WhistleCategory;
  title: string;
  description: string;
  blownHoursAgo: number;
  blower: Who;
  origin: { kind: Whistle['origin']['kind']; key: string; name: string };
  place: { street: string; community?: string; grid?: string; complex?: string };
  placeLabel: string;
  subject?: Whistle['subject'];
  volunteerCall?: Whistle['volunteerCall'];
  targets: DemoTarget[];
}

export const ROLE: Record<Who, string> = {
  staff: 'staff',
  staff2: 'staff',
  gridWorker: 'gridWorker',
  streetAdmin: 'streetAdmin',
  department: 'department',
  partyMember: 'partyMember',
  countyAdmin: 'countyAdmin',
};

const NANMEN = { street: 'street:chengguan', community: 'community:nanmen' };
const NANMEN_ORIGIN = { kind: 'community' as const, key: 'community:nanmen', name: '南门社区' };
const GRID1_ORIGIN = { kind: 'grid' as const, key: 'grid:nanmen:0', name: '南门第一网格' };
const ZHUJIAN = dept('县住房和城乡建设局');
const CHENGGUAN = dept('县城市管理局');
const WEIJIAN = dept('县卫生健康局');
const MINZHENG = dept('县民政局');
const JIAOJING = dept('县公安局交警大队');
const STREET = { kind: 'street' as const, key: 'street:chengguan', name: '城关街道' };

export const WHISTLES: DemoWhistle[] = [
  {
    key: 'septic-overflow',
    type: 'govToDepartment',
    urgency: 'urgent',
    category: 'sanitation',
    title: '南门小区 2 号楼化粪池外溢',
    description: '化粪池堵塞外溢，污水流到单元门口，社区无法疏通，需住建部门派车抽排。',
    blownHoursAgo: 20 * 24,
    blower: 'staff',
    origin: NANMEN_ORIGIN,
    place: { ...NANMEN, grid: 'grid:nanmen:0', complex: 'complex:nanmen:南门小区' },
    placeLabel: '南门社区 南门小区',
    targets: [
      {
        ...ZHUJIAN,
        steps: [
          ['report', 35, 'department'],
          ['resolve', 300, 'department', { text: '已派吸污车抽排并疏通管道，化粪池恢复正常' }],
          ['confirm', 420, 'staff', { stars: 5, text: '响应很快，居民满意' }],
        ],
      },
    ],
  },
  {
    key: 'street-lamp',
    type: 'communityToStreet',
    urgency: 'normal',
    category: 'facilities',
    title: '南门小区主干道路灯成片不亮',
    description: '巡查发现小区主干道 6 盏路灯不亮已一周，夜间居民出行不便，产权不清社区协调不动。',
    blownHoursAgo: 18 * 24,
    blower: 'gridWorker',
    origin: GRID1_ORIGIN,
    place: { ...NANMEN, grid: 'grid:nanmen:0', complex: 'complex:nanmen:南门小区' },
    placeLabel: '南门社区 南门小区',
    targets: [
      {
        ...STREET,
        steps: [
          ['report', 180, 'streetAdmin'],
          ['resolve', 3 * 24 * 60, 'streetAdmin', { text: '街道协调供电公司更换灯具，6 盏路灯已恢复' }],
          ['confirm', 3 * 24 * 60 + 120, 'gridWorker', { stars: 4 }],
        ],
      },
    ],
  },
  {
    key: 'gas-leak-overdue',
    type: 'govToDepartment',
    urgency: 'emergency',
    category: 'security',
    title: '粮站家属院疑似燃气泄漏',
    description: '居民反映楼道有浓重燃气味，社区已疏散住户，需主管部门立即到场处置。',
    blownHoursAgo: 3,
    blower: 'staff',
    origin: NANMEN_ORIGIN,
    place: { ...NANMEN, grid: 'grid:nanmen:1', complex: 'complex:nanmen:粮站家属院' },
    placeLabel: '南门社区 粮站家属院',
    targets: [{ ...CHENGGUAN, steps: [], escalated: 1 }],
  },
  {
    key: 'lighting-project',
    type: 'projectToDepartment',
    urgency: 'normal',
    category: 'facilities',
    title: '楼道照明改造需要线路审批与占道许可',
    description: '“老旧小区楼道照明改造”项目施工前需要住建部门审批线路方案、城管部门批准临时占道。',
    blownHoursAgo: 30,
    blower: 'staff',
    origin: { kind: 'project', key: 'project', name: '老旧小区楼道照明改造' },
    place: { ...NANMEN },
    placeLabel: '南门社区',
    targets: [
      { ...ZHUJIAN, steps: [['report', 240, 'department']] },
      { ...CHENGGUAN, steps: [] },
    ],
  },
  {
    key: 'party-cleanup',
    type: 'communityToPartyMembers',
    urgency: 'urgent',
    category: 'sanitation',
    title: '暴雨后南门小区积水清淤',
    description: '暴雨后小区低洼处积水、淤泥较多，召集在职党员周末参加清淤。',
    blownHoursAgo: 26,
    blower: 'staff',
    origin: NANMEN_ORIGIN,
    place: { ...NANMEN },
    placeLabel: '南门社区',
    volunteerCall: { activityId: seedId('activity:clean-nanmen'), shiftId: null },
    targets: [
      {
        kind: 'partyMembers',
        key: 'community:nanmen',
        name: '南门社区在职党员',
        steps: [
          ['report', 50, 'partyMember'],
          ['resolve', 20 * 60, 'partyMember', { text: '12 名在职党员参加清淤，积水已排净' }],
        ],
      },
    ],
  },
  {
    key: 'clinic-sendback',
    type: 'govToDepartment',
    urgency: 'normal',
    category: 'livelihood',
    title: '西山营小区独居老人慢病随访',
    description: '社区摸排出 15 位独居慢病老人长期未随访，需卫健部门安排家庭医生上门。',
    blownHoursAgo: 12 * 24,
    blower: 'staff2',
    origin: { kind: 'community', key: 'community:xishan', name: '西山社区' },
    place: { street: 'street:xincheng', community: 'community:xishan' },
    placeLabel: '西山社区',
    targets: [
      {
        ...WEIJIAN,
        steps: [
          ['report', 8 * 60, 'department'],
          ['resolve', 3 * 24 * 60, 'department', { text: '家庭医生已电话随访' }],
          ['sendBack', 3 * 24 * 60 + 60, 'staff2', { text: '老人需要上门测血压，电话随访不够' }],
          ['resolve', 6 * 24 * 60, 'department', { text: '家庭医生已逐户上门随访并建档' }],
          ['confirm', 6 * 24 * 60 + 90, 'staff2', { stars: 3, text: '拖得有点久' }],
        ],
      },
    ],
  },
  {
    key: 'street-traffic',
    type: 'govToDepartment',
    urgency: 'urgent',
    category: 'cityManagement',
    title: '城关街道学校门口早高峰拥堵',
    description: '县一中门口早高峰车辆乱停，学生过马路危险，需交警和城管联合整治。',
    blownHoursAgo: 9 * 24,
    blower: 'streetAdmin',
    origin: { kind: 'street', key: 'street:chengguan', name: '城关街道' },
    place: { street: 'street:chengguan' },
    placeLabel: '城关街道',
    targets: [
      {
        ...JIAOJING,
        steps: [
          ['report', 200, 'department'], // late (urgent: 2 h), and not resolved within 24 h either
        ],
      },
      {
        ...CHENGGUAN,
        steps: [
          ['report', 90, 'department'],
          ['resolve', 20 * 60, 'department', { text: '清理门口占道摊点，施划禁停标线' }],
          ['confirm', 22 * 60, 'streetAdmin', { stars: 5 }],
        ],
      },
    ],
  },
  {
    key: 'elder-subsidy',
    type: 'govToDepartment',
    urgency: 'normal',
    category: 'livelihood',
    title: '高龄津贴迟发核查',
    description: '多位 80 岁以上老人反映本季度高龄津贴未到账，需民政部门核查。',
    blownHoursAgo: 6 * 24,
    blower: 'gridWorker',
    origin: GRID1_ORIGIN,
    place: { ...NANMEN, grid: 'grid:nanmen:0' },
    placeLabel: '南门社区 南门第一网格',
    targets: [
      {
        ...MINZHENG,
        steps: [
          ['report', 600, 'department'],
          ['resolve', 2 * 24 * 60, 'department', { text: '系统批量发放延迟，已补发到账' }],
          ['confirm', 2 * 24 * 60 + 30, 'gridWorker', { stars: 4 }],
        ],
      },
    ],
  },
  {
    key: 'pipe-burst-new',
    type: 'govToDepartment',
    urgency: 'urgent',
    category: 'facilities',
    title: '锦绣华庭供水管爆裂',
    description: '小区主供水管爆裂，3 栋楼停水，物业无法修复。',
    blownHoursAgo: 0.5,
    blower: 'staff',
    origin: NANMEN_ORIGIN,
    place: { ...NANMEN, grid: 'grid:nanmen:2', complex: 'complex:nanmen:锦绣华庭' },
    placeLabel: '南门社区 锦绣华庭',
    targets: [{ ...ZHUJIAN, steps: [] }],
  },
];
