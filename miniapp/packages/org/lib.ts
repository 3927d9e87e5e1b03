import Taro from '@tarojs/taro';
import { CHILD_KINDS, ORG_KIND_LABELS, type OrgKind, type OrgTreeNode, type TreeKind } from '@gongzhi/shared';

// Small helpers shared by the 组织架构 pages.

export const kindLabel = (kind: OrgKind) => ORG_KIND_LABELS[kind];

/** "3 个网格" — what is right below a node, in words. */
export function childrenText(node: Pick<OrgTreeNode, 'kind' | 'childCount'>): string {
  const kinds = CHILD_KINDS[node.kind];
  if (!kinds.length) return '';
  if (node.childCount === 0) return `还没有${kinds.map(kindLabel).join('或')}`;
  if (kinds.length > 1) return `下级 ${node.childCount} 个`;
  return node.kind === 'complex' ? `${node.childCount} 栋楼` : `${node.childCount} 个${kindLabel(kinds[0])}`;
}

/** The kinds created right under a node (a county: streets and departments). */
export const childKinds = (kind: OrgKind): readonly TreeKind[] => CHILD_KINDS[kind];

export const go = (url: string) => void Taro.navigateTo({ url });

export const urls = {
  tree: (id?: string, kind?: TreeKind) =>
    `/packages/org/tree/index${id ? `?id=${id}${kind ? `&kind=${kind}` : ''}` : kind ? `?kind=${kind}` : ''}`,
  node: (id: string) => `/packages/org/node/index?id=${id}`,
  create: (parentId: string, kind: TreeKind) => `/packages/org/edit/index?parentId=${parentId}&kind=${kind}`,
  edit: (id: string) => `/packages/org/edit/index?id=${id}`,
  move: (id: string) => `/packages/org/move/index?id=${id}`,
  close: (id: string, mode: 'merge' | 'deactivate') => `/packages/org/close/index?id=${id}&mode=${mode}`,
  units: (streetId?: string) => `/packages/org/units/index${streetId ? `?streetId=${streetId}` : ''}`,
  unit: (id: string) => `/packages/org/unit/index?id=${id}`,
};

/** After a save: a toast, then back to where the form was opened (a page opened by link: the tree). */
export function done(title: string) {
  void Taro.showToast({ title, icon: 'success' });
  setTimeout(() => {
    if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
    else void Taro.redirectTo({ url: '/packages/org/tree/index' });
  }, 600);
}
