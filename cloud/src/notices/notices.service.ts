import { Inject, Provide } from '@midwayjs/core';
import { Types } from 'mongoose';
import type { Notice, PostNoticeBody } from '@gongzhi/shared';
import { AppError } from '../core/app-error';
import { Clock } from '../core/clock';
import { Db } from '../core/db';
import { communityInScope } from '../core/place';
import type { Principal } from '../core/principal';
import { OrgModel, type Org } from '../org/org.model';
import { OrgService } from '../org/org.service';
import { UserModel, type User } from '../people/user.model';
import { NoticeModel, type NoticeDoc } from './notice.model';
import { createKeyed } from '../core/create-keyed';
import { ContentGuard } from '../wechat/content-guard';

/** Use cases of 社区公告: list_notices, post_notice, withdraw_notice. */
@Provide()
export class NoticesService {
  @Inject()
  db!: Db;

  @Inject()
  clock!: Clock;

  @Inject()
  orgs!: OrgService;

  @Inject()
  contentGuard!: ContentGuard;

  /** Everyone reads their own community's notices; people without one (county roles) name a community. */
  async listNotices(user: Principal, requested: string | undefined, page: number, pageSize: number) {
    const communityId = user.communityId ?? requested;
    if (!communityId) return { items: [], total: 0, page, pageSize };
    const filter = { communityId: new Types.ObjectId(communityId), withdrawnAt: null };
    const model = this.db.model(NoticeModel);
    const [rows, total] = await Promise.all([
      model
        .find(filter)
        .sort({ pinned: -1, publishedAt: -1, _id: -1 })
        .skip((page - 1) * pageSize)
        .limit(pageSize)
        .lean<NoticeDoc[]>(),
      model.countDocuments(filter),
    ]);
    return { items: await this.present(rows), total, page, pageSize };
  }

  async postNotice(user: Principal, body: PostNoticeBody, keyedId: Types.ObjectId | null = null): Promise<Notice> {
    const community = await this.editableCommunity(user, body.communityId ?? user.communityId);
    const checked = await this.contentGuard.text(user, { 'body.title': body.title, 'body.body': body.body }, 3);
    const doc = await createKeyed<NoticeDoc>(this.db.model(NoticeModel), keyedId, {
      communityId: community._id,
      streetId: await this.streetIdOf(community),
      title: body.title,
      body: body.body,
      ...(checked.review ? { contentReview: 'pending' as const } : {}),
      pinned: body.pinned,
      authorId: new Types.ObjectId(user.userId),
      publishedAt: this.clock.now(),
      withdrawnAt: null,
    });
    return (await this.present([doc]))[0];
  }

  async withdrawNotice(user: Principal, id: string): Promise<Notice> {
    const model = this.db.model(NoticeModel);
    const found = await model.findById(id).lean<NoticeDoc>();
    if (!found) throw new AppError('NOT_FOUND', '没有找到这条公告');
    await this.editableCommunity(user, String(found.communityId));
    if (!found.withdrawnAt)
      await model.updateOne({ _id: found._id, withdrawnAt: null }, { $set: { withdrawnAt: this.clock.now() } });
    return (await this.present([found]))[0];
  }

  /** Staff edit their own community, street admins those of their street, county admins any; others 404. */
  private async editableCommunity(user: Principal, communityId: string | null | undefined): Promise<Org> {
    const community = communityId ? await this.orgs.get(communityId) : null;
    const inScope = !!community && community.kind === 'community' && communityInScope(user, community);
    if (!inScope)
      throw new AppError('NOT_FOUND', '没有找到该社区', [{ path: 'body.communityId', message: '请选择您所辖的社区' }]);
    return community!;
  }

  private async streetIdOf(community: Org): Promise<Types.ObjectId> {
    const street = await this.orgs.streetOf(community);
    return street!._id;
  }

  private async present(rows: NoticeDoc[]): Promise<Notice[]> {
    const [orgs, users] = await Promise.all([
      this.db
        .model(OrgModel)
        .find({ _id: { $in: rows.map((r) => r.communityId) } }, { name: 1 })
        .lean<Org[]>(),
      this.db
        .model(UserModel)
        .find({ _id: { $in: rows.map((r) => r.authorId) } }, { name: 1 })
        .lean<User[]>(),
    ]);
    const name = new Map([...orgs, ...users].map((x) => [String(x._id), x.name]));
    return rows.map((r) => ({
      id: String(r._id),
      communityId: String(r.communityId),
      communityName: name.get(String(r.communityId)) ?? '',
      title: r.title,
      body: r.body,
      pinned: r.pinned,
      authorName: name.get(String(r.authorId)) ?? '',
      publishedAt: r.publishedAt.toISOString(),
    }));
  }
}
