import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { api, type ServiceRecordView } from '@gongzhi/shared';
import { call, messageOf } from '../../../services/api';
import { useRemote } from '../../../hooks/useRemote';
import { usePaged } from '../../../hooks/usePaged';
import { useSignedIn } from '../../../hooks/useSignedIn';
import { EmptyState, ErrorState, LoadingCards } from '../../../components/PageState';
import { PagedFooter, requestKey } from '../../../components/ResidentKit';
import { dateText, hoursText, whenText } from '../look';
import { openCertificate } from './certificate';
import './index.scss';

/** The check address as printed: the API's origin (the page's own on H5). */
function verifyUrl(path: string): string {
  const origin = API_BASE || (typeof window !== 'undefined' && window.location ? window.location.origin : '');
  return origin + path;
}

function Record({ r }: { r: ServiceRecordView }) {
  return (
    <View className="rec">
      <View className="rec__body">
        <Text className="rec__title">{r.activity.title}</Text>
        <Text className="rec__meta">{`${dateText(r.start)} · ${r.community.name} · ${r.activity.brandName}`}</Text>
        {r.correction && (
          <Text className="rec__fix">{`已更正（原 ${hoursText(r.correction.originalMinutes)} 小时）：${r.correction.reason}`}</Text>
        )}
      </View>
      <View className="rec__hours">
        <Text className="rec__hours-num">{hoursText(r.minutes)}</Text>
        <Text className="rec__hours-unit">小时</Text>
      </View>
    </View>
  );
}

/** 服务记录与证明: star level, every confirmed shift, and a certificate the community issues. */
export default function RecordsPage() {
  const signedIn = useSignedIn();
  const summary = useRemote(() => call(api.hours.getMyHours, { query: { pageSize: 1 } }), [], signedIn);
  const list = usePaged(
    (page, pageSize) => call(api.hours.getMyHours, { query: { page, pageSize } }),
    [],
    signedIn,
    20,
  );
  const [issued, setIssued] = useState<{ code: string; pdfPath: string; verifyPath: string; issuedAt: string } | null>(
    null,
  );
  const [busy, setBusy] = useState(false);
  const s = summary.data;

  const issue = async () => {
    const { confirm } = await Taro.showModal({
      title: '开具服务证明',
      content: '将由您所在社区出具志愿服务记录证明（PDF），列明每次服务和累计时长，附查验编号。',
      confirmText: '开具',
      cancelText: '取消',
      confirmColor: '#D42A1F',
    });
    if (!confirm) return;
    setBusy(true);
    try {
      const cert = await call(api.hours.issueCertificate, { body: {}, header: { 'Idempotency-Key': requestKey() } });
      setIssued(cert);
      await openCertificate(cert.pdfPath, cert.code);
    } catch (e) {
      void Taro.showModal({ title: '没有开具成功', content: messageOf(e), showCancel: false, confirmColor: '#D42A1F' });
    } finally {
      setBusy(false);
    }
  };

  const download = async () => {
    if (!issued) return;
    try {
      await openCertificate(issued.pdfPath, issued.code);
    } catch (e) {
      void Taro.showToast({ title: messageOf(e), icon: 'none' });
    }
  };

  const stars = s ? s.star.level : 0;
  return (
    <View className="page pts-page rec-page">
      <View className="pts-hero">
        <Text className="pts-hero__label">累计服务时长（小时）</Text>
        <Text className="pts-hero__num rec-total">{s ? hoursText(s.totalMinutes) : '—'}</Text>
        <Text className="pts-hero__sub">{s ? `本年 ${hoursText(s.yearMinutes)} 小时 · 共 ${s.total} 次` : ' '}</Text>
      </View>
      <View className="pts-body">
        {summary.loading && !s && <LoadingCards count={1} />}
        {summary.error && !summary.loading && (
          <ErrorState message={summary.error} onRetry={() => void summary.reload()} />
        )}
        {s && (
          <View className="pts-card rec-star">
            <View className="rec-star__row">
              <Text className="rec-star__stars">{'★'.repeat(stars) + '☆'.repeat(5 - stars)}</Text>
              <Text className="rec-star__name">{s.star.level > 0 ? s.star.name : '尚未评星'}</Text>
            </View>
            <Text className="rec-star__next">
              {s.star.nextAtHours !== null
                ? `再服务 ${hoursText(s.star.nextAtHours * 60 - s.totalMinutes)} 小时可升至下一星级`
                : '已是最高星级，感谢您的长期奉献'}
            </Text>
            <Text className="rec-star__ladder">{`星级标准：${s.thresholds.map((h, i) => `${i + 1}星 ${h} 小时`).join(' · ')}`}</Text>
            <View className={`rec-star__btn ${busy ? 'rec-star__btn--off' : ''}`} onClick={() => !busy && void issue()}>
              <Text>{busy ? '正在开具…' : '开具志愿服务记录证明'}</Text>
            </View>
            {issued && (
              <View className="rec-cert">
                <Text className="rec-cert__title">{`证明已开具 · ${whenText(issued.issuedAt)}`}</Text>
                <Text className="rec-cert__code">{`查验编号 ${issued.code}`}</Text>
                <Text className="rec-cert__hint">{`任何人可扫描证明上的二维码，或访问 ${verifyUrl(issued.verifyPath)} 查验`}</Text>
                <Text className="rec-cert__link" onClick={() => void download()}>
                  再次下载 PDF
                </Text>
              </View>
            )}
          </View>
        )}
        <View className="pts-card">
          <Text className="section-title">服务记录</Text>
          {list.loading && list.items.length === 0 && <LoadingCards count={2} />}
          {list.error && !list.loading && <ErrorState message={list.error} onRetry={() => void list.reload()} />}
          {!list.loading && !list.error && list.items.length === 0 && (
            <EmptyState text="还没有服务记录" hint="认领活动班次、签到签退，组织方确认后会记在这里" />
          )}
          {list.items.map((r) => (
            <Record key={r.id} r={r} />
          ))}
        </View>
        <PagedFooter list={list} />
      </View>
    </View>
  );
}
