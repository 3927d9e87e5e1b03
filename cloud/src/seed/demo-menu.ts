import type { MenuCategoryCode, MenuField, ResourceKind } from '@gongzhi/shared';

// The demo county's service menu (服务菜单), as data: the seed report's categories.

export interface DemoMenuItem {
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
