import type { Types } from 'mongoose';
import type { Db } from '../core/db';
import type { Place } from '../core/place';
import { insertNew } from '../core/insert-new';
import { seedId } from '../core/stable-id';
import { MilestoneModel, type Milestone } from './milestone.model';
import { ProjectNeedModel } from './project-need.model';
import { ProjectUpdateModel, type ProjectUpdate } from './project-update.model';
import { ProjectEventModel, ProjectModel, type Project, type ProjectEvent } from './project.model';
import { localDateOf } from '@gongzhi/shared';

/** The demo's open project; its category is what linked seed needs must have. */
export const SEED_LIGHTING_PROJECT = 'project:nanmen-lighting';
export const SEED_LIGHTING_CATEGORY = 'applianceRepair';

const DAY = 24 * 3600 * 1000;

/**
 * Demo projects of 南门社区: 老旧小区楼道照明改造 (open, 3 milestones, budget, 县供电公司 responsible,
 * 2 public updates) and 南门社区健康小屋 (delivered, 县人民医院 responsible, so the demo unit admin
 * sees a project of their own).
 */
export async function seedProjects(db: Db): Promise<void> {
  const now = Date.now();
  const ago = (days: number) => new Date(now - days * DAY);
  const nanmen: Place = {
    streetId: seedId('org:street:chengguan'),
    communityId: seedId('org:community:nanmen'),
    gridId: null,
    complexId: null,
    buildingId: null,
  };
  const staff = { actorId: seedId('user:staff'), actorRole: 'staff', actorName: '陈静' };

  const lighting = seedId(SEED_LIGHTING_PROJECT);
  const clinic = seedId('project:nanmen-health-hut');
  const projects: Project[] = [
    {
      _id: lighting,
      title: '老旧小区楼道照明改造',
      goal: '南门小区、粮站家属院 5 栋楼的楼道灯多年失修，夜间上下楼摔倒的事发生过多次。为全部楼道更换声控 LED 灯，并检查公共线路，年底前完工。',
      categoryCode: SEED_LIGHTING_CATEGORY,
      level: 'community',
      place: nanmen,
      budgetFen: 4_860_000,
      responsibleUnitIds: [seedId('unit:县供电公司')],
      status: 'open',
      seq: 2,
      cancelReason: null,
      createdBy: staff.actorId,
      createdAt: ago(30),
      updatedAt: ago(2),
      openedAt: ago(28),
      deliveredAt: null,
    },
    {
      _id: clinic,
      title: '南门社区健康小屋',
      goal: '在社区党群服务中心设健康小屋，配血压计、血糖仪，县人民医院每月派医生坐诊，方便老人就近测量和咨询。',
      categoryCode: 'freeClinic',
      level: 'community',
      place: nanmen,
      budgetFen: 1_250_000,
      responsibleUnitIds: [seedId('unit:县人民医院')],
      status: 'delivered',
      seq: 4,
      cancelReason: null,
      createdBy: staff.actorId,
      createdAt: ago(120),
      updatedAt: ago(40),
      openedAt: ago(118),
      deliveredAt: ago(40),
    },
  ];
  await insertNew(db.model(ProjectModel), projects);

  const events: Omit<ProjectEvent, '_id'>[] = [
    { projectId: lighting, seq: 1, action: 'create', from: null, to: 'draft', ...staff, at: ago(30), note: null },
    {
      projectId: lighting,
      seq: 2,
      action: 'open',
      from: 'draft',
      to: 'open',
      ...staff,
      at: ago(28),
      note: '经社区两委会议通过，居民议事会同意',
    },
    { projectId: clinic, seq: 1, action: 'create', from: null, to: 'draft', ...staff, at: ago(120), note: null },
    { projectId: clinic, seq: 2, action: 'open', from: 'draft', to: 'open', ...staff, at: ago(118), note: null },
    {
      projectId: clinic,
      seq: 3,
      action: 'start',
      from: 'open',
      to: 'delivering',
      ...staff,
      at: ago(90),
      note: '设备已采购',
    },
    {
      projectId: clinic,
      seq: 4,
      action: 'deliver',
      from: 'delivering',
      to: 'delivered',
      ...staff,
      at: ago(40),
      note: '健康小屋已启用',
    },
  ];
  await insertNew(
    db.model(ProjectEventModel),
    events.map((e) => ({ ...e, _id: seedId(`project-event:${e.projectId}:${e.seq}`) })),
  );

  const milestone = (
    key: string,
    projectId: Types.ObjectId,
    title: string,
    due: Date,
    progress: number,
    doneAt: Date | null,
  ): Milestone => ({
    _id: seedId(`milestone:${key}`),
    projectId,
    title,
    due: localDateOf(due),
    progress,
    doneAt,
    createdAt: ago(28),
  });
  await insertNew(db.model(MilestoneModel), [
    milestone('lighting:survey', lighting, '入户摸底，确定灯位和线路', ago(20), 100, ago(21)),
    milestone('lighting:install', lighting, '采购并安装声控 LED 灯', new Date(now + 14 * DAY), 60, null),
    milestone('lighting:accept', lighting, '验收并向居民公示', new Date(now + 30 * DAY), 0, null),
    milestone('clinic:equip', clinic, '采购血压计、血糖仪', ago(95), 100, ago(95)),
    milestone('clinic:open', clinic, '医生坐诊排班并开放', ago(45), 100, ago(41)),
  ]);

  const update = (key: string, projectId: Types.ObjectId, text: string, at: Date): ProjectUpdate => ({
    _id: seedId(`project-update:${key}`),
    projectId,
    text,
    photos: [],
    at,
    authorId: staff.actorId,
    authorName: staff.actorName,
    authorRole: staff.actorRole,
  });
  await insertNew(db.model(ProjectUpdateModel), [
    update(
      'lighting:1',
      lighting,
      '已完成 5 栋楼入户摸底，共需更换楼道灯 62 盏，县供电公司党员服务队同步检查公共线路。',
      ago(21),
    ),
    update(
      'lighting:2',
      lighting,
      '南门小区 1–3 号楼的声控灯已安装完毕，粮站家属院下周开工。夜间如有不亮的，请在小程序里告诉我们。',
      ago(2),
    ),
    update('clinic:1', clinic, '健康小屋已启用：每周二、四上午开放，每月第二个周六县人民医院医生坐诊。', ago(40)),
  ]);
}

/**
 * Links seed needs to the lighting project (the lead wires this once the needs seed exists).
 * They should be 南门社区 needs of category applianceRepair, dispatched to the project
 * (routed / in_progress) so that delivering it can complete them.
 */
export async function linkSeedNeeds(
  db: Db,
  needIds: Types.ObjectId[],
  projectKey = SEED_LIGHTING_PROJECT,
): Promise<void> {
  const projectId = seedId(projectKey);
  await insertNew(
    db.model(ProjectNeedModel),
    needIds.map((needId) => ({
      _id: seedId(`project-need:${projectKey}:${needId}`),
      projectId,
      needId,
      linkedBy: seedId('user:staff'),
      linkedAt: new Date(),
    })),
  );
}
