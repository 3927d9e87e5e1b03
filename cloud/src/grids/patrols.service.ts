import { Inject, Provide } from '@midwayjs/core';
import { Types } from 'mongoose';
import {
  PATROL_RULES,
  isoWeekOf,
  isoWeekRange,
  type FieldError,
  type FindingInput,
  type FindingView,
  type LogPatrolBody,
  type PatrolDetail,
  type PatrolSummary,
  type z,
  type listPatrolsQuery,
} from '@gongzhi/shared';
import { AppError } from '../core/app-error';
import { Clock } from '../core/clock';
import { Db, isDuplicateKey } from '../core/db';
import { placeScope, type Place } from '../core/place';
import { PlaceService } from '../org/place.service';
import type { Principal } from '../core/principal';
import { UploadModel } from '../uploads/upload.model';
import { OrgModel, type Org } from '../org/org.model';
import { UserModel, type User } from '../people/user.model';
import { PointsLedger } from '../points/ledger';
import { FindingModel, type Finding } from './finding.model';
import { FindingsService } from './findings.service';
import { GridAccess } from './grid-access';
import { PatrolModel, type Patrol } from './patrol.model';
import { createKeyed } from '../core/create-keyed';
import { seedId } from '../core/stable-id';
import { ContentGuard } from '../wechat/content-guard';
import { oid } from '../core/oid';

const DAY_MS = 24 * 3_600_000;

interface InGrid {
  org: Org;
  label: string;
}

/** Use cases of patrols (巡查): log_patrol, list_patrols, show_patrol, add_patrol_finding. */
@Provide()
export class PatrolsService {
  @Inject()
  db!: Db;

  @Inject()
  contentGuard!: ContentGuard;

  @Inject()
  clock!: Clock;

  @Inject()
  access!: GridAccess;

  @Inject()
  places!: PlaceService;

  @Inject()
  findings!: FindingsService;

  @Inject()
  points!: PointsLedger;

  /**
   * A patrol of the caller's own grid with its findings. Every place and photo is checked before
   * anything is written; the findings go in after the patrol, and a failure removes the patrol again.
   * With a keyed id (Idempotency-Key) the findings' ids follow from it, so a retry of a crashed
   * attempt adds only the findings that attempt did not store.
   */
  async logPatrol(user: Principal, body: LogPatrolBody, keyedId: Types.ObjectId | null = null): Promise<PatrolDetail> {
    const grid = await this.patrollableGrid(user, body.gridId);
    const now = this.clock.now();
    const startedAt = new Date(body.startedAt);
    const endedAt = new Date(body.endedAt);
    const fields: FieldError[] = [];
    if (startedAt.getTime() < now.getTime() - PATROL_RULES.maxBackdateDays * DAY_MS) {
      fields.push({ path: 'body.startedAt', message: `只能补记 ${PATROL_RULES.maxBackdateDays} 天内的巡查` });
    }
    if (endedAt.getTime() > now.getTime() + PATROL_RULES.clockSkewMinutes * 60_000) {
      fields.push({ path: 'body.endedAt', message: '结束时间不能晚于现在' });
    }
    const inGrid = await this.placesInGrid(grid, [...body.placeIds, ...body.findings.flatMap((f) => f.placeId ?? [])]);
    body.placeIds.forEach((id, i) => {
      if (!inGrid.has(id)) fields.push({ path: `body.placeIds.${i}`, message: '该地点不在本网格内' });
    });
    fields.push(...(await this.findingProblems(user, grid, body.findings, inGrid, 'body.findings.')));
    if (fields.length) throw new AppError('VALIDATION_FAILED', undefined, fields);
    const reviews = await this.checkFindings(user, body.findings, 'body.findings.');

    const place = await this.places.placeOf(grid._id);
    let patrol: Patrol = {
      _id: new Types.ObjectId(),
      place,
      patrollerId: oid(user.userId),
      startedAt,
      endedAt,
      week: isoWeekOf(startedAt),
      placeIds: body.placeIds.map(oid),
      note: body.note || null,
      createdAt: now,
    };
    patrol = await createKeyed<Patrol>(this.db.model(PatrolModel), keyedId, patrol);
    const docs = body.findings.map((f, i) => ({
      ...this.findingDoc(user, patrol, place, f, inGrid, grid, endedAt),
      ...(reviews[i] ? { contentReview: 'pending' as const } : {}),
      ...(keyedId ? { _id: seedId(`${keyedId}:finding:${i}`) } : {}),
    }));
    try {
      if (!keyedId && docs.length) await this.db.model(FindingModel).insertMany(docs);
      for (const d of keyedId ? docs : []) {
        await this.db
          .model(FindingModel)
          .create(d)
          .catch((err) => {
            if (!isDuplicateKey(err)) throw err;
          });
      }
    } catch (err) {
      await this.db.model(FindingModel).deleteMany({ patrolId: patrol._id });
      await this.db.model(PatrolModel).deleteOne({ _id: patrol._id });
      throw err;
    }
    await this.points.earnForPatrol(patrol.patrollerId, patrol._id, startedAt);
    return this.detail(user, patrol);
  }

  async listPatrols(user: Principal, query: z.output<typeof listPatrolsQuery>) {
    const scope = placeScope(user);
    if (!scope) throw new AppError('FORBIDDEN');
    const and: Record<string, unknown>[] = [scope];
    if (query.gridId) and.push({ 'place.gridId': oid(query.gridId) });
    if (query.communityId) and.push({ 'place.communityId': oid(query.communityId) });
    if (query.week) {
      const { from, to } = isoWeekRange(query.week);
      and.push({ startedAt: { $gte: from, $lt: to } });
    }
    const patrols = this.db.model(PatrolModel);
    const [rows, total] = await Promise.all([
      patrols
        .find({ $and: and })
        .sort({ startedAt: -1, _id: -1 })
        .skip((query.page - 1) * query.pageSize)
        .limit(query.pageSize)
        .lean<Patrol[]>(),
      patrols.countDocuments({ $and: and }),
    ]);
    return { items: await this.summaries(rows), total, page: query.page, pageSize: query.pageSize };
  }

  async showPatrol(user: Principal, id: string): Promise<PatrolDetail> {
    return this.detail(user, await this.visiblePatrol(user, id));
  }

  /** A finding noted after the patrol was logged: by the patroller, within the same week-long window. */
  async addPatrolFinding(
    user: Principal,
    patrolId: string,
    input: FindingInput,
    keyedId: Types.ObjectId | null = null,
  ): Promise<FindingView> {
    const patrol = await this.visiblePatrol(user, patrolId);
    if (String(patrol.patrollerId) !== user.userId) throw new AppError('FORBIDDEN', '只有巡查人本人可以补记发现');
    const now = this.clock.now();
    if (patrol.endedAt.getTime() < now.getTime() - PATROL_RULES.maxBackdateDays * DAY_MS) {
      throw new AppError('INVALID_TRANSITION', `巡查结束 ${PATROL_RULES.maxBackdateDays} 天后不能再补记发现`);
    }
    // A soft cap (a race may pass it by one): it keeps a patrol readable, no rule depends on it.
    if ((await this.db.model(FindingModel).countDocuments({ patrolId: patrol._id })) >= PATROL_RULES.maxFindings) {
      throw new AppError('CONFLICT', `一次巡查最多记录 ${PATROL_RULES.maxFindings} 条发现`);
    }
    const grid = (await this.db.model(OrgModel).findById(patrol.place.gridId).lean<Org>())!;
    const inGrid = await this.placesInGrid(grid, input.placeId ? [input.placeId] : []);
    const fields = await this.findingProblems(user, grid, [input], inGrid, 'body.', true);
    if (fields.length) throw new AppError('VALIDATION_FAILED', undefined, fields);
    const [review] = await this.checkFindings(user, [input], 'body.');
    const doc = {
      ...this.findingDoc(user, patrol, patrol.place, input, inGrid, grid, now),
      ...(review ? { contentReview: 'pending' as const } : {}),
    };
    return this.findings.present(await createKeyed<Finding>(this.db.model(FindingModel), keyedId, doc));
  }

  // ——— Internals ———

  /** 内容安全: each finding's description through WeChat (risky refused); whether each is to be marked for review. */
  private async checkFindings(user: Principal, findings: FindingInput[], prefix: string): Promise<boolean[]> {
    const reviews: boolean[] = [];
    for (const [i, f] of findings.entries()) {
      const path = prefix === 'body.' ? 'body.description' : `${prefix}${i}.description`;
      reviews.push((await this.contentGuard.text(user, { [path]: f.description }, 4)).review);
    }
    return reviews;
  }

  /** The grid, when the caller may patrol it: 404 outside their scope, 403 when they see it but sit on no patrol seat. */
  private async patrollableGrid(user: Principal, gridId: string): Promise<Org> {
    const grid = await this.access.visibleGrid(user, gridId);
    if (!(await this.access.canPatrol(user, grid))) {
      throw new AppError('FORBIDDEN', '只有本网格的网格员或网格长可以记录巡查');
    }
    return grid;
  }

  private async visiblePatrol(user: Principal, id: string): Promise<Patrol> {
    const scope = placeScope(user);
    const patrol = scope
      ? await this.db
          .model(PatrolModel)
          .findOne({ $and: [scope, { _id: oid(id) }] })
          .lean<Patrol>()
      : null;
    if (!patrol) throw new AppError('NOT_FOUND', '没有找到这次巡查');
    return patrol;
  }

  /** The complexes and buildings among `ids` that lie in the grid, by id, with their labels (南门小区 1号楼). */
  private async placesInGrid(grid: Org, ids: string[]): Promise<Map<string, InGrid>> {
    if (!ids.length) return new Map();
    const orgs = this.db.model(OrgModel);
    const rows = await orgs
      .find({ _id: { $in: [...new Set(ids)].map(oid) }, kind: { $in: ['complex', 'building'] }, ancestors: grid._id })
      .lean<Org[]>();
    const parentIds = rows.filter((o) => o.kind === 'building').map((o) => o.parentId!);
    const parents = parentIds.length ? await orgs.find({ _id: { $in: parentIds } }, { name: 1 }).lean<Org[]>() : [];
    const parentName = new Map(parents.map((o) => [String(o._id), o.name]));
    return new Map(
      rows.map((o) => [
        String(o._id),
        {
          org: o,
          label: o.kind === 'building' ? `${parentName.get(String(o.parentId)) ?? ''} ${o.name}`.trim() : o.name,
        },
      ]),
    );
  }

  private async findingProblems(
    user: Principal,
    grid: Org,
    inputs: FindingInput[],
    inGrid: Map<string, InGrid>,
    prefix: string,
    single = false,
  ): Promise<FieldError[]> {
    const fields: FieldError[] = [];
    const photoIds = inputs.flatMap((f) => f.photos);
    const mine = photoIds.length
      ? await this.db
          .model(UploadModel)
          .find({ _id: { $in: photoIds.map(oid) }, owner: oid(user.userId) }, { _id: 1 })
          .lean()
      : [];
    const found = new Set(mine.map((u) => String(u._id)));
    inputs.forEach((f, i) => {
      const at = single ? prefix : `${prefix}${i}.`;
      if (f.placeId && !inGrid.has(f.placeId))
        fields.push({ path: `${at}placeId`, message: `该地点不在${grid.name}内` });
      f.photos.forEach((p, j) => {
        if (!found.has(p)) fields.push({ path: `${at}photos.${j}`, message: '没有找到这张照片，请重新上传' });
      });
    });
    return fields;
  }

  private findingDoc(
    user: Principal,
    patrol: Patrol,
    gridPlace: Place,
    f: FindingInput,
    inGrid: Map<string, InGrid>,
    grid: Org,
    foundAt: Date,
  ): Finding {
    const hit = f.placeId ? inGrid.get(f.placeId)! : null;
    const at = hit?.org ?? null;
    return {
      _id: new Types.ObjectId(),
      patrolId: patrol._id,
      place: {
        ...gridPlace,
        complexId: at ? (at.kind === 'complex' ? at._id : at.parentId) : null,
        buildingId: at?.kind === 'building' ? at._id : null,
      },
      placeId: at?._id ?? grid._id,
      placeLabel: hit?.label ?? grid.name,
      category: f.category,
      description: f.description,
      photos: f.photos.map(oid),
      location: f.location ? { lat: f.location.lat, lng: f.location.lng } : null,
      reportedBy: oid(user.userId),
      foundAt,
      status: 'open',
      outcome: null,
      closedAt: null,
      closedBy: null,
      closeNote: null,
    };
  }

  private async detail(user: Principal, patrol: Patrol): Promise<PatrolDetail> {
    const [summary] = await this.summaries([patrol]);
    const findings = await this.db
      .model(FindingModel)
      .find({ patrolId: patrol._id })
      .sort({ foundAt: 1, _id: 1 })
      .lean<Finding[]>();
    return { ...summary, findings: await this.findings.presentMany(findings) };
  }

  private async summaries(rows: Patrol[]): Promise<PatrolSummary[]> {
    if (!rows.length) return [];
    const orgIds = rows.flatMap((p) => [p.place.gridId!, p.place.communityId, ...p.placeIds]);
    const [orgs, users, findings] = await Promise.all([
      this.db
        .model(OrgModel)
        .find({ _id: { $in: orgIds } }, { name: 1, kind: 1, parentId: 1 })
        .lean<Org[]>(),
      this.db
        .model(UserModel)
        .find({ _id: { $in: rows.map((p) => p.patrollerId) } }, { name: 1 })
        .lean<User[]>(),
      this.db
        .model(FindingModel)
        .find({ patrolId: { $in: rows.map((p) => p._id) } }, { patrolId: 1, status: 1 })
        .lean<Finding[]>(),
    ]);
    // Buildings are labelled with their complex: load the complexes not already at hand.
    const known = new Map(orgs.map((o) => [String(o._id), o]));
    const parents = orgs.filter((o) => o.kind === 'building' && !known.has(String(o.parentId))).map((o) => o.parentId!);
    if (parents.length) {
      const more = await this.db
        .model(OrgModel)
        .find({ _id: { $in: parents } }, { name: 1, kind: 1, parentId: 1 })
        .lean<Org[]>();
      for (const o of more) known.set(String(o._id), o);
    }
    const name = (id: Types.ObjectId | null) => (id ? (known.get(String(id))?.name ?? '') : '');
    const label = (o: Org) => (o.kind === 'building' ? `${name(o.parentId)} ${o.name}`.trim() : o.name);
    const userName = new Map(users.map((u) => [String(u._id), u.name]));
    return rows.map((p) => {
      const mine = findings.filter((f) => f.patrolId.equals(p._id));
      return {
        id: String(p._id),
        grid: { id: String(p.place.gridId), name: name(p.place.gridId) },
        community: { id: String(p.place.communityId), name: name(p.place.communityId) },
        patroller: { id: String(p.patrollerId), name: userName.get(String(p.patrollerId)) ?? '' },
        startedAt: p.startedAt.toISOString(),
        endedAt: p.endedAt.toISOString(),
        week: p.week,
        places: p.placeIds
          .map((id) => known.get(String(id)))
          .filter((o): o is Org => !!o)
          .map((o) => ({ id: String(o._id), kind: o.kind, name: label(o) })),
        note: p.note,
        findingCount: mine.length,
        openFindingCount: mine.filter((f) => f.status === 'open').length,
      };
    });
  }
}
