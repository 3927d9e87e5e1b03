import { Inject, Provide } from '@midwayjs/core';
import { Types } from 'mongoose';
import {
  daySlots,
  maskPhone,
  resourceShapeIssues,
  addDays,
  isBookableKind,
  isPeopleKind,
  isoWeekday,
  localInstant,
  slotCells,
  type CreateResourceBody,
  type FieldError,
  type ResourceView,
  type SlotsResponse,
  type UnitView,
  type UpdateResourceBody,
  type z,
  type listResourcesQuery,
  type listUnitsQuery,
} from '@gongzhi/shared';
import { AppError } from '../core/app-error';
import { Db } from '../core/db';
import { type Place } from '../core/place';
import { PlaceService } from '../org/place.service';
import type { Principal } from '../core/principal';
import { OrgModel, type Org } from '../org/org.model';
import { UnitModel, type Unit } from '../org/unit.model';
import { heldCells } from './booking-slots';
import { ResourceModel, type Resource } from './resource.model';
import {
  ResourceAccess,
  canManage,
  canSee,
  manageFilter,
  seeFilter,
  seesContact,
  type Caller,
} from './resource-access';
import { createKeyed } from '../core/create-keyed';
import { namesOf } from '../people/names';

type ListResourcesQuery = z.output<typeof listResourcesQuery>;
type ListUnitsQuery = z.output<typeof listUnitsQuery>;

const NOT_FOUND = '没有找到这个资源';

/**
 * Use cases of the resources list (资源清单): list_resources, show_resource, create_resource,
 * update_resource, deactivate_resource, show_free_slots, list_units.
 */
@Provide()
export class ResourcesService {
  @Inject()
  db!: Db;

  @Inject()
  access!: ResourceAccess;

  @Inject()
  places!: PlaceService;

  async listResources(user: Principal, q: ListResourcesQuery) {
    const caller = await this.access.caller(user);
    const and: Record<string, unknown>[] = [q.managed ? manageFilter(caller) : seeFilter(caller)];
    if (q.kind) and.push({ kind: q.kind });
    if (q.categoryCode) and.push({ categoryCodes: q.categoryCode });
    if (q.bookable !== undefined) and.push({ bookable: q.bookable });
    if (q.unitId) and.push({ unitId: new Types.ObjectId(q.unitId) });
    if (q.communityId) and.push({ 'place.communityId': new Types.ObjectId(q.communityId) });
    const filter = { $and: and };
    const model = this.db.model(ResourceModel);
    const [total, docs] = await Promise.all([
      model.countDocuments(filter),
      model
        .find(filter)
        .sort({ kind: 1, _id: 1 })
        .skip((q.page - 1) * q.pageSize)
        .limit(q.pageSize)
        .lean<Resource[]>(),
    ]);
    return { items: await this.views(caller, docs), total, page: q.page, pageSize: q.pageSize };
  }

  async showResource(user: Principal, id: string): Promise<ResourceView> {
    const caller = await this.access.caller(user);
    const r = await this.load(caller, id);
    return (await this.views(caller, [r]))[0];
  }

  async createResource(
    user: Principal,
    body: CreateResourceBody,
    keyedId: Types.ObjectId | null = null,
  ): Promise<ResourceView> {
    const caller = await this.access.caller(user);
    const unitId = this.ownerFor(caller, body.unitId);
    const unit = unitId ? await this.db.model(UnitModel).findById(unitId).lean<Unit>() : null;
    if (unitId && !unit) throw invalid('body.unitId', '没有这个驻区单位');
    const placeId = body.placeId ?? (await this.defaultPlaceId(caller, unit));
    if (!placeId) throw invalid('body.placeId', '请选择资源所在的社区、小区或楼栋');
    const place = await this.placeFor(caller, unit, placeId);
    const now = new Date();
    const bookable = body.bookable ?? isBookableKind(body.kind);
    const doc = await createKeyed<Resource>(this.db.model(ResourceModel), keyedId, {
      unitId: unitId ? new Types.ObjectId(unitId) : null,
      place,
      kind: body.kind,
      name: body.name,
      description: body.description,
      categoryCodes: body.categoryCodes,
      skills: body.skills,
      hours: body.hours,
      bookable,
      slotMinutes: body.slotMinutes ?? null,
      capacity: body.capacity ?? null,
      contact: body.contact ?? null,
      active: true,
      createdBy: new Types.ObjectId(caller.userId),
      createdAt: now,
      updatedAt: now,
    });
    return (await this.views(caller, [doc]))[0];
  }

  async updateResource(user: Principal, id: string, body: UpdateResourceBody): Promise<ResourceView> {
    const caller = await this.access.caller(user);
    const r = await this.loadManaged(caller, id);
    const set: Partial<Resource> = {};
    if (body.placeId) {
      const unit = r.unitId ? await this.db.model(UnitModel).findById(r.unitId).lean<Unit>() : null;
      set.place = await this.placeFor(caller, unit, body.placeId);
    }
    for (const key of ['name', 'description', 'categoryCodes', 'skills', 'hours', 'bookable', 'active'] as const) {
      if (body[key] !== undefined) (set as Record<string, unknown>)[key] = body[key];
    }
    for (const key of ['slotMinutes', 'capacity', 'contact'] as const) {
      if (body[key] !== undefined) (set as Record<string, unknown>)[key] = body[key];
    }
    const merged = { ...r, ...set };
    const issues = resourceShapeIssues(merged);
    if (issues.length) {
      throw new AppError(
        'VALIDATION_FAILED',
        undefined,
        issues.map((i) => ({ path: ['body', ...i.path].join('.'), message: i.message })),
      );
    }
    set.updatedAt = new Date();
    // A plain $set: concurrent edits of one resource may overwrite each other, which no rule depends on.
    await this.db.model(ResourceModel).updateOne({ _id: r._id }, { $set: set });
    return (await this.views(caller, [{ ...merged, updatedAt: set.updatedAt }]))[0];
  }

  async deactivateResource(user: Principal, id: string): Promise<ResourceView> {
    const caller = await this.access.caller(user);
    const r = await this.loadManaged(caller, id);
    const updatedAt = new Date();
    if (r.active) await this.db.model(ResourceModel).updateOne({ _id: r._id }, { $set: { active: false, updatedAt } });
    return (await this.views(caller, [{ ...r, active: false, updatedAt: r.active ? updatedAt : r.updatedAt }]))[0];
  }

  /** The day's slots of a venue or device, each free, taken or past (started already). */
  async showFreeSlots(user: Principal, id: string, date: string): Promise<SlotsResponse> {
    const caller = await this.access.caller(user);
    const r = await this.load(caller, id);
    if (!r.bookable || !r.slotMinutes) {
      throw new AppError('VALIDATION_FAILED', '该资源不接受预约', [{ path: 'params.id', message: '该资源不接受预约' }]);
    }
    const slots = daySlots(r.hours, r.slotMinutes, date);
    const held = await heldCells(this.db, r._id, localInstant(date, 0), localInstant(addDays(date, 1), 0));
    const now = Date.now();
    return {
      resourceId: String(r._id),
      date,
      weekday: isoWeekday(date),
      slotMinutes: r.slotMinutes,
      slots: slots.map((s) => ({
        ...s,
        status:
          new Date(s.start).getTime() <= now
            ? 'past'
            : slotCells(s.start, s.end).some((c) => held.has(c.getTime()))
              ? 'taken'
              : 'free',
      })),
    };
  }

  /** Units of the caller's street; county-level callers (no street) see all and may pick a street. */
  async listUnits(
    user: Principal,
    q: ListUnitsQuery,
  ): Promise<{ items: UnitView[]; total: number; page: number; pageSize: number }> {
    const and: Record<string, unknown>[] = [];
    if (user.streetId) and.push({ streetId: new Types.ObjectId(user.streetId) });
    if (q.streetId) and.push({ streetId: new Types.ObjectId(q.streetId) });
    const filter = and.length ? { $and: and } : {};
    const model = this.db.model(UnitModel);
    const [total, units] = await Promise.all([
      model.countDocuments(filter),
      model
        .find(filter)
        .sort({ streetId: 1, name: 1 })
        .skip((q.page - 1) * q.pageSize)
        .limit(q.pageSize)
        .lean<Unit[]>(),
    ]);
    const streets = await namesOf(
      this.db,
      OrgModel,
      units.map((u) => u.streetId),
    );
    return {
      items: units.map((u) => ({
        id: String(u._id),
        name: u.name,
        kind: u.kind,
        street: { id: String(u.streetId), name: streets.get(String(u.streetId)) ?? '' },
      })),
      total,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  /** A resource the caller may see; anything else is "not found", whether it exists or not. */
  async load(caller: Caller, id: string): Promise<Resource> {
    const r = await this.db.model(ResourceModel).findById(id).lean<Resource>();
    if (!r || !canSee(caller, r)) throw new AppError('NOT_FOUND', NOT_FOUND);
    return r;
  }

  /** A resource the caller may edit: 404 when they cannot see it, 403 when they see it but it is not theirs. */
  private async loadManaged(caller: Caller, id: string): Promise<Resource> {
    const r = await this.load(caller, id);
    if (!canManage(caller, r)) throw new AppError('FORBIDDEN', '只能管理本单位或本社区的资源');
    return r;
  }

  /** Who owns a new resource: county admins name any unit (or none); unit admins their unit; staff their community. */
  private ownerFor(caller: Caller, requested: string | null | undefined): string | null {
    if (caller.roles.includes('countyAdmin')) return requested ?? null;
    const wantsCommunity = requested === null || (requested === undefined && !caller.roles.includes('unitAdmin'));
    if (wantsCommunity) {
      if (caller.roles.includes('staff') && caller.communityId) return null;
      throw new AppError('FORBIDDEN', '只有社区工作者可以发布社区自有的资源');
    }
    const unitId = requested ?? caller.unitId;
    if (!caller.roles.includes('unitAdmin') || !caller.unitId || unitId !== caller.unitId) {
      throw new AppError('FORBIDDEN', '只能发布本单位的资源');
    }
    return unitId;
  }

  /**
   * Where a resource goes when none is named: staff's own community; for a unit (whose admin has no
   * community, and whose lawyer or doctor serves the whole street), the community of the unit's
   * latest resource, else the first open community of the unit's street.
   */
  private async defaultPlaceId(caller: Caller, unit: Unit | null): Promise<string | null> {
    if (!unit) return caller.roles.includes('staff') ? caller.communityId : null;
    const latest = await this.db
      .model(ResourceModel)
      .findOne({ unitId: unit._id, 'place.streetId': unit.streetId }, { place: 1 })
      .sort({ _id: -1 })
      .lean<Pick<Resource, 'place'>>();
    if (latest) return String(latest.place.communityId);
    const first = await this.db
      .model(OrgModel)
      .findOne({ kind: 'community', ancestors: unit.streetId, active: { $ne: false } }, { _id: 1 })
      .sort({ name: 1 })
      .lean<Pick<Org, '_id'>>();
    return first ? String(first._id) : null;
  }

  /** Resolves a place and checks it: a unit's resources stay in the unit's street, staff's in their community. */
  private async placeFor(caller: Caller, unit: Unit | null, placeId: string): Promise<Place> {
    const place = await this.places.placeOf(placeId);
    if (unit && !place.streetId.equals(unit.streetId))
      throw invalid('body.placeId', '驻区单位的资源应在本单位所在的街道内');
    if (!unit && !caller.roles.includes('countyAdmin') && String(place.communityId) !== caller.communityId) {
      throw invalid('body.placeId', '只能选择本社区内的地点');
    }
    return place;
  }

  async views(caller: Caller, docs: Resource[]): Promise<ResourceView[]> {
    const [units, communities] = await Promise.all([
      namesOf(
        this.db,
        UnitModel,
        docs.map((d) => d.unitId),
      ),
      namesOf(
        this.db,
        OrgModel,
        docs.map((d) => d.place.communityId),
      ),
    ]);
    const str = (id: Types.ObjectId | null) => (id ? String(id) : null);
    return docs.map((r) => ({
      id: String(r._id),
      kind: r.kind,
      name: r.name,
      description: r.description,
      categoryCodes: r.categoryCodes,
      skills: r.skills,
      hours: r.hours.map((h) => ({ weekday: h.weekday, open: h.open, close: h.close })),
      bookable: r.bookable,
      slotMinutes: r.slotMinutes,
      capacity: r.capacity,
      contact: r.contact
        ? { name: r.contact.name, phone: seesContact(caller, r) ? r.contact.phone : maskPhone(r.contact.phone) }
        : null,
      unit: r.unitId ? { id: String(r.unitId), name: units.get(String(r.unitId)) ?? '' } : null,
      community: { id: String(r.place.communityId), name: communities.get(String(r.place.communityId)) ?? '' },
      place: {
        streetId: String(r.place.streetId),
        communityId: String(r.place.communityId),
        gridId: str(r.place.gridId),
        complexId: str(r.place.complexId),
        buildingId: str(r.place.buildingId),
      },
      active: r.active,
      canManage: canManage(caller, r),
      hasAccount: isPeopleKind(r.kind) && canManage(caller, r) ? !!r.personId : null,
      createdAt: new Date(r.createdAt).toISOString(),
      updatedAt: new Date(r.updatedAt).toISOString(),
    }));
  }
}

function invalid(path: string, message: string): AppError {
  const fields: FieldError[] = [{ path, message }];
  return new AppError('VALIDATION_FAILED', message, fields);
}
