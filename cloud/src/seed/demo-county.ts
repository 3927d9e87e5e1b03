import type { Role } from '@gongzhi/shared';

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
