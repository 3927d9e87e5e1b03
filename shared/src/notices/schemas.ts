import { z, objectId, page, pageSize, paged } from '../validation';

/** 社区公告: what a community tells its residents (停水通知, 活动预告, 政策宣传). */
export const notice = z.object({
  id: z.string(),
  communityId: z.string(),
  communityName: z.string(),
  title: z.string(),
  body: z.string(),
  pinned: z.boolean(),
  authorName: z.string(),
  publishedAt: z.string(),
});
export type Notice = z.infer<typeof notice>;

export const noticesQuery = z.strictObject({ communityId: objectId.optional(), page, pageSize });
export const noticesPage = paged(notice);

export const postNoticeBody = z.strictObject({
  title: z.string().trim().min(2, '标题至少 2 个字').max(40, '标题最多 40 个字'),
  body: z.string().trim().min(1, '请填写公告内容').max(2000, '内容最多 2000 字'),
  pinned: z.boolean().default(false),
  /** Street and county roles name the community; community staff post to their own. */
  communityId: objectId.optional(),
});
export type PostNoticeBody = z.infer<typeof postNoticeBody>;

export const noticeParams = z.strictObject({ id: objectId });

/** Who posts and withdraws notices. */
export const NOTICE_EDITORS = ['staff', 'streetAdmin', 'countyAdmin'] as const;
