import { z, objectId } from '../validation';
import { idNumberProblem } from '../party/idnumber';
import { sessionResponse } from '../auth/schemas';

// Joining a community (选择住址), binding a phone number and linking an imported record (关联登记信息).

/** Link attempts (name + ID number) an account may make per day, matched or not. */
export const LINK_ATTEMPTS_PER_DAY = 5;

/** The one answer to a name + ID number that matches no record: it never says which part was wrong. */
export const LINK_NO_MATCH_MESSAGE =
  '没有找到与这个姓名和身份证号相符的登记信息，请核对后再试；如仍有疑问请联系社区工作人员';

const coordinate = (min: number, max: number) => z.coerce.number().min(min).max(max);

export const joinCommunitiesQuery = z
  .strictObject({
    /** The person's location (GCJ-02, as wx.getLocation gives): nearest first when both are sent. */
    lng: coordinate(-180, 180).optional(),
    lat: coordinate(-90, 90).optional(),
    /** Part of the community's or street's name. */
    q: z.string().trim().max(20, '最多 20 个字').optional(),
  })
  .refine((v) => (v.lng === undefined) === (v.lat === undefined), {
    message: '位置需要同时提供经度和纬度',
    path: ['lat'],
  });

export const joinCommunity = z.object({
  id: z.string(),
  name: z.string(),
  street: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** Metres from the location sent, when both it and the community's location are known. */
  distanceM: z.number().int().nullable(),
});
export type JoinCommunity = z.infer<typeof joinCommunity>;
export const joinCommunityList = z.object({
  items: z.array(joinCommunity),
  /** true when the list is ordered by distance (a location was sent). */
  byDistance: z.boolean(),
});

export const joinPlacesParams = z.strictObject({ id: objectId });
export const joinPlaces = z.object({
  community: z.object({ id: z.string(), name: z.string() }),
  complexes: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      buildings: z.array(z.object({ id: z.string(), name: z.string() })),
    }),
  ),
});
export type JoinPlaces = z.infer<typeof joinPlaces>;

export const setHomeBody = z
  .strictObject({
    communityId: objectId,
    complexId: objectId.nullish(),
    buildingId: objectId.nullish(),
  })
  .refine((v) => !v.buildingId || !!v.complexId, { message: '请先选择小区', path: ['complexId'] });
export type SetHomeBody = z.infer<typeof setHomeBody>;

export const bindPhoneBody = z.strictObject({
  /** The code from <button open-type="getPhoneNumber">: valid once, for five minutes. */
  code: z.string().min(1, '缺少手机号授权凭证').max(128),
});

export const linkRecordBody = z.strictObject({
  name: z.string().trim().min(2, '请输入登记时的姓名').max(30, '姓名最多 30 个字'),
  idNumber: z
    .string()
    .trim()
    .transform((v) => v.toUpperCase())
    .superRefine((v, ctx) => {
      const problem = idNumberProblem(v);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
});
export type LinkRecordBody = z.infer<typeof linkRecordBody>;

export const linkRecordResult = sessionResponse.extend({
  /** What the record was: 志愿者 / 党员 / 社区工作人员 / 居民. */
  recordKinds: z.array(z.enum(['resident', 'volunteer', 'partyMember', 'staff'])),
});
