import { Inject, Provide } from '@midwayjs/core';
import { Types } from 'mongoose';
import {
  WHISTLE_CATEGORY_CODES,
  WHISTLE_TYPE_RULES,
  whistleCategoryOfNeed,
  type FieldError,
  type WhistleCategory,
  type WhistleOriginKind,
  type WhistleTargetKind,
  type WhistleType,
  type blowWhistleBody,
  type z,
} from '@gongzhi/shared';
import { AppError } from '../core/app-error';
import { Db } from '../core/db';
import { placeInScope, type Place } from '../core/place';
import { PlaceService } from '../org/place.service';
import type { Principal } from '../core/principal';
import { NeedModel, type Need } from '../needs/need.model';
import { UploadModel } from '../uploads/upload.model';
import { OrgModel, type Org } from '../org/org.model';
import { ProjectAccess } from '../projects/project-access';
import type { WhistlePlace, WhistleTarget } from './whistle.model';
import { oid } from '../core/oid';

type BlowBody = z.output<typeof blowWhistleBody>;

export const fieldError = (path: string, message: string) =>
  new AppError('VALIDATION_FAILED', message, [{ path, message }]);

/**
 * The checks of what a caller blows a whistle with: an origin of their own, a subject within their
 * place, targets the whistle's type allows, photos they uploaded; and the roles they act in.
 */
@Provide()
export class WhistleBlowChecks {
  @Inject()
  db!: Db;

  @Inject()
  places!: PlaceService;

  @Inject()
  projects!: ProjectAccess;

  /** The origin the caller blows from, which must be their own: community, grid, street or an editable project. */
  async originOf(
    user: Principal,
    body: BlowBody,
  ): Promise<{ kind: WhistleOriginKind; refId: Types.ObjectId; name: string; place: WhistlePlace }> {
    const given = body.origin ?? defaultOrigin(user, WHISTLE_TYPE_RULES[body.type].origins);
    if (!given) throw fieldError('body.origin', '请选择发起吹哨的社区、网格、街道或项目');
    const refId = oid(given.id);
    const mine = () => new AppError('FORBIDDEN', '只能以本社区、本网格、本街道或所管项目的名义吹哨');
    if (given.kind === 'project') {
      const { project } = await this.projects.load(user, given.id, 'edit');
      return { kind: 'project', refId, name: project.title, place: project.place };
    }
    const org = await this.db.model(OrgModel).findOne({ _id: refId, kind: given.kind }).lean<Org>();
    if (!org)
      throw fieldError(
        'body.origin.id',
        `没有找到这个${given.kind === 'street' ? '街道' : given.kind === 'grid' ? '网格' : '社区'}`,
      );
    if (given.kind === 'street') {
      if (!user.roles.includes('streetAdmin') || user.streetId !== given.id) throw mine();
      return {
        kind: 'street',
        refId,
        name: org.name,
        place: { streetId: refId, communityId: null, gridId: null, complexId: null, buildingId: null },
      };
    }
    const place = await this.places.placeOf(refId);
    const allowed =
      given.kind === 'community'
        ? user.roles.includes('staff') && user.communityId === given.id
        : (user.roles.includes('gridWorker') && user.orgId === given.id) ||
          (user.roles.includes('staff') && user.communityId === String(place.communityId));
    if (!allowed) throw mine();
    return { kind: given.kind, refId, name: org.name, place };
  }

  /** The need or finding the whistle is about, if any: it must be within the caller's place. */
  async subjectOf(
    user: Principal,
    subject: BlowBody['subject'],
  ): Promise<{
    kind: 'need' | 'finding' | 'text';
    refId: Types.ObjectId | null;
    place: Place | null;
    category: WhistleCategory | null;
  }> {
    if (subject.kind === 'text') return { kind: 'text', refId: null, place: null, category: null };
    if (subject.kind === 'need') {
      const need = await this.db.model(NeedModel).findById(subject.id).lean<Need>();
      if (!need || !placeInScope(user, need.place)) throw fieldError('body.subject.id', '没有找到这条需求');
      return { kind: 'need', refId: need._id, place: need.place, category: whistleCategoryOfNeed(need.categoryCode) };
    }
    // Patrol findings belong to the grids area: read as plain documents (place, category).
    const finding = await this.db.connection
      .collection<{ _id: Types.ObjectId; place?: Place; category?: string }>('patrolFindings')
      .findOne({ _id: oid(subject.id) });
    if (!finding || (finding.place && !placeInScope(user, finding.place))) {
      throw fieldError('body.subject.id', '没有找到这条巡查发现');
    }
    const category = (WHISTLE_CATEGORY_CODES as readonly string[]).includes(finding.category ?? '')
      ? (finding.category as WhistleCategory)
      : null;
    return { kind: 'finding', refId: finding._id, place: finding.place ?? null, category };
  }

  /** The targets of a whistle: the origin's street, the named departments, or the community's party members. */
  async targetsFor(
    type: WhistleType,
    inputs: NonNullable<BlowBody['targets']>,
    place: WhistlePlace,
    fields: FieldError[],
  ): Promise<Pick<WhistleTarget, 'orgId' | 'kind' | 'name'>[]> {
    const kind: WhistleTargetKind = WHISTLE_TYPE_RULES[type].target;
    const orgs = this.db.model(OrgModel);
    if (kind === 'street') {
      const street = await orgs.findById(place.streetId).lean<Org>();
      const given = inputs[0];
      if (given && 'orgId' in given && given.orgId !== String(place.streetId)) {
        fields.push({ path: 'body.targets.0.orgId', message: '社区吹哨只能吹给所在的街道' });
      }
      return [{ orgId: place.streetId, kind, name: street?.name ?? '街道' }];
    }
    if (kind === 'partyMembers') {
      const community = place.communityId ? await orgs.findById(place.communityId).lean<Org>() : null;
      if (!community) {
        fields.push({ path: 'body.origin', message: '党员报到须由社区发起' });
        return [];
      }
      return [{ orgId: community._id, kind, name: `${community.name}在职党员` }];
    }
    const out: Pick<WhistleTarget, 'orgId' | 'kind' | 'name'>[] = [];
    for (const [i, t] of inputs.entries()) {
      if (!('orgId' in t)) continue;
      const dept = await orgs.findOne({ _id: oid(t.orgId), kind: 'department' }).lean<Org>();
      if (!dept) fields.push({ path: `body.targets.${i}.orgId`, message: '没有找到这个职能部门' });
      else out.push({ orgId: dept._id, kind, name: dept.name });
    }
    return out;
  }

  /** Photos must be the caller's own uploads. */
  async ownPhotos(user: Principal, ids: string[], path: string, fields: FieldError[]): Promise<Types.ObjectId[]> {
    if (!ids.length) return [];
    const mine = await this.db
      .model(UploadModel)
      .find({ _id: { $in: ids.map(oid) }, owner: oid(user.userId) }, { _id: 1 })
      .lean();
    const found = new Set(mine.map((u) => String(u._id)));
    ids.forEach((id, i) => {
      if (!found.has(id)) fields.push({ path: `${path}.${i}`, message: '没有找到这张照片，请重新上传' });
    });
    return ids.map(oid);
  }
}

/** The caller's own place as the origin, when the body names none. */
export function defaultOrigin(
  user: Principal,
  allowed: readonly WhistleOriginKind[],
): { kind: WhistleOriginKind; id: string } | null {
  if (user.roles.includes('staff') && user.communityId && allowed.includes('community')) {
    return { kind: 'community', id: user.communityId };
  }
  if (user.roles.includes('gridWorker') && user.orgId && allowed.includes('grid'))
    return { kind: 'grid', id: user.orgId };
  if (user.roles.includes('streetAdmin') && user.streetId && allowed.includes('street')) {
    return { kind: 'street', id: user.streetId };
  }
  return null;
}

export function insideOrigin(
  origin: { kind: WhistleOriginKind; refId: Types.ObjectId; place: WhistlePlace },
  p: Pick<Place, 'streetId' | 'communityId' | 'gridId'>,
): boolean {
  const same = (a: Types.ObjectId | null | undefined, b: Types.ObjectId | null | undefined) =>
    !!a && !!b && a.equals(b);
  if (origin.kind === 'street') return same(p.streetId, origin.refId);
  if (origin.kind === 'grid') return same(p.gridId, origin.refId);
  if (origin.kind === 'community') return same(p.communityId, origin.refId);
  return same(p.communityId, origin.place.communityId);
}

export function responderRole(t: WhistleTarget): string {
  return t.kind === 'street' ? 'streetAdmin' : t.kind === 'department' ? 'department' : 'partyMember';
}

export function originatorRole(user: Principal): string {
  return user.roles.find((r) => ['staff', 'gridWorker', 'streetAdmin', 'countyAdmin'].includes(r)) ?? user.roles[0];
}
