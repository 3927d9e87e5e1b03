import type { MenuCategoryCode, MenuField, ResourceKind, Role } from '@gongzhi/shared';

/**
 * The demo county, shaped like the seed report: 2 streets, urban and mixed (村改居) communities
 * with grids, old and new complexes, a dozen resident units, the county departments that answer
 * whistles, a service menu with the report's categories, and one account for every role.
 */
export interface DemoComplex {
  name: string;
  old: boolean;
  hasProperty: boolean;
  buildings: number;
}
export interface DemoCommunity {
  key: string;
  name: string;
  /** Where its office is (GCJ-02): residents joining see the nearest first. */
  location: { lng: number; lat: number };
  /** The office's phone and hours, told to residents when an order is late or refused. */
  phone: string;
  officeHours: string;
  grids: { name: string; complexes: DemoComplex[] }[];
}

export const COUNTY_NAME = '示范县';

export const STREETS: { key: string; name: string; communities: DemoCommunity[] }[] = [
  {
    key: 'chengguan',
    name: '城关街道',
    communities: [
      {
        key: 'nanmen',
        name: '南门社区',
        location: { lng: 104.0652, lat: 30.6402 },
        phone: '028-84561201',
        officeHours: '工作日 8:30–17:30',
        grids: [
          { name: '南门第一网格', complexes: [{ name: '南门小区', old: true, hasProperty: false, buildings: 3 }] },
          { name: '南门第二网格', complexes: [{ name: '粮站家属院', old: true, hasProperty: false, buildings: 2 }] },
          { name: '南门第三网格', complexes: [{ name: '锦绣华庭', old: false, hasProperty: true, buildings: 4 }] },
        ],
      },
      {
        key: 'beijie',
        name: '北街社区',
        location: { lng: 104.0668, lat: 30.6625 },
        phone: '028-84561202',
        officeHours: '工作日 8:30–17:30',
        grids: [
          { name: '北街第一网格', complexes: [{ name: '北街老街坊', old: true, hasProperty: false, buildings: 2 }] },
          { name: '北街第二网格', complexes: [{ name: '阳光嘉园', old: false, hasProperty: true, buildings: 3 }] },
        ],
      },
      {
        key: 'tuqiao',
        name: '土桥社区',
        location: { lng: 104.0401, lat: 30.6513 },
        phone: '028-84561203',
        officeHours: '工作日 8:30–17:30',
        grids: [
          { name: '土桥第一网格', complexes: [{ name: '土桥安置小区', old: false, hasProperty: false, buildings: 3 }] },
          { name: '土桥第二网格', complexes: [{ name: '土桥老村片区', old: true, hasProperty: false, buildings: 2 }] },
        ],
      },
    ],
  },
  {
    key: 'xincheng',
    name: '新城街道',
    communities: [
      {
        key: 'xishan',
        name: '西山社区',
        location: { lng: 104.0203, lat: 30.6712 },
        phone: '028-84562101',
        officeHours: '工作日 8:30–17:30',
        grids: [
          { name: '西山第一网格', complexes: [{ name: '西山营小区', old: true, hasProperty: false, buildings: 3 }] },
          { name: '西山第二网格', complexes: [{ name: '供销社宿舍', old: true, hasProperty: true, buildings: 2 }] },
        ],
      },
      {
        key: 'xinyuan',
        name: '新苑社区',
        location: { lng: 104.0915, lat: 30.6808 },
        phone: '028-84562102',
        officeHours: '工作日 8:30–17:30',
        grids: [
          { name: '新苑第一网格', complexes: [{ name: '新城一品', old: false, hasProperty: true, buildings: 4 }] },
          { name: '新苑第二网格', complexes: [{ name: '滨河湾', old: false, hasProperty: true, buildings: 3 }] },
        ],
      },
      {
        key: 'qichun',
        name: '起春社区',
        location: { lng: 104.112, lat: 30.7003 },
        phone: '028-84562103',
        officeHours: '工作日 8:30–17:30',
        grids: [
          { name: '起春第一网格', complexes: [{ name: '起春新村', old: false, hasProperty: false, buildings: 2 }] },
        ],
      },
    ],
  },
];

export const DEPARTMENTS = [
  '县住房和城乡建设局',
  '县城市管理局',
  '县卫生健康局',
  '县民政局',
  '县司法局',
  '县公安局交警大队',
];

export const UNITS: { name: string; kind: string; street: string }[] = [
  { name: '县人民医院', kind: '医疗卫生', street: 'chengguan' },
  { name: '县第一中学', kind: '教育', street: 'chengguan' },
  { name: '县实验小学', kind: '教育', street: 'xincheng' },
  { name: '县司法局', kind: '机关', street: 'chengguan' },
  { name: '县税务局', kind: '机关', street: 'xincheng' },
  { name: '县供电公司', kind: '国有企业', street: 'xincheng' },
  { name: '县农商银行', kind: '金融', street: 'chengguan' },
  { name: '县图书馆', kind: '文化', street: 'chengguan' },
  { name: '县文化馆', kind: '文化', street: 'xincheng' },
  { name: '城关派出所', kind: '政法', street: 'chengguan' },
  { name: '县市场监督管理局', kind: '机关', street: 'xincheng' },
  { name: '县自来水公司', kind: '国有企业', street: 'xincheng' },
];

interface DemoMenuItem {
  key: string;
  category: MenuCategoryCode;
  name: string;
  summary: string;
  description: string;
  resourceKinds: ResourceKind[];
  acceptHours: number;
  completeHours: number;
  fields?: MenuField[];
  /** A community's own item; county default when absent. */
  community?: string;
}

const preferredTime: MenuField = {
  code: 'preferredTime',
  label: '希望上门时间',
  type: 'datetime',
  required: false,
  order: 9,
  help: '不填则由社区与您电话约定',
};

export const MENU: DemoMenuItem[] = [
  {
    key: 'legal-consult',
    category: 'legalAid',
    name: '法律咨询',
    summary: '驻区单位律师一对一解答婚姻家庭、劳动纠纷、房产等问题',
    description:
      '由县司法局和驻区单位的律师、法律工作者提供免费咨询。可线下到社区党群服务中心面谈，也可预约电话咨询。涉及诉讼的，可协助申请法律援助。',
    resourceKinds: ['lawyer'],
    acceptHours: 24,
    completeHours: 72,
    fields: [
      {
        code: 'topic',
        label: '咨询事项',
        type: 'singleChoice',
        required: true,
        order: 1,
        options: [
          { key: 'family', label: '婚姻家庭' },
          { key: 'labour', label: '劳动纠纷' },
          { key: 'housing', label: '房产物业' },
          { key: 'other', label: '其他' },
        ],
      },
      {
        code: 'way',
        label: '咨询方式',
        type: 'singleChoice',
        required: true,
        order: 2,
        options: [
          { key: 'visit', label: '到社区面谈' },
          { key: 'phone', label: '电话咨询' },
        ],
      },
    ],
  },
  {
    key: 'legal-aid-apply',
    category: 'legalAid',
    name: '法律援助申请协助',
    summary: '经济困难群众申请法律援助，社区帮您准备材料',
    description:
      '符合条件的经济困难群众、老年人、残疾人等可申请法律援助。社区工作人员协助准备材料，并转交县法律援助中心。',
    resourceKinds: ['lawyer', 'volunteer'],
    acceptHours: 24,
    completeHours: 168,
  },
  {
    key: 'elder-visit',
    category: 'elderCare',
    name: '独居老人上门探访',
    summary: '志愿者定期上门陪伴聊天、帮忙购物、检查水电安全',
    description: '为独居、空巢老人提供定期上门探访服务，包括陪伴聊天、代购生活用品、检查家中水电燃气安全等。',
    resourceKinds: ['volunteer'],
    acceptHours: 12,
    completeHours: 72,
    fields: [
      {
        code: 'frequency',
        label: '探访频次',
        type: 'singleChoice',
        required: true,
        order: 1,
        options: [
          { key: 'weekly', label: '每周一次' },
          { key: 'biweekly', label: '每两周一次' },
          { key: 'once', label: '仅本次' },
        ],
      },
      preferredTime,
    ],
  },
  {
    key: 'elder-meal',
    category: 'elderCare',
    name: '老年助餐',
    summary: '行动不便的老人可预约社区食堂送餐上门',
    description: '社区长者食堂为 70 岁以上行动不便的老人提供送餐上门服务，费用按县民政局标准执行。',
    resourceKinds: ['volunteer', 'venue'],
    acceptHours: 12,
    completeHours: 48,
    community: 'nanmen',
  },
  {
    key: 'study-tutor',
    category: 'studyAid',
    name: '课业辅导',
    summary: '驻区学校教师和大学生志愿者为困难家庭孩子辅导功课',
    description:
      '“爱心助学行”品牌项目：由县第一中学、县实验小学教师和大学生志愿者，在社区四点半课堂为困难家庭、留守儿童辅导作业。',
    resourceKinds: ['teacher', 'volunteer'],
    acceptHours: 24,
    completeHours: 168,
    fields: [
      { code: 'grade', label: '孩子年级', type: 'string', required: true, order: 1, help: '例如：小学四年级' },
      {
        code: 'subjects',
        label: '需要辅导的科目',
        type: 'multiChoice',
        required: true,
        order: 2,
        options: [
          { key: 'chinese', label: '语文' },
          { key: 'math', label: '数学' },
          { key: 'english', label: '英语' },
        ],
      },
    ],
  },
  {
    key: 'clinic-checkup',
    category: 'freeClinic',
    name: '义诊与健康检查',
    summary: '县人民医院每月进社区义诊，量血压、测血糖、健康咨询',
    description:
      '县人民医院每月第二个周六上午在社区党群服务中心开展义诊，提供血压血糖测量、慢病用药咨询、健康讲座。行动不便的可预约上门。',
    resourceKinds: ['doctor', 'venue'],
    acceptHours: 24,
    completeHours: 240,
    fields: [{ code: 'age', label: '年龄', type: 'number', required: false, order: 1 }, preferredTime],
  },
  {
    key: 'repair-appliance',
    category: 'applianceRepair',
    name: '家电维修',
    summary: '志愿者上门修理电视、洗衣机、电饭煲等小家电',
    description: '“搭把手”志愿服务队上门维修常见家用电器，人工免费，需更换零件的按成本价收取。',
    resourceKinds: ['volunteer', 'talent'],
    acceptHours: 24,
    completeHours: 96,
    fields: [
      { code: 'appliance', label: '电器类型', type: 'string', required: true, order: 1, help: '例如：洗衣机不脱水' },
      preferredTime,
    ],
  },
  {
    key: 'repair-circuit',
    category: 'applianceRepair',
    name: '老旧线路检查',
    summary: '供电公司党员服务队检查老旧小区室内线路安全',
    description: '县供电公司党员服务队为老旧小区住户免费检查室内线路、插座和漏电保护，消除用电隐患。',
    resourceKinds: ['talent', 'volunteer'],
    acceptHours: 24,
    completeHours: 120,
    community: 'xishan',
  },
  {
    key: 'sanitation-cleanup',
    category: 'sanitation',
    name: '楼道与公共区域清理',
    summary: '堆放杂物、卫生死角，“美丽家园创卫行”志愿者来清理',
    description:
      '针对老旧小区楼道堆物、绿化带垃圾、卫生死角，组织“美丽家园创卫行”志愿者集中清理，必要时联系城管部门清运。',
    resourceKinds: ['volunteer', 'equipment'],
    acceptHours: 12,
    completeHours: 72,
    fields: [
      { code: 'place', label: '具体位置', type: 'string', required: true, order: 1, help: '例如：3 号楼 2 单元楼道' },
    ],
  },
  {
    key: 'culture-room',
    category: 'culture',
    name: '活动室借用',
    summary: '社区活动室可预约，用于排练、培训、议事',
    description: '社区党群服务中心活动室面向居民和社会组织开放，可用于文艺排练、技能培训、居民议事等公益活动。',
    resourceKinds: ['venue'],
    acceptHours: 24,
    completeHours: 48,
  },
  {
    key: 'culture-show',
    category: 'culture',
    name: '文艺演出进小区',
    summary: '“文化先锋”志愿队为小区居民送演出',
    description: '县文化馆和“文化先锋”志愿服务队到小区开展文艺演出、书法写春联等活动。',
    resourceKinds: ['volunteer', 'venue'],
    acceptHours: 48,
    completeHours: 336,
  },
  {
    key: 'other',
    category: 'other',
    name: '其他需求',
    summary: '菜单里没有的事，写下来，社区帮您想办法',
    description: '菜单中没有列出的需求，请详细描述，社区工作人员会在受理时限内与您联系。',
    resourceKinds: [],
    acceptHours: 24,
    completeHours: 168,
  },
];

export interface DemoAccountDef {
  account: string;
  name: string;
  role: Role;
  phone: string;
  /** Where the account sits: a community key + grid index, a street key, a department, or the county. */
  place:
    | { community: string; grid?: number }
    | { street: string }
    | { department: string }
    | { county: true }
    | { unit: string };
  /** Duties beyond the role, e.g. 党务 (partyWork) for the staff who keep the party rosters. */
  duties?: string[];
  /** Service people: the key of the unit's person resource they serve as (resources.seed). */
  resource?: string;
}

export const ACCOUNTS: DemoAccountDef[] = [
  {
    account: 'resident',
    name: '张秀兰',
    role: 'resident',
    phone: '13812340001',
    place: { community: 'nanmen', grid: 0 },
  },
  {
    account: 'resident2',
    name: '李大海',
    role: 'resident',
    phone: '13812340002',
    place: { community: 'nanmen', grid: 2 },
  },
  {
    account: 'volunteer',
    name: '王志强',
    role: 'volunteer',
    phone: '13812340003',
    place: { community: 'nanmen', grid: 1 },
  },
  {
    account: 'partyMember',
    name: '刘建国',
    role: 'partyMember',
    phone: '13812340004',
    place: { community: 'nanmen', grid: 0 },
  },
  {
    account: 'gridWorker',
    name: '赵敏',
    role: 'gridWorker',
    phone: '13812340005',
    place: { community: 'nanmen', grid: 0 },
  },
  {
    account: 'staff',
    name: '陈静',
    role: 'staff',
    phone: '13812340006',
    place: { community: 'nanmen' },
    duties: ['partyWork'],
  },
  { account: 'staff2', name: '孙丽', role: 'staff', phone: '13812340007', place: { community: 'xishan' } },
  {
    account: 'streetAdmin',
    name: '周洋',
    role: 'streetAdmin',
    phone: '13812340008',
    place: { street: 'chengguan' },
    duties: ['partyWork'],
  },
  {
    account: 'department',
    name: '吴伟',
    role: 'department',
    phone: '13812340009',
    place: { department: '县住房和城乡建设局' },
  },
  { account: 'unitAdmin', name: '郑芳', role: 'unitAdmin', phone: '13812340010', place: { unit: '县人民医院' } },
  {
    account: 'servicePerson',
    name: '刘明',
    role: 'servicePerson',
    phone: '13900002001',
    place: { unit: '县司法局' },
    resource: 'justice-lawyer-liu',
  },
  {
    account: 'countyAdmin',
    name: '冯刚',
    role: 'countyAdmin',
    phone: '13812340011',
    place: { county: true },
    duties: ['partyWork'],
  },
];
