import { Types } from 'mongoose';
import type { TestApp } from '../support/app';
import { Tokens } from '../../cloud/src/core/tokens';
import { UserModel } from '../../cloud/src/people/user.model';
import { seedId } from '../../cloud/src/core/stable-id';
import { seedTeamId } from '../../cloud/src/teams/teams.seed';

// Shared by the teams_* test files: demo team ids and extra volunteers.

export const NANMEN = String(seedId('org:community:nanmen'));
export const XISHAN = String(seedId('org:community:xishan'));
/** 南门 搭把手, led by 王志强 (volunteer); 南门 红色巡逻, led by 刘建国 (partyMember). */
export const HELPING_HAND = String(seedTeamId('nanmen', 'helpingHand'));
export const RED_PATROL = String(seedTeamId('nanmen', 'redPatrol'));
export const NANMEN_PEACEMAKER = String(seedTeamId('nanmen', 'peacemaker'));
export const XISHAN_HELPING_HAND = String(seedTeamId('xishan', 'helpingHand'));
export const NANMEN_STATION = String(seedId('station:nanmen'));
export const uid = (account: string) => String(seedId(`user:${account}`));

/** A volunteer of a community inserted directly, with a token (no sign-in round trip). */
export async function newVolunteer(t: TestApp, name: string, phone: string, community = 'nanmen') {
  const tokens = await t.app.getApplicationContext().getAsync(Tokens);
  const communityId = seedId(`org:community:${community}`);
  const _id = new Types.ObjectId();
  await t.db.model(UserModel).create({
    _id,
    name,
    roles: ['volunteer'],
    phone,
    orgId: communityId,
    communityId,
    createdAt: new Date(),
  });
  const { token } = tokens.issue({ userId: String(_id), sessionId: null });
  return { id: String(_id), auth: `Bearer ${token}` };
}
