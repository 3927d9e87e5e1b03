import { useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { api, type OrgTreeNode } from '@gongzhi/shared';
import { call } from '../../../services/api';
import { useSignedIn } from '../../../hooks/useSignedIn';
import { useRemote } from '../../../hooks/useRemote';
import { useAdminAccess } from '../../../hooks/useAdminAccess';
import { AdminForbidden } from '../../../components/AdminForbidden';
import { ErrorState, LoadingCards } from '../../../components/PageState';
import { Banner, Card, PlainButton } from '../../admin/components/ui';
import { TextField } from '../../admin/components/form';
import { confirmDanger, useSubmit } from '../../admin/lib/useSubmit';
import { NodePicker } from '../NodePicker';
import { done, kindLabel } from '../lib';
import '../../admin/components/ui.scss';
import '../org.scss';

/**
 * 合并 / 停用: first what is here, in plain words; then where it goes (a place of the same kind) and
 * what that means ("还有 12 位居民…，将转到「南门社区」"); then a confirmation. A place with nothing
 * on it can be closed without a target.
 */
export default function OrgClosePage() {
  const signedIn = useSignedIn();
  const access = useAdminAccess();
  const allowed = access.can(api.org.deactivateOrgNode);
  const { id = '', mode = 'deactivate' } = useRouter().params;
  const merge = mode === 'merge';
  const [target, setTarget] = useState<OrgTreeNode | null>(null);
  const [reason, setReason] = useState('');
  const submit = useSubmit();
  const impact = useRemote(
    () => call(api.org.getOrgNodeImpact, { params: { id }, query: target ? { targetId: target.id } : {} }),
    [id, target?.id],
    signedIn && allowed && !!id,
  );

  if (!allowed) return <AdminForbidden />;
  if (impact.loading && !impact.data) return <LoadingCards count={2} />;
  if (impact.error && !impact.data) return <ErrorState message={impact.error} onRetry={() => void impact.reload()} />;
  const data = impact.data!;
  const node = data.node;
  const needsTarget = merge || data.blocking;
  const ready = !impact.loading && (!needsTarget || !!target);
  const verb = merge ? '合并' : '停用';

  const run = async () => {
    const ok = await confirmDanger(
      target ? `${verb}「${node.name}」并转到「${target.name}」？` : `停用「${node.name}」？`,
      `${data.sentence}。停用后「${node.name}」保留在变更记录里，不再出现在选择列表中。`,
      verb,
    );
    if (!ok) return;
    const body = { ...(target ? { targetId: target.id } : {}), ...(reason.trim() ? { reason } : {}) };
    const sent = await submit.send(() =>
      merge
        ? call(api.org.mergeOrgNode, { params: { id }, body: { targetId: target!.id, ...body } })
        : call(api.org.deactivateOrgNode, { params: { id }, body }),
    );
    if (sent) done(merge ? '已合并' : '已停用');
  };

  return (
    <View className="page org-page org-close">
      <Card title={`${verb}${kindLabel(node.kind)}「${node.name}」`}>
        <Text className={`org-impact org-close__impact ${data.blocking ? '' : 'org-impact--calm'}`}>
          {data.sentence}
        </Text>
        {data.renames.length > 0 && (
          <Text className="org-note">
            {`重名的会改名：${data.renames.map((r) => `「${r.from}」改为「${r.to}」`).join('，')}`}
          </Text>
        )}
        {!merge && !data.blocking && <Text className="org-note">也可以选择一个同类的地方接替它。</Text>}
      </Card>
      <Card title={`转到哪个${kindLabel(node.kind)}`}>
        {target ? (
          <View className="org-picked org-close__picked">
            <Text>{target.name}</Text>
            <Text className="org-picker__pick" onClick={() => setTarget(null)}>
              重新选择
            </Text>
          </View>
        ) : (
          <NodePicker want={node.kind} exclude={[node.id]} onPick={setTarget} />
        )}
      </Card>
      <Card>
        <TextField
          label={`${verb}原因`}
          value={reason}
          onInput={setReason}
          placeholder="例如：两个社区合并"
          maxlength={200}
          className="org-close__reason"
        />
      </Card>
      <Banner message={submit.banner} />
      <PlainButton
        tone="danger"
        disabled={!ready || submit.saving}
        className="org-close__submit"
        onClick={() => void run()}
      >
        {ready ? (target ? `${verb}并转到「${target.name}」` : '停用') : `先选择转到的${kindLabel(node.kind)}`}
      </PlainButton>
    </View>
  );
}
