import { Types } from 'mongoose';
import { ORG_KIND_LABELS, type OrgKind } from '@gongzhi/shared';
import { AppError } from '../core/app-error';
import { isDuplicateKey, type Db } from '../core/db';
import { ACTIVE, OrgModel, type Org } from './org.model';
import { OrgNameModel, type OrgName } from './org-name.model';
import { UnitModel, type Unit } from './unit.model';

/**
 * The key a name is unique under: among siblings (same parent); communities county-wide, because
 * every roster import names its community by name alone; complexes within their community, because
 * the roster imports name a complex by community and name. Units: within their street.
 */
export function nameKeyOf(kind: OrgKind | 'unit', parentId: Types.ObjectId | string | null, name: string): string {
  if (kind === 'community') return `community:${name}`;
  if (kind === 'unit') return `unit:${String(parentId)}:${name}`;
  return `${String(parentId)}:${name}`;
}

export const orgNameKey = (o: Pick<Org, 'kind' | 'parentId' | 'name' | 'ancestors'>) =>
  nameKeyOf(o.kind, o.kind === 'complex' ? (o.ancestors.at(-2) ?? o.parentId) : o.parentId, o.name);
export const unitNameKey = (u: Pick<Unit, 'streetId' | 'name'>) => nameKeyOf('unit', u.streetId, u.name);

/** What is named: an org node (its kind, where) or a unit; `nodeId` is the one taking the name. */
export interface NameTaker {
  key: string;
  nodeId: Types.ObjectId;
  kind: OrgKind | 'unit';
  name: string;
  /** Active siblings of the same name that no claim covers (made before claims, or by the complexes import). */
  sibling: Record<string, unknown>;
  /** "南门社区下" — where, for the message. */
  where: string;
}

export function orgTaker(
  kind: OrgKind,
  parent: Pick<Org, '_id' | 'name'> & { parentId?: Types.ObjectId | null },
  name: string,
  nodeId: Types.ObjectId,
) {
  // A complex's name space is its grid's community.
  const community = kind === 'complex' ? (parent.parentId ?? parent._id) : null;
  return {
    key: nameKeyOf(kind, community ?? parent._id, name),
    nodeId,
    kind,
    name,
    sibling:
      kind === 'community'
        ? { kind, name }
        : community
          ? { kind, name, ancestors: community }
          : { parentId: parent._id, name },
    where: kind === 'community' ? '全县' : community ? '本社区' : `「${parent.name}」下`,
  } satisfies NameTaker;
}

export function unitTaker(street: Pick<Org, '_id' | 'name'>, name: string, nodeId: Types.ObjectId) {
  return {
    key: nameKeyOf('unit', street._id, name),
    nodeId,
    kind: 'unit',
    name,
    sibling: { streetId: street._id, name },
    where: `「${street.name}」`,
  } satisfies NameTaker;
}

const taken = (t: NameTaker) => {
  const what = t.kind === 'unit' ? '驻区单位' : ORG_KIND_LABELS[t.kind];
  return new AppError('CONFLICT', `${t.where}已经有名为「${t.name}」的${what}，请换一个名称`, [
    { path: 'body.name', message: `已有同名的${what}` },
  ]);
};

/**
 * Takes a name for a node, or refuses with 409. The insert of the key decides between two people
 * at once; a key left by a node that has since been renamed, moved or closed is stale and is
 * taken over (deleted by its holder's id, then inserted again: still one winner).
 */
export async function takeName(db: Db, t: NameTaker, now: Date): Promise<void> {
  const names = db.model(OrgNameModel);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await names.create({ _id: t.key, nodeId: t.nodeId, at: now });
      break;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      const claim = await names.findById(t.key).lean<OrgName>();
      if (!claim) continue;
      if (claim.nodeId.equals(t.nodeId)) break; // a retry of our own change
      if (await holds(db, claim, now)) throw taken(t);
      await names.deleteOne({ _id: t.key, nodeId: claim.nodeId });
    }
  }
  const filter = { ...t.sibling, ...ACTIVE, _id: { $ne: t.nodeId } };
  const twin = t.kind === 'unit' ? await db.model(UnitModel).exists(filter) : await db.model(OrgModel).exists(filter);
  if (twin) {
    await releaseName(db, t.key, t.nodeId);
    throw taken(t);
  }
}

/** Gives a name back (the node was renamed, moved away or closed). Only the holder's own key goes. */
export async function releaseName(db: Db, key: string, nodeId: Types.ObjectId): Promise<void> {
  await db.model(OrgNameModel).deleteOne({ _id: key, nodeId });
}

/** A node is written just after its name is taken: a claim this young without its node is a creation in flight. */
const IN_FLIGHT_MS = 60_000;

/**
 * Whether the claim's holder still carries that name there (active, same key), or is about to: a
 * claim whose node is not written yet holds for a minute (after that it is a crashed creation's).
 */
async function holds(db: Db, claim: OrgName, now: Date): Promise<boolean> {
  const org = await db.model(OrgModel).findById(claim.nodeId).lean<Org>();
  if (org) return org.active !== false && orgNameKey(org) === claim._id;
  const unit = await db.model(UnitModel).findById(claim.nodeId).lean<Unit>();
  if (unit) return unit.active !== false && unitNameKey(unit) === claim._id;
  return now.getTime() - new Date(claim.at).getTime() < IN_FLIGHT_MS;
}
