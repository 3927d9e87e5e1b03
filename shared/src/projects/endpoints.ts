import { endpoint } from '../endpoint';
import {
  addMilestoneBody,
  cancelProjectBody,
  createProjectBody,
  deliverProjectResponse,
  linkNeedsBody,
  linkNeedsResponse,
  milestoneParams,
  milestoneView,
  projectPageQuery,
  postProjectUpdateBody,
  projectDetail,
  projectList,
  projectListQuery,
  projectNeedList,
  projectNeedParams,
  projectNoteBody,
  projectParams,
  projectUpdateList,
  projectUpdateView,
  unlinkNeedResponse,
  updateMilestoneBody,
  updateProjectBody,
} from './schemas';
import { PROJECT_EDITORS, PROJECT_REPORTERS } from './state-machine';

// Endpoints of the projects area (项目清单). Object-level scope (place, responsible unit) is checked in the use cases.

// Only endpoints are exported from this file: `api.projects` is read as the list of endpoints.

export const listProjects = endpoint({
  id: 'listProjects',
  method: 'get',
  path: '/api/v1/projects',
  summary: '项目清单：居民看本社区公开的项目；工作人员看辖区内全部项目；可按状态、类别筛选，分页',
  tag: 'projects',
  access: 'signedIn',
  query: projectListQuery,
  response: projectList,
});

export const getProject = endpoint({
  id: 'getProject',
  method: 'get',
  path: '/api/v1/projects/:id',
  summary: '项目详情：目标、预算、责任单位、里程碑与进度、纳入的需求数、公开进展',
  tag: 'projects',
  access: 'signedIn',
  params: projectParams,
  response: projectDetail,
});

const projectExample = {
  title: '老旧小区楼道照明改造',
  goal: '为南门小区、粮站家属院 5 栋楼的楼道更换声控 LED 灯，解决居民夜间上下楼照明问题。',
  categoryCode: 'sanitation',
  placeId: '6a2e8b4c0d1f3a5b7c9e1d2f',
  level: 'community',
  budgetFen: 4_860_000,
  responsibleUnitIds: ['6a2e8b4c0d1f3a5b7c9e1d30'],
};

export const createProject = endpoint({
  id: 'createProject',
  method: 'post',
  path: '/api/v1/projects',
  summary: '新建项目（草稿）：预算以分为单位的整数',
  tag: 'projects',
  access: PROJECT_EDITORS,
  body: createProjectBody,
  response: projectDetail,
  example: projectExample,
  idempotent: true,
});

export const updateProject = endpoint({
  id: 'updateProject',
  method: 'patch',
  path: '/api/v1/projects/:id',
  summary: '修改项目（交付或撤销前）；已纳入需求后不能再改类别和所在社区',
  tag: 'projects',
  access: PROJECT_EDITORS,
  params: projectParams,
  body: updateProjectBody,
  response: projectDetail,
  example: { budgetFen: 5_200_000, goal: '增加 1 栋楼，共 6 栋。' },
});

const transition = (
  id: string,
  verb: string,
  summary: string,
  body = projectNoteBody,
  example: unknown = { note: '经社区两委会议通过' },
) =>
  endpoint({
    id,
    method: 'post',
    path: `/api/v1/projects/:id/${verb}`,
    summary,
    tag: 'projects',
    access: PROJECT_EDITORS,
    params: projectParams,
    body,
    response: projectDetail,
    example,
  });

export const openProject = transition('openProject', 'open', '立项公开（草稿 → 已立项）：居民从此可以看到');
export const startProject = transition('startProject', 'start', '开始实施（已立项 → 实施中）', projectNoteBody, {
  note: '施工队已进场',
});
export const cancelProject = endpoint({
  id: 'cancelProject',
  method: 'post',
  path: '/api/v1/projects/:id/cancel',
  summary: '撤销项目，须写明原因；纳入的需求随之解除，可另行派单',
  tag: 'projects',
  access: PROJECT_EDITORS,
  params: projectParams,
  body: cancelProjectBody,
  response: projectDetail,
  example: { reason: '资金未落实，改由街道统一实施' },
});

export const deliverProject = endpoint({
  id: 'deliverProject',
  method: 'post',
  path: '/api/v1/projects/:id/deliver',
  summary: '项目交付：纳入的每个需求都办结（各自记入时间线）；不能办结的需求原样保留并说明原因',
  tag: 'projects',
  access: PROJECT_EDITORS,
  params: projectParams,
  body: projectNoteBody,
  response: deliverProjectResponse,
  example: { note: '全部楼道灯已安装并通过验收' },
});

export const addMilestone = endpoint({
  id: 'addMilestone',
  method: 'post',
  path: '/api/v1/projects/:id/milestones',
  summary: '新增里程碑（名称、计划日期、进度 0–100）',
  tag: 'projects',
  access: PROJECT_EDITORS,
  params: projectParams,
  body: addMilestoneBody,
  response: milestoneView,
  example: { title: '完成 1–3 号楼安装', due: '2026-12-15', progress: 0 },
  idempotent: true,
});

export const updateMilestone = endpoint({
  id: 'updateMilestone',
  method: 'patch',
  path: '/api/v1/projects/:id/milestones/:milestoneId',
  summary: '更新里程碑：名称、计划日期或进度（责任单位管理员也可更新进度）',
  tag: 'projects',
  access: PROJECT_REPORTERS,
  params: milestoneParams,
  body: updateMilestoneBody,
  response: milestoneView,
  example: { progress: 60 },
});

export const postProjectUpdate = endpoint({
  id: 'postProjectUpdate',
  method: 'post',
  path: '/api/v1/projects/:id/updates',
  summary: '发布项目公开进展（本社区居民可见），可附照片',
  tag: 'projects',
  access: PROJECT_REPORTERS,
  params: projectParams,
  body: postProjectUpdateBody,
  response: projectUpdateView,
  example: { text: '1–3 号楼的声控灯已安装完毕，欢迎居民反馈。', photos: [] },
  idempotent: true,
});

export const listProjectUpdates = endpoint({
  id: 'listProjectUpdates',
  method: 'get',
  path: '/api/v1/projects/:id/updates',
  summary: '项目的公开进展，新的在前，分页',
  tag: 'projects',
  access: 'signedIn',
  params: projectParams,
  query: projectPageQuery,
  response: projectUpdateList,
});

export const linkNeeds = endpoint({
  id: 'linkNeeds',
  method: 'post',
  path: '/api/v1/projects/:id/needs',
  summary: '把同类别、同社区的需求纳入项目；一个需求只能纳入一个项目',
  tag: 'projects',
  access: PROJECT_EDITORS,
  params: projectParams,
  body: linkNeedsBody,
  response: linkNeedsResponse,
  example: { needIds: ['6a2e8b4c0d1f3a5b7c9e1d31', '6a2e8b4c0d1f3a5b7c9e1d32'] },
});

export const unlinkNeed = endpoint({
  id: 'unlinkNeed',
  method: 'delete',
  path: '/api/v1/projects/:id/needs/:needId',
  summary: '把误纳入的需求移出项目（交付或撤销前）',
  tag: 'projects',
  access: PROJECT_EDITORS,
  params: projectNeedParams,
  response: unlinkNeedResponse,
});

export const listProjectNeeds = endpoint({
  id: 'listProjectNeeds',
  method: 'get',
  path: '/api/v1/projects/:id/needs',
  summary: '项目纳入的需求（管理端），分页',
  tag: 'projects',
  access: PROJECT_EDITORS,
  params: projectParams,
  query: projectPageQuery,
  response: projectNeedList,
});
