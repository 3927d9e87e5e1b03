import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { EVALUATION_RATINGS, EVALUATION_RATING_LABELS, api, buildPath, type EvaluationRating } from '@gongzhi/shared';
import { call, messageOf } from '../../../services/api';
import { useSignedIn } from '../../../hooks/useSignedIn';
import { useRemote } from '../../../hooks/useRemote';
import { useAdminAccess } from '../../../hooks/useAdminAccess';
import { LoadingCards } from '../../../components/PageState';
import { AdminForbidden } from '../../../components/AdminForbidden';
import { Banner, Card, Chips, Field, PlainButton, Sheet, Tag, TextArea } from '../components/ui';
import { AdminList, useListPage } from '../components/AdminList';
import { usePaged } from '../lib/usePaged';
import { failure, type FieldMessages } from '../lib/forms';
import { downloadAndOpen } from '../lib/files';
import { PARTY_ONLY } from '../lib/party';
import '../components/ui.scss';
import '../components/party.scss';

const YEAR = new Date().getFullYear();
type Row = Awaited<ReturnType<typeof call<typeof api.party.listRegistrations>>>['items'][number];

/** 双报到 registrations with this year's evaluations, and 双报告: one Excel per work unit. */
export default function PartyReportsPage() {
  const signedIn = useSignedIn();
  const access = useAdminAccess();
  const allowed = access.can(api.party.listRegistrations);
  const list = usePaged(
    (page) => call(api.party.listRegistrations, { query: { year: YEAR, page, pageSize: 20 } }),
    [],
    signedIn && allowed,
  );
  const units = useRemote(() => call(api.party.listReportUnits, { query: { year: YEAR } }), [], signedIn && allowed);
  const [target, setTarget] = useState<Row | null>(null);
  const [rating, setRating] = useState<EvaluationRating | null>(null);
  const [comment, setComment] = useState('');
  const [fields, setFields] = useState<FieldMessages>({});
  const [banner, setBanner] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useListPage(list, { refresh: () => Promise.all([list.reload(), units.reload()]) });

  if (!allowed || list.errorCode === 'FORBIDDEN') return <AdminForbidden detail={PARTY_ONLY} />;

  const openEvaluate = (r: Row) => {
    setTarget(r);
    setRating(r.evaluation?.rating ?? null);
    setComment(r.evaluation?.comment ?? '');
    setFields({});
    setBanner(null);
  };

  const save = async () => {
    if (!target) return;
    if (!rating) return setFields({ rating: '请选择评价等次' });
    setBusy(true);
    try {
      await call(api.party.evaluateRegistration, {
        body: { registrationId: target.id, year: YEAR, rating, comment },
      });
      setTarget(null);
      void Taro.showToast({ title: '已保存评价', icon: 'success' });
      await Promise.all([list.reload(), units.reload()]);
    } catch (e) {
      const f = failure(e);
      setFields(f.fields);
      setBanner(f.message);
    } finally {
      setBusy(false);
    }
  };

  const exportUnit = async (unitId: string, unitName: string) => {
    try {
      Taro.showLoading({ title: '正在生成' });
      const path = buildPath(api.party.exportUnitReport.path, { unitId }) + `?year=${YEAR}`;
      await downloadAndOpen(path, `双报告_${unitName}_${YEAR}年度.xlsx`);
    } catch (e) {
      void Taro.showToast({ title: messageOf(e), icon: 'none' });
    } finally {
      Taro.hideLoading();
    }
  };

  return (
    <View className="page party-page party-reports">
      <Card title={`${YEAR} 年度双报告`}>
        <Text className="party-note">年终由报到社区评价，按工作单位各导出一份 Excel，反馈给党员所在单位。</Text>
        {units.loading && !units.data && <LoadingCards count={1} />}
        {units.data?.items.length === 0 && <Text className="party-note">还没有党员报到。</Text>}
        {units.data?.items.map((u) => (
          <View key={u.unitId} className="party-row party-unit">
            <View className="party-row__body">
              <Text className="party-row__title">{u.unitName}</Text>
              <Text className="party-row__sub">{`报到 ${u.memberCount} 人 · 已评价 ${u.evaluatedCount} 人`}</Text>
            </View>
            <PlainButton tone="brand" onClick={() => void exportUnit(u.unitId, u.unitName)}>
              导出
            </PlainButton>
          </View>
        ))}
      </Card>

      <Text className="section-title">报到党员</Text>
      <AdminList
        list={list}
        skeletonOnReload
        empty={{ text: '还没有在职党员报到', hint: '党员在小程序“我的 → 双报到”中选择岗位报到' }}
        render={(r) => (
          <View key={r.id} className="party-row party-registration" onClick={() => openEvaluate(r)}>
            <View className="party-row__body">
              <Text className="party-row__title">{r.name}</Text>
              <Text className="party-row__sub">{`${r.postName} · ${r.unitName}`}</Text>
            </View>
            {r.evaluation ? (
              <Tag tone="green">{EVALUATION_RATING_LABELS[r.evaluation.rating]}</Tag>
            ) : (
              <Tag tone="orange">待评价</Tag>
            )}
            <Text className="party-row__arrow">›</Text>
          </View>
        )}
      />

      <Sheet
        open={!!target}
        title={`${YEAR} 年度评价：${target?.name ?? ''}`}
        onClose={() => setTarget(null)}
        footer={
          <Button type="primary" block loading={busy} className="party-reports__save" onClick={() => void save()}>
            保存评价
          </Button>
        }
      >
        <Banner message={banner} />
        <Field label="评价等次" required error={fields.rating}>
          <Chips
            options={EVALUATION_RATINGS.map((v) => ({ value: v, label: EVALUATION_RATING_LABELS[v] }))}
            value={rating}
            onChange={(v) => {
              setRating(v);
              setFields({});
            }}
          />
        </Field>
        <Field label="社区评语" required error={fields.comment}>
          <TextArea value={comment} maxlength={300} placeholder="岗位服务情况、群众评价" onInput={setComment} />
        </Field>
      </Sheet>
    </View>
  );
}
