import { memo, useEffect, useMemo } from 'react';
import Taro from '@tarojs/taro';
import { Canvas, View } from '@tarojs/components';
// uCharts, not ECharts: it is made for mini-programs (draws on a canvas 2d context, which weapp and H5
// both give), weighs ~145 KB minified against ~400 KB for a tree-shaken ECharts with bar + pie, and
// needs no wrapper component. It lives in the admin subpackage only, so the main package stays small.
import UCharts from '@qiun/ucharts';
import './Chart.scss';

/** A bar's value, or a value with its own colour (e.g. branches over the limit in red). */
export type ChartValue = number | { value: number; color: string };

export interface ChartSeries {
  name: string;
  data: ChartValue[];
  color?: string;
}

export interface ChartProps {
  /** Unique on the page: the canvas is found by it. */
  id: string;
  /** column: vertical bars; bar: horizontal bars (long labels); ring: a donut of shares. */
  type: 'column' | 'bar' | 'ring';
  /** Bar labels, or the ring's slice names. */
  categories: string[];
  /** Bars: one or more series. Ring: one series whose data are the slices (in `categories` order). */
  series: ChartSeries[];
  /** CSS px. */
  height: number;
  /** A red dashed line at this value (e.g. the 50-member limit); the page captions it. */
  markLine?: { value: number };
  /** Text in the ring's middle. */
  centre?: { title: string; sub: string };
  /** Colours of the ring's slices. */
  colors?: string[];
}

export const CHART_COLORS = ['#D42A1F', '#EF6A24', '#F7C76B', '#2E9E6B', '#3B6FE0', '#7A5AD6', '#C9489A', '#6B7280'];

interface Surface {
  ctx: unknown;
  width: number;
  height: number;
  ratio: number;
}

/** The canvas' 2d context sized for the screen's pixel ratio, on weapp (node query) and H5 (DOM). */
function surfaceOf(id: string, ratio: number): Promise<Surface | null> {
  if (process.env.TARO_ENV === 'h5') {
    const canvas = document.querySelector<HTMLCanvasElement>(`#${id} canvas`);
    if (!canvas) return Promise.resolve(null);
    const box = canvas.getBoundingClientRect();
    canvas.width = Math.round(box.width * ratio);
    canvas.height = Math.round(box.height * ratio);
    return Promise.resolve({ ctx: canvas.getContext('2d'), width: box.width, height: box.height, ratio });
  }
  return new Promise((resolve) => {
    Taro.createSelectorQuery()
      .select(`#${id}`)
      .fields({ node: true, size: true })
      .exec((res) => {
        const hit = res?.[0] as { node?: any; width: number; height: number } | undefined;
        if (!hit?.node) return resolve(null);
        hit.node.width = Math.round(hit.width * ratio);
        hit.node.height = Math.round(hit.height * ratio);
        resolve({ ctx: hit.node.getContext('2d'), width: hit.width, height: hit.height, ratio });
      });
  });
}

/** An axis top that splits into 4 whole-number steps (0, 30, 60, 90, 120), never below the mark line. */
function axisMax(p: ChartProps): number {
  const values = p.series.flatMap((x) => x.data.map((v) => (typeof v === 'number' ? v : v.value)));
  const top = Math.max(1, p.markLine?.value ?? 0, ...values);
  let step = Math.ceil(top / 4);
  if (step > 10) step = Math.ceil(step / 5) * 5;
  return step * 4;
}

function optionsOf(p: ChartProps, s: Surface): Record<string, unknown> {
  const base = {
    type: p.type,
    context: s.ctx,
    width: s.width * s.ratio,
    height: s.height * s.ratio,
    pixelRatio: s.ratio,
    animation: false,
    background: '#FFFFFF',
    fontSize: 12,
    fontColor: '#453D38',
    dataLabel: true,
    // Rings get their legend from the page (with exact counts and shares).
    legend: { show: p.type !== 'ring' && p.series.length > 1, position: 'bottom', fontSize: 12, lineHeight: 18 },
  };
  if (p.type === 'ring') {
    return {
      ...base,
      color: p.colors ?? CHART_COLORS,
      series: p.categories.map((name, i) => ({ name, data: p.series[0]?.data[i] ?? 0 })),
      padding: [8, 8, 8, 8],
      dataLabel: false,
      title: { name: p.centre?.title ?? '', fontSize: 20, color: '#1F1A17' },
      subtitle: { name: p.centre?.sub ?? '', fontSize: 12, color: '#8A807A' },
      extra: {
        ring: {
          ringWidth: 22,
          activeOpacity: 0.5,
          offsetAngle: -90,
          border: true,
          borderWidth: 2,
          borderColor: '#FFFFFF',
        },
      },
    };
  }
  const mark = p.markLine
    ? {
        markLine: {
          type: 'dash',
          dashLength: 4,
          data: [
            {
              value: p.markLine.value,
              lineColor: '#D42A1F',
              // uCharts draws the label over the y axis, clipped at 320 px: the page captions the line instead.
              showLabel: false,
            },
          ],
        },
      }
    : {};
  return {
    ...base,
    categories: p.categories,
    series: p.series.map((x, i) => ({ name: x.name, data: x.data, color: x.color ?? CHART_COLORS[i] })),
    color: CHART_COLORS,
    padding: p.type === 'bar' ? [8, 28, 4, 4] : [16, 8, 4, 4],
    // Horizontal bars: categories on the y axis, values on x (uCharts swaps the axes for 'bar').
    xAxis:
      p.type === 'bar'
        ? {
            boundaryGap: 'justify',
            min: 0,
            max: axisMax(p),
            splitNumber: 4,
            fontSize: 11,
            gridType: 'dash',
            dashLength: 4,
            axisLine: false,
          }
        : {
            disableGrid: true,
            fontSize: 11,
            rotateLabel: p.categories.length > 5,
            rotateAngle: 40,
          },
    yAxis:
      p.type === 'bar'
        ? { disableGrid: true, fontSize: 11 }
        : { gridType: 'dash', dashLength: 4, splitNumber: 4, data: [{ min: 0, max: axisMax(p), fontSize: 11 }] },
    extra: {
      column: { type: 'group', width: 18, activeBgOpacity: 0.08, barBorderCircle: true, seriesGap: 2 },
      bar: { type: 'group', width: 14, barBorderCircle: true, seriesGap: 2 },
      ...mark,
    },
  };
}

/** One chart (bars or ring) drawn by uCharts into a Taro 2d canvas. Redraws when its data change. */
function ChartView(props: ChartProps) {
  const key = useMemo(
    () => JSON.stringify([props.type, props.categories, props.series, props.markLine, props.centre]),
    [props],
  );
  useEffect(() => {
    let cancelled = false;
    const ratio = Taro.getSystemInfoSync().pixelRatio || 2;
    // The canvas exists after the render commits; wait a frame for its size.
    const timer = setTimeout(() => {
      void surfaceOf(props.id, ratio).then((s) => {
        if (!cancelled && s?.ctx) new UCharts(optionsOf(props, s));
      });
    }, 50);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return (
    <View className="admin-chart" style={{ height: `${props.height}px` }}>
      <Canvas type="2d" id={props.id} className="admin-chart__canvas" style={{ height: `${props.height}px` }} />
    </View>
  );
}

export const Chart = memo(ChartView);
