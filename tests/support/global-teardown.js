const fs = require('node:fs');

module.exports = async () => {
  const state = globalThis.__GONGZHI_DB__;
  if (!state) return;
  await state.db.stop();
  fs.rmSync(state.dataDir, { recursive: true, force: true });
};
