import { Inject, Provide } from '@midwayjs/core';
import { Types } from 'mongoose';
import {
  CHILD_KINDS,
  ORG_KIND_LABELS,
  PARENT_KIND,
  TREE_KINDS,
  hangingText,
  impactSentence,
  type CreateOrgNodeBody,
  type HangingCount,
  type OrgChangeResult,
  type OrgChildrenList,
  type OrgImpact,
  type OrgNodeDetail,
  type TreeKind,
  type UpdateOrgNodeBody,
  type z,
  type listOrgChildrenQuery,
} from '@gongzhi/shared';
import { AppError } from '../core/app-error';
import { Clock } from '../core/clock';
import { Db, isDuplicateKey } from '../core/db';
import { findByIds } from '../core/filters';
import type { Principal } from '../core/principal';
import { actorOf, recordEvents } from './events';
import { administers, mayHoldChildren, notFound, oversees, topOf } from './org-access';
import { orgNameKey, orgTaker, releaseName, takeName } from './names';
import { ACTIVE, OrgModel, type Org } from './org.model';
import { OrgChanges, type Rename } from './tree-changes';
import { present, presentAll, refOf } from './present';

const bad = (path: string, message: string) => new AppError('VALIDATION_FAILED', message, [{ path, message }]);
const byName = (a: Org, b: Org) => a.name.localeCompare(b.name, 'zh-CN', { numeric: true });

/** Use cases of 组织架构: browse, create, rename, move, merge and close the nodes of the tree. */
@Provide()
export class OrgTreeService {
  @Inject()
  db!: Db;

  @Inject()
  clock!: Clock;

  @Inject()
  changes!: OrgChanges;

  /** A node the caller may see; anything else is "not found". */
  async load(user: Principal, id: string | Types.ObjectId, what?: string): Promise<Org> {
    const org = await this.db.model(OrgModel).findById(id).lean<Org>();
    if (!org || !oversees(user, org)) throw notFound(what);
    return org;
  }

  /** A node the caller may change: out of sight is 404, in sight but above them (their street) 403. */
  private async editable(user: Principal, id: string): Promise<Org> {
    const org = await this.load(user, id);
    if (!administers(user, org))
      throw new AppError('FORBIDDEN', `${ORG_KIND_LABELS[org.kind]}「${org.name}」由县级管理员调整`);
    if (org.active === false) throw new AppError('CONFLICT', `「${org.name}」已经停用，不能再修改`);
    return org;
  }

  async listChildren(user: Principal, q: z.output<typeof listOrgChildrenQuery>): Promise<OrgChildrenList> {
    const model = this.db.model(OrgModel);
    const top = topOf(user);
    const parent = q.parentId
      ? await this.load(user, q.parentId)
      : top
        ? await this.load(user, top)
        : await model.findOne({ kind: 'county' }).lean<Org>();
    if (!parent) throw notFound('本县');
    const filter = {
      parentId: parent._id,
      ...(q.kind ? { kind: q.kind } : {}),
      ...(q.includeInactive === 'true' ? {} : ACTIVE),
    };
    // A node has tens to a few hundred children: sorted by name in memory ("2号楼" before "10号楼").
    const all = (await model.find(filter).lean<Org[]>()).sort(
      (a, b) => Number(a.active === false) - Number(b.active === false) || byName(a, b),
    );
    const items = all.slice((q.page - 1) * q.pageSize, q.page * q.pageSize);
    const [nodes, [self]] = await Promise.all([presentAll(this.db, items), presentAll(this.db, [parent])]);
    return {
      items: nodes,
      total: all.length,
      page: q.page,
      pageSize: q.pageSize,
      parent: self,
      path: await this.pathOf(parent),
      canEdit: parent.active !== false && CHILD_KINDS[parent.kind].some((k) => mayHoldChildren(user, parent, k)),
    };
  }

  async show(user: Principal, id: string): Promise<OrgNodeDetail> {
    const org = await this.load(user, id);
    const model = this.db.model(OrgModel);
    const below = await model.find({ parentId: org._id, ...ACTIVE }, { kind: 1 }).lean<Org[]>();
    const children = TREE_KINDS.map((kind) => ({ kind, count: below.filter((b) => b.kind === kind).length })).filter(
      (c) => c.count > 0,
    );
    const hanging = org.kind === 'county' ? [] : await this.changes.hanging(org);
    const merged = org.mergedInto ? await model.findById(org.mergedInto).lean<Org>() : null;
    return {
      node: await present(this.db, org),
      path: await this.pathOf(org),
      children,
      hanging: hanging.map(withText),
      mergedInto: refOf(merged),
      canEdit: org.active !== false && administers(user, org),
    };
  }

  async create(user: Principal, body: CreateOrgNodeBody, keyedId: Types.ObjectId | null) {
    const model = this.db.model(OrgModel);
    const id = keyedId ?? new Types.ObjectId();
    const done = keyedId && (await model.findById(id).lean<Org>());
    if (done) return present(this.db, done);
    const parent = await this.db.model(OrgModel).findById(body.parentId).lean<Org>();
    if (!parent || !oversees(user, parent)) throw notFound('上级');
    checkParent(body.kind, parent);
    if (!mayHoldChildren(user, parent, body.kind))
      throw new AppError('FORBIDDEN', `${ORG_KIND_LABELS[body.kind]}由县级管理员新建`);
    const extra = flagsFor(body.kind, body);
    if (body.kind === 'complex')
      Object.assign(extra, { old: body.old ?? false, hasProperty: body.hasProperty ?? false });
    const now = this.clock.now();
    await takeName(this.db, orgTaker(body.kind, parent, body.name, id), now);
    const org: Org = {
      _id: id,
      kind: body.kind,
      name: body.name,
      parentId: parent._id,
      ancestors: [...parent.ancestors, parent._id],
      active: true,
      ...extra,
    };
    try {
      await model.create(org);
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
    await recordEvents(this.db, actorOf(user), now, [
      {
        subjectKind: body.kind,
        subjectId: id,
        otherId: parent._id,
        action: 'create',
        after: { name: body.name, parentId: String(parent._id), parentName: parent.name, ...extra },
      },
    ]);
    return present(this.db, org);
  }

  async update(user: Principal, id: string, body: UpdateOrgNodeBody) {
    const org = await this.editable(user, id);
    const set: Partial<Org> = { ...flagsFor(org.kind, body) };
    if (body.name !== undefined && body.name !== org.name) set.name = body.name;
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(set) as [keyof Org, unknown][]) {
      if (JSON.stringify(org[k] ?? null) === JSON.stringify(v ?? null)) continue;
      before[k] = org[k] ?? null;
      after[k] = v ?? null;
    }
    if (!Object.keys(after).length) return present(this.db, org);
    const now = this.clock.now();
    if ('name' in after) {
      const parent = await this.db.model(OrgModel).findById(org.parentId).lean<Org>();
      await takeName(this.db, orgTaker(org.kind, parent ?? { _id: org.parentId!, name: '' }, body.name!, org._id), now);
    }
    await this.db.model(OrgModel).updateOne({ _id: org._id }, { $set: after });
    if ('name' in after) await releaseName(this.db, orgNameKey(org), org._id);
    await recordEvents(this.db, actorOf(user), now, [
      {
        subjectKind: org.kind,
        subjectId: org._id,
        action: 'name' in after ? 'rename' : 'update',
        before,
        after,
        reason: body.reason,
      },
    ]);
    return present(this.db, { ...org, ...after });
  }

  async move(user: Principal, id: string, parentId: string, reason?: string): Promise<OrgChangeResult> {
    const org = await this.editable(user, id);
    if (org.kind === 'street' || org.kind === 'department' || org.kind === 'county')
      throw bad('body.parentId', `${ORG_KIND_LABELS[org.kind]}直属于县，不能调整归属`);
    const parent = await this.load(user, parentId, '新的上级');
    checkParent(org.kind as TreeKind, parent);
    if (parent.active === false) throw bad('body.parentId', `「${parent.name}」已经停用`);
    if (!mayHoldChildren(user, parent, org.kind as TreeKind)) throw notFound('新的上级');
    const from = org.parentId ? await this.db.model(OrgModel).findById(org.parentId).lean<Org>() : null;
    const moved = await this.changes.hanging(org);
    const after = await this.changes.move(org, parent);
    // The same parent again completes a move that stopped halfway; it changes nothing to record.
    if (!from?._id.equals(parent._id))
      await recordEvents(this.db, actorOf(user), this.clock.now(), [
        {
          subjectKind: org.kind,
          subjectId: org._id,
          otherId: parent._id,
          action: 'move',
          before: { parentId: String(org.parentId), parentName: from?.name ?? '' },
          after: { parentId: String(parent._id), parentName: parent.name },
          reason,
        },
      ]);
    return {
      node: await present(this.db, after),
      target: refOf(parent),
      moved: moved.map(withText),
      renames: [],
      message: `「${org.name}」已调整到「${parent.name}」下${moved.length ? `，${moved.map(hangingText).join('、')}随之调整` : ''}`,
    };
  }

  async impact(user: Principal, id: string, targetId?: string): Promise<OrgImpact> {
    const org = await this.load(user, id);
    const target = targetId ? await this.targetFor(user, org, targetId) : null;
    const items = org.kind === 'county' ? [] : await this.changes.hanging(org);
    const renames = target ? await this.changes.renamesFor(org, target) : [];
    return {
      node: refOf(org)!,
      target: refOf(target),
      items: items.map(withText),
      blocking: items.length > 0,
      renames: renames.map(renameView),
      sentence: impactSentence(items, target?.name ?? null),
    };
  }

  /**
   * Merge (`targetId` given, action merge) or close (deactivate, with or without a target). Without a
   * target, closing is refused while anything hangs on the node. A node already merged into the same
   * target completes that merge again (a merge that stopped halfway).
   */
  async close(
    user: Principal,
    id: string,
    targetId: string | undefined,
    reason: string | undefined,
    action: 'merge' | 'deactivate',
  ): Promise<OrgChangeResult> {
    const seen = await this.load(user, id);
    if (seen.kind === 'county') throw new AppError('FORBIDDEN', '县不能停用');
    if (seen.active === false && seen.mergedInto && targetId && seen.mergedInto.equals(targetId)) {
      const target = await this.load(user, targetId);
      await this.changes.followRecords({ from: seen, to: target });
      return {
        node: await present(this.db, seen),
        target: refOf(target),
        moved: [],
        renames: [],
        message: `「${seen.name}」已并入「${target.name}」`,
      };
    }
    const org = await this.editable(user, id);
    const target = targetId ? await this.targetFor(user, org, targetId) : null;
    const hanging = await this.changes.hanging(org);
    const actor = actorOf(user);
    let renames: Rename[] = [];
    if (target) renames = await this.changes.mergeInto(org, target, actor, reason ?? null);
    else if (hanging.length) {
      throw new AppError(
        'CONFLICT',
        `「${org.name}」还有 ${hanging.map(hangingText).join('、')}，不能直接停用：请选择把这些转到哪里`,
        [{ path: 'body.targetId', message: '请选择转到的地方' }],
      );
    } else await this.changes.close(org, null);
    await recordEvents(this.db, actor, this.clock.now(), [
      {
        subjectKind: org.kind,
        subjectId: org._id,
        otherId: target?._id ?? null,
        action,
        before: { name: org.name, active: true },
        after: { active: false, ...(target ? { targetId: String(target._id), targetName: target.name } : {}) },
        reason,
      },
    ]);
    const closed = { ...org, active: false, mergedInto: target?._id ?? null };
    return {
      node: await present(this.db, closed),
      target: refOf(target),
      moved: hanging.map(withText),
      renames: renames.map(renameView),
      message: target
        ? `「${org.name}」已${action === 'merge' ? '并入' : '停用，内容转到'}「${target.name}」`
        : `「${org.name}」已停用`,
    };
  }

  /** The node that takes over: same kind, active, not the node itself, and the caller's to change. */
  private async targetFor(user: Principal, org: Org, targetId: string): Promise<Org> {
    const target = await this.load(user, targetId, '转到的地方');
    if (target._id.equals(org._id)) throw bad('body.targetId', '不能转到它自己');
    if (target.kind !== org.kind)
      throw bad(
        'body.targetId',
        `只能转到另一个${ORG_KIND_LABELS[org.kind]}（「${target.name}」是${ORG_KIND_LABELS[target.kind]}）`,
      );
    if (target.active === false) throw bad('body.targetId', `「${target.name}」已经停用`);
    if (!administers(user, target)) throw notFound('转到的地方');
    return target;
  }

  private async pathOf(org: Org) {
    const chain = await findByIds<Org>(this.db.model(OrgModel), org.ancestors, { name: 1, kind: 1, ancestors: 1 });
    return chain.sort((a, b) => a.ancestors.length - b.ancestors.length).map((o) => refOf(o)!);
  }
}

const withText = (h: HangingCount) => ({ ...h, text: hangingText(h) });
const renameView = (r: Rename) => ({ id: String(r.id), kind: r.kind, from: r.from, to: r.to });

function checkParent(kind: TreeKind, parent: Org) {
  if (PARENT_KIND[kind] !== parent.kind)
    throw bad(
      'body.parentId',
      `${ORG_KIND_LABELS[kind]}只能建在${ORG_KIND_LABELS[PARENT_KIND[kind]]}下（「${parent.name}」是${ORG_KIND_LABELS[parent.kind]}）`,
    );
  if (parent.active === false) throw bad('body.parentId', `「${parent.name}」已经停用`);
}

/** Flags and location: 老旧小区 / 有物业 for complexes, a location for communities and complexes. */
function flagsFor(
  kind: string,
  body: {
    old?: boolean;
    hasProperty?: boolean;
    location?: { lng: number; lat: number } | null;
    phone?: string | null;
    officeHours?: string | null;
  },
) {
  const out: Partial<Org> = {};
  if (body.old !== undefined || body.hasProperty !== undefined) {
    if (kind !== 'complex') throw bad('body.old', '只有小区才有“老旧小区”和“有无物业”');
    if (body.old !== undefined) out.old = body.old;
    if (body.hasProperty !== undefined) out.hasProperty = body.hasProperty;
  }
  if (body.location !== undefined) {
    if (kind !== 'complex' && kind !== 'community') throw bad('body.location', '只有社区和小区可以标注位置');
    out.location = body.location;
  }
  for (const key of ['phone', 'officeHours'] as const) {
    if (body[key] === undefined) continue;
    if (kind !== 'community') throw bad(`body.${key}`, '只有社区可以填写联系电话和办公时间');
    out[key] = body[key];
  }
  return out;
}
