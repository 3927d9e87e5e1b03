import { Inject, Provide } from '@midwayjs/core';
import { Types } from 'mongoose';
import {
  HANGING_KINDS,
  hangingText,
  impactSentence,
  type HangingCount,
  type HangingKind,
  type OrgUnitDetail,
  type OrgUnitImpact,
  type OrgUnitView,
  type listOrgUnitsQuery,
  type z,
} from '@gongzhi/shared';
import { AppError } from '../core/app-error';
import { Clock } from '../core/clock';
import { Db, isDuplicateKey } from '../core/db';
import { PRINCIPAL_SOURCE, type Principal } from '../core/principal';
import type { Principals } from '../grants/principals';
import { actorOf, recordEvents } from './events';
import { isCounty, notFound, overseesUnit } from './org-access';
import { releaseName, takeName, unitNameKey, unitTaker } from './names';
import { ACTIVE, OrgModel, type Org } from './org.model';
import { PlaceResolver, placeRecords, type PlaceRecordsContext } from './place-records';
import { UnitModel, type Unit } from './unit.model';

const bad = (path: string, message: string) => new AppError('VALIDATION_FAILED', message, [{ path, message }]);

/** Use cases of 驻区单位 in 组织架构: list, create, rename, move to another street, merge and close. */
@Provide()
export class OrgUnitsService {
  @Inject()
  db!: Db;

  @Inject()
  clock!: Clock;

  @Inject(PRINCIPAL_SOURCE)
  principals!: Principals;

  private context(): PlaceRecordsContext {
    return { db: this.db, now: this.clock.now(), places: new PlaceResolver(this.db) };
  }

  async load(user: Principal, id: string | Types.ObjectId, what = '这个驻区单位'): Promise<Unit> {
    const unit = await this.db.model(UnitModel).findById(id).lean<Unit>();
    if (!unit || !overseesUnit(user, unit)) throw notFound(what);
    return unit;
  }

  private async editable(user: Principal, id: string): Promise<Unit> {
    const unit = await this.load(user, id);
    if (unit.active === false) throw new AppError('CONFLICT', `「${unit.name}」已经停用，不能再修改`);
    return unit;
  }

  /** A street the caller may put units in: any for the county, their own for a street admin. */
  private async street(user: Principal, id: string | Types.ObjectId): Promise<Org> {
    const street = await this.db.model(OrgModel).findOne({ _id: id, kind: 'street' }).lean<Org>();
    if (!street || (!isCounty(user) && String(street._id) !== user.streetId)) throw notFound('这个街道');
    if (street.active === false) throw bad('body.streetId', `「${street.name}」已经停用`);
    return street;
  }

  async list(user: Principal, q: z.output<typeof listOrgUnitsQuery>) {
    const streetId = isCounty(user) ? q.streetId : user.streetId;
    if (!isCounty(user) && q.streetId && q.streetId !== user.streetId) throw notFound('这个街道');
    const filter = {
      ...(streetId ? { streetId: new Types.ObjectId(streetId) } : {}),
      ...(q.includeInactive === 'true' ? {} : ACTIVE),
    };
    const all = (await this.db.model(UnitModel).find(filter).lean<Unit[]>()).sort(
      (a, b) =>
        Number(a.active === false) - Number(b.active === false) ||
        a.name.localeCompare(b.name, 'zh-CN', { numeric: true }),
    );
    const items = all.slice((q.page - 1) * q.pageSize, q.page * q.pageSize);
    return {
      items: await this.views(items),
      total: all.length,
      page: q.page,
      pageSize: q.pageSize,
      canEdit: true,
    };
  }

  async show(user: Principal, id: string): Promise<OrgUnitDetail> {
    const unit = await this.load(user, id);
    const merged = unit.mergedInto ? await this.db.model(UnitModel).findById(unit.mergedInto).lean<Unit>() : null;
    return {
      unit: (await this.views([unit]))[0],
      hanging: (await this.hanging(unit)).map(withText),
      mergedInto: merged ? { id: String(merged._id), name: merged.name } : null,
      canEdit: unit.active !== false,
    };
  }

  async create(
    user: Principal,
    body: { name: string; kind: string; streetId: string },
    keyedId: Types.ObjectId | null,
  ) {
    const model = this.db.model(UnitModel);
    const id = keyedId ?? new Types.ObjectId();
    const done = keyedId && (await model.findById(id).lean<Unit>());
    if (done) return (await this.views([done]))[0];
    const street = await this.street(user, body.streetId);
    const now = this.clock.now();
    await takeName(this.db, unitTaker(street, body.name, id), now);
    const unit: Unit = { _id: id, name: body.name, kind: body.kind, streetId: street._id, active: true };
    try {
      await model.create(unit);
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
    await recordEvents(this.db, actorOf(user), now, [
      {
        subjectKind: 'unit',
        subjectId: id,
        otherId: street._id,
        action: 'create',
        after: { name: body.name, kind: body.kind, parentId: String(street._id), parentName: street.name },
      },
    ]);
    return (await this.views([unit]))[0];
  }

  async update(user: Principal, id: string, body: { name?: string; kind?: string; reason?: string }) {
    const unit = await this.editable(user, id);
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    if (body.name !== undefined && body.name !== unit.name) [before.name, after.name] = [unit.name, body.name];
    if (body.kind !== undefined && body.kind !== unit.kind) [before.kind, after.kind] = [unit.kind, body.kind];
    if (!Object.keys(after).length) return (await this.views([unit]))[0];
    const now = this.clock.now();
    if (after.name) {
      const street = await this.db.model(OrgModel).findById(unit.streetId).lean<Org>();
      await takeName(this.db, unitTaker(street ?? { _id: unit.streetId, name: '' }, body.name!, unit._id), now);
    }
    await this.db.model(UnitModel).updateOne({ _id: unit._id }, { $set: after });
    if (after.name) await releaseName(this.db, unitNameKey(unit), unit._id);
    await recordEvents(this.db, actorOf(user), now, [
      {
        subjectKind: 'unit',
        subjectId: unit._id,
        action: after.name ? 'rename' : 'update',
        before,
        after,
        reason: body.reason,
      },
    ]);
    return (await this.views([{ ...unit, ...after }]))[0];
  }

  /** Another street takes the unit (county only: it leaves one street for another). */
  async move(user: Principal, id: string, streetId: string, reason?: string) {
    if (!isCounty(user)) throw new AppError('FORBIDDEN', '驻区单位改属其他街道，请联系县级管理员');
    const unit = await this.editable(user, id);
    const street = await this.street(user, streetId);
    const from = await this.db.model(OrgModel).findById(unit.streetId).lean<Org>();
    const moved = await this.hanging(unit);
    if (!unit.streetId.equals(street._id)) {
      await takeName(this.db, unitTaker(street, unit.name, unit._id), this.clock.now());
      await this.db.model(UnitModel).updateOne({ _id: unit._id }, { $set: { streetId: street._id } });
      await releaseName(this.db, unitNameKey(unit), unit._id);
    }
    const after = { ...unit, streetId: street._id };
    await this.follow(unit, after);
    if (!unit.streetId.equals(street._id))
      await recordEvents(this.db, actorOf(user), this.clock.now(), [
        {
          subjectKind: 'unit',
          subjectId: unit._id,
          otherId: street._id,
          action: 'move',
          before: { streetId: String(unit.streetId), parentName: from?.name ?? '' },
          after: { streetId: String(street._id), parentName: street.name },
          reason,
        },
      ]);
    return {
      unit: (await this.views([after]))[0],
      moved: moved.map(withText),
      message: `「${unit.name}」已改属「${street.name}」`,
    };
  }

  async impact(user: Principal, id: string, targetId?: string): Promise<OrgUnitImpact> {
    const unit = await this.load(user, id);
    const target = targetId ? await this.targetFor(user, unit, targetId) : null;
    const items = await this.hanging(unit);
    return {
      unit: { id: String(unit._id), name: unit.name },
      target: target ? { id: String(target._id), name: target.name } : null,
      items: items.map(withText),
      blocking: items.length > 0,
      sentence: impactSentence(items, target?.name ?? null),
    };
  }

  async close(
    user: Principal,
    id: string,
    targetId: string | undefined,
    reason: string | undefined,
    action: 'merge' | 'deactivate',
  ) {
    const seen = await this.load(user, id);
    if (seen.active === false && seen.mergedInto && targetId && seen.mergedInto.equals(targetId)) {
      const target = await this.load(user, targetId);
      await this.follow(seen, target); // completes a merge that stopped halfway
      return { unit: (await this.views([seen]))[0], moved: [], message: `「${seen.name}」已并入「${target.name}」` };
    }
    const unit = await this.editable(user, id);
    const target = targetId ? await this.targetFor(user, unit, targetId) : null;
    const hanging = await this.hanging(unit);
    if (!target && hanging.length)
      throw new AppError(
        'CONFLICT',
        `「${unit.name}」还有 ${hanging.map(hangingText).join('、')}，不能直接停用：请选择把这些转到哪个单位`,
        [{ path: 'body.targetId', message: '请选择转到的单位' }],
      );
    if (target) await this.follow(unit, target);
    await this.db
      .model(UnitModel)
      .updateOne({ _id: unit._id }, { $set: { active: false, mergedInto: target?._id ?? null } });
    await releaseName(this.db, unitNameKey(unit), unit._id);
    await this.principals.changedAll();
    await recordEvents(this.db, actorOf(user), this.clock.now(), [
      {
        subjectKind: 'unit',
        subjectId: unit._id,
        otherId: target?._id ?? null,
        action,
        before: { name: unit.name, active: true },
        after: { active: false, ...(target ? { targetId: String(target._id), targetName: target.name } : {}) },
        reason,
      },
    ]);
    const closed = { ...unit, active: false, mergedInto: target?._id ?? null };
    return {
      unit: (await this.views([closed]))[0],
      moved: hanging.map(withText),
      message: target ? `「${unit.name}」已并入「${target.name}」` : `「${unit.name}」已停用`,
    };
  }

  private async targetFor(user: Principal, unit: Unit, targetId: string): Promise<Unit> {
    const target = await this.load(user, targetId, '转到的单位');
    if (target._id.equals(unit._id)) throw bad('body.targetId', '不能转到它自己');
    if (target.active === false) throw bad('body.targetId', `「${target.name}」已经停用`);
    return target;
  }

  /** Every area's records of the unit follow it (merged into another, or moved to another street). */
  private async follow(from: Unit, to: Unit): Promise<void> {
    const ctx = this.context();
    for (const r of placeRecords()) await r.moveUnit?.(ctx, { from, to });
    await this.principals.changedAll();
  }

  async hanging(unit: Unit): Promise<HangingCount[]> {
    const ctx = this.context();
    const counts = new Map<HangingKind, number>();
    for (const r of placeRecords())
      for (const c of (await r.countUnit?.(ctx, unit)) ?? []) counts.set(c.kind, (counts.get(c.kind) ?? 0) + c.count);
    return HANGING_KINDS.filter((k) => counts.get(k)).map((kind) => ({ kind, count: counts.get(kind)! }));
  }

  private async views(units: Unit[]): Promise<OrgUnitView[]> {
    const ids = [...new Set(units.map((u) => String(u.streetId)))];
    const streets = await this.db
      .model(OrgModel)
      .find({ _id: { $in: ids } }, { name: 1 })
      .lean<Org[]>();
    const name = new Map(streets.map((s) => [String(s._id), s.name]));
    return units.map((u) => ({
      id: String(u._id),
      name: u.name,
      kind: u.kind,
      street: { id: String(u.streetId), kind: 'street', name: name.get(String(u.streetId)) ?? '' },
      active: u.active !== false,
    }));
  }
}

const withText = (h: HangingCount) => ({ ...h, text: hangingText(h) });
