// @qiun/ucharts ships without types: the part the Chart component uses.
declare module '@qiun/ucharts' {
  export default class UCharts {
    constructor(opts: Record<string, unknown>);
    updateData(data: Record<string, unknown>): void;
  }
}
