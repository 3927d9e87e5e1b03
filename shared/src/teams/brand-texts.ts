import type { BrandCode } from '../activities/brands';

/** What each service brand (服务品牌) is about, as a resident reads it on the brand page. */
export const BRAND_DESCRIPTIONS: Record<BrandCode, string> = {
  studyAid: '驻区学校教师和党员志愿者结对辅导，为困难家庭、留守儿童提供课业辅导和成长陪伴。',
  trafficGuide: '在上下学、早晚高峰的路口劝导文明出行，守护老人和孩子过马路。',
  legalAid: '律师、法律工作者定期进社区坐诊，解答婚姻家庭、劳动纠纷、邻里矛盾等法律问题。',
  cleanHome: '清理楼道杂物、卫生死角和小广告，共建整洁美丽的家园。',
  elderCare: '为独居、高龄老人上门探访、代购代办、陪同就医，让老人老有所依。',
  freeClinic: '驻区医院医生进社区义诊，量血压、测血糖、健康咨询一站办好。',
  culture: '文艺演出、书画培训、读书分享进小区，丰富居民精神文化生活。',
  other: '其他由社区和志愿队组织的志愿服务。',
};
