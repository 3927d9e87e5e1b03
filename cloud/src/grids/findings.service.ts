import { Inject, Provide } from '@midwayjs/core';
import { Types } from 'mongoose';
import {
  FINDING_CATEGORY_LABELS,
  FINDING_NEED_CATEGORY,
  FINDING_OUTCOME_LABELS,
  blowWhistleBody,
  parseWith,
  type ConvertFindingToNeedBody,
  type ConvertFindingToWhistleBody,
  type CreateNeedBody,
  type FieldError,
  type FindingOutcome,
  type FindingView,
  type z,
  type listFindingsQuery,
} from '@gongzhi/shared';
import { AppError } from '../core/app-error';
import { Clock } from '../core/clock';
import { Db, isDuplicateKey } from '../core/db';
import { placeScope } from '../core/place';
import { PRINCIPAL_SOURCE, type Principal, type PrincipalSource } from '../core/principal';
import { MenuService } from '../menu/menu.service';
import { NeedsService } from '../needs/needs.service';
import { OrgModel } from '../org/org.model';
import { UploadModel } from '../uploads/upload.model';
import { WhistlesService } from '../whistles/whistles.service';
import {
  FINDING_CONVERSION_STALE_MS,
  FindingConversionModel,
  type FindingConversion,
} from './finding-conversion.model';
import { FindingModel, type Finding } from './finding.model';
import { oid } from '../core/oid';
import { presentFindings, projectionOf, statusOf } from './finding-views';

/**
 * Use cases of patrol findings (巡查发现): list_findings, show_finding, convert_finding_to_need,
 * close_finding. A finding has one outcome (a need, a whistle, or handled on the spot), claimed by
 * inserting its findingConversions record: whoever inserts first does the work, everyone else
 * gets that outcome back or a conflict.
 */
@Provide()
export class FindingsService {
  @Inject(PRINCIPAL_SOURCE)
  principals!: PrincipalSource;

  @Inject()
  db!: Db;

  @Inject()
  clock!: Clock;

  @Inject()
  needs!: NeedsService;

  @Inject()
  menu!: MenuService;

  @Inject()
  whistles!: WhistlesService;

  async listFindings(user: Principal, query: z.output<typeof listFindingsQuery>) {
    const scope = placeScope(user);
    if (!scope) throw new AppError('FORBIDDEN');
    const and: Record<string, unknown>[] = [scope];
    if (query.status) and.push({ status: query.status });
    if (query.category) and.push({ category: query.category });
    if (query.gridId) and.push({ 'place.gridId': oid(query.gridId) });
    if (query.communityId) and.push({ 'place.communityId': oid(query.communityId) });
    const findings = this.db.model(FindingModel);
    const [rows, total] = await Promise.all([
      findings
        .find({ $and: and })
        .sort({ foundAt: -1, _id: -1 })
        .skip((query.page - 1) * query.pageSize)
        .limit(query.pageSize)
        .lean<Finding[]>(),
      findings.countDocuments({ $and: and }),
    ]);
    return { items: await this.presentMany(rows), total, page: query.page, pageSize: query.pageSize };
  }

  async showFinding(user: Principal, id: string): Promise<FindingView> {
    return this.present(await this.current(await this.visibleFinding(user, id)));
  }

  /**
   * One step from finding to need: ordered through the needs area as the patroller who found it
   * (their photos, their grid; on behalf of a resident when one is named), with the finding's
   * words and place unless the body says otherwise. Two clicks make one need: the second gets the
   * same finding with the same need, or 409 while the first is still creating it.
   */
  async convertFindingToNeed(user: Principal, id: string, body: ConvertFindingToNeedBody): Promise<FindingView> {
    const finding = await this.current(await this.visibleFinding(user, id));
    const claimed = await this.claim(user, finding, 'need');
    if (!claimed) return this.present(await this.current(await this.reload(finding)));

    let needId: string;
    try {
      const { principal, order } = await this.needOrder(finding, body);
      needId = (await this.needs.createNeed(principal, order)).id;
    } catch (err) {
      await this.release(claimed);
      throw err;
    }
    return this.present(await this.settle(finding, claimed, oid(needId)));
  }

  /**
   * One step from finding to whistle: blown by the caller from their own place (grid or
   * community) through the whistles area, about the finding (subject `finding`), with its words,
   * category and place unless the body says otherwise. Guarded like the need conversion.
   */
  async convertFindingToWhistle(user: Principal, id: string, body: ConvertFindingToWhistleBody): Promise<FindingView> {
    const finding = await this.current(await this.visibleFinding(user, id));
    const claimed = await this.claim(user, finding, 'whistle');
    if (!claimed) return this.present(await this.current(await this.reload(finding)));

    let whistleId: string;
    try {
      const label = FINDING_CATEGORY_LABELS[finding.category];
      // The whistle's own checks (type against targets, volunteer call…) run on the composed body.
      const parsed = parseWith(
        blowWhistleBody,
        {
          ...body,
          subject: { kind: 'finding', id: String(finding._id) },
          title: body.title ?? `${label}：${finding.description}`.slice(0, 60),
          description: body.description ?? `巡查发现（${finding.placeLabel}）：${finding.description}`,
          // Photos go along when they are the caller's own uploads (the whistles area takes no others).
          photos: await this.ownPhotos(user, finding.photos),
        },
        'body',
      );
      if (!parsed.ok) throw new AppError('VALIDATION_FAILED', undefined, parsed.fields);
      whistleId = (await this.whistles.blowWhistle(user, parsed.data)).id;
    } catch (err) {
      await this.release(claimed);
      throw err;
    }
    return this.present(await this.settle(finding, claimed, oid(whistleId)));
  }

  /**
   * Closes a finding. An open one is handled on the spot (现场处置): that is its outcome, claimed
   * like a conversion, so it cannot also become a need. A converted one closes once its need or
   * whistle is dealt with.
   */
  async closeFinding(user: Principal, id: string, note: string): Promise<FindingView> {
    const finding = await this.current(await this.visibleFinding(user, id));
    if (finding.status === 'closed') throw new AppError('INVALID_TRANSITION', '这条发现已经办结');
    const now = this.clock.now();
    if (finding.status === 'open') {
      const claimed = await this.claim(user, finding, 'onSite', note);
      if (!claimed) throw new AppError('CONFLICT', '这条发现刚被转办，请刷新后再试');
      return this.present(await this.settle(finding, claimed, null));
    }
    const closing = { closedAt: now, closedBy: oid(user.userId), closeNote: note, status: 'closed' as const };
    // Two closes at once both write the same kind of thing: whichever lands last is as good.
    await this.db.model(FindingModel).updateOne({ _id: finding._id, closedAt: null }, { $set: closing });
    return this.present(await this.current(await this.reload(finding)));
  }

  // ——— For patrols and other areas ———

  /** A finding the caller may see (its place is in their scope), or 404. */
  async visibleFinding(user: Principal, id: string): Promise<Finding> {
    const scope = placeScope(user);
    const finding = scope
      ? await this.db
          .model(FindingModel)
          .findOne({ $and: [scope, { _id: oid(id) }] })
          .lean<Finding>()
      : null;
    if (!finding) throw new AppError('NOT_FOUND', '没有找到这条巡查发现');
    return finding;
  }

  async present(f: Finding): Promise<FindingView> {
    return (await this.presentMany([f]))[0];
  }

  async presentMany(rows: Finding[]): Promise<FindingView[]> {
    return presentFindings(this.db, rows);
  }

  // ——— Internals ———

  /**
   * The finding with its status re-projected from its outcome record. A projection write lost to
   * a crash or a race (updates are not atomic on FerretDB) is repaired here.
   */
  private async current(finding: Finding): Promise<Finding> {
    const conversion = await this.db.model(FindingConversionModel).findById(finding._id).lean<FindingConversion>();
    const status = statusOf(finding, conversion);
    const outcomeStale =
      !!conversion?.done && String(finding.outcome?.targetId ?? 'none') !== String(conversion.targetId ?? 'none');
    if (status === finding.status && !outcomeStale) return finding;
    const repaired: Finding = {
      ...finding,
      ...(conversion?.done ? projectionOf(finding, conversion) : { outcome: null }),
      status,
    };
    await this.db.model(FindingModel).updateOne(
      { _id: finding._id },
      {
        $set: {
          status,
          outcome: repaired.outcome,
          closedAt: repaired.closedAt,
          closedBy: repaired.closedBy,
          closeNote: repaired.closeNote,
        },
      },
    );
    return repaired;
  }

  /**
   * Claims the finding's one outcome by inserting its record (the primary key is the finding's
   * id). Returns the record when this call won; null when the same kind of outcome is already
   * complete (a second click: show what the first made). Throws 409 when another outcome won or
   * the first click is still working. A claim left unfinished past STALE_MS (a crash between claim
   * and creation) is cleared and claimed again.
   */
  private async claim(
    user: Principal,
    finding: Finding,
    kind: FindingOutcome,
    note: string | null = null,
  ): Promise<FindingConversion | null> {
    const conversions = this.db.model(FindingConversionModel);
    for (let attempt = 0; attempt < 3; attempt++) {
      const now = this.clock.now();
      const record: FindingConversion = {
        _id: finding._id,
        kind,
        targetId: null,
        done: kind === 'onSite',
        by: oid(user.userId),
        at: now,
        note,
      };
      try {
        await conversions.create(record);
        return record;
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
      }
      const existing = await conversions.findById(finding._id).lean<FindingConversion>();
      if (!existing) continue; // released meanwhile: try again
      if (existing.done && existing.kind === kind && kind !== 'onSite') return null;
      if (existing.done) {
        throw new AppError('INVALID_TRANSITION', `这条发现已${FINDING_OUTCOME_LABELS[existing.kind]}，不能再转办`);
      }
      if (now.getTime() - existing.at.getTime() < FINDING_CONVERSION_STALE_MS) {
        throw new AppError('CONFLICT', '这条发现正在转办，请稍候刷新');
      }
      // Abandoned: clear exactly that claim (not a fresh one someone made since) and retry.
      await conversions.deleteOne({ _id: finding._id, done: false, at: existing.at });
    }
    throw new AppError('CONFLICT', '这条发现正在转办，请稍候刷新');
  }

  private async ownPhotos(user: Principal, photos: Types.ObjectId[]): Promise<string[]> {
    if (!photos.length) return [];
    const mine = await this.db
      .model(UploadModel)
      .find({ _id: { $in: photos }, owner: oid(user.userId) }, { _id: 1 })
      .lean();
    const own = new Set(mine.map((u) => String(u._id)));
    return photos.map(String).filter((p) => own.has(p));
  }

  private async reload(finding: Finding): Promise<Finding> {
    return (await this.db.model(FindingModel).findById(finding._id).lean<Finding>()) ?? finding;
  }

  /** Gives up a claim whose creation failed, so the finding can be converted again. */
  private async release(claim: FindingConversion): Promise<void> {
    await this.db.model(FindingConversionModel).deleteOne({ _id: claim._id, done: false, at: claim.at });
  }

  /** Completes a won claim with what it created, then projects it onto the finding. */
  private async settle(finding: Finding, claim: FindingConversion, targetId: Types.ObjectId | null): Promise<Finding> {
    const done = { ...claim, targetId, done: true };
    if (!claim.done) {
      await this.db
        .model(FindingConversionModel)
        .updateOne({ _id: claim._id, at: claim.at }, { $set: { targetId, done: true } });
    }
    const projected = { ...finding, ...projectionOf(finding, done) };
    projected.status = statusOf(projected, done);
    await this.db.model(FindingModel).updateOne(
      { _id: finding._id },
      {
        $set: {
          status: projected.status,
          outcome: projected.outcome,
          closedAt: projected.closedAt,
          closedBy: projected.closedBy,
          closeNote: projected.closeNote,
        },
      },
    );
    return projected;
  }

  /**
   * The need to order for a finding, and who orders it: the patroller who found it, acting in the
   * finding's community (the photos are theirs; the need lands in their grid's inbox).
   */
  private async needOrder(
    finding: Finding,
    body: ConvertFindingToNeedBody,
  ): Promise<{ principal: Principal; order: CreateNeedBody }> {
    // The patroller orders as themselves (their roles read as for any request of theirs), at the finding's place.
    let patroller: Principal;
    try {
      patroller = await this.principals.resolve({ userId: String(finding.reportedBy), sessionId: null });
    } catch {
      throw new AppError('NOT_FOUND', '没有找到这条发现的巡查人');
    }
    const principal: Principal = {
      ...patroller,
      communityId: String(finding.place.communityId),
      streetId: String(finding.place.streetId),
    };
    const fields: FieldError[] = [];
    if (body.onBehalfOf && !patroller.roles.includes('gridWorker')) {
      fields.push({ path: 'body.onBehalfOf', message: '这条发现不是网格员上报的，不能代居民下单' });
    }
    let placeId = body.placeId;
    if (placeId) {
      const inGrid = await this.db
        .model(OrgModel)
        .exists({ _id: oid(placeId), kind: { $in: ['complex', 'building'] }, ancestors: finding.place.gridId });
      if (!inGrid) fields.push({ path: 'body.placeId', message: '请选择本网格内的小区或楼栋' });
    } else if (finding.place.buildingId || finding.place.complexId) {
      placeId = String(finding.place.buildingId ?? finding.place.complexId);
    } else {
      fields.push({ path: 'body.placeId', message: '这条发现没有具体小区，请选择小区或楼栋' });
    }
    if (fields.length) throw new AppError('VALIDATION_FAILED', undefined, fields);

    const menuItemId = body.menuItemId === undefined ? await this.defaultItem(principal, finding) : body.menuItemId;
    const label = FINDING_CATEGORY_LABELS[finding.category];
    return {
      principal,
      order: {
        menuItemId,
        ...(menuItemId ? {} : { otherText: body.title ?? `巡查发现：${label}问题` }),
        description: body.description ?? finding.description,
        placeId: placeId!,
        photos: finding.photos.map(String),
        answers: body.answers,
        ...(body.contactPhone ? { contactPhone: body.contactPhone } : {}),
        ...(body.onBehalfOf ? { onBehalfOf: body.onBehalfOf } : {}),
      },
    };
  }

  /**
   * The menu item a finding's category maps to (FINDING_NEED_CATEGORY): the first one offered in
   * the community that asks nothing more. None fits → null, ordered as 其他 in the finding's words.
   */
  private async defaultItem(principal: Principal, finding: Finding): Promise<string | null> {
    const category = FINDING_NEED_CATEGORY[finding.category];
    if (category === 'other') return null;
    const menu = await this.menu.listMenu(principal);
    const items = menu.categories.find((c) => c.code === category)?.items ?? [];
    for (const summary of items) {
      const item = await this.menu.offeredItem(summary.id, finding.place.communityId);
      if (item && item.fields.every((f) => !f.required)) return summary.id;
    }
    return null;
  }
}
