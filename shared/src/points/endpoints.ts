import { endpoint } from '../endpoint';
import {
  BRANCH_RANKING_VIEWERS,
  branchMembersRanking,
  branchMembersRankingQuery,
  branchRanking,
  branchRankingParams,
  branchRankingQuery,
  POINTS_HOLDERS,
  RANKING_VIEWERS,
  SHOP_KEEPERS,
  createShopItemBody,
  handOverBody,
  myPoints,
  pointsLedger,
  pointsLedgerQuery,
  pointsRanking,
  pointsRankingQuery,
  pointsRule,
  pointsRuleBody,
  pointsRuleParams,
  pointsRules,
  redeemBody,
  redemption,
  redemptionList,
  redemptionParams,
  redemptionsQuery,
  shopItem,
  shopItemList,
  shopItemParams,
  shopItemsQuery,
  updateShopItemBody,
} from './schemas';

// Points (积分) and the community 积分超市. Only endpoints are exported from this file.
const tag = 'points';

export const getMyPoints = endpoint({
  id: 'getMyPoints',
  method: 'get',
  path: '/api/v1/me/points',
  summary: '我的积分：余额、本年获得积分，以及各类别本年积分与期望、上限',
  tag,
  access: POINTS_HOLDERS,
  response: myPoints,
});

export const listMyPointsEntries = endpoint({
  id: 'listMyPointsEntries',
  method: 'get',
  path: '/api/v1/me/points/entries',
  summary: '积分明细（只增不改的流水，新的在前）',
  tag,
  access: POINTS_HOLDERS,
  query: pointsLedgerQuery,
  response: pointsLedger,
});

export const listPointsRules = endpoint({
  id: 'listPointsRules',
  method: 'get',
  path: '/api/v1/points/rules',
  summary: '积分规则：各类事项每次（每小时）积分、年度期望与年度上限',
  tag,
  access: 'signedIn',
  response: pointsRules,
});

export const updatePointsRule = endpoint({
  id: 'updatePointsRule',
  method: 'put',
  path: '/api/v1/points/rules/:kind',
  summary: '修改一类事项的积分规则（县级管理员）；只影响今后获得的积分',
  tag,
  access: ['countyAdmin'],
  params: pointsRuleParams,
  body: pointsRuleBody,
  response: pointsRule,
  example: { points: 12, yearlyExpectation: 200, yearlyCap: 1200 },
});

export const getPointsRanking = endpoint({
  id: 'getPointsRanking',
  method: 'get',
  path: '/api/v1/points/ranking',
  summary: '积分排行：按年度，社区内个人排行或辖区内社区排行（只计获得的积分）',
  tag,
  access: RANKING_VIEWERS,
  query: pointsRankingQuery,
  response: pointsRanking,
});

export const getBranchRanking = endpoint({
  id: 'getBranchRanking',
  method: 'get',
  path: '/api/v1/points/ranking/branches',
  summary: '支部排名：各党支部已关联账号党员的本年积分合计、人均与人数（党务人员看辖区各支部，党员只看本支部）',
  tag,
  access: BRANCH_RANKING_VIEWERS,
  query: branchRankingQuery,
  response: branchRanking,
});

export const getBranchMembersRanking = endpoint({
  id: 'getBranchMembersRanking',
  method: 'get',
  path: '/api/v1/points/ranking/branches/:id',
  summary: '支部内党员积分排行（党员只能看本支部，他人姓名脱敏）',
  tag,
  access: BRANCH_RANKING_VIEWERS,
  params: branchRankingParams,
  query: branchMembersRankingQuery,
  response: branchMembersRanking,
});

export const listShopItems = endpoint({
  id: 'listShopItems',
  method: 'get',
  path: '/api/v1/shop/items',
  summary: '积分超市商品（默认本社区）：兑换积分与剩余库存',
  tag,
  access: 'signedIn',
  query: shopItemsQuery,
  response: shopItemList,
});

export const createShopItem = endpoint({
  id: 'createShopItem',
  method: 'post',
  path: '/api/v1/shop/items',
  summary: '上架积分超市商品（社区工作者）',
  tag,
  access: SHOP_KEEPERS,
  body: createShopItemBody,
  response: shopItem,
  idempotent: true,
  example: { name: '环保购物袋', description: '可折叠，承重 10 公斤', price: 30, stock: 20 },
});

export const updateShopItem = endpoint({
  id: 'updateShopItem',
  method: 'patch',
  path: '/api/v1/shop/items/:id',
  summary: '修改商品、补货或下架（社区工作者）',
  tag,
  access: SHOP_KEEPERS,
  params: shopItemParams,
  body: updateShopItemBody,
  response: shopItem,
  example: { addStock: 10 },
});

export const redeemShopItem = endpoint({
  id: 'redeemShopItem',
  method: 'post',
  path: '/api/v1/shop/items/:id/redeem',
  summary: '兑换一件商品：扣积分和库存，得到领取码；积分不足或已兑完时拒绝',
  tag,
  access: POINTS_HOLDERS,
  params: shopItemParams,
  body: redeemBody,
  response: redemption,
  idempotent: true,
  example: {},
});

export const listMyRedemptions = endpoint({
  id: 'listMyRedemptions',
  method: 'get',
  path: '/api/v1/me/redemptions',
  summary: '我的兑换记录与领取码',
  tag,
  access: POINTS_HOLDERS,
  query: redemptionsQuery,
  response: redemptionList,
});

export const listRedemptions = endpoint({
  id: 'listRedemptions',
  method: 'get',
  path: '/api/v1/shop/redemptions',
  summary: '本社区的兑换记录（社区工作者），可按状态筛选',
  tag,
  access: SHOP_KEEPERS,
  query: redemptionsQuery,
  response: redemptionList,
});

export const handOverRedemption = endpoint({
  id: 'handOverRedemption',
  method: 'post',
  path: '/api/v1/shop/redemptions/:id/hand-over',
  summary: '核对领取码后标记为已领取（社区工作者）',
  tag,
  access: SHOP_KEEPERS,
  params: redemptionParams,
  body: handOverBody,
  response: redemption,
  example: { pickupCode: '204816' },
});
