import { Inject, Provide } from '@midwayjs/core';
import { Types } from 'mongoose';
import { AppError } from '../core/app-error';
import { AuditLog } from '../audit/audit-log';
import { Cipher } from '../core/cipher';
import { Clock } from '../core/clock';
import { Db, isDuplicateKey } from '../core/db';
import type { Principal } from '../core/principal';
import { OrgModel, type Org } from '../org/org.model';
import { UnitModel, type Unit } from '../org/unit.model';
import { UserModel, type User } from '../people/user.model';
import { requirePartyWork } from './party-access';
import {
  EvaluationModel,
  RegistrationModel,
  RegistrationPostModel,
  type EvaluationDoc,
  type RegistrationDoc,
  type RegistrationPostDoc,
} from './registration.model';
import { unitReportWorkbook, unitReportFileName } from './report-workbook';
import type { EvaluationRating } from '@gongzhi/shared';
import { ContentGuard } from '../wechat/content-guard';
import { allOf } from '../core/filters';
import { oidOrNobody } from '../core/oid';

/** The place filter of registrations for a staff-type caller (field names differ from the rosters). */
function registrationScope(user: Principal): Record<string, unknown> {
  if (user.roles.includes('countyAdmin')) return {};
  if (user.roles.includes('streetAdmin')) return { streetId: oidOrNobody(user.streetId) };
  return { communityId: oidOrNobody(user.communityId) };
}

/** Use cases of 双报到 / 双报告: show_my_registration, register_at_community, list_registrations, evaluate_registration, list_report_units, export_unit_report. */
@Provide()
export class RegistrationsService {
  @Inject()
  db!: Db;

  @Inject()
  clock!: Clock;

  @Inject()
  cipher!: Cipher;

  @Inject()
  audit!: AuditLog;

  @Inject()
  contentGuard!: ContentGuard;

  async showMine(user: Principal) {
    const reg = await this.db
      .model(RegistrationModel)
      .findOne({ userId: new Types.ObjectId(user.userId) })
      .lean<RegistrationDoc>();
    const community = user.communityId
      ? await this.db.model(OrgModel).findById(user.communityId, { name: 1 }).lean<Org>()
      : null;
    const posts = community ? await this.postsOf(community._id) : [];
    const units = await this.db.model(UnitModel).find({}, { name: 1 }).sort({ name: 1 }).lean<Unit[]>();
    return {
      registration: reg ? (await this.present([reg]))[0] : null,
      communityName: community?.name ?? null,
      posts: posts.map((p) => ({ id: String(p._id), name: p.name, description: p.description })),
      units: units.map((u) => ({ id: String(u._id), name: u.name })),
    };
  }

  /** One registration per member, held by the unique user id; registering again changes the post. */
  async register(user: Principal, postId: string, unitId: string) {
    if (!user.communityId) throw new AppError('CONFLICT', '请先在“我的”里设置居住社区，再报到');
    const post = await this.db.model(RegistrationPostModel).findById(postId).lean<RegistrationPostDoc>();
    if (!post || String(post.communityId) !== user.communityId)
      throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'body.postId', message: '请选择本社区的岗位' }]);
    if (!(await this.db.model(UnitModel).exists({ _id: unitId })))
      throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'body.unitId', message: '请选择您的工作单位' }]);
    const community = await this.db.model(OrgModel).findById(user.communityId).lean<Org>();
    const streetId = community!.ancestors[community!.ancestors.length - 1];
    const model = this.db.model(RegistrationModel);
    const userId = new Types.ObjectId(user.userId);
    try {
      await model.create({
        userId,
        communityId: community!._id,
        streetId,
        postId: post._id,
        unitId: new Types.ObjectId(unitId),
        nameEnc: this.cipher.encrypt(user.name),
        registeredAt: this.clock.now(),
      });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      await model.updateOne({ userId }, { $set: { postId: post._id, unitId: new Types.ObjectId(unitId) } });
    }
    const reg = await model.findOne({ userId }).lean<RegistrationDoc>();
    return (await this.present([reg!]))[0];
  }

  async listRegistrations(user: Principal, q: { communityId?: string; year: number; page: number; pageSize: number }) {
    requirePartyWork(user);
    const filter = allOf(
      registrationScope(user),
      q.communityId ? { communityId: new Types.ObjectId(q.communityId) } : {},
    );
    const model = this.db.model(RegistrationModel);
    const [rows, total] = await Promise.all([
      model
        .find(filter)
        .sort({ registeredAt: -1, _id: -1 })
        .skip((q.page - 1) * q.pageSize)
        .limit(q.pageSize)
        .lean<RegistrationDoc[]>(),
      model.countDocuments(filter),
    ]);
    await this.audit.personalDataReads(
      user,
      rows.map((r) => r.userId),
      ['name', 'partyMembership'],
      'party:registrations',
    );
    return { items: await this.withEvaluations(rows, q.year), total, page: q.page, pageSize: q.pageSize };
  }

  /** One evaluation per registration and year (`_id` holds it); evaluating again rewrites it. */
  async evaluate(
    user: Principal,
    body: { registrationId: string; year: number; rating: EvaluationRating; comment: string },
  ) {
    requirePartyWork(user);
    const reg = await this.db
      .model(RegistrationModel)
      .findOne({ _id: body.registrationId, ...registrationScope(user) })
      .lean<RegistrationDoc>();
    if (!reg) throw new AppError('NOT_FOUND', '没有找到这条报到记录');
    // 内容安全: the evaluation is read by the member's unit.
    const { review } = await this.contentGuard.text(user, { 'body.comment': body.comment }, 2);
    const doc = {
      registrationId: reg._id,
      unitId: reg.unitId,
      communityId: reg.communityId,
      year: body.year,
      rating: body.rating,
      comment: body.comment,
      evaluatorId: new Types.ObjectId(user.userId),
      at: this.clock.now(),
      ...(review ? { contentReview: 'pending' as const } : {}),
    };
    const model = this.db.model(EvaluationModel);
    const _id = `${reg._id}:${body.year}`;
    try {
      await model.create({ _id, ...doc });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      await model.updateOne({ _id }, { $set: doc });
    }
    await this.audit.personalDataRead(user, reg.userId, ['name', 'partyMembership'], 'party:evaluate');
    return (await this.withEvaluations([reg], body.year))[0];
  }

  async reportUnits(user: Principal, year: number) {
    requirePartyWork(user);
    const regs = await this.db
      .model(RegistrationModel)
      .find(registrationScope(user), { unitId: 1 })
      .lean<RegistrationDoc[]>();
    const evaluated = await this.db
      .model(EvaluationModel)
      .find({ registrationId: { $in: regs.map((r) => r._id) }, year }, { unitId: 1 })
      .lean<EvaluationDoc[]>();
    const units = await this.db
      .model(UnitModel)
      .find({ _id: { $in: regs.map((r) => r.unitId) } }, { name: 1 })
      .lean<Unit[]>();
    const tally = (list: { unitId: Types.ObjectId }[], id: Types.ObjectId) =>
      list.filter((x) => x.unitId.equals(id)).length;
    return {
      items: units
        .map((u) => ({
          unitId: String(u._id),
          unitName: u.name,
          memberCount: tally(regs, u._id),
          evaluatedCount: tally(evaluated, u._id),
        }))
        .sort((a, b) => b.memberCount - a.memberCount || a.unitName.localeCompare(b.unitName, 'zh')),
    };
  }

  /** One workbook per unit: its members registered in the caller's scope, with the year's evaluations. */
  async exportUnit(user: Principal, unitId: string, year: number) {
    requirePartyWork(user);
    const unit = await this.db.model(UnitModel).findById(unitId).lean<Unit>();
    if (!unit) throw new AppError('NOT_FOUND', '没有找到该单位');
    const regs = await this.db
      .model(RegistrationModel)
      .find({ unitId: unit._id, ...registrationScope(user) })
      .sort({ communityId: 1, registeredAt: 1 })
      .lean<RegistrationDoc[]>();
    await this.audit.personalDataReads(
      user,
      regs.map((r) => r.userId),
      ['name', 'partyMembership'],
      `party:report-back:${unitId}`,
    );
    const rows = await this.withEvaluations(regs, year);
    return { file: await unitReportWorkbook(unit.name, year, rows), fileName: unitReportFileName(unit.name, year) };
  }

  private async withEvaluations(regs: RegistrationDoc[], year: number) {
    const presented = await this.present(regs);
    const evals = await this.db
      .model(EvaluationModel)
      .find({ _id: { $in: regs.map((r) => `${r._id}:${year}`) } })
      .lean<EvaluationDoc[]>();
    const evaluators = await this.db
      .model(UserModel)
      .find({ _id: { $in: evals.map((e) => e.evaluatorId) } }, { name: 1 })
      .lean<User[]>();
    const who = new Map(evaluators.map((u) => [String(u._id), u.name]));
    const byReg = new Map(evals.map((e) => [String(e.registrationId), e]));
    return presented.map((p) => {
      const e = byReg.get(p.id);
      return {
        ...p,
        evaluation: e
          ? {
              rating: e.rating,
              comment: e.comment,
              evaluatorName: who.get(String(e.evaluatorId)) ?? '',
              at: e.at.toISOString(),
            }
          : null,
      };
    });
  }

  private postsOf(communityId: Types.ObjectId) {
    return this.db.model(RegistrationPostModel).find({ communityId }).sort({ order: 1 }).lean<RegistrationPostDoc[]>();
  }

  private async present(regs: RegistrationDoc[]) {
    const [orgs, posts, units] = await Promise.all([
      this.db
        .model(OrgModel)
        .find({ _id: { $in: regs.map((r) => r.communityId) } }, { name: 1 })
        .lean<Org[]>(),
      this.db
        .model(RegistrationPostModel)
        .find({ _id: { $in: regs.map((r) => r.postId) } }, { name: 1 })
        .lean<RegistrationPostDoc[]>(),
      this.db
        .model(UnitModel)
        .find({ _id: { $in: regs.map((r) => r.unitId) } }, { name: 1 })
        .lean<Unit[]>(),
    ]);
    const name = new Map([...orgs, ...posts, ...units].map((x) => [String(x._id), x.name]));
    return regs.map((r) => ({
      id: String(r._id),
      name: this.cipher.decrypt(r.nameEnc),
      communityId: String(r.communityId),
      communityName: name.get(String(r.communityId)) ?? '',
      postId: String(r.postId),
      postName: name.get(String(r.postId)) ?? '',
      unitId: String(r.unitId),
      unitName: name.get(String(r.unitId)) ?? '',
      registeredAt: r.registeredAt.toISOString(),
    }));
  }
}
