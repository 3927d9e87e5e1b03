import { useRef, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import {
  IMPORT_KINDS,
  IMPORT_KIND_LABELS,
  TREE_IMPORT_KINDS,
  api,
  type DryRunResult,
  type ImportJob,
  type ImportKind,
} from '@gongzhi/shared';
import { call, messageOf } from '../../../services/api';
import { requestKey } from '../../../components/ResidentKit';
import { useSignedIn } from '../../../hooks/useSignedIn';
import { useRemote } from '../../../hooks/useRemote';
import { useAdminAccess } from '../../../hooks/useAdminAccess';
import { AdminForbidden } from '../../../components/AdminForbidden';
import { Card, Chips, PlainButton } from '../components/ui';
import { downloadAndOpen, dryRunSheet, pickSheet, templatePath, type PickedFile } from '../lib/files';
import '../components/ui.scss';
import '../components/party.scss';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** 名册导入: pick the kind, download its template, dry-run a file, then commit with a progress bar. */
export default function ImportPage() {
  const signedIn = useSignedIn();
  const access = useAdminAccess();
  const allowed = access.can(api.imports.dryRunImport);
  const kinds = useRemote(() => call(api.imports.listImportKinds), [], signedIn && allowed);
  const asked = useRouter().params.kind as ImportKind | undefined;
  const [kind, setKind] = useState<ImportKind>(asked && IMPORT_KINDS.includes(asked) ? asked : 'residents');
  const [file, setFile] = useState<PickedFile | null>(null);
  const [dry, setDry] = useState<DryRunResult | null>(null);
  const [job, setJob] = useState<ImportJob | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const key = useRef('');

  if (!allowed) return <AdminForbidden />;
  // What the API lists for this person (the org tree only for county and street administrators).
  const offered = kinds.data
    ? kinds.data.kinds.map((k) => k.kind)
    : IMPORT_KINDS.filter((k) => !TREE_IMPORT_KINDS.includes(k));
  const columns = kinds.data?.kinds.find((k) => k.kind === kind)?.columns ?? [];

  const choose = (k: ImportKind) => {
    setKind(k);
    setFile(null);
    setDry(null);
    setJob(null);
    setError(null);
  };

  const template = async () => {
    try {
      await downloadAndOpen(templatePath(kind), `${IMPORT_KIND_LABELS[kind]}导入模板.xlsx`);
    } catch (e) {
      void Taro.showToast({ title: messageOf(e), icon: 'none' });
    }
  };

  const pickAndCheck = async () => {
    setError(null);
    const picked = await pickSheet().catch((e) => {
      setError(messageOf(e));
      return null;
    });
    if (!picked) return;
    setFile(picked);
    setDry(null);
    setJob(null);
    setBusy(true);
    try {
      setDry(await dryRunSheet(kind, picked));
      key.current = requestKey();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  const commit = async () => {
    if (!dry) return;
    const { confirm } = await Taro.showModal({
      title: `导入 ${dry.summary.new + dry.summary.changed} 条？`,
      content: `新增 ${dry.summary.new} 条，更新 ${dry.summary.changed} 条。${dry.summary.invalid ? `有误的 ${dry.summary.invalid} 行会跳过。` : ''}`,
      confirmText: '导入',
      confirmColor: '#D42A1F',
    });
    if (!confirm) return;
    setBusy(true);
    setError(null);
    try {
      let j = await call(api.imports.commitImport, {
        params: { kind },
        body: { fileId: dry.fileId },
        header: { 'Idempotency-Key': key.current },
      });
      setJob(j);
      while (j.status === 'running') {
        await sleep(800);
        j = await call(api.imports.showImportJob, { params: { id: j.id } });
        setJob(j);
      }
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  const s = dry?.summary;
  const percent = job ? Math.round((100 * job.processed) / Math.max(1, job.total)) : 0;

  return (
    <View className="page party-page admin-import">
      <Card title="1. 选择名册">
        <Chips
          options={offered.map((k) => ({ value: k, label: IMPORT_KIND_LABELS[k] }))}
          value={kind}
          onChange={choose}
        />
        {columns.length > 0 && (
          <Text className="party-note">{`列：${columns.map((c) => (c.required ? `${c.header}*` : c.header)).join('、')}`}</Text>
        )}
        <PlainButton onClick={() => void template()}>下载模板（.xlsx）</PlainButton>
      </Card>

      <Card title="2. 上传并预检">
        <Text className="party-note">支持 .xlsx 和 .csv。预检只检查、不写入；同一份文件重复导入不会产生重复数据。</Text>
        <PlainButton tone="brand" disabled={busy} onClick={() => void pickAndCheck()}>
          {file ? `重新选择（当前：${file.name}）` : '选择文件'}
        </PlainButton>
        {busy && !dry && !job && <Text className="party-note">正在逐行检查…</Text>}
        {error && <Text className="party-error">{error}</Text>}
        {s && (
          <>
            <View className="party-summary">
              {[
                ['新增', s.new],
                ['更新', s.changed],
                ['未变', s.unchanged],
                ['有误', s.invalid],
              ].map(([label, value]) => (
                <View key={label} className="party-summary__cell">
                  <Text className="party-summary__value">{value}</Text>
                  <Text className="party-summary__label">{label}</Text>
                </View>
              ))}
            </View>
            {dry!.errors.map((e, i) => (
              <View key={i} className="party-error">
                <Text className="party-error__where">{`第 ${e.row} 行${e.column ? ` · ${e.column}` : ''}`}</Text>
                <Text>{`${e.value ? `「${e.value}」` : ''}${e.message}`}</Text>
              </View>
            ))}
            {dry!.changes.length > 0 && <Text className="party-note admin-import__changes">将更新的记录：</Text>}
            {dry!.changes.map((c) => (
              <View key={c.row} className="party-change admin-import__change">
                <Text className="party-change__where">{`第 ${c.row} 行 · ${c.name}`}</Text>
                <Text>{c.fields.map((f) => `${f.label}：${f.from ?? '（空）'} → ${f.to ?? '（空）'}`).join('；')}</Text>
              </View>
            ))}
            {dry!.errorCount > dry!.errors.length && (
              <Text className="party-note">{`还有 ${dry!.errorCount - dry!.errors.length} 处问题未列出，请先改正上面的。`}</Text>
            )}
          </>
        )}
      </Card>

      {s && (
        <Card title="3. 确认导入">
          {job && (
            <>
              <View className="party-progress">
                <View className="party-progress__bar" style={{ width: `${percent}%` }} />
              </View>
              <Text className="party-note">{job.message}</Text>
            </>
          )}
          {(!job || job.status !== 'done') && (
            <Button
              type="primary"
              block
              loading={busy && !!dry}
              disabled={s.new + s.changed === 0}
              className="admin-import__commit"
              onClick={() => void commit()}
            >
              {s.new + s.changed === 0 ? '没有需要导入的内容' : `导入 ${s.new + s.changed} 条`}
            </Button>
          )}
        </Card>
      )}
    </View>
  );
}
