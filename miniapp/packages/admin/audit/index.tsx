import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text, Picker } from '@tarojs/components';
import {
  AUDIT_RETENTION_DAYS,
  AUDIT_WHATS,
  AUDIT_WHAT_LABELS,
  api,
  type AuditRow,
  type AuditWhat,
} from '@gongzhi/shared';
import { call, messageOf } from '../../../services/api';
import { useSignedIn } from '../../../hooks/useSignedIn';
import { useAdminAccess } from '../../../hooks/useAdminAccess';
import { AdminForbidden } from '../../../components/AdminForbidden';
import { DateRange } from '../components/DateRange';
import { Card, PlainButton, Tag, TextInput } from '../components/ui';
import { AdminList, useListPage } from '../components/AdminList';
import { usePaged } from '../lib/usePaged';
import { chinaDate, dateTime } from '../lib/format';
import { openExcel } from '../lib/download';
import { ExportButton } from '../dashboard/parts';
import '../components/ui.scss';
import '../dashboard/index.scss';
import './index.scss';

const DAY = 24 * 3600 * 1000;
const WHAT_OPTIONS: { value: AuditWhat | ''; label: string }[] = [
  { value: '', label: '全部内容' },
  ...AUDIT_WHATS.map((w) => ({ value: w, label: AUDIT_WHAT_LABELS[w] })),
];

interface Filters {
  actor: string;
  subject: string;
  what: AuditWhat | '';
  from: string;
  to: string;
}

/**
 * 管理 › 审计日志 (county and street administrators): who read whose personal data, what, why and
 * when, newest first; by reader, person read, content and dates; 导出Excel with the same filters.
 * Searching is itself recorded.
 */
export default function AuditLogPage() {
  const signedIn = useSignedIn();
  const access = useAdminAccess();
  const allowed = access.can(api.audit.searchAuditLog);
  const [actor, setActor] = useState('');
  const [subject, setSubject] = useState('');
  // The names apply on 查询; content and dates at once.
  const [filters, setFilters] = useState<Filters>({
    actor: '',
    subject: '',
    what: '',
    from: chinaDate(new Date(Date.now() - 29 * DAY)),
    to: chinaDate(),
  });
  const [exporting, setExporting] = useState(false);

  const query = (f: Filters) => ({
    actor: f.actor || undefined,
    subject: f.subject || undefined,
    what: f.what || undefined,
    from: f.from,
    to: f.to,
  });
  const list = usePaged(
    (page) => call(api.audit.searchAuditLog, { query: { ...query(filters), page, pageSize: 20 } }),
    [filters],
    signedIn && allowed,
  );
  useListPage(list);

  if (!allowed || list.errorCode === 'FORBIDDEN') return <AdminForbidden />;

  const set = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, ...patch }));
  const apply = () => set({ actor: actor.trim(), subject: subject.trim() });
  const clear = () => {
    setActor('');
    setSubject('');
    set({ actor: '', subject: '', what: '' });
  };
  const whatIndex = Math.max(
    0,
    WHAT_OPTIONS.findIndex((o) => o.value === filters.what),
  );

  const exportExcel = async () => {
    setExporting(true);
    try {
      await openExcel(api.audit.exportAuditLog, query(filters), `审计日志_${filters.from}至${filters.to}.xlsx`);
    } catch (e) {
      void Taro.showToast({ title: messageOf(e), icon: 'none' });
    } finally {
      setExporting(false);
    }
  };

  const typed = actor.trim() !== filters.actor || subject.trim() !== filters.subject;

  return (
    <View className="page admin-page dashboard audit-log">
      <View className="dashboard__hero">
        <View className="dashboard__hero-text">
          <Text className="dashboard__scope">审计日志</Text>
          <Text className="dashboard__asof">{`工作人员查看个人信息的记录 · 保留至少 ${AUDIT_RETENTION_DAYS} 天`}</Text>
        </View>
        <ExportButton busy={exporting} disabled={list.loading} onClick={() => void exportExcel()} />
      </View>

      <Card className="audit-filters">
        <View className="audit-filters__row">
          <Text className="audit-filters__label">查看人</Text>
          <TextInput
            className="audit-filters__input audit-actor"
            value={actor}
            onInput={setActor}
            placeholder="工作人员姓名"
            maxlength={40}
          />
        </View>
        <View className="audit-filters__row">
          <Text className="audit-filters__label">被查看人</Text>
          <TextInput
            className="audit-filters__input audit-subject"
            value={subject}
            onInput={setSubject}
            placeholder="居民姓名或编号"
            maxlength={40}
          />
        </View>
        <View className="audit-filters__row">
          <Text className="audit-filters__label">查看内容</Text>
          <Picker
            mode="selector"
            range={WHAT_OPTIONS.map((o) => o.label)}
            value={whatIndex}
            onChange={(e) => set({ what: WHAT_OPTIONS[Number(e.detail.value)].value })}
          >
            <View className="audit-filters__picker audit-what">
              <Text>{WHAT_OPTIONS[whatIndex].label}</Text>
              <Text className="audit-filters__arrow">›</Text>
            </View>
          </Picker>
        </View>
        <DateRange from={filters.from} to={filters.to} onFrom={(from) => set({ from })} onTo={(to) => set({ to })} />
        <View className="audit-filters__actions">
          <PlainButton className="audit-clear" onClick={clear}>
            清除条件
          </PlainButton>
          <PlainButton className="audit-search" tone="brand" onClick={apply} disabled={!typed && !list.error}>
            查询
          </PlainButton>
        </View>
      </Card>

      <Text className="audit-note">
        {list.loading ? '正在查询…' : `共 ${list.total} 条 · 居民姓名已脱敏；您的查询也会记入审计日志`}
      </Text>
      <View className="audit-list">
        <AdminList
          list={list}
          loadingCount={4}
          skeletonOnReload
          empty={{ text: '没有符合条件的记录', hint: '换个日期范围或清除条件试试' }}
          render={(r) => <AuditItem key={r.id} r={r} />}
        />
      </View>
    </View>
  );
}

function AuditItem({ r }: { r: AuditRow }) {
  const openNeed = () => r.needId && void Taro.navigateTo({ url: `/packages/admin/need/index?id=${r.needId}` });
  return (
    <View className="audit-row">
      <View className="audit-row__head">
        <Text className="audit-row__time">{dateTime(r.at)}</Text>
        <View className="audit-row__tags">
          {r.whatLabels.map((w) => (
            <Tag key={w} tone={w === '身份证号' || w === '健康状况' ? 'red' : 'orange'}>
              {w}
            </Tag>
          ))}
        </View>
      </View>
      <Text className="audit-row__actor">
        {[r.actor.name, r.actor.role, r.actor.place].filter(Boolean).join(' · ')}
      </Text>
      <Text className="audit-row__subject">
        {r.subject.kind === '本人' ? '本人操作，不涉及他人信息' : `查看了 ${r.subject.name}（${r.subject.kind}）`}
      </Text>
      <View className="audit-row__via">
        <Text className="audit-row__via-label">事由</Text>
        {r.needId ? (
          <Text className="audit-row__link" onClick={openNeed}>
            {`${r.viaLabel} ›`}
          </Text>
        ) : (
          <Text className="audit-row__via-text">{r.viaLabel}</Text>
        )}
      </View>
    </View>
  );
}
