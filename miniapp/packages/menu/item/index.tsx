import type { ReactNode } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import {
  MENU_CATEGORIES,
  NEED_OWNER_ROLES,
  RESOURCE_KIND_LABELS,
  api,
  type MenuItemDetail,
  type Role,
} from '@gongzhi/shared';
import { call } from '../../../services/api';
import { HOME_URL, getSavedUser } from '../../../services/session';
import { useRemote } from '../../../hooks/useRemote';
import { useSignedIn } from '../../../hooks/useSignedIn';
import { ErrorState, LoadingCards } from '../../../components/PageState';
import { FieldList } from './FieldList';
import './index.scss';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <View className="detail-section">
      <Text className="section-title">{title}</Text>
      {children}
    </View>
  );
}

function Hero({ item }: { item: MenuItemDetail }) {
  const category = MENU_CATEGORIES.find((c) => c.code === item.categoryCode);
  return (
    <View className="detail-hero">
      {category && (
        <View
          className="detail-hero__category"
          style={{ color: category.color, backgroundColor: `${category.color}1A` }}
        >
          <Text>{`${category.icon} ${category.name}`}</Text>
        </View>
      )}
      <Text className="detail-hero__name">{item.name}</Text>
      <Text className="detail-hero__summary">{item.summary}</Text>
      <Text className="detail-hero__scope">
        {item.communityId !== null ? `本社区服务 · ${item.communityName ?? ''}` : '全县通用服务'}
      </Text>
    </View>
  );
}

function TimeLimits({ item }: { item: MenuItemDetail }) {
  const { acceptHours, completeHours } = item.timeLimits;
  return (
    <View className="time-limits">
      <View className="time-limits__cell">
        <Text className="time-limits__label">受理</Text>
        <Text className="time-limits__value">{acceptHours}</Text>
        <Text className="time-limits__unit">小时内</Text>
      </View>
      <View className="time-limits__cell">
        <Text className="time-limits__label">办结</Text>
        <Text className="time-limits__value">{completeHours}</Text>
        <Text className="time-limits__unit">小时内</Text>
      </View>
    </View>
  );
}

export default function MenuItemPage() {
  const id = useRouter().params.id ?? '';
  const signedIn = useSignedIn();
  const detail = useRemote(
    async () => {
      const item = await call(api.menu.getMenuItem, { params: { id } });
      void Taro.setNavigationBarTitle({ title: item.name });
      return item;
    },
    [id],
    signedIn,
  );
  const item = detail.data;
  // Residents, volunteers, party members and grid workers order; staff handle orders instead.
  const canOrder = (getSavedUser()?.roles ?? []).some((r: Role) => (NEED_OWNER_ROLES as readonly Role[]).includes(r));

  return (
    <View className={`page menu-item-detail ${item && canOrder ? 'menu-item-detail--with-bar' : ''}`}>
      {detail.loading && !item && (
        <View className="detail-loading">
          <LoadingCards count={3} />
        </View>
      )}
      {detail.error && !detail.loading && (
        <View className="detail-loading">
          <ErrorState
            message={detail.error}
            // A malformed id never loads; a missing item might after a refresh of the menu.
            onRetry={detail.errorCode === 'VALIDATION_FAILED' ? undefined : () => void detail.reload()}
            fallback={{ text: '回到首页', onClick: () => void Taro.switchTab({ url: HOME_URL }) }}
          />
        </View>
      )}

      {item && !detail.error && (
        <>
          <Hero item={item} />

          <Section title="服务说明">
            <Text className="detail-text">{item.description || item.summary}</Text>
          </Section>

          <Section title="办理时限">
            <TimeLimits item={item} />
            <Text className="detail-note">
              {`点单后社区在 ${item.timeLimits.acceptHours} 小时内受理，受理后 ${item.timeLimits.completeHours} 小时内办结。`}
            </Text>
          </Section>

          <Section title="可提供服务的资源">
            {item.resourceKinds.length > 0 ? (
              <View className="resource-kinds">
                {item.resourceKinds.map((kind) => (
                  <Text key={kind} className="resource-kinds__chip">
                    {RESOURCE_KIND_LABELS[kind]}
                  </Text>
                ))}
              </View>
            ) : (
              <Text className="detail-note">由社区安排合适的力量提供服务</Text>
            )}
          </Section>

          <Section title="点单时需要填写">
            <FieldList fields={item.fields} />
          </Section>

          {canOrder && (
            <View className="order-bar">
              <Button
                className="order-bar__button"
                type="primary"
                shape="round"
                size="large"
                block
                onClick={() =>
                  void Taro.navigateTo({ url: `/packages/menu/order/index?id=${encodeURIComponent(item.id)}` })
                }
              >
                我要点单
              </Button>
            </View>
          )}
        </>
      )}
    </View>
  );
}
